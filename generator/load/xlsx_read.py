"""Opening an .xlsx safely and reading its sheets as sparse grids.

Before openpyxl sees the file: its size, what it really is (an encrypted workbook, an .xls from
Excel 97-2003, a text file renamed .xlsx), and what it expands to (every part is decompressed and
counted, so a zip bomb is stopped at the limit, whatever sizes its directory claims). Then each sheet
is streamed row by row and only the cells that hold something are kept: a stray cell typed at Z200000
costs one cell, not a million empty ones. Each kept cell carries its value (Excel's saved result
for a formula), the formula text when there is one, and its number format (how many decimals a
score shows is part of what was typed).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..errors import InputError, InputProblem

MAX_FILE_BYTES = 20 * 1024 * 1024  # the .xlsx itself
MAX_EXPANDED_BYTES = 100 * 1024 * 1024  # all of its parts, decompressed
MAX_PARTS = 10_000
MAX_CELLS = 500_000  # cells stored in the sheets (blank-looking ones included); a form holds a few thousand
MAX_FILLED_CELLS = 200_000  # cells that hold something
MAX_MERGED_CELLS = 500_000  # cells covered by merged ranges of ordinary size

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class Cell:
    value: Any  # what the cell shows: for a formula, the result Excel saved (None if never computed)
    formula: str | None  # "=SUM(…)" for a formula cell
    number_format: str
    where: str  # "Sheet!B5"


@dataclass
class Grid:
    title: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col
    _covered: dict[tuple[int, int], tuple[int, int, int, int]] | None = None
    _by_row: dict[int, list[int]] | None = None
    _max_column: int | None = None
    _large: list[tuple[int, int, int, int]] = field(default_factory=list)

    def get(self, row: int, column: int) -> Cell | None:
        return self.cells.get((row, column))

    def value(self, row: int, column: int) -> Any:
        cell = self.cells.get((row, column))
        return None if cell is None else cell.value

    def rows(self) -> list[int]:
        return sorted(self._row_index())

    def columns_in(self, row: int) -> list[int]:
        """The columns of the row that hold something (not every column up to the widest row)."""
        return self._row_index().get(row, [])

    def _row_index(self) -> dict[int, list[int]]:
        if self._by_row is None:
            self._by_row = {}
            for r, c in sorted(self.cells):
                self._by_row.setdefault(r, []).append(c)
        return self._by_row

    @property
    def max_column(self) -> int:
        if self._max_column is None:
            self._max_column = max((c for _, c in self.cells), default=0)
        return self._max_column

    def merged_at(self, row: int, column: int) -> tuple[int, int, int, int] | None:
        """The merged range the cell lies in. Ranges are indexed by cell once (the reader asks for
        every cell); the few very large ones are checked one by one."""
        if self._covered is None:
            self._covered, self._large = {}, []
            for area in self.merged:
                size = (area[2] - area[0] + 1) * (area[3] - area[1] + 1)
                if size > 10_000:
                    self._large.append(area)
                    continue
                for r in range(area[0], area[2] + 1):
                    for c in range(area[1], area[3] + 1):
                        self._covered[(r, c)] = area
        found = self._covered.get((row, column))
        if found is not None:
            return found
        for area in self._large:
            if area[0] <= row <= area[2] and area[1] <= column <= area[3]:
                return area
        return None


def _refuse(path: Path, message: str) -> InputError:
    return InputError(str(path), [InputProblem("", message)])


def check_file(path: Path) -> None:
    """What the file is and what it would expand to, before any XML is parsed."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise _refuse(path, "找不到该文件，请检查路径") from None
    except IsADirectoryError:
        raise _refuse(path, "这是一个文件夹，不是 Excel 文件") from None
    except OSError as exc:
        raise _refuse(path, f"无法读取该文件：{exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise _refuse(path, f"文件有 {size / 1024 / 1024:.1f} MB，超过 Excel 输入的上限 "
                            f"{MAX_FILE_BYTES // 1024 // 1024} MB。部门输入通常不到 1 MB：请删去表中无关的内容、图片"
                            "和多余的工作表后另存")
    if head.startswith(_OLE2):
        if _ENCRYPTED in path.read_bytes():
            raise _refuse(path, "工作簿设置了打开密码（已加密），无法读取。请在 Excel/WPS 中打开，"
                                "在“文件 → 信息 → 保护工作簿 → 用密码进行加密”中清空密码并保存，再重试")
        raise _refuse(path, "这是旧版 Excel 97-2003 工作簿（.xls），不能直接读取。请在 Excel/WPS 中打开，"
                            "“另存为”Excel 工作簿（.xlsx）后再用新文件重试")
    if not head.startswith(b"PK"):
        kind = "文本文件（可能是 CSV 或网页另存的表格）" if _looks_like_text(path) else "不是 Excel 工作簿"
        raise _refuse(path, f"该文件{'是' if '文本' in kind else ''}{kind}，不是有效的 Excel（.xlsx）文件。"
                            "请在 Excel/WPS 中打开后“另存为”Excel 工作簿（.xlsx）")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(path, "文件已损坏，不是有效的 Excel（.xlsx）文件（无法解压）。"
                            "请用 Excel/WPS 打开修复后另存") from None
    with archive:
        _check_parts(path, archive)


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as handle:
        sample = handle.read(4096)
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        try:
            sample.decode("gbk")
        except UnicodeDecodeError:
            return False
    return b"\x00" not in sample


def _check_parts(path: Path, archive: zipfile.ZipFile) -> None:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise _refuse(path, f"工作簿包含 {len(parts)} 个部件，超过上限 {MAX_PARTS}；不像是正常的 Excel 文件")
    names = {p.filename for p in parts}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/workbook") for n in names):
        raise _refuse(path, "这是一个压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）。请确认文件类型")
    total = 0
    for part in parts:
        if part.flag_bits & 0x1:
            raise _refuse(path, f"工作簿中的部件“{part.filename}”被加密，无法读取。请去掉密码后另存")
        try:
            with archive.open(part) as stream:
                first = True
                while chunk := stream.read(1 << 20):
                    if first and part.filename.endswith((".xml", ".rels")) and (b"<!DOCTYPE" in chunk[:4096]
                                                                              or b"<!ENTITY" in chunk[:4096]):
                        raise _refuse(path, f"工作簿部件“{part.filename}”含有 DTD 声明，正常的 Excel 文件没有；"
                                            "为安全起见不予读取")
                    first = False
                    total += len(chunk)
                    if total > MAX_EXPANDED_BYTES:
                        raise _refuse(path, f"工作簿解压后超过 {MAX_EXPANDED_BYTES // 1024 // 1024} MB（在部件"
                                            f"“{part.filename}”处停止），不像是正常的输入文件（可能是“压缩炸弹”）。"
                                            "请删去无关内容后另存")
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            if isinstance(exc, InputError):
                raise
            raise _refuse(path, f"工作簿部件“{part.filename}”已损坏，无法解压。请用 Excel/WPS 打开修复后另存") from None


class Workbook:
    """The sheets of a checked .xlsx, each read on demand as a Grid."""

    def __init__(self, path: Path) -> None:
        from openpyxl import load_workbook  # type: ignore[import-untyped]

        check_file(path)
        self.path = path
        try:
            self._book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
        except Exception as exc:  # openpyxl has no single error type for a damaged workbook
            raise _refuse(path, f"无法读取该 Excel 文件（{type(exc).__name__}）。"
                                "请用 Excel/WPS 打开后另存再试") from None
        self.sheetnames: list[str] = list(self._book.sheetnames)
        self.properties = self._book.properties
        custom = getattr(self._book, "custom_doc_props", None)
        self.custom: dict[str, str] = {str(p.name): str(p.value) for p in getattr(custom, "props", []) or []}
        self._cells = 0
        self._filled = 0

    def close(self) -> None:
        self._book.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def grid(self, title: str) -> Grid:
        try:
            return self._grid(title)
        except InputError:
            raise
        except Exception as exc:
            raise _refuse(self.path, f"工作表“{title}”已损坏，无法读取（{type(exc).__name__}）。"
                                     "请用 Excel/WPS 打开后另存再试") from None

    def _grid(self, title: str) -> Grid:
        book: Any = self._book  # openpyxl's read-only internals, which its stubs do not describe
        sheet = book[title]
        grid = Grid(title)
        if not hasattr(sheet, "_worksheet_path"):  # a chart sheet: no cells
            return grid
        parser = _parser(book, sheet._shared_strings, book._archive.open(sheet._worksheet_path))
        for _row, cells in parser.parse():
            for cell in cells:
                self._cells += 1
                if self._cells > MAX_CELLS:
                    raise _refuse(self.path, f"工作表“{title}”处已读到 {MAX_CELLS:,} 个单元格，超过上限；请删去表中"
                                             "大片的空白格式或无关内容后另存（可在 Excel 中选中多余的行列整行删除）")
                value, formula = cell["value"], None
                if cell["data_type"] == "f":
                    formula = value if isinstance(value, str) else getattr(value, "text", str(value))
                    value = cell.get("cached")
                if formula is None and (value is None or (isinstance(value, str) and not value.strip())):
                    continue  # blank-looking: nothing to read, nothing to keep
                self._filled += 1
                if self._filled > MAX_FILLED_CELLS:
                    raise _refuse(self.path, f"工作簿中有内容的单元格超过 {MAX_FILLED_CELLS:,} 个"
                                             f"（在工作表“{title}”处停止），不像是一个部门的输入；请检查是否粘贴了无关数据")
                r, c = cell["row"], cell["column"]
                where = f"{title}!{_letter(c)}{r}"
                grid.cells[(r, c)] = Cell(_plain(value), formula, _number_format(self._book, cell["style_id"]), where)
        merged = getattr(parser, "merged_cells", None)
        from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

        covered, large = 0, 0
        for item in getattr(merged, "mergeCell", []) or []:
            min_col, min_row, max_col, max_row = range_boundaries(item.ref)
            if min_col is None or min_row is None or max_col is None or max_row is None:
                continue  # whole rows or columns merged: no cell of a form is like that
            size = (max_row - min_row + 1) * (max_col - min_col + 1)
            covered += size if size <= 10_000 else 0
            large += size > 10_000
            if covered > MAX_MERGED_CELLS or large > 100:
                raise _refuse(self.path, f"工作表“{title}”中的合并单元格过多（超过上限），不像是一个部门的输入；"
                                         "请取消不必要的合并后另存")
            grid.merged.append((min_row, min_col, max_row, max_col))
        return grid

    def grids(self) -> Iterator[Grid]:
        for title in self.sheetnames:
            yield self.grid(title)


def _parser(book: Any, shared_strings: Any, source: Any) -> Any:
    """openpyxl's own streaming sheet parser, also keeping a formula cell's saved result (openpyxl
    gives either the formula or the result; the reader needs both). A private class of openpyxl,
    used because it is the one that knows every cell encoding; tests/test_excel_hardening.py covers it."""
    from openpyxl.worksheet._reader import VALUE_TAG, WorkSheetParser  # type: ignore[import-untyped]

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["data_type"] == "f":
                cached = element.findtext(VALUE_TAG)
                kind = element.get("t", "n")
                if cached is None or cached == "":
                    cell["cached"] = None
                elif kind == "b":
                    cell["cached"] = cached not in ("0", "false")
                elif kind in ("str", "s", "inlineStr", "e"):
                    cell["cached"] = cached
                else:
                    cell["cached"] = _number_text(cached)
            return cell

    return Parser(source, shared_strings, data_only=False, epoch=book.epoch, date_formats=book._date_formats,
                  timedelta_formats=book._timedelta_formats)


def _number_text(text: str) -> Any:
    """A formula's cached number as openpyxl gives a typed one (int or float), so that both reach the one
    place where a cell's number becomes an exact Decimal (excel.number: the double's shortest decimal
    text, at Excel's 15 significant digits). The XML holds a double's decimal text: nothing is lost here."""
    try:
        return int(text) if text.lstrip("-").isdigit() else float(text)
    except ValueError:
        return text


def _number_format(book: Any, style_id: int) -> str:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE  # type: ignore[import-untyped]

    try:
        number = book._cell_styles[style_id].numFmtId
    except (IndexError, TypeError):
        return "General"
    if number < BUILTIN_FORMATS_MAX_SIZE:
        return str(BUILTIN_FORMATS.get(number, "General"))
    try:
        return str(book._number_formats[number - BUILTIN_FORMATS_MAX_SIZE])
    except IndexError:
        return "General"


def _plain(value: Any) -> Any:
    """Rich text → its characters; a date or time stays a date (the reader decides what it means)."""
    if isinstance(value, datetime | date | time) or value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
