"""Raw input (as read from YAML or Excel) → an .xlsx workbook a finance officer can fill in.

The sheets follow `load.layout`; the workbook adds what makes it usable without the docs: an
instructions sheet, the year's catalogue as lookup sheets, drop-down lists for kinds, units and
codes, frozen header rows. Amounts are written as exact decimals, never through float.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import BaseModel

from ..load.catalogue import load_catalogue
from ..load.layout import KV_SHEET, TABLE_MARK, Column, Layout, Sheet, layout_for

HEADER = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
AMOUNT_FORMAT = "#,##0.00"

INSTRUCTIONS = [
    "填写说明",
    "",
    "1. “基本信息”表：每行一个字段；“值”列填写内容。"
    "字典类字段（如 国有资产.车辆、说明.类用途）每个键占一行，键写在“键”列。",
    "2. 其余各表：每行一条记录，第一行是列名，请勿修改列名和表名。"
    "嵌套记录用“××序号”列指明所属的上级记录（从 1 开始数）。",
    "3. 金额按“基本信息”中的“金额单位”（元 或 万元）填写，只填数字，不要写单位；千分位逗号和多余空格会被自动去掉。",
    "4. 科目编码按文本填写（如 2010301），可从下拉列表或“科目目录”“经济分类”表中选择。",
    "5. 只录入事实和原因：合计、占比、增减、完成率都由程序计算，不必也不要填写。",
    "6. 公式单元格使用 Excel 保存时的计算结果；请在 Excel/WPS 中打开并保存后再交给程序。",
    "7. 填好后运行：gongkai validate 本文件.xlsx  检查；gongkai generate 本文件.xlsx -o 输出文件夹  生成文档。",
]


def _cell_value(value: Any, column: Column | None) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return value  # openpyxl writes the decimal's own digits
    if isinstance(value, dict):
        if column is not None and column.kind == "dict":
            return "；".join(f"{k}={v}" for k, v in value.items())
        return TABLE_MARK + json.dumps(_plain(value), ensure_ascii=False)
    if isinstance(value, list):
        return json.dumps(_plain(value), ensure_ascii=False)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _records(raw: dict[str, Any], sheet: Sheet) -> list[tuple[list[int], Any]]:
    """(parent numbers, record) for every record of this sheet's list, walking the raw data."""
    found: list[tuple[list[int], Any]] = [([], raw)]
    for alias, is_list in sheet.segments:
        nxt: list[tuple[list[int], Any]] = []
        for numbers, node in found:
            child = node.get(alias) if isinstance(node, dict) else None
            if child is None:
                continue
            if is_list and isinstance(child, list):
                nxt += [([*numbers, i + 1], item) for i, item in enumerate(child)]
            elif not is_list:
                nxt.append((numbers, child))
        found = nxt
    return [(numbers[:-1], record) for numbers, record in found]


def write_workbook(raw: dict[str, Any], model: type[BaseModel], year: int | None = None) -> bytes:
    layout = layout_for(model)
    book = Workbook()
    help_sheet = book.active
    help_sheet.title = "填写说明"
    for line in INSTRUCTIONS:
        help_sheet.append([line])
    help_sheet["A1"].font = Font(bold=True, size=14)
    help_sheet.column_dimensions["A"].width = 120

    _kv_sheet(book, layout, raw)
    for sheet in layout.sheets:
        _list_sheet(book, sheet, raw)
    _catalogue_sheets(book, layout, year or raw.get("年度"))
    _freeze(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _kv_sheet(book: Workbook, layout: Layout, raw: dict[str, Any]) -> None:
    ws = book.create_sheet(KV_SHEET)
    ws.append(["字段", "键", "值", "说明"])
    for column in layout.kv:
        value = _get(raw, column.path)
        if column.kind == "dict":
            entries = value.items() if isinstance(value, dict) else []
            for key, item in entries:
                ws.append([column.header, str(key), _cell_value(item, None), ""])
            if not entries:
                ws.append([column.header, "", None, "每个键占一行"])
            continue
        ws.append([column.header, "", _cell_value(value, column), _hint(column)])
        cell = ws.cell(row=ws.max_row, column=3)
        if column.kind == "amount":
            cell.number_format = AMOUNT_FORMAT
        if column.choices:
            _choice(ws, column.choices, f"C{ws.max_row}")
    _style_header(ws, [30, 18, 40, 30])


def _hint(column: Column) -> str:
    if column.choices:
        return "可选：" + "、".join(column.choices)
    return {"amount": "金额", "count": "整数", "int": "整数", "bool": "是 / 否"}.get(column.kind, "")


def _list_sheet(book: Workbook, sheet: Sheet, raw: dict[str, Any]) -> None:
    ws = book.create_sheet(sheet.name)
    ws.append(sheet.headers)
    for numbers, record in _records(raw, sheet):
        if sheet.texts:
            ws.append([*numbers, _cell_value(record, None)])
            continue
        ws.append([*numbers, *(_cell_value(_get(record, c.path), c) for c in sheet.columns)])
    offset = len(sheet.parents)
    for i, column in enumerate(sheet.columns):
        letter = get_column_letter(offset + i + 1)
        if column.kind == "amount":
            for row in range(2, max(ws.max_row, 2) + 1):
                ws[f"{letter}{row}"].number_format = AMOUNT_FORMAT
        if column.choices:
            _choice(ws, column.choices, f"{letter}2:{letter}1000")
        if column.header == "科目" and "经济分类" in sheet.name:
            _lookup(ws, "经济分类", f"{letter}2:{letter}1000")
        elif column.header == "科目":
            _lookup(ws, "科目目录", f"{letter}2:{letter}1000")
    widths = [10] * offset + [max(12, min(40, len(c.header) * 2 + 4)) for c in sheet.columns]
    _style_header(ws, widths or [60])


def _choice(ws: Any, choices: tuple[str, ...], cells: str) -> None:
    rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    rule.error, rule.errorTitle = "请从下拉列表中选择：" + "、".join(choices), "取值不在列表中"
    ws.add_data_validation(rule)
    rule.add(cells)


def _lookup(ws: Any, sheet: str, cells: str) -> None:
    # A warning, not a stop: a code missing from our catalogue may still be valid (the validator says).
    rule = DataValidation(type="list", formula1=f"'{sheet}'!$A$2:$A$2000", allow_blank=True, errorStyle="warning")
    ws.add_data_validation(rule)
    rule.add(cells)


def _catalogue_sheets(book: Workbook, layout: Layout, year: Any) -> None:
    try:
        function = load_catalogue(int(year), "function")
        economic = load_catalogue(int(year), "economic")
    except (TypeError, ValueError, Exception):  # no year or no catalogue for it: no lookup sheets
        return
    for title, catalogue in (("科目目录", function), ("经济分类", economic)):
        ws = book.create_sheet(title)
        ws.append(["编码", "名称", "级次", "说明"])
        for entry in sorted(catalogue.entries.values(), key=lambda e: e.code):
            ws.append([entry.code, entry.name, {1: "类", 2: "款", 3: "项"}[entry.level], entry.glossary])
        _style_header(ws, [12, 36, 6, 60])


def _style_header(ws: Any, widths: list[int]) -> None:
    for cell in ws[1]:
        cell.font = HEADER
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = width


def _freeze(book: Workbook) -> None:
    for ws in book.worksheets:
        if ws.title != "填写说明":
            ws.freeze_panes = "A2"
        # Text such as “=8席位” (an indicator value) must stay text, not become a formula.
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
