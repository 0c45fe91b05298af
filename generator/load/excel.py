"""An .xlsx workbook → the same raw data a YAML file gives, plus where each value sits (Sheet!C12).

The form is the one write/excel_writer.py makes from load/layout.py; a workbook of the earlier form
(dotted headers, 序号 columns) is read by load/excel_legacy.py.

Handled quietly: numbers stored as text, thousands separators, stray spaces, empty rows, a parent
chosen by name (or left blank when there is only one), merged cells over texts and names (the value
applies to every cell of the range), formula cells (Excel's saved result), the 名称 column's own
formula (it only shows the catalogue's name: ignored), headers whose merges were lost.
Refused with a located message: merged cells over numbers, a formula never computed, an unknown
sheet, column or row label, a parent that does not exist, an amount header whose unit differs from
金额单位, a damaged table, and everything load/xlsx_read.py refuses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..errors import InputError, InputProblem
from .layout import (
    GROUP_SEPARATOR,
    HELP_SHEETS,
    KV_SHEET,
    PARAGRAPH,
    ROOT_GROUP,
    SHEETS_PROPERTY,
    TABLE_MARK,
    TEXT_COLUMN,
    TYPE_COLUMN,
    Field,
    Layout,
    Sheet,
    header_text,
    header_unit,
    layout_for,
    row_type_label,
)
from .messages import format_path
from .xlsx_read import Cell, Grid, Workbook

_SEPARATORS = re.compile(r"[,，\s]")
_CODE = re.compile(r"^\s*(\d+)")
_WHICH = re.compile(r"^(.*)〔第(\d+)个〕$")
NUMERIC = ("amount", "score", "count", "int")
KV_HEADERS = ("分组", "项目", "内容", "说明")
TWIN_MARKER = "gongkai 公开表格机读版"  # write/table_export.py's mark in a table twin's properties


class CellIndex:
    """Where each value of the raw data was read from; a Locator for messages and findings."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.cells: dict[tuple[Any, ...], str] = {}

    def record(self, keys: tuple[Any, ...], where: str) -> None:
        self.cells.setdefault(keys, where)

    def where(self, keys: tuple[Any, ...]) -> str:
        for end in range(len(keys), 0, -1):
            place = self.cells.get(tuple(keys[:end]))
            if place:
                return f"{place}（{format_path(keys)}）"
        return format_path(keys)


# ---------------------------------------------------------------- cell values


EXCEL_DIGITS = 15  # Excel keeps, shows and computes with 15 significant digits


def number(value: Any) -> Any:
    """A cell's number as an exact Decimal. Excel keeps numbers as shortest round-trip decimal text
    in its XML; repr() gives back exactly that text, so nothing is rounded on the way.

    A formula's cached result can carry binary noise past Excel's 15 significant digits
    (=0.1+0.2 is stored as 0.30000000000000004, shown as 0.3); the person saw, and Excel computes
    with, the 15-digit value, so that is what is read. A typed number never has more digits."""
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        exact = Decimal(repr(value))  # nan/inf become non-finite Decimals: the model refuses them
        if exact.is_finite() and len(exact.as_tuple().digits) > EXCEL_DIGITS:
            exact = Decimal(f"{value:.{EXCEL_DIGITS}g}")
        return exact
    if isinstance(value, str):
        text = _SEPARATORS.sub("", value)
        try:
            parsed = Decimal(text)
        except InvalidOperation:
            return value.strip()  # left as text: the model says what it expected
        if not parsed.is_finite():
            return value.strip()
        return int(parsed) if parsed == parsed.to_integral_value() and "." not in text and "e" not in text.lower() \
            else parsed
    return value


def shown_places(number_format: str) -> int | None:
    """Decimals the cell shows (0.00 → 2, #,##0.0 → 1, General → None)."""
    section = number_format.split(";")[0]
    if "General" in section or not re.search(r"[0#]", section):
        return None
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", section)
    _, dot, decimals = section.partition(".")
    return len(re.match(r"[0#]*", decimals).group(0)) if dot else 0  # type: ignore[union-attr]


def shown(cell: Cell) -> Any:
    """A number as the cell shows it: 94.2 in a cell formatted 0.00 is 94.20, which is what the
    document prints for a score (its printed form is its typed form), and what the exported file
    had (an amount written as 455138.70 comes back as 455138.70). Never rounded: only zeros are
    added, so 1234.567 in a 0.00 cell stays 1234.567."""
    value = number(cell.value)
    places = shown_places(cell.number_format) if isinstance(cell.value, int | float) else None
    if isinstance(value, int) and not isinstance(value, bool) and places:
        value = Decimal(value)
    if isinstance(value, Decimal) and places is not None and value.is_finite() \
            and -value.as_tuple().exponent < places:  # type: ignore[operator]
        value = value.quantize(Decimal(1).scaleb(-places))
    return value


def text(value: Any) -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code typed as a number: 2010301.0 → "2010301"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return f"{value.year}年{value.month}月{value.day}日"  # a date typed into a text field
    if isinstance(value, time):
        return value.isoformat()
    return value.strip() if isinstance(value, str) else value


def code(value: Any) -> Any:
    """A code as chosen from the dropdown (“2010301 行政运行”) or typed (2010301)."""
    value = text(value)
    if isinstance(value, str):
        match = _CODE.match(value)
        if match:
            return match.group(1)
    return value


def boolean(value: Any) -> Any:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("是", "true", "yes", "y", "1", "√"):
            return True
        if lowered in ("否", "false", "no", "n", "0", "×"):
            return False
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    return value


def parse_json(value: str, where: str, problems: list[InputProblem], what: str) -> Any:
    try:
        return json.loads(value)
    except (json.JSONDecodeError, RecursionError) as exc:
        line = f"（第 {exc.lineno} 行第 {exc.colno} 列）" if isinstance(exc, json.JSONDecodeError) else ""
        problems.append(InputProblem(where, f"{what}已损坏，不是有效的 JSON{line}：请从导出的原文件重新复制该单元格，"
                                            "或把该表格改为按行填写（类型列选“表头”“表格行”）"))
        return None


def convert(cell: Cell, field: Field, problems: list[InputProblem]) -> Any:
    kind = field.kind
    if kind in ("amount", "score"):
        return shown(cell)
    if kind in NUMERIC:
        return number(cell.value)
    if kind == "bool":
        return boolean(cell.value)
    if kind == "code":
        return code(cell.value)
    if kind == "json" and isinstance(cell.value, str) and cell.value.strip()[:1] in "[{":
        return parse_json(cell.value, cell.where, problems, "该单元格的内容")
    return text(cell.value)


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _put(node: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


# ---------------------------------------------------------------- the workbook


def read_workbook(path: Path) -> tuple[dict[str, Any], CellIndex]:
    from ..model.juesuan import JuesuanInput
    from ..model.yusuan import YusuanInput

    with Workbook(path) as book:
        if (getattr(book.properties, "keywords", "") or "") == TWIN_MARKER:
            message = "这是 gongkai 生成的公开表格机读版（generate --format xlsx），不是输入文件。" \
                      "输入请用 gongkai init --excel 生成的表格"
            raise InputError(str(path), [InputProblem("", message)])
        if KV_SHEET not in book.sheetnames:
            present = "、".join(book.sheetnames) or "无"
            message = f"缺少“{KV_SHEET}”工作表（可能被删除或改名）；现有工作表：{present}。" \
                      "请撤销删除，或用 gongkai init --excel 生成新表格后把数据复制过去"
            raise InputError(str(path), [InputProblem("", message)])
        kv = book.grid(KV_SHEET)
        if _legacy(kv):
            from .excel_legacy import read_legacy

            return read_legacy(path, book, kv)
        kind = _document_kind(kv)
        model = {"决算": JuesuanInput, "预算": YusuanInput}.get(kind[0] or "")
        if model is None:
            raise InputError(str(path), [InputProblem(kind[1], f"“文档”应为 决算 或 预算，实际为 {kind[0]!r}")])
        reader = FormReader(path, layout_for(model))
        reader.read(book, kv)
    return reader.raw, reader.index


def _legacy(kv: Grid) -> bool:
    """The earlier form: 基本信息 with 字段 | 键 | 值 | 说明 and dotted field names."""
    return header_text(kv.value(1, 1)) == "字段" and header_text(kv.value(1, 2)) == "键"


def _document_kind(kv: Grid) -> tuple[str | None, str]:
    for row in kv.rows():
        if header_text(kv.value(row, 2)) == "文档" or header_text(kv.value(row, 1)) == "文档":
            cell = kv.get(row, 3)
            return (text(cell.value) if cell else None), f"{KV_SHEET}!C{row}"
    return None, f"{KV_SHEET}!C2"


@dataclass
class _Entry:
    """A record read from a sheet, for its children to find it by name."""

    chain: tuple[int, ...]  # positions of its parents, outermost first
    key: str | None
    record: dict[str, Any]
    keys: tuple[Any, ...]  # its path in the raw data
    where: str


class FormReader:
    def __init__(self, path: Path, layout: Layout) -> None:
        self.path = path
        self.layout = layout
        self.raw: dict[str, Any] = {}
        self.index = CellIndex(str(path))
        self.problems: list[InputProblem] = []
        self.entries: dict[str, list[_Entry]] = {}
        self.units: list[tuple[str, str]] = []  # (unit in a header or label, where)
        self.unresolved: dict[tuple[str, str, str, str], list[str]] = {}  # rows naming a parent not there

    def fail(self, where: str, message: str) -> None:
        self.problems.append(InputProblem(where, message))

    def read(self, book: Workbook, kv: Grid) -> None:
        self.read_kv(kv)
        present = set(book.sheetnames)
        known = {s.name for s in self.layout.sheets}
        for name in book.sheetnames:
            if name in known or name in (KV_SHEET, *HELP_SHEETS):
                continue
            grid = book.grid(name)
            if grid.cells:
                listed = "、".join([KV_SHEET, *(s.name for s in self.layout.sheets)])
                self.fail(f"{name}!A1", f"不认识的工作表“{name}”（表名不能改动；本表格的工作表有：{listed}）。"
                                        "如果是自己加的草稿表，请删除或移到别的文件")
        made_with = [n for n in book.custom.get(SHEETS_PROPERTY, "").split("、") if n]
        reported: set[str] = set()
        for sheet in self.layout.sheets:  # parents come before their children
            if sheet.name not in present:
                if sheet.required or sheet.name in made_with:
                    reported.add(sheet.name)
                    self.fail(f"工作表“{sheet.name}”", "缺少这张工作表（被删除或改名了）。不需要的表请留空，不要删除；"
                                                   "请撤销删除，或用 gongkai init --excel 生成新表格，"
                                                   f"把“{sheet.name}”表复制过来")
                continue  # a sheet the form did not have when it was made: no records
            if any(p.sheet not in present for p in sheet.parents):
                missing = next(p.sheet for p in sheet.parents if p.sheet not in present)
                grid = book.grid(sheet.name)
                if len(grid.rows()) > sheet.depth and missing not in reported:
                    self.fail(f"{sheet.name}!A1", f"“{sheet.name}”表的每行属于“{missing}”表中的一条记录，但缺少工作表"
                                                  f"“{missing}”（可能被删除或改名）。请撤销删除，或从新生成的表格复制该表")
                continue
            self.read_sheet(sheet, book.grid(sheet.name))
        self.check_units()
        for (_sheet, parent, wanted, names), places in self.unresolved.items():
            more = f"（共 {len(places)} 行，至 {places[-1].split('!')[1]}）" if len(places) > 1 else ""
            self.fail(places[0] + more, f"“{parent}”表中没有“{wanted}”；应为其中一项：{names}")
        if self.problems:
            raise InputError(str(self.path), self.problems)

    # ------------------------------------------------------------ 基本信息

    def read_kv(self, grid: Grid) -> None:
        columns = {header_text(grid.value(1, c)): c for c in range(1, grid.max_column + 1)}
        group_col, item_col, value_col = (columns.get(h, n + 1) for n, h in enumerate(KV_HEADERS[:3]))
        fields: dict[tuple[tuple[str, ...], str], Field] = {}
        for f in self.layout.kv:
            group = tuple(header_text(g) for g in f.group) or (ROOT_GROUP,)
            fields[(group, header_text(f.label))] = f
        seen: dict[tuple[str, ...], str] = {}
        for row in grid.rows():
            if row == 1:
                continue
            group_text = self.merged_value(grid, row, group_col)
            label_cell = grid.get(row, item_col)
            label = label_cell.value if label_cell else None
            if blank(label):
                if not blank(grid.value(row, value_col)):
                    self.fail(f"{KV_SHEET}!{_letter(item_col)}{row}",
                              "这一行填了内容，但“项目”列是空的：请填写项目名称")
                continue
            group = tuple(header_text(g) for g in str(group_text or ROOT_GROUP).split(GROUP_SEPARATOR.strip()))
            field = fields.get((group, header_text(label)))
            where = f"{KV_SHEET}!{_letter(value_col)}{row}"
            if field is None:
                shown = f"{group_text} · {label}" if not blank(group_text) else str(label)
                self.fail(f"{KV_SHEET}!{_letter(item_col)}{row}",
                          f"不认识的项目“{shown}”（请勿改动“分组”和“项目”两列）")
                continue
            if field.path in seen:
                self.fail(where, f"“{label}”与 {seen[field.path]} 重复，只能填写一次")
                continue
            seen[field.path] = where
            if field.kind == "amount":
                self.note_unit(label, f"{KV_SHEET}!{_letter(item_col)}{row}")
            for end in range(1, len(field.path) + 1):  # so a blank required cell can still be pointed at
                self.index.record(field.path[:end], where)
            cell = self.cell(grid, row, value_col, field)
            if cell is None:
                continue
            _put(self.raw, field.path, convert(cell, field, self.problems))
            self.index.record(field.path, where)

    def merged_value(self, grid: Grid, row: int, column: int) -> Any:
        """A cell's value, or that of the merged range it lies in (a 分组 spanning several rows)."""
        area = grid.merged_at(row, column)
        if area:
            return grid.value(area[0], area[1])
        return grid.value(row, column)

    def cell(self, grid: Grid, row: int, column: int, field: Field | None) -> Cell | None:
        """The cell that holds a value for `field`, or None when it is blank. A merged range applies to
        each of its cells for texts; over numbers it is refused: merged, the figure of each row is not
        known (Excel keeps it in the first cell only), and copying it would change the document."""
        area = grid.merged_at(row, column)
        source = grid.get(area[0], area[1]) if area else grid.get(row, column)
        if area and area[:2] != area[2:] and field is not None and field.kind in NUMERIC \
                and source is not None and not blank(source.value):
            if (row, column) == area[:2]:
                self.fail(f"{grid.title}!{_range(area)}", f"“{field.label}”是数字，不能合并单元格（合并后只有左上角"
                                                          "单元格有值，其余各行的数字不明确）。请取消合并，在每一行填写各自的数字")
            return None
        if source is None:
            return None
        if source.formula is not None and source.value is None:
            self.fail(source.where, f"公式 {source.formula} 没有计算结果；请在 Excel/WPS 中打开并保存后重试")
            return None
        if blank(source.value):
            return None
        if area:
            return Cell(source.value, source.formula, source.number_format, f"{grid.title}!{_letter(column)}{row}")
        return source

    def note_unit(self, label: Any, where: str) -> None:
        unit = header_unit(label)
        if unit:
            self.units.append((unit, where))

    def check_units(self) -> None:
        declared = self.raw.get("金额单位")
        if declared not in ("元", "万元"):
            return  # the model reports it
        for unit, where in self.units:
            if unit != declared:
                self.fail(where, f"表头写明单位为“{unit}”，而“{KV_SHEET}”中的金额单位是“{declared}”。两者必须一致："
                                 f"如果数字是按{declared}填写的，请把表头中的（{unit}）改为（{declared}）；"
                                 f"否则把金额单位改回 {unit}")
                return

    # ------------------------------------------------------------ list and dict sheets

    def read_sheet(self, sheet: Sheet, grid: Grid) -> None:
        depth, columns = self.headers(sheet, grid)
        parent_cols = {name: c for c, name in columns.items() if isinstance(name, str)}
        for row in grid.rows():
            if row <= depth:
                continue
            cells = {c: cell for c in grid.columns_in(row) if (cell := grid.get(row, c)) is not None}
            if all(blank(cell.value) and cell.formula is None for cell in cells.values()):
                continue
            for c, cell in cells.items():
                if c not in columns and not blank(cell.value) and cell.formula is None:
                    self.fail(cell.where, f"这一格有内容，但“{_letter(c)}”列没有列名；请把内容移到正确的列，或删除")
            if self.auto_name_only(sheet, columns, grid, row):
                continue
            target = self.parent(sheet, grid, row, parent_cols)
            if target is None:
                continue
            container, keys, chain = target
            self.read_row(sheet, grid, row, columns, container, keys, chain)

    def auto_name_only(self, sheet: Sheet, columns: dict[int, Any], grid: Grid, row: int) -> bool:
        """A row holding nothing but the 名称 column's own formula (and the parent chosen): not a record."""
        meaningful = [c for c, f in columns.items() if not isinstance(f, str) and not self.is_auto_name(sheet, f)]
        filled = [c for c in meaningful if ((cell := grid.get(row, c)) is not None and not blank(cell.value))
                  or grid.merged_at(row, c)]
        return not filled

    def is_auto_name(self, sheet: Sheet, field: Any) -> bool:
        return isinstance(field, Field) and field.path == ("名称",) and sheet.field(("科目",)) is not None

    def headers(self, sheet: Sheet, grid: Grid) -> tuple[int, dict[int, Field | str]]:
        """The header rows (1 … depth) and what each column holds: a Field, or a parent's label.
        The depth is found, not assumed: a workbook made before a field was nested deeper still reads."""
        best: tuple[int, int, dict[int, Field | str], list[tuple[int, str]]] | None = None
        for depth in range(1, max(sheet.depth, 1) + 2):
            resolved, unknown = self.resolve(sheet, grid, depth)
            score = len(resolved) - len(unknown)
            if best is None or score > best[0]:
                best = (score, depth, resolved, unknown)
        assert best is not None
        _, depth, resolved, unknown = best
        for column, label in unknown:
            self.fail(f"{sheet.name}!{_letter(column)}{depth}", f"不认识的列“{label}”（请勿改动列名；"
                                                                 f"需要的列见“填写说明”表）")
        if sheet.kind == "records":
            for column, field in resolved.items():
                if isinstance(field, Field) and field.kind == "amount":
                    self.note_unit(grid.value(self.leaf_row(grid, column, depth), column),
                                   f"{sheet.name}!{_letter(column)}{self.leaf_row(grid, column, depth)}")
        return depth, resolved

    def leaf_row(self, grid: Grid, column: int, depth: int) -> int:
        for row in range(depth, 0, -1):
            area = grid.merged_at(row, column)
            top = area[0] if area else row
            if not blank(grid.value(top, area[1] if area else column)):
                return top
        return 1

    def resolve(self, sheet: Sheet, grid: Grid, depth: int) -> tuple[dict[int, Field | str], list[tuple[int, str]]]:
        expected = self.expected_columns(sheet)
        resolved: dict[int, Field | str] = {}
        unknown: list[tuple[int, str]] = []
        previous: list[str | None] = []
        previous_merged: list[bool] = []
        for column in range(1, grid.max_column + 1):
            labels: list[str | None] = []
            merged: list[bool] = []
            for row in range(1, depth + 1):
                area = grid.merged_at(row, column)
                merged.append(area is not None)
                if area and area[0] != row:
                    labels.append(None)  # the lower part of a vertical merge
                    continue
                value = grid.value(row, area[1]) if area else grid.value(row, column)
                labels.append(header_text(value) if not blank(value) else None)
            if not any(labels):
                previous, previous_merged = [], []
                continue  # no header at all (a data cell far to the right is reported with its row)
            for row in range(1, depth):
                # A group header whose merge was lost spans to here: same groups above, a label of our
                # own below, and the group's cell to the left not merged (a merge says where it ends).
                if labels[row - 1] is None and previous and labels[:row - 1] == previous[:row - 1] \
                        and previous[row - 1] is not None and not previous_merged[row - 1] \
                        and any(previous[row:]) and any(labels[row:]):
                    labels[row - 1] = previous[row - 1]
            path = tuple(label for label in labels if label)
            path = tuple(p for i, p in enumerate(path) if i == 0 or p != path[i - 1])
            previous, previous_merged = labels, merged
            if not path:
                continue
            if path in expected:
                resolved[column] = expected[path]
            else:
                unknown.append((column, " → ".join(path)))
        return resolved, unknown

    def expected_columns(self, sheet: Sheet) -> dict[tuple[str, ...], Field | str]:
        expected: dict[tuple[str, ...], Field | str] = {}
        for parent in sheet.parents:
            expected[(header_text(parent.label),)] = parent.sheet
        if sheet.kind == "records":
            for f in sheet.fields:
                expected[tuple(header_text(p) for p in f.path)] = f
        elif sheet.kind == "dict":
            for f in sheet.fields:
                expected[(header_text(f.label),)] = f
        elif sheet.kind == "texts":
            expected[(TEXT_COLUMN,)] = Field((TEXT_COLUMN,), "text")
        else:  # paragraphs: 类型, 内容, then the cells of a table row across
            expected[(TYPE_COLUMN,)] = Field((TYPE_COLUMN,), "text")
            expected[(TEXT_COLUMN,)] = Field((TEXT_COLUMN,), "text")
            for n in range(2, 201):
                expected[(f"第{n}列",)] = Field((f"第{n}列",), "text")
        return expected

    def parent(self, sheet: Sheet, grid: Grid, row: int, parent_cols: dict[str, int]
               ) -> tuple[dict[str, Any], tuple[Any, ...], tuple[int, ...]] | None:
        """The record the row belongs to (by its parents' names), its path, and its parents' positions."""
        container: dict[str, Any] = self.raw
        keys: tuple[Any, ...] = ()
        chain: tuple[int, ...] = ()
        for parent in sheet.parents:
            column = parent_cols.get(parent.sheet)
            candidates = [e for e in self.entries.get(parent.sheet, []) if e.chain == chain]
            value = self.merged_value(grid, row, column) if column else None
            where = f"{sheet.name}!{_letter(column)}{row}" if column else f"{sheet.name}!第{row}行"
            if blank(value):
                if len(candidates) == 1:  # one unit only: the column may stay blank
                    entry = candidates[0]
                else:
                    self.fail(where, f"请在“{parent.label}”列选择这一行所属的{parent.alias}"
                                     f"（“{parent.sheet}”表中共有 {len(candidates)} 条）")
                    return None
            else:
                wanted = text(value)
                if parent.key is None:
                    wanted = number(value)
                    found = [candidates[wanted - 1]] if isinstance(wanted, int) and 1 <= wanted <= len(candidates) \
                        else []
                else:
                    found = [e for e in candidates if e.key == wanted]
                    which = _WHICH.match(wanted) if isinstance(wanted, str) and not found else None
                    if which:  # 设备更新经费〔第2个〕: one of several records of the same name
                        same = [e for e in candidates if e.key == which.group(1)]
                        number_ = int(which.group(2))
                        found = [same[number_ - 1]] if 1 <= number_ <= len(same) else []
                if not found:
                    names = "、".join(f"“{e.key}”" for e in candidates[:8] if e.key) or "（没有）"
                    self.unresolved.setdefault((sheet.name, parent.sheet, str(wanted), names), []).append(where)
                    return None
                if len(found) > 1:
                    places = "、".join(e.where for e in found)
                    self.fail(where, f"“{parent.sheet}”表中有 {len(found)} 条名为“{wanted}”的记录（{places}），"
                                     f"无法确定这一行属于哪一条：请写成“{wanted}〔第1个〕”“{wanted}〔第2个〕”……"
                                     "（按它们在表中的先后），或把名称改为各不相同")
                    return None
                entry = found[0]
            container, keys = entry.record, entry.keys
            chain = (*chain, self.entries[parent.sheet].index(entry))
        return container, keys, chain

    def relative(self, sheet: Sheet) -> tuple[str, ...]:
        """The aliases from the parent record (or the root) down to this sheet's list or dict."""
        aliases = tuple(alias for alias, _ in sheet.segments)
        if not sheet.parents:
            return aliases
        parent = self.layout.sheet(sheet.parents[-1].sheet)
        assert parent is not None
        return aliases[len(parent.segments):]

    def read_row(self, sheet: Sheet, grid: Grid, row: int, columns: dict[int, Field | str],
                 container: dict[str, Any], keys: tuple[Any, ...], chain: tuple[int, ...]) -> None:
        rel = self.relative(sheet)
        where_row = f"{sheet.name}!第{row}行"
        if sheet.kind == "dict":
            self.read_dict_row(sheet, grid, row, columns, container, (*keys, *rel), rel)
            return
        node: Any = container
        for alias in rel[:-1]:
            node = node.setdefault(alias, {})
        items = node.setdefault(rel[-1], [])
        item_keys = (*keys, *rel, len(items))
        self.index.record((*keys, *rel), where_row)  # the list as a whole: where its first row is
        self.index.record(item_keys, where_row)
        if sheet.kind == "texts":
            column = next((c for c, f in columns.items() if isinstance(f, Field)), None)
            cell = self.cell(grid, row, column, None) if column else None
            items.append(self.paragraph_text(cell))
            if cell:
                self.index.record(item_keys, cell.where)
            return
        if sheet.kind == "paragraphs":
            items.append(self.paragraph(sheet, grid, row, columns, items))
            if items[-1] is None:
                items.pop()
            return
        record: dict[str, Any] = {}
        key_value = None
        for column, field in columns.items():
            if isinstance(field, str):
                continue
            cell_where = f"{sheet.name}!{_letter(column)}{row}"
            for end in range(1, len(field.path) + 1):
                self.index.record((*item_keys, *field.path[:end]), cell_where)
            source = grid.get(row, column)
            if self.is_auto_name(sheet, field) and source is not None and source.formula is not None:
                continue  # the catalogue's name, shown by the form's own formula: not a typed name
            cell = self.cell(grid, row, column, field)
            if cell is None:
                continue
            value = convert(cell, field, self.problems)
            _put(record, field.path, value)
            if sheet.key and field.path == (sheet.key,):
                key_value = value if isinstance(value, str) else text(value)
        items.append(record)
        self.entries.setdefault(sheet.name, []).append(_Entry(chain, key_value, record, item_keys, where_row))
        if sheet.key and blank(key_value) and self.layout.children(sheet):
            column = next(c for c, f in columns.items() if isinstance(f, Field) and f.path == (sheet.key,))
            self.fail(f"{sheet.name}!{_letter(column)}{row}", f"“{sheet.key}”必填：其他表的行按{sheet.key}选择所属的"
                                                              f"{sheet.alias}")

    def read_dict_row(self, sheet: Sheet, grid: Grid, row: int, columns: dict[int, Field | str],
                      container: dict[str, Any], keys: tuple[Any, ...], rel: tuple[str, ...]) -> None:
        key_field, *value_fields = sheet.fields
        by_field = {f.path: c for c, f in columns.items() if isinstance(f, Field)}
        key_col = by_field.get(key_field.path)
        key_cell = self.cell(grid, row, key_col, key_field) if key_col else None
        if key_cell is None:
            where = f"{sheet.name}!{_letter(key_col or 1)}{row}"
            what = "、".join(f.label for f in value_fields[:3]) + ("等" if len(value_fields) > 3 else "")
            self.fail(where, f"这一行填了{what}，但“{key_field.label}”列是空的")
            return
        key = str(convert(key_cell, key_field, self.problems))
        node: Any = container
        for alias in rel:
            node = node.setdefault(alias, {})
        self.index.record(keys, f"{sheet.name}!第{row}行")  # the dict as a whole: where its first row is
        if key in node:
            self.fail(key_cell.where, f"“{key_field.label}” {key} 在本表中重复，只能填写一次")
            return
        if sheet.record_values:
            record: dict[str, Any] = {}
            self.index.record((*keys, key), key_cell.where)
            for field in value_fields:
                column = by_field.get(field.path)
                cell = self.cell(grid, row, column, field) if column else None
                if cell is not None:
                    self.index.record((*keys, key, *field.path), cell.where)
                    _put(record, field.path, convert(cell, field, self.problems))
            # Only the field a bare value stands for: written back bare, as people write it in YAML.
            node[key] = record[sheet.shorthand] if list(record) == [sheet.shorthand] else record
            return
        (value_field,) = value_fields
        value_col = by_field.get(value_field.path)
        value_cell = self.cell(grid, row, value_col, value_field) if value_col else None
        self.index.record((*keys, key), value_cell.where if value_cell else key_cell.where)
        node[key] = convert(value_cell, value_field, self.problems) if value_cell else None

    def paragraph_text(self, cell: Cell | None) -> Any:
        if cell is None:
            return ""
        value = text(cell.value)
        if isinstance(value, str) and value.startswith(TABLE_MARK):  # a table in the earlier form
            return parse_json(value[len(TABLE_MARK):], cell.where, self.problems, "这一格中的表格（表格JSON）")
        return value

    def paragraph(self, sheet: Sheet, grid: Grid, row: int, columns: dict[int, Field | str],
                  items: list[Any]) -> Any:
        """One row of a list of paragraphs and tables: a paragraph, or a part of the table being typed
        (表头 starts a table; 表格行 and 表注 add to it)."""
        by_label = {f.label: c for c, f in columns.items() if isinstance(f, Field)}
        type_col, text_col = by_label.get(TYPE_COLUMN), by_label.get(TEXT_COLUMN)
        kind_cell = self.cell(grid, row, type_col, None) if type_col else None
        kind = text(kind_cell.value) if kind_cell else PARAGRAPH
        across = sorted(c for label, c in by_label.items() if re.fullmatch(r"第\d+列", label))
        cells_cols = [text_col, *across] if text_col else []
        values = []
        for column in cells_cols:
            cell = self.cell(grid, row, column, None)
            values.append(text(cell.value) if cell else "")
        while values and values[-1] == "":
            values.pop()
        where = f"{sheet.name}!{_letter(type_col or 1)}{row}"
        if kind == PARAGRAPH:
            if len(values) > 1:
                self.fail(where, "段落只填“内容”一列；表格请把类型选为“表头”“表格行”")
            cell = self.cell(grid, row, text_col, None) if text_col else None
            return self.paragraph_text(cell)
        parts = {row_type_label(p): p for p in sheet.fields}
        part = parts.get(kind)
        if part is None:
            allowed = "、".join([PARAGRAPH, *parts])
            self.fail(where, f"“类型”应为 {allowed} 之一，实际为“{kind}”")
            return None
        first_part = sheet.fields[0]
        if part is first_part:  # 表头: a new table
            return {part.label: values}
        table = items[-1] if items and isinstance(items[-1], dict) else None
        if table is None:
            self.fail(where, f"“{kind}”之前应先有一行“{row_type_label(first_part)}”（表格的第一行）")
            return None
        width = len(table.get(first_part.label, []))
        if part.kind == "rows":
            table.setdefault(part.label, []).append(values + [""] * (width - len(values)))
        elif part.kind == "cells":
            table[part.label] = values
        else:
            table[part.label] = values[0] if values else ""
        return None


def _letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _range(area: tuple[int, int, int, int]) -> str:
    return f"{_letter(area[1])}{area[0]}:{_letter(area[3])}{area[2]}"
