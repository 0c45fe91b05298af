"""An .xlsx workbook → the same raw data a YAML file gives, plus where each value sits (Sheet!C12).

Handled quietly: numbers stored as text, thousands separators, stray spaces, empty rows, merged
cells (the value applies to every cell of the range), formula cells (Excel's cached result).
Refused with a located message: a formula with no cached result, an unknown sheet or column,
a row whose parent number does not exist, a file that is not a workbook.
"""

from __future__ import annotations

import json
import re
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..errors import InputError, InputProblem
from .layout import HELP_SHEETS, KV_SHEET, TABLE_MARK, Column, Layout, Sheet, layout_for
from .messages import format_path

_SEPARATORS = re.compile(r"[,，\s]")


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


def _number(value: Any) -> Any:
    """A cell's number as an exact Decimal. Excel keeps numbers as shortest round-trip decimal
    text in its XML; repr() gives back exactly that text, so nothing is rounded on the way."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))  # nan/inf become non-finite Decimals: the model refuses them
    if isinstance(value, str):
        text = _SEPARATORS.sub("", value)
        try:
            number = Decimal(text)
        except InvalidOperation:
            return value.strip()  # left as text: the model says what it expected
        return int(number) if number == number.to_integral_value() and "." not in text else number
    return value


def _text(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code typed as a number: 2010301.0 → "2010301"
    if isinstance(value, int | float | Decimal):
        return str(value)
    return value.strip() if isinstance(value, str) else value


def _bool(value: Any) -> Any:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("是", "true", "yes", "y", "1"):
            return True
        if lowered in ("否", "false", "no", "n", "0"):
            return False
    return value


def convert(value: Any, column: Column) -> Any:
    if column.kind in ("amount", "count", "int"):
        return _number(value)
    if column.kind == "bool":
        return _bool(value)
    if column.kind == "dict":
        return _dict(value)
    if column.kind == "json":
        return json.loads(value) if isinstance(value, str) and value.strip()[:1] in "[{" else value
    return _text(value)


def _dict(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    out: dict[str, Any] = {}
    for part in re.split(r"[；;\n]", value):
        if part.strip():
            key, _, item = part.partition("=")
            out[key.strip()] = _number(item.strip())
    return out


def _open(path: Path) -> tuple[Any, Any]:
    from openpyxl import load_workbook

    try:
        values = load_workbook(path, data_only=True)
        formulas = load_workbook(path, data_only=False)
    except FileNotFoundError:
        raise InputError(str(path), [InputProblem("", "找不到该文件，请检查路径")]) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        problem = InputProblem("", f"不是有效的 Excel（.xlsx）文件：{type(exc).__name__}")
        raise InputError(str(path), [problem]) from None
    except Exception as exc:  # openpyxl raises its own exception types for damaged files
        raise InputError(str(path), [InputProblem("", f"无法读取该 Excel 文件：{exc}")]) from None
    return values, formulas


def _grid(ws: Any, formulas: Any, problems: list[InputProblem]) -> list[list[tuple[Any, str]]]:
    """The sheet's cells as (value, "Sheet!A1"), merged ranges filled, formulas replaced by their
    cached result (or reported when Excel never computed one)."""
    filled: dict[tuple[int, int], Any] = {}
    for merged in ws.merged_cells.ranges:
        top = ws.cell(merged.min_row, merged.min_col).value
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                filled[(row, col)] = top
    grid = []
    for row in ws.iter_rows():
        line = []
        for cell in row:
            if not hasattr(cell, "column_letter"):  # a merged cell's placeholder
                value = filled.get((cell.row, cell.column))
                line.append((value, f"{ws.title}!{cell.coordinate}"))
                continue
            value = filled.get((cell.row, cell.column), cell.value)
            source = formulas[ws.title].cell(cell.row, cell.column).value
            if value is None and isinstance(source, str) and source.startswith("="):
                problems.append(InputProblem(f"{ws.title}!{cell.coordinate}",
                                             f"公式 {source} 没有计算结果；请在 Excel/WPS 中打开并保存后重试"))
            line.append((value, f"{ws.title}!{cell.coordinate}"))
        grid.append(line)
    return grid


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_workbook(path: Path) -> tuple[dict[str, Any], CellIndex]:
    from ..model.juesuan import JuesuanInput
    from ..model.yusuan import YusuanInput

    values, formulas = _open(path)
    index = CellIndex(str(path))
    problems: list[InputProblem] = []
    if KV_SHEET not in values.sheetnames:
        present = "、".join(values.sheetnames) or "无"
        problem = InputProblem("", f"缺少“{KV_SHEET}”工作表；现有工作表：{present}。可用 gongkai init --excel 生成模板")
        raise InputError(str(path), [problem])
    kv = _grid(values[KV_SHEET], formulas, problems)
    kind = next((_text(row[2][0]) for row in kv[1:] if len(row) > 2 and _text(row[0][0]) == "文档"), None)
    model = {"决算": JuesuanInput, "预算": YusuanInput}.get(kind or "")
    if model is None:
        where = next((row[2][1] for row in kv[1:] if len(row) > 2 and _text(row[0][0]) == "文档"), f"{KV_SHEET}!C2")
        raise InputError(str(path), [InputProblem(where, f"“文档”应为 决算 或 预算，实际为 {kind!r}")])
    layout = layout_for(model)
    raw: dict[str, Any] = {}
    _read_kv(kv, layout, raw, index, problems)
    for name in values.sheetnames:
        if name in (KV_SHEET, *HELP_SHEETS):
            continue
        sheet = layout.sheet(name)
        if sheet is None:
            problems.append(InputProblem(f"{name}!A1", f"不认识的工作表“{name}”（请勿改动表名）"))
            continue
        _read_list(_grid(values[name], formulas, problems), sheet, raw, index, problems)
    if problems:
        raise InputError(str(path), problems)
    return raw, index


def _put(raw: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = raw
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


def _read_kv(grid: list[list[tuple[Any, str]]], layout: Layout, raw: dict[str, Any], index: CellIndex,
             problems: list[InputProblem]) -> None:
    columns = {c.header: c for c in layout.kv}
    for row in grid[1:]:
        cells = [*row, *[(None, "")] * (3 - len(row))]
        field, key, value = (_text(cells[0][0]), _text(cells[1][0]), cells[2][0])
        if _blank(field):
            continue
        column = columns.get(field)
        if column is None:
            problems.append(InputProblem(cells[0][1], f"不认识的字段“{field}”（请检查拼写）"))
            continue
        for end in range(1, len(column.path) + 1):  # so a blank required cell can still be pointed at
            index.record(column.path[:end], cells[2][1])
        if _blank(value):
            continue
        if column.kind == "dict":
            if _blank(key):
                problems.append(InputProblem(cells[1][1], f"字段“{field}”每行需要在“键”列写明键"))
                continue
            _put(raw, (*column.path, str(key)), _number(value))
            index.record((*column.path, str(key)), cells[2][1])
        else:
            _put(raw, column.path, convert(value, column))
            index.record(column.path, cells[2][1])


def _read_list(grid: list[list[tuple[Any, str]]], sheet: Sheet, raw: dict[str, Any], index: CellIndex,
               problems: list[InputProblem]) -> None:
    if not grid:
        return
    headers = [_text(v) for v, _ in grid[0]]
    by_header = {c.header: c for c in sheet.columns}
    parent_cols = [f"{p}序号" for p in sheet.parents]
    for (value, where) in grid[0]:
        name = _text(value)
        known = name in by_header or name in parent_cols or (sheet.texts and name == "内容")
        if not _blank(name) and not known:
            problems.append(InputProblem(where, f"不认识的列“{name}”（请勿改动列名）"))
    for row in grid[1:]:
        cells = dict(zip(headers, row, strict=False))
        if all(_blank(v) for v, _ in row):
            continue  # an empty row
        target = _parent(raw, sheet, cells, problems, row[0][1].split("!")[1])
        if target is None:
            continue
        container, keys = target
        items = container.setdefault(sheet.segments[-1][0], [])
        keys = (*keys, sheet.segments[-1][0], len(items))
        index.record(keys, f"{sheet.name}!第{row[0][1].split('!')[1].lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}行")
        if sheet.texts:
            value, where = cells.get("内容", (None, ""))
            text = _text(value)
            if isinstance(text, str) and text.startswith(TABLE_MARK):
                text = json.loads(text[len(TABLE_MARK):])
            items.append(text if text is not None else "")
            index.record(keys, where)
            continue
        record: dict[str, Any] = {}
        for header, column in by_header.items():
            value, where = cells.get(header, (None, ""))
            if _blank(value):
                continue
            _put(record, column.path, convert(value, column))
            index.record((*keys, *column.path), where)
        items.append(record)


def _parent(raw: dict[str, Any], sheet: Sheet, cells: dict[str, tuple[Any, str]], problems: list[InputProblem],
            cell: str) -> tuple[dict[str, Any], tuple[Any, ...]] | None:
    """The dict the row's list lives in, found through the row's 序号 columns, and its path."""
    node: Any = raw
    keys: tuple[Any, ...] = ()
    for alias, is_list in sheet.segments[:-1]:
        child = node.setdefault(alias, [] if is_list else {})
        keys = (*keys, alias)
        if is_list:
            value, where = cells.get(f"{alias}序号", (None, cell))
            number = _number(value)
            if not isinstance(number, int) or not 1 <= number <= len(child):
                problems.append(InputProblem(where or f"{sheet.name}!{cell}",
                                             f"“{alias}序号”应为 1 到 {len(child)} 之间的整数"
                                             f"（对应“{alias}”表中的行），实际为 {value!r}"))
                return None
            node = child[number - 1]
            keys = (*keys, number - 1)
        else:
            node = child
    return node, keys
