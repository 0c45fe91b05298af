"""Raw input (as read from YAML or Excel) → the .xlsx form a finance officer fills in.

Everything follows load/layout.py, which follows the input model: a field the model gains gets its
column or row, its header and its explanation here without a change. The form adds what makes it
usable without reading documentation: a 填写说明 sheet and a note on every header (both from the
model's descriptions), Chinese headers with the unit, two- or three-level headers where records
nest, dropdowns (units by name, 科目 as “编码 名称”, every choice), the 名称 column filled in by a
formula, a 核对 sheet of live totals (a convenience: gongkai ignores it and computes everything
itself), frozen headers, number formats, widths and print setup.

Amounts are written as exact decimals, never through float; a score keeps the decimals it was typed
with (94.20 is shown, and read back, as 94.20).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
from openpyxl.comments import Comment  # type: ignore[import-untyped]
from openpyxl.packaging.custom import StringProperty  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]
from pydantic import BaseModel

from ..errors import InputError, InputProblem
from ..load.catalogue import Catalogue, CatalogueMissing, load_catalogue, nearest_year
from ..load.layout import (
    CHECK_SHEET,
    ECONOMIC_SHEET,
    FUNCTION_SHEET,
    GROUP_SEPARATOR,
    INSTRUCTIONS_SHEET,
    KV_SHEET,
    PARAGRAPH,
    ROOT_GROUP,
    SHEETS_PROPERTY,
    TEXT_COLUMN,
    TYPE_COLUMN,
    Field,
    Layout,
    Sheet,
    layout_for,
    row_type_label,
)

AMOUNT_FORMAT = "#,##0.00"
HEADER_FONT = Font(bold=True)
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
BLANK_ROWS = 200  # rows prepared (dropdowns, formulas) below the data
VALIDATION_ROWS = 2000
CATALOGUE_ROWS = 3000


@dataclass(frozen=True)
class Col:
    """A column of a sheet: a parent reference or a field."""

    number: int
    field: Field | None = None
    parent: str = ""  # the parent sheet's name for a parent column
    label: str = ""

    @property
    def letter(self) -> str:
        return get_column_letter(self.number)


@dataclass
class Plan:
    """Where everything goes, decided before writing (children's dropdowns point at parents' columns)."""

    layout: Layout
    unit: str
    columns: dict[str, list[Col]] = field(default_factory=dict)  # sheet name → its columns
    kv_rows: dict[tuple[str, ...], int] = field(default_factory=dict)  # field path → row on 基本信息
    catalogue_rows: dict[str, int] = field(default_factory=dict)  # catalogue sheet → last row

    def first_row(self, sheet: Sheet) -> int:
        return sheet.depth + 1

    def column(self, sheet: Sheet, path: tuple[str, ...]) -> Col | None:
        return next((c for c in self.columns[sheet.name] if c.field is not None and c.field.path == path), None)

    def key_range(self, sheet_name: str) -> str | None:
        """The cells holding the names a child row chooses from."""
        sheet = self.layout.sheet(sheet_name)
        if sheet is None or sheet.key is None:
            return None
        col = self.column(sheet, (sheet.key,))
        if col is None:
            return None
        first = self.first_row(sheet)
        return f"'{sheet.name}'!${col.letter}${first}:${col.letter}${first + VALIDATION_ROWS}"


def write_workbook(raw: dict[str, Any], model: type[BaseModel], year: int | None = None) -> bytes:
    """The form with the data of `raw` (empty lists for a blank form). `year`: the year whose catalogue
    fills the 科目 dropdowns (the file's own year when not given)."""
    layout = layout_for(model)
    unit = str(raw.get("金额单位")) if raw.get("金额单位") in ("元", "万元") else "元"
    plan = Plan(layout, unit)
    book = Workbook()
    help_sheet = book.active
    assert isinstance(help_sheet, Worksheet)  # a new workbook's one sheet
    help_sheet.title = INSTRUCTIONS_SHEET
    catalogues, catalogue_note = _catalogues(year if year is not None else raw.get("年度"))
    try:
        _plan_columns(plan)
        _kv_sheet(book, plan, raw)
        for sheet in layout.sheets:
            _list_sheet(book, plan, sheet, raw, catalogues)
        for title, catalogue in catalogues.items():
            _catalogue_sheet(book, plan, title, catalogue)
        from .excel_check import check_sheet

        check_sheet(book, plan, model, catalogues.get(FUNCTION_SHEET), raw)
        _instructions(help_sheet, plan, raw, catalogue_note)
    except _Unwritable as exc:
        raise InputError("", [InputProblem(exc.where, exc.message)]) from None
    book.move_sheet(CHECK_SHEET, offset=-(len(catalogues)))  # 核对 before the catalogues
    # The reader tells a deleted sheet from one this form did not have yet (a field added later).
    properties = book.custom_doc_props  # type: ignore[attr-defined]  # in openpyxl 3.1, not yet in its stubs
    properties.append(StringProperty(name=SHEETS_PROPERTY, value="、".join(s.name for s in layout.sheets)))
    book.active = 1  # open on 基本信息
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class _Unwritable(Exception):
    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where, self.message = where, message


def catalogue_note(year: Any) -> str:
    """What init says when the year has no catalogue of its own ("" when it has)."""
    return _catalogues(year)[1]


def _catalogues(year: Any) -> tuple[dict[str, Catalogue], str]:
    try:
        wanted = int(year)
    except (TypeError, ValueError):
        return {}, ""
    found = nearest_year(wanted)
    if found is None:
        return {}, f"没有 {wanted} 年度及更早年度的科目目录：表格中没有科目下拉列表，科目编码请直接填写。"
    try:
        catalogues = {FUNCTION_SHEET: load_catalogue(found, "function"),
                      ECONOMIC_SHEET: load_catalogue(found, "economic")}
    except CatalogueMissing:
        return {}, ""
    note = "" if found == wanted else (
        f"gongkai 还没有 {wanted} 年度的科目目录，“{FUNCTION_SHEET}”“{ECONOMIC_SHEET}”两表和科目下拉列表用的是最近的 "
        f"{found} 年度目录：{wanted} 年新增或改名的科目请直接填写编码（并在“科目名称”表写明名称）。"
        f"校验和生成时也按 {found} 年度目录核对，并给出提示。")
    return catalogues, note


# ---------------------------------------------------------------- explanations


def explain(field: Field, unit: str, children: list[Sheet] | None = None, auto_name: bool = False) -> str:
    """The note on a field: the model's description, then how to fill it in. `children`: the sheets
    whose rows name a record by this field (it is its sheet's key); `auto_name`: the 名称 column a
    formula fills from the catalogue."""
    parts = [field.description + "。"] if field.description else []
    if children:
        parts.append(f"“{'”“'.join(s.name for s in children)}”表的行按{field.label}选择所属的一条，"
                     f"所以{field.label}要各不相同。")
    how = {
        "amount": f"金额，按{unit}填写，只填数字（不写单位、不加文字）；" + (
            "没有这个数字就不填（不要填 0）。" if field.may_be_absent else "不填视为 0。"),
        "score": "数字；文档中印出的写法与单元格显示的一致（显示 94.20 就印 94.20）。",
        "count": "整数（个数、人次等）。",
        "int": "整数。",
        "bool": "选择“是”或“否”。",
        "code": f"从下拉列表选择（显示“编码 名称”），也可以直接填编码；列表来自“{field.lookup or FUNCTION_SHEET}”表。",
        "json": "按导出文件中的原样填写。",
    }.get(field.kind, "")
    if field.kind == "choice":
        how = "从下拉列表选择：" + "、".join(field.choices) + "。"
    elif field.kind == "text" and field.lookup:
        how = f"从下拉列表选择一个{field.lookup}的名称（与“{field.lookup}”表中的名称一致）。"
    elif auto_name:
        how = "自动显示目录中的名称（公式）；只有名称与目录不同时才改写为自己的名称（校验时会提示）。"
    if how:
        parts.append(how)
    if field.required:
        within = GROUP_SEPARATOR.join(field.optional_parent)
        parts.append(f"填写“{within}”时必填。" if within else "必填。")
    return "".join(parts)


def _auto_name(sheet: Sheet, field: Field) -> bool:
    return sheet.kind == "records" and field.path == ("名称",) and sheet.field(("科目",)) is not None


def _children_by(plan: Plan, sheet: Sheet, field: Field) -> list[Sheet]:
    return plan.layout.children(sheet) if sheet.key and field.path == (sheet.key,) else []


def sheet_description(sheet: Sheet) -> str:
    what = {"records": "每行一条", "texts": "每行一段文字", "paragraphs": "每行一段文字或表格的一行",
            "dict": "每行一项"}[sheet.kind]
    parents = "、".join(p.sheet for p in sheet.parents)
    tie = f"；每行在“{sheet.parents[-1].label}”列选择所属的{parents}" if sheet.parents else ""
    return f"{sheet.description or sheet.alias}（{what}{tie}）"


# ---------------------------------------------------------------- 基本信息


def _plan_columns(plan: Plan) -> None:
    for sheet in plan.layout.sheets:
        cols: list[Col] = []
        for parent in sheet.parents:
            cols.append(Col(len(cols) + 1, parent=parent.sheet, label=parent.label))
        if sheet.kind in ("records", "dict"):
            cols += [Col(len(cols) + 1 + i, f) for i, f in enumerate(sheet.fields)]
        elif sheet.kind == "texts":
            cols.append(Col(len(cols) + 1, Field((TEXT_COLUMN,), "text", description=sheet.description)))
        plan.columns[sheet.name] = cols


def _kv_sheet(book: Workbook, plan: Plan, raw: dict[str, Any]) -> None:
    ws = book.create_sheet(KV_SHEET)
    ws.append(["分组", "项目", "内容", "说明"])
    group_start, current = 2, None
    for f in plan.layout.kv:
        value = _get(raw, f.path)
        if f.internal and value in (None, ""):
            continue  # an internal note of the examples: only when it is there
        group = GROUP_SEPARATOR.join(f.group) or ROOT_GROUP
        row = ws.max_row + 1
        if group != current:
            _merge_group(ws, group_start, row - 1)
            group_start, current = row, group
        ws.cell(row, 1, group)
        ws.cell(row, 2, f.header(plan.unit)).font = REQUIRED_FONT if f.required else Font()
        _write_value(ws.cell(row, 3), value, f, f"{KV_SHEET}!C{row}")
        note = explain(f, plan.unit)
        ws.cell(row, 4, note).alignment = WRAP
        ws.row_dimensions[row].height = _height((note, 70), (value if isinstance(value, str) else "", 46))
        plan.kv_rows[f.path] = row
        _validate(ws, f, f"C{row}", plan)
        if f.kind == "amount" and value is None:
            ws.cell(row, 3).number_format = AMOUNT_FORMAT  # a written amount shows its own digits
        elif f.kind in ("text", "code"):
            ws.cell(row, 3).number_format = "@"
        ws.cell(row, 3).alignment = WRAP
    _merge_group(ws, group_start, ws.max_row)
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=4):
        for cell in row:
            cell.border = BORDER
    _style_header_row(ws, 1, 4)
    for letter, width in zip("ABCD", (26, 30, 46, 70), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "C2"
    _print_setup(ws, 1, landscape=True)
    ws.cell(1, 3).comment = _note("在这一列填写内容；带 * 的项目必填。灰色“分组”列说明这一项属于哪一部分。")


def _merge_group(ws: Any, first: int, last: int) -> None:
    if last < first:
        return
    if last > first:
        ws.merge_cells(start_row=first, start_column=1, end_row=last, end_column=1)
    top = ws.cell(first, 1)
    top.font = HEADER_FONT
    top.fill = GROUP_FILL
    top.alignment = CENTER


# ---------------------------------------------------------------- list and dict sheets


def _records(raw: dict[str, Any], sheet: Sheet) -> list[tuple[list[Any], Any]]:
    """(parent names, record) for every record of the sheet's list (or (key, value) of its dict)."""
    found: list[tuple[list[Any], Any]] = [([], raw)]
    parent_keys = [p.key for p in sheet.parents]
    depth = 0
    for position, (alias, is_list) in enumerate(sheet.segments):
        last = position == len(sheet.segments) - 1
        nxt: list[tuple[list[Any], Any]] = []
        for names, node in found:
            child = node.get(alias) if isinstance(node, dict) else None
            if child is None:
                continue
            if is_list and isinstance(child, list):
                key = parent_keys[depth] if not last else None
                keys = [item.get(key) if key and isinstance(item, dict) else n + 1 for n, item in enumerate(child)]
                for n, item in enumerate(child):
                    if last:
                        nxt.append((names, item))
                    else:  # a parent record: its rows' first columns name it
                        nxt.append(([*names, parent_name(keys, n)], item))
            elif not is_list:
                nxt.append((names, child))
        if is_list and not last:
            depth += 1
        found = nxt
    if sheet.kind == "dict":
        return [(names, (key, value)) for names, node in found if isinstance(node, dict)
                for key, value in node.items()]
    return found


def _list_sheet(book: Workbook, plan: Plan, sheet: Sheet, raw: dict[str, Any],
                catalogues: dict[str, Catalogue]) -> None:
    ws = book.create_sheet(sheet.name)
    records = _records(raw, sheet)
    if sheet.kind == "paragraphs":
        _paragraph_sheet(ws, plan, sheet, records)
        return
    cols = plan.columns[sheet.name]
    depth = sheet.depth
    _headers(ws, sheet, cols, depth, plan)
    first = depth + 1
    auto_name = plan.column(sheet, ("名称",)) if sheet.kind == "records" and plan.column(sheet, ("科目",)) else None
    code_col = plan.column(sheet, ("科目",))
    for n, (names, record) in enumerate(records):
        row = first + n
        for col, name in zip(cols, names, strict=False):
            _write_value(ws.cell(row, col.number), name, None, f"{sheet.name}!{col.letter}{row}")
        for col in cols:
            if col.field is None:
                continue
            if sheet.kind == "dict":
                value = record[0] if col.field is sheet.fields[0] else _dict_value(sheet, record[1], col.field)
            elif sheet.kind == "texts":
                value = record
            else:
                value = _get(record, col.field.path)
            _write_value(ws.cell(row, col.number), value, col.field, f"{sheet.name}!{col.letter}{row}", catalogues)
        if auto_name is not None and code_col is not None and _get(record, ("名称",)) in (None, ""):
            ws.cell(row, auto_name.number, _name_formula(code_col.letter, row, code_col.field))
    last = first + len(records) + BLANK_ROWS - 1
    if auto_name is not None and code_col is not None:
        for row in range(first + len(records), last + 1):
            ws.cell(row, auto_name.number, _name_formula(code_col.letter, row, code_col.field))
    for col in cols:
        cells = f"{col.letter}{first}:{col.letter}{first + VALIDATION_ROWS}"
        if col.field is not None:
            _validate(ws, col.field, cells, plan)
            _column_format(ws, col)
        else:
            _parent_dropdown(ws, col, cells, plan)
    frozen = len(sheet.parents) + (1 if cols[len(sheet.parents):] else 0) + (1 if auto_name else 0)
    ws.freeze_panes = ws.cell(first, frozen + 1)
    _widths(ws, cols, plan)
    _print_setup(ws, depth, landscape=len(cols) > 5)
    # Printed: the records and 20 empty rows to fill by hand, not the rows prepared for the dropdowns.
    ws.print_area = f"A1:{get_column_letter(max(len(cols), 1))}{first + len(records) + 19}"


def parent_name(keys: list[Any], n: int) -> Any:
    """How a child row names the n-th record of a list: by its name, and when several records share
    it, by the name and which of them (设备更新经费〔第2个〕); load/excel.py reads both."""
    name = keys[n]
    if isinstance(name, str) and keys.count(name) > 1:
        return f"{name}〔第{keys[:n + 1].count(name)}个〕"
    return name


def _headers(ws: Any, sheet: Sheet, cols: list[Col], depth: int, plan: Plan) -> None:
    """Header rows: a parent column and a leaf merged down to the last header row; a group of
    nested fields merged across its columns (收入 over its eight income types)."""
    for col in cols:
        f = col.field
        if f is None:
            cell = ws.cell(1, col.number, col.label)
            cell.comment = _note(f"从下拉列表选择这一行所属的{col.parent}（“{col.parent}”表中已填写的名称）。"
                                 "只有一个时可以不填。")
            if depth > 1:
                ws.merge_cells(start_row=1, start_column=col.number, end_row=depth, end_column=col.number)
            continue
        labels = f.path if sheet.kind == "records" else (f.label,)
        for level, label in enumerate(labels[:-1]):
            ws.cell(level + 1, col.number, label)
        leaf_row = len(labels)
        cell = ws.cell(leaf_row, col.number, f.header(plan.unit))
        cell.comment = _note(explain(f, plan.unit, _children_by(plan, sheet, f), _auto_name(sheet, f)))
        if f.required:
            cell.font = REQUIRED_FONT
        if leaf_row < depth:
            ws.merge_cells(start_row=leaf_row, start_column=col.number, end_row=depth, end_column=col.number)
    for level in range(depth - 1):  # merge a group's label across its columns
        start: tuple[int, tuple[str, ...]] | None = None
        for position in range(len(cols) + 1):
            current = cols[position] if position < len(cols) else None
            prefix = current.field.path[:level + 1] if current is not None and current.field is not None \
                and len(current.field.path) > level + 1 else None
            if start is not None and prefix != start[1]:
                if start[0] < position:  # columns start[0] … position (1-based: position is the last)
                    ws.merge_cells(start_row=level + 1, start_column=start[0], end_row=level + 1, end_column=position)
                start = None
            if prefix is not None and start is None:
                start = (position + 1, prefix)
    for row in range(1, depth + 1):
        _style_header_row(ws, row, len(cols))
    if cols:
        top = ws.cell(1, 1)
        note = sheet_description(sheet)
        top.comment = _note(note + ("\n\n" + top.comment.text if top.comment else ""))


def _style_header_row(ws: Any, row: int, width: int) -> None:
    for column in range(1, width + 1):
        cell = ws.cell(row, column)
        if cell.font != REQUIRED_FONT:
            cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = CENTER
        cell.border = BORDER


def _paragraph_sheet(ws: Any, plan: Plan, sheet: Sheet, records: list[tuple[list[Any], Any]]) -> None:
    """附件 · 正文: each row a paragraph, or a row of a table typed across the columns."""
    rows: list[tuple[list[Any], str, list[str]]] = []
    for names, item in records:
        if isinstance(item, dict):
            for part in sheet.fields:
                value = item.get(part.label)
                if part.kind == "cells" and value is not None:
                    rows.append((names, row_type_label(part), [str(v) for v in value]))
                elif part.kind == "rows":
                    rows += [(names, row_type_label(part), [str(v) for v in line]) for line in value or []]
                elif part.kind == "text" and value not in (None, ""):
                    rows.append((names, row_type_label(part), [str(value)]))
        else:
            rows.append((names, PARAGRAPH, [str(item)]))
    width = max([len(cells) for _, _, cells in rows] + [8])
    parents = plan.columns[sheet.name]
    headers = [c.label for c in parents] + [TYPE_COLUMN, TEXT_COLUMN] + [f"第{n}列" for n in range(2, width + 1)]
    ws.append(headers)
    for names, kind, cells in rows:
        row = ws.max_row + 1
        for n, value in enumerate([*names, kind, *cells]):
            _write_value(ws.cell(row, n + 1), value, None, f"{sheet.name}!{get_column_letter(n + 1)}{row}")
    type_letter = get_column_letter(len(parents) + 1)
    kinds = [PARAGRAPH, *(row_type_label(p) for p in sheet.fields)]
    _choice(ws, tuple(kinds), f"{type_letter}2:{type_letter}{VALIDATION_ROWS}")
    for col in parents:
        _parent_dropdown(ws, col, f"{col.letter}2:{col.letter}{VALIDATION_ROWS}", plan)
    _style_header_row(ws, 1, len(headers))
    if parents:
        ws.cell(1, 1).comment = _note(f"{sheet_description(sheet)}\n\n从下拉列表选择这一行所属的{parents[-1].parent}。")
    ws.cell(1, len(parents) + 1).comment = _note(
        f"{sheet_description(sheet)}\n\n类型：“{PARAGRAPH}”（或不填）为一段文字，只填“{TEXT_COLUMN}”列；表格先填一行"
        f"“{kinds[1]}”（各列标题从“{TEXT_COLUMN}”列起向右填），再逐行填“{kinds[2]}”，需要时最后一行“{kinds[3]}”。"
        "以“#”开头的段落是小标题。")
    for n in range(len(headers)):
        letter = get_column_letter(n + 1)
        ws.column_dimensions[letter].width = 60 if n == len(parents) + 1 else 14
        ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = ws.cell(2, len(parents) + 2)
    _print_setup(ws, 1, landscape=True)


def _name_formula(code_letter: str, row: int, code_field: Field | None) -> str:
    """The catalogue's name of the code in the same row, for the person filling in; the reader
    ignores it (a typed name replaces it and is then checked against the catalogue)."""
    sheet = code_field.lookup if code_field and code_field.lookup else FUNCTION_SHEET
    cell = f"{code_letter}{row}"
    code = f'LEFT({cell}&" ",FIND(" ",{cell}&" ")-1)'
    return f'=IF({cell}="","",IFERROR(VLOOKUP({code},\'{sheet}\'!$A:$B,2,FALSE),"（目录中没有此编码）"))'


# ---------------------------------------------------------------- values, formats, dropdowns


def _dict_value(sheet: Sheet, value: Any, field: Field) -> Any:
    """A dict's value in a column: itself, or for a dict of records the field's value (a bare value
    written for the record stands for its shorthand field, as the model reads it)."""
    if not sheet.record_values:
        return value
    if not isinstance(value, dict):
        return value if field.path == (sheet.shorthand,) else None
    return _get(value, field.path)


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _write_value(cell: Any, value: Any, field: Field | None, where: str,
                 catalogues: dict[str, Catalogue] | None = None) -> None:
    if value is None:
        return
    kind = field.kind if field is not None else "text"
    if isinstance(value, bool):
        cell.value = "是" if value else "否"
        return
    if kind == "code" and catalogues is not None:
        code = str(value)
        catalogue = catalogues.get(field.lookup or FUNCTION_SHEET) if field else None
        entry = catalogue.get(code) if catalogue else None
        cell.value = f"{code} {entry.name}" if entry else code
        cell.data_type = "s"
        return
    if isinstance(value, Decimal | int) and kind in ("amount", "score", "count", "int"):
        cell.value = value
        if kind in ("amount", "score"):
            # The cell shows the digits written (94.20, 455138.70, 26): what is shown is what is read
            # back (load/excel.py `shown`) and, for a score, what the document prints.
            places = max(0, -value.as_tuple().exponent) if isinstance(value, Decimal) else 0  # type: ignore[operator]
            grouping = "#,##0" if kind == "amount" else "0"
            cell.number_format = grouping + ("." + "0" * places if places else "")
        return
    if isinstance(value, dict | list):
        value = json.dumps(_plain(value), ensure_ascii=False)
    if not isinstance(value, str):
        value = str(value)
    if ILLEGAL_CHARACTERS_RE.search(value):
        raise _Unwritable(where, "这一项含有控制字符（不可见字符），Excel 无法保存。请在原文件中删去后再导出")
    cell.value = value
    cell.data_type = "s"  # text such as “=8席位” (an indicator value) stays text, never a formula


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _column_format(ws: Any, col: Col) -> None:
    assert col.field is not None
    dimension = ws.column_dimensions[col.letter]
    if col.field.kind == "amount":
        dimension.number_format = AMOUNT_FORMAT
    elif col.field.kind in ("count", "int"):
        dimension.number_format = "0"
    elif col.field.kind in ("text", "code", "choice"):
        dimension.number_format = "@"  # what is typed stays text: 0.90 stays 0.90, 2010301 a code


def _validate(ws: Any, f: Field, cells: str, plan: Plan) -> None:
    if f.kind == "choice":
        _choice(ws, f.choices, cells)
    elif f.kind == "bool":
        _choice(ws, ("是", "否"), cells)
    elif f.kind == "code" and f.lookup and plan.catalogue_rows.get(f.lookup, 1) > 0:
        _lookup(ws, f"'{f.lookup}'!$E$2:$E${CATALOGUE_ROWS}", cells,
                "请从下拉列表选择科目；目录中没有的科目也可以填写编码，校验时会检查。")
    elif f.kind == "text" and f.lookup:
        target = plan.key_range(f.lookup)
        if target:
            _lookup(ws, target, cells, f"应为“{f.lookup}”表中的一个名称。")
    elif f.kind == "amount":
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                              errorStyle="warning", error="金额应为不小于 0 的数字（不写单位）", errorTitle="请填数字")
        ws.add_data_validation(rule)
        rule.add(cells)
    elif f.kind == "count":
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                              errorStyle="warning", error="应为不小于 0 的整数", errorTitle="请填整数")
        ws.add_data_validation(rule)
        rule.add(cells)


def _choice(ws: Any, choices: tuple[str, ...], cells: str) -> None:
    rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    rule.error, rule.errorTitle = "请从下拉列表中选择：" + "、".join(choices), "取值不在列表中"
    ws.add_data_validation(rule)
    rule.add(cells)


def _lookup(ws: Any, source: str, cells: str, message: str) -> None:
    # A warning, not a stop: a code missing from our catalogue may still be valid (the validator says).
    rule = DataValidation(type="list", formula1=source, allow_blank=True, errorStyle="warning", error=message,
                          errorTitle="不在下拉列表中")
    ws.add_data_validation(rule)
    rule.add(cells)


def _parent_dropdown(ws: Any, col: Col, cells: str, plan: Plan) -> None:
    target = plan.key_range(col.parent)
    if target:
        rule = DataValidation(type="list", formula1=target, allow_blank=True,
                              error=f"请选择“{col.parent}”表中已填写的名称", errorTitle=f"没有这个{col.parent}")
        ws.add_data_validation(rule)
        rule.add(cells)
    ws.column_dimensions[col.letter].number_format = "@"


def _widths(ws: Any, cols: list[Col], plan: Plan) -> None:
    for col in cols:
        label = col.label or (col.field.header(plan.unit) if col.field else "")
        kind = col.field.kind if col.field else "parent"
        base = {"amount": 16, "score": 10, "count": 10, "int": 10, "bool": 8, "choice": 12, "code": 28,
                "parent": 26, "text": 26}.get(kind, 18)
        if col.field is not None and col.field.kind == "text" and col.field.path == ("名称",):
            base = 28
        width = max(base, min(40, _display_width(label) + 2))
        ws.column_dimensions[col.letter].width = width


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _height(*texts: tuple[str, int]) -> float:
    """A row tall enough for wrapped texts, each given with its column's width (Excel rows grow
    by themselves only when edited; LibreOffice and print previews keep the stored height)."""
    lines = max([1] + [-(-_display_width(text) // max(width - 2, 1)) + text.count("\n") for text, width in texts])
    return 15.0 * lines


def _print_setup(ws: Any, header_rows: int, landscape: bool) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{header_rows}"
    ws.print_options.gridLines = True


def _note(text: str) -> Comment:
    lines = max(4, len(text) // 22 + 2)
    return Comment(text, "gongkai", width=300, height=min(400, 18 * lines))


# ---------------------------------------------------------------- catalogue sheets


def _catalogue_sheet(book: Workbook, plan: Plan, title: str, catalogue: Catalogue) -> None:
    ws = book.create_sheet(title)
    ws.append(["编码", "名称", "级次", "说明", "下拉显示"])
    for entry in sorted(catalogue.entries.values(), key=lambda e: e.code):
        ws.append([entry.code, entry.name, {1: "类", 2: "款", 3: "项"}.get(entry.level, ""), entry.glossary,
                   f"{entry.code} {entry.name}"])
        for cell in ws[ws.max_row]:
            cell.data_type = "s"
    plan.catalogue_rows[title] = ws.max_row
    _style_header_row(ws, 1, 5)
    for letter, width in zip("ABCDE", (12, 36, 6, 60, 40), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    _print_setup(ws, 1, landscape=True)
    what = "支出功能分类" if title == FUNCTION_SHEET else "支出经济分类"
    ws.cell(1, 1).comment = _note(f"{catalogue.year} 年度{what}科目目录，供下拉列表和名称查找使用；请勿修改。")


# ---------------------------------------------------------------- 填写说明


def _instructions(ws: Any, plan: Plan, raw: dict[str, Any], note: str) -> None:
    kind = raw.get("文档") or ""
    year = raw.get("年度") or ""
    unit = plan.unit
    lines: list[list[Any]] = [
        [f"填写说明：{year} 年度部门{kind}输入表（版式 {raw.get('版式') or '默认'}）"],
        [],
        ["怎样填"],
        [f"1. 先填“{KV_SHEET}”表（带 * 的项目必填），再在“预算单位”表逐行填写本级和所属单位。"],
        ["2. 其余各表每行一条记录；属于某个预算单位（或某个项目、自评表）的行，在第一列从下拉列表选择它的名称。"],
        [f"3. 金额按{unit}填写，只填数字，不写单位；文本型数字、千分位逗号和多余空格会自动处理。"
         f"金额单位在“{KV_SHEET}”中设定，表头括号里的单位必须与它一致。"],
        ["4. 科目从下拉列表选择（显示“编码 名称”），“名称”列会自动显示目录中的名称；只有名称与目录不同时才需要改写。"],
        ["5. 只录入事实和原因：合计、占比、增减、完成率等都由程序计算，不要填写。"],
        [f"6. “{CHECK_SHEET}”表用 Excel 公式实时显示各单位和各类的合计、收支是否相等等，仅供填写时参考；"
         "gongkai 读取时不看这张表，所有数字都由程序重新计算。"],
        ["7. 表头、表名和“分组”“项目”两列请勿修改；不需要的行留空即可。单元格上的批注（红色小三角）说明每一项怎么填。"],
        ["8. 填好后运行：gongkai validate 本文件.xlsx 检查（--report 标注.xlsx 可在表中标出问题）；"
         "gongkai generate 本文件.xlsx -o 输出文件夹 生成文档。"],
    ]
    if note:
        lines += [[], ["科目目录"], [note]]
    lines += [[], ["各工作表"], ["工作表", "内容"]]
    lines.append([KV_SHEET, "不在列表中的各项单个数值和文字，每行一项：分组 · 项目 · 内容"])
    lines += [[s.name, sheet_description(s)] for s in plan.layout.sheets]
    lines.append([CHECK_SHEET, "实时核对（Excel 公式，仅供参考）"])
    lines.append([FUNCTION_SHEET + "、" + ECONOMIC_SHEET, "科目目录（下拉列表的来源，请勿修改）"])
    lines += [[], ["各项说明"], ["工作表", "分组", "项目", "必填", "说明"]]
    for f in plan.layout.kv:
        if f.internal and _get(raw, f.path) in (None, ""):
            continue
        lines.append([KV_SHEET, GROUP_SEPARATOR.join(f.group) or ROOT_GROUP, f.header(plan.unit).rstrip(" *"),
                      "是" if f.required else "", explain(f, unit)])
    for sheet in plan.layout.sheets:
        for col in plan.columns[sheet.name]:
            if col.field is None:
                lines.append([sheet.name, "", col.label, "", f"所属的{col.parent}（从下拉列表选择）"])
            else:
                lines.append([sheet.name, GROUP_SEPARATOR.join(col.field.group), col.field.header(unit).rstrip(" *"),
                              "是" if col.field.required else "",
                              explain(col.field, unit, _children_by(plan, sheet, col.field),
                                      _auto_name(sheet, col.field))])
        if sheet.kind == "paragraphs":
            lines.append([sheet.name, "", TYPE_COLUMN, "", f"{PARAGRAPH} / " + " / ".join(
                row_type_label(p) for p in sheet.fields) + "：一段文字，或表格的一部分（见下）"])
            lines.append([sheet.name, "", TEXT_COLUMN, "", (sheet.description or "") +
                          "。段落的文字；表格的一行从这一列起向右，一格一列"])
            for part in sheet.fields:
                how = {"cells": "一行，各列标题从“内容”列起向右填", "rows": "每行一条，各格从“内容”列起向右填",
                       "text": "一行，文字填在“内容”列"}.get(part.kind, "")
                lines.append([sheet.name, TYPE_COLUMN, row_type_label(part), "是" if part.required else "",
                              f"{part.description}（{how}）"])
    for line in lines:
        ws.append(line)
        for cell in ws[ws.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str):
                cell.data_type = "s"
    ws["A1"].font = Font(bold=True, size=14)
    for row in ws.iter_rows():
        filled = [c for c in row if c.value is not None]
        if len(filled) == 1 and row[0].value is not None:  # a line of text: across the page
            ws.merge_cells(start_row=row[0].row, start_column=1, end_row=row[0].row, end_column=5)
            ws.row_dimensions[row[0].row].height = _height((str(row[0].value), 170))
        elif len(filled) == 2 and row[1].value is not None and row[2].value is None:  # 工作表 | 内容
            ws.merge_cells(start_row=row[0].row, start_column=2, end_row=row[0].row, end_column=5)
            ws.row_dimensions[row[0].row].height = _height((str(row[1].value), 146))
        elif len(row) >= 5 and row[4].value:
            ws.row_dimensions[row[0].row].height = _height((str(row[4].value), 90), (str(row[2].value or ""), 30))
    for row in ws.iter_rows():
        if row[0].value in ("怎样填", "科目目录", "各工作表", "各项说明") and (len(row) == 1 or row[1].value is None):
            row[0].font = Font(bold=True, size=12)
        if row[0].value == "工作表":
            for cell in row:
                cell.font = HEADER_FONT
                cell.fill = HEADER_FILL
    for letter, width in zip("ABCDE", (22, 26, 30, 6, 90), strict=True):
        ws.column_dimensions[letter].width = width
    _print_setup(ws, 1, landscape=True)
