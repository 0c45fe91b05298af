"""The machine-readable twin of a document: every table of the document tree as a spreadsheet.

Made from the same `Document` as the DOCX and PDF, so no figure can differ: each cell's text is the
document's own; a figure (a right-aligned cell, which is how the table kinds mark amounts, rates and
percentages) is stored as a number with the document's precision and display format, everything else
(codes, 行次, names, scores typed by people) as the text printed. Cells the document leaves blank
stay blank.

- xlsx: a 目录 sheet, then one sheet per table with its number, title, 编制单位, unit, header rows
  (merged as printed), body, notes.
- csv: one UTF-8 (with BOM, so Excel shows the Chinese) file per table, packed in one .csv.zip: a
  single output file keeps the all-or-nothing publishing and the version history of one file per
  format, where a folder of loose files could be left half replaced.

Both are byte-identical for the same input: fixed timestamps inside the zip and in the properties.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..compose.tree import Cell, Document, Heading, Table
from .columns import layout
from .formats import Finish, Job, Output

# A figure as the table kinds print it: 1,234.56 / 1234.56 / 0 / 98.78% (never a code: codes are left-aligned).
_FIGURE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%?)$")
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
_FILE_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
MARKER = "gongkai 公开表格机读版"  # in the workbook's properties: the reader knows this is not an input


@dataclass(frozen=True)
class Figure:
    value: Decimal  # a percentage as a fraction (98.78% → 0.9878), as spreadsheets keep them
    number_format: str  # the document's display: #,##0.00 / 0.00 / 0.00%
    text: str  # the number as plain text for CSV: no thousands separators, digits as printed


def figure(cell: Cell) -> Figure | None:
    """The number a right-aligned cell prints, or None when it prints anything else."""
    text = cell.text.strip()
    match = _FIGURE.match(text) if cell.align == "right" else None
    if not match:
        return None
    places = len(match.group(1) or "")
    percent = bool(match.group(2))
    digits = text.rstrip("%").replace(",", "")
    value = Decimal(digits)
    decimals = "." + "0" * places if places else ""
    if percent:
        return Figure(value.scaleb(-2), f"0{decimals}%", digits + "%")
    grouping = "#,##0" if "," in text else "0"  # below 1,000 both display the same
    return Figure(value, grouping + decimals, digits)


@dataclass(frozen=True)
class NamedTable:
    name: str  # sheet name / file name: the table's number, or 表N and its title
    heading: str  # the section it stands under (for tables without a title)
    table: Table

    @property
    def caption(self) -> str:
        return " ".join(t for t in (self.table.number, self.table.title or self.heading) if t)

    @property
    def unit(self) -> str:
        return self.table.meta_right


def named_tables(document: Document) -> list[NamedTable]:
    out: list[NamedTable] = []
    heading = ""
    used: set[str] = set()
    for block in document.blocks:
        if isinstance(block, Heading):
            heading = block.text
        elif isinstance(block, Table):
            n = len(out) + 1
            base = block.number or f"表{n} {block.title or heading or '表格'}"
            name = _SHEET_UNSAFE.sub("_", base)[:31].strip()
            while name.lower() in used or name == "目录":
                name = f"表{n} {name}"[:31]
            used.add(name.lower())
            out.append(NamedTable(name, heading, block))
    return out


def grid(table: Table) -> tuple[list[list[Cell | None]], list[tuple[int, int, int, int]]]:
    """The header and body on a grid (None where a span covers), and the spans as (row, col, rows, cols):
    the cells placed as the DOCX and PDF place them (columns.layout)."""
    placed = layout([*table.header, *table.body])
    cells = [[entry[0] if entry else None for entry in line] for line in placed]
    spans = [(r, c, entry[1], entry[2]) for r, line in enumerate(placed) for c, entry in enumerate(line)
             if entry and (entry[1] > 1 or entry[2] > 1)]
    return cells, spans


# ---------------------------------------------------------------- xlsx


def start_xlsx(job: Job) -> Finish:
    data = workbook_bytes(job.document)
    return lambda: [Output(".xlsx", data)]


def workbook_bytes(document: Document) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Border, Font, Side  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
    from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

    book = Workbook()
    index = book.active
    assert isinstance(index, Worksheet)  # a new workbook's one sheet
    index.title = "目录"
    tables = named_tables(document)
    index.append([document.title])
    index.append(["本工作簿由 gongkai 从与 DOCX、PDF 相同的文档内容生成：每张表一个工作表，数字与公开文档一致"
                  "（金额为数值，保留文档的小数位；文档中留空的单元格在这里也留空）。"])
    index.append([])
    index.append(["工作表", "表号", "表名", "单位"])
    for named in tables:
        index.append([named.name, named.table.number, named.table.title or named.heading, _unit(named.unit)])
        link = index.cell(index.max_row, 1)
        link.hyperlink = f"#'{named.name}'!A1"
        link.font = Font(color="0563C1", underline="single")
    index["A1"].font = Font(bold=True, size=14)
    for cell in index[4]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (24, 12, 60, 12), strict=True):
        index.column_dimensions[letter].width = width

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for named in tables:
        table = named.table
        ws = book.create_sheet(named.name)
        cells, spans = grid(table)
        width = max(len(cells[0]) if cells else 1, 1)
        ws.append([named.caption])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws["A1"].font = Font(bold=True, size=13)
        ws["A1"].alignment = Alignment(horizontal="center")
        if table.subtitle:
            ws.append([table.subtitle])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
            ws.cell(ws.max_row, 1).alignment = Alignment(horizontal="center")
        if table.meta_left or table.meta_right:
            ws.append(_meta(table, width))
            ws.cell(ws.max_row, width).alignment = Alignment(horizontal="right")
        top = ws.max_row + 1
        for r, row in enumerate(cells):
            for c, source in enumerate(row):
                target = ws.cell(top + r, c + 1)
                target.border = border
                if source is None:
                    continue
                number = figure(source)
                if number is not None:
                    target.value = number.value
                    target.number_format = number.number_format
                elif source.text:
                    target.value = source.text
                    target.data_type = "s"  # a text such as “=8席位” stays text, never a formula
                target.alignment = Alignment(horizontal=source.align, vertical="center", wrap_text=True)
                if source.bold or r < len(table.header):
                    target.font = Font(bold=True)
        for r, c, rows, cols in spans:
            ws.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r + rows - 1,
                           end_column=c + cols)
        if table.header:
            ws.freeze_panes = ws.cell(top + len(table.header), 1)
        for text in (*table.notes, *table.after):
            ws.append([text])
        weights = list(table.widths) if len(table.widths) == width else [1.0] * width
        scale = 110 / sum(weights) if sum(weights) else 10
        for c, weight in enumerate(weights):
            ws.column_dimensions[get_column_letter(c + 1)].width = max(6.0, round(weight * scale, 1))
        ws.page_setup.orientation = "landscape" if table.landscape or width > 6 else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        if table.header:
            ws.print_title_rows = f"{top}:{top + len(table.header) - 1}"
    book.properties.title = document.title
    book.properties.subject = document.subject
    book.properties.creator = document.author
    book.properties.keywords = MARKER
    return deterministic_xlsx(book, document.date)


def _meta(table: Table, width: int) -> list[str | None]:
    """编制单位 left, unit right, as the document prints them above the table."""
    if width == 1:
        return [" ".join(t for t in (table.meta_left, table.meta_right) if t)]
    line: list[str | None] = [None] * width
    line[0] = table.meta_left or None
    line[-1] = table.meta_right or None
    return line


def _unit(meta: str) -> str:
    return meta.split("：", 1)[1] if "：" in meta else meta


def deterministic_xlsx(book: Any, date: str) -> bytes:
    """openpyxl stamps the save time into docProps/core.xml and every zip entry; both are replaced by
    the document's own date so the same input gives the same bytes."""
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = f"{date or '2000-01-01'}T00:00:00Z"
    return repack(buffer.getvalue(), date, {"docProps/core.xml": lambda xml: re.sub(
        rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp.encode() + rb"\g<2>", xml)})


def repack(data: bytes, date: str, edit: dict[str, Any] | None = None) -> bytes:
    stamp = (int(date[:4]), int(date[5:7]), int(date[8:10]), 0, 0, 0) if date else (2000, 1, 1, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if edit and info.filename in edit:
                content = edit[info.filename](content)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()


# ---------------------------------------------------------------- csv


def start_csv(job: Job) -> Finish:
    data = csv_zip_bytes(job.document)
    return lambda: [Output(".csv.zip", data)]


def table_rows(named: NamedTable) -> list[list[str]]:
    """A table as CSV rows: caption, subtitle, 编制单位/unit, header, body, notes. Spanned cells
    hold their text in the first position only, as printed."""
    table = named.table
    cells, _spans = grid(table)
    width = max(len(cells[0]) if cells else 1, 1)

    def line(*values: str) -> list[str]:
        return [*values, *[""] * (width - len(values))]

    rows = [line(named.caption)]
    if table.subtitle:
        rows.append(line(table.subtitle))
    if table.meta_left or table.meta_right:
        rows.append([v or "" for v in _meta(table, width)])
    for row in cells:
        out = []
        for cell in row:
            number = figure(cell) if cell is not None else None
            out.append(number.text if number else (cell.text if cell is not None else ""))
        rows.append(out)
    rows += [line(text) for text in (*table.notes, *table.after)]
    return rows


def _csv_bytes(rows: list[list[str]]) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    return "\ufeff".encode() + text.getvalue().encode("utf-8")


def csv_zip_bytes(document: Document) -> bytes:
    stamp = (int(document.date[:4]), int(document.date[5:7]), int(document.date[8:10]), 0, 0, 0) \
        if document.date else (2000, 1, 1, 0, 0, 0)
    tables = named_tables(document)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        files = [("00 目录.csv", [["文件", "表号", "表名", "单位"]] + [
            [file_name(n, named), named.table.number, named.table.title or named.heading, _unit(named.unit)]
            for n, named in enumerate(tables, start=1)])]
        files += [(file_name(n, named), table_rows(named)) for n, named in enumerate(tables, start=1)]
        for name, rows in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, _csv_bytes(rows))
    return out.getvalue()


def file_name(n: int, named: NamedTable) -> str:
    base = named.table.number if named.table.number else named.name.split(" ", 1)[-1]
    title = named.table.title if named.table.number else ""
    name = _FILE_UNSAFE.sub("_", " ".join(t for t in (f"{n:02d}", base, title) if t))
    return name[:120] + ".csv"
