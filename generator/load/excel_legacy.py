"""Workbooks of the earlier Excel form (gongkai before the form of load/layout.py), still read.

That form: 基本信息 as 字段 | 键 | 值 | 说明 with dotted field names (部门.名称) and a dict taking one
row per key; one sheet per list named by its dotted path (预算单位.收入支出), dotted column headers
(收入.一般公共预算财政拨款), a nested list's rows naming their parent by number (预算单位序号), a dict
inside a list as “键=值；键=值”, a table inside 附件.正文 as JSON after 表格JSON:.

The layout is derived from the model the same way that form was, so fields added since are simply
absent there. `gongkai export 旧.xlsx --excel 新.xlsx` turns such a workbook into the current form.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import InputError, InputProblem
from .excel import NUMERIC, CellIndex, blank, boolean, code, number, parse_json, shown, text
from .layout import HELP_SHEETS, KV_SHEET, TABLE_MARK, _is_model, _scalar_kind, _unwrap
from .xlsx_read import Cell, Grid, Workbook

OLD_HELP_SHEETS = ("填写说明", "科目目录", "经济分类")


@dataclass(frozen=True)
class Column:
    path: tuple[str, ...]
    kind: str  # amount | score | count | int | text | code | bool | choice | dict | json

    @property
    def header(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True)
class Sheet:
    segments: tuple[tuple[str, bool], ...]
    columns: tuple[Column, ...]
    texts: bool = False

    @property
    def name(self) -> str:
        return ".".join(alias for alias, _ in self.segments)

    @property
    def parents(self) -> tuple[str, ...]:
        return tuple(alias for alias, is_list in self.segments[:-1] if is_list)


@dataclass
class Layout:
    kv: list[Column]
    sheets: list[Sheet]


@cache
def legacy_layout(model: type[BaseModel]) -> Layout:
    layout = Layout([], [])
    _walk(model, (), (), layout, layout.kv)
    return layout


def _walk(model: type[BaseModel], rel: tuple[str, ...], segments: tuple[tuple[str, bool], ...], layout: Layout,
          columns: list[Column]) -> None:
    for name, info in model.model_fields.items():
        alias = info.alias or name
        annotation = _unwrap(info.annotation)
        here = (*rel, alias)
        scalar = _scalar_kind(annotation, info.annotation, info.metadata)
        if scalar:
            columns.append(Column(here, scalar[0]))
        elif _is_model(annotation):
            _walk(annotation, here, (*segments, (alias, False)), layout, columns)
        elif typing.get_origin(annotation) is dict:
            columns.append(Column(here, "dict"))
        elif typing.get_origin(annotation) is list:
            (item,) = typing.get_args(annotation)
            item = _unwrap(item)
            list_segments = (*segments, (alias, True))
            if _is_model(item):
                position = len(layout.sheets)
                layout.sheets.append(Sheet(list_segments, ()))
                sheet_columns: list[Column] = []
                _walk(item, (), list_segments, layout, sheet_columns)
                layout.sheets[position] = Sheet(list_segments, tuple(sheet_columns))
            else:
                layout.sheets.append(Sheet(list_segments, (), texts=True))
        else:
            columns.append(Column(here, "json"))


# Fields the earlier form had and the model dropped (a budget's assets had the final accounts' 大型设备
# and its threshold, which budgets never printed). Empty, they are skipped; filled, they are refused.
RETIRED = {"国有资产.大型设备", "国有资产.设备单价门槛"}


def _put(raw: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = raw
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


class LegacyReader:
    def __init__(self, path: Path, layout: Layout) -> None:
        self.path = path
        self.layout = layout
        self.raw: dict[str, Any] = {}
        self.index = CellIndex(str(path))
        self.problems: list[InputProblem] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(InputProblem(where, message))

    def value(self, grid: Grid, row: int, column: int, kind: str) -> Cell | None:
        area = grid.merged_at(row, column)
        source = grid.get(area[0], area[1]) if area else grid.get(row, column)
        if source is None:
            return None
        if area and area[:2] != area[2:] and kind in NUMERIC and not blank(source.value):
            if (row, column) == area[:2]:
                self.fail(f"{grid.title}!{_range(area)}", "数字不能合并单元格（合并后只有左上角单元格有值，"
                                                          "其余各行的数字不明确）。请取消合并，在每一行填写各自的数字")
            return None
        if source.formula is not None and source.value is None:
            self.fail(source.where, f"公式 {source.formula} 没有计算结果；请在 Excel/WPS 中打开并保存后重试")
            return None
        if area:
            return Cell(source.value, source.formula, source.number_format, f"{grid.title}!{_letter(column)}{row}")
        return source

    def convert(self, cell: Cell, kind: str) -> Any:
        if kind == "score":
            return shown(cell)
        if kind in NUMERIC:
            return number(cell.value)
        if kind == "bool":
            return boolean(cell.value)
        if kind == "code":
            return code(cell.value)
        if kind == "dict":
            return self.dict_cell(cell)
        if kind == "json" and isinstance(cell.value, str) and cell.value.strip()[:1] in "[{":
            return parse_json(cell.value, cell.where, self.problems, "该单元格的内容")
        return text(cell.value)

    def dict_cell(self, cell: Cell) -> Any:
        if not isinstance(cell.value, str):
            return cell.value
        out: dict[str, Any] = {}
        for part in re.split(r"[；;\n]", cell.value):
            if part.strip():
                key, _, item = part.partition("=")
                out[key.strip()] = number(item.strip())
        return out

    def read_kv(self, grid: Grid) -> None:
        columns = {c.header: c for c in self.layout.kv}
        for row in grid.rows():
            if row == 1:
                continue
            field, key = text(grid.value(row, 1)), text(grid.value(row, 2))
            if blank(field):
                continue
            column = columns.get(field)
            where = f"{KV_SHEET}!C{row}"
            if column is None:
                if blank(grid.value(row, 3)) and field in RETIRED:
                    continue  # a field the form no longer has, left empty: nothing to keep
                self.fail(f"{KV_SHEET}!A{row}", f"不认识的字段“{field}”（请检查拼写）")
                continue
            for end in range(1, len(column.path) + 1):
                self.index.record(column.path[:end], where)
            cell = self.value(grid, row, 3, column.kind)
            if cell is None or blank(cell.value):
                continue
            if column.kind == "dict":
                if blank(key):
                    self.fail(f"{KV_SHEET}!B{row}", f"字段“{field}”每行需要在“键”列写明键")
                    continue
                _put(self.raw, (*column.path, str(key)), number(cell.value))
                self.index.record((*column.path, str(key)), where)
            else:
                _put(self.raw, column.path, self.convert(cell, column.kind))
                self.index.record(column.path, where)

    def read_list(self, grid: Grid, sheet: Sheet) -> None:
        if not grid.cells:
            return
        width = grid.max_column
        headers = {c: text(grid.value(1, c)) for c in range(1, width + 1)}
        by_header = {c.header: c for c in sheet.columns}
        parent_cols = [f"{p}序号" for p in sheet.parents]
        for c, name in headers.items():
            known = name in by_header or name in parent_cols or (sheet.texts and name == "内容")
            if not blank(name) and not known:
                self.fail(f"{sheet.name}!{_letter(c)}1", f"不认识的列“{name}”（请勿改动列名）")
        columns = {name: c for c, name in headers.items() if not blank(name)}
        for row in grid.rows():
            if row == 1:
                continue
            if all(blank(grid.value(row, c)) for c in grid.columns_in(row)):
                continue
            target = self.parent(grid, sheet, row, columns)
            if target is None:
                continue
            container, keys = target
            items = container.setdefault(sheet.segments[-1][0], [])
            keys = (*keys, sheet.segments[-1][0], len(items))
            self.index.record(keys, f"{sheet.name}!第{row}行")
            if sheet.texts:
                column = columns.get("内容")
                cell = self.value(grid, row, column, "text") if column else None
                value = text(cell.value) if cell else None
                if isinstance(value, str) and value.startswith(TABLE_MARK) and cell is not None:
                    value = parse_json(value[len(TABLE_MARK):], cell.where, self.problems, "这一格中的表格（表格JSON）")
                items.append(value if value is not None else "")
                if cell:
                    self.index.record(keys, cell.where)
                continue
            record: dict[str, Any] = {}
            for header, spec in by_header.items():
                position = columns.get(header)
                if position is None:
                    continue
                cell = self.value(grid, row, position, spec.kind)
                if cell is None or blank(cell.value):
                    continue
                _put(record, spec.path, self.convert(cell, spec.kind))
                self.index.record((*keys, *spec.path), cell.where)
            items.append(record)

    def parent(self, grid: Grid, sheet: Sheet, row: int, columns: dict[str, int]
               ) -> tuple[dict[str, Any], tuple[Any, ...]] | None:
        node: Any = self.raw
        keys: tuple[Any, ...] = ()
        for alias, is_list in sheet.segments[:-1]:
            child = node.setdefault(alias, [] if is_list else {})
            keys = (*keys, alias)
            if is_list:
                column = columns.get(f"{alias}序号")
                cell = self.value(grid, row, column, "int") if column else None
                value = cell.value if cell else None
                n = number(value)
                if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= len(child):
                    where = cell.where if cell else f"{sheet.name}!第{row}行"
                    self.fail(where, f"“{alias}序号”应为 1 到 {len(child)} 之间的整数（对应“{alias}”表中的行），"
                                     f"实际为 {value!r}")
                    return None
                node = child[n - 1]
                keys = (*keys, n - 1)
            else:
                node = child
        return node, keys


def read_legacy(path: Path, book: Workbook, kv: Grid) -> tuple[dict[str, Any], CellIndex]:
    from ..model.juesuan import JuesuanInput
    from ..model.yusuan import YusuanInput

    kind = next((text(kv.value(r, 3)) for r in kv.rows() if text(kv.value(r, 1)) == "文档"), None)
    model = {"决算": JuesuanInput, "预算": YusuanInput}.get(kind or "")
    if model is None:
        where = next((f"{KV_SHEET}!C{r}" for r in kv.rows() if text(kv.value(r, 1)) == "文档"), f"{KV_SHEET}!C2")
        raise InputError(str(path), [InputProblem(where, f"“文档”应为 决算 或 预算，实际为 {kind!r}")])
    layout = legacy_layout(model)
    reader = LegacyReader(path, layout)
    reader.read_kv(kv)
    by_name = {s.name: s for s in layout.sheets}
    for name in book.sheetnames:
        if name in (KV_SHEET, *OLD_HELP_SHEETS, *HELP_SHEETS):
            continue
        sheet = by_name.get(name)
        if sheet is None:
            reader.fail(f"{name}!A1", f"不认识的工作表“{name}”（请勿改动表名）")
            continue
        reader.read_list(book.grid(name), sheet)
    if reader.problems:
        raise InputError(str(path), reader.problems)
    return reader.raw, reader.index


def _letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _range(area: tuple[int, int, int, int]) -> str:
    return f"{_letter(area[1])}{area[0]}:{_letter(area[3])}{area[2]}"
