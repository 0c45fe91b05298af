"""Document tree → DOCX (python-docx), with real Word styles so the office can keep editing.

Fonts are named as East-Asian fonts (仿宋_GB2312 body, 黑体 headings, 方正小标宋简体 title); the
font table names a free alternative for each, which LibreOffice and WPS use when the office
font is not installed.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from html import escape
from typing import Any

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from lxml import etree

from ..compose.tree import Cell, Document, Figure, Heading, PageBreak, Paragraph, Table, TableOfContents

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
# Office fonts the published documents use, and the free fonts installed by `make` that stand in.
FALLBACKS = {"仿宋_GB2312": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC", "方正小标宋简体": "Noto Serif CJK SC",
             "楷体_GB2312": "AR PL UKai CN"}
A4 = (Cm(21.0), Cm(29.7))


def _east_asian(run_or_style: Any, font: str) -> None:
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")


class DocxWriter:
    def __init__(self, fonts: dict[str, str]) -> None:
        self.fonts = {"body": "仿宋_GB2312", "heading": "黑体", "title": "方正小标宋简体", **fonts}
        self.doc = new_document()
        self.landscape = False
        self.fresh_page = True  # nothing on the current page yet (no page break needed)
        self._styles()
        self._page(self.doc.sections[0], landscape=False)
        self._page_number(self.doc.sections[0])

    # ------------------------------------------------------------------ styles and pages

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.size = Pt(14)
        _east_asian(normal, self.fonts["body"])
        normal.paragraph_format.line_spacing = 1.5
        normal.paragraph_format.space_after = Pt(0)
        sizes = {1: 16, 2: 15, 3: 14, 4: 14}
        for level, size in sizes.items():
            style = styles[f"Heading {level}"]
            style.font.size = Pt(size)
            style.font.bold = level > 2
            style.font.color.rgb = None
            style.font.name = "Times New Roman"
            _east_asian(style, self.fonts["heading"] if level <= 2 else self.fonts["body"])
            style.paragraph_format.space_before = Pt(12 if level == 1 else 6)
            style.paragraph_format.space_after = Pt(6)
        title = styles["Title"]
        title.font.size = Pt(26)
        title.font.color.rgb = None
        title.font.name = "Times New Roman"
        _east_asian(title, self.fonts["title"])
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_before = Pt(120)
        # python-docx's default Title style has a bottom border; a disclosure cover has none.
        border = title.element.pPr.find(qn("w:pBdr")) if title.element.pPr is not None else None
        if border is not None:
            title.element.pPr.remove(border)
        subtitle = styles["Subtitle"]
        subtitle.font.size = Pt(22)
        subtitle.font.color.rgb = None
        _east_asian(subtitle, self.fonts["title"])
        subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._font_table()

    def _font_table(self) -> None:
        """Name a free stand-in (w:altName) for each office font, for suites without it."""
        part = next((p for p in self.doc.part.package.iter_parts() if p.partname.endswith("fontTable.xml")), None)
        if part is None:
            return
        root = etree.fromstring(part.blob)
        for name, alt in FALLBACKS.items():
            font = etree.SubElement(root, qn("w:font"))
            font.set(qn("w:name"), name)
            etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alt)
            etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
            etree.SubElement(font, qn("w:family")).set(qn("w:val"), "modern" if name == "黑体" else "roman")
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _page(self, section: Any, *, landscape: bool) -> None:
        width, height = A4
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        section.top_margin = section.bottom_margin = Cm(2.2 if landscape else 2.54)
        section.left_margin = section.right_margin = Cm(2.0 if landscape else 2.8)

    def _page_number(self, section: Any) -> None:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("— ")
        self._field(paragraph, "PAGE", "1")
        paragraph.add_run(" —")

    def _field(self, paragraph: Any, instruction: str, result: str) -> None:
        def char(kind: str) -> Any:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            return el

        run = paragraph.add_run()
        run._r.append(char("begin"))
        run = paragraph.add_run()
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        run._r.append(instr)
        paragraph.add_run()._r.append(char("separate"))
        paragraph.add_run(result)
        paragraph.add_run()._r.append(char("end"))

    def _orientation(self, landscape: bool) -> None:
        if landscape == self.landscape:
            return
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(section, landscape=landscape)
        self.landscape = landscape
        self.fresh_page = True

    def _width_cm(self) -> float:
        section = self.doc.sections[-1]
        return (section.page_width - section.left_margin - section.right_margin) / 360000

    # ------------------------------------------------------------------ blocks

    def write(self, document: Document) -> bytes:
        headings = [b for b in document.blocks if isinstance(b, Heading) and b.level <= 2]
        for block in document.blocks:
            if isinstance(block, Table):
                self._orientation(block.landscape)
                self.table(block)
                continue
            if self.landscape:
                self._orientation(False)
            if isinstance(block, Heading):
                # The style object, not its name: python-docx looks a name up through every style.
                self.doc.add_paragraph(block.text, style=self.doc.styles[f"Heading {block.level}"])
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, PageBreak):
                if not self.fresh_page:
                    self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                self.fresh_page = True
                continue
            elif isinstance(block, TableOfContents):
                self.toc(block, headings)
            elif isinstance(block, Figure):
                self.figure(block)
            self.fresh_page = False
        self._properties(document)
        return _deterministic_zip(self._save(), document.date)

    def paragraph(self, block: Paragraph) -> None:
        style = {"title": "Title", "subtitle": "Subtitle"}.get(block.style)
        p = self.doc.add_paragraph(style=self.doc.styles[style] if style else None)  # None: Normal
        fmt = p.paragraph_format
        if block.style == "body":
            fmt.first_line_indent = Pt(28)
            fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif block.style in ("center", "right"):
            fmt.alignment = ALIGN[block.style]
        elif block.style == "note":
            fmt.first_line_indent = Pt(0)
        for run in block.runs:
            r = p.add_run(run.text)
            r.bold = run.bold or None
            if block.style == "note":
                r.font.size = Pt(10.5)

    def toc(self, block: TableOfContents, headings: list[Heading]) -> None:
        title = self.doc.add_paragraph(block.title)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.runs[0].bold = True
        title.runs[0].font.size = Pt(16)
        _east_asian(title.runs[0], self.fonts["heading"])
        # A real TOC field (Word/WPS update it with page numbers); its current result lists the
        # headings, so the contents read correctly even before anyone updates the field.
        p = self.doc.add_paragraph()
        self._field(p, 'TOC \\o "1-2" \\h \\z \\u', "")
        field_end = p.runs[-1]
        p.runs[-2].text = ""
        for i, heading in enumerate(headings):
            target = p if i == 0 else self.doc.add_paragraph()
            target.paragraph_format.left_indent = Pt(0 if heading.level == 1 else 21)
            run = target.add_run(heading.text)
            if i == 0:
                p._p.remove(run._r)
                field_end._r.addprevious(run._r)
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)

    def figure(self, block: Figure) -> None:
        self.doc.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption = self.doc.add_paragraph(block.caption)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.runs[0].font.size = Pt(10.5)

    def table(self, block: Table) -> None:
        small = Pt(block.font_size)
        if block.title:
            title = self.doc.add_paragraph()
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if block.new_page and not self.fresh_page:
                title.paragraph_format.page_break_before = True
            run = title.add_run(block.title)
            run.bold = True
            run.font.size = Pt(14)
            _east_asian(run, self.fonts["heading"])
        if block.subtitle:
            sub = self.doc.add_paragraph()
            sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
            sub.add_run(block.subtitle).font.size = small
        if block.number or block.meta_left or block.meta_right:
            self._meta_line(block, small)
        grid = _layout([*block.header, *block.body])
        columns = max((len(r) for r in grid), default=0)
        placeholder = self.doc.add_table(rows=0, cols=columns)._tbl
        # The table's WordprocessingML is written in one piece and parsed once: filling it cell by
        # cell through python-docx's object API costs about 1 s on a 30-page report.
        placeholder.addnext(parse_xml(_table_xml(grid, len(block.header), self._twips(block, columns),
                                                 round(block.font_size * 2))))
        placeholder.getparent().remove(placeholder)
        for text in (*block.notes, *block.after):
            note = self.doc.add_paragraph()
            note.paragraph_format.line_spacing = 1.2
            note.add_run(text).font.size = Pt(10.5)
        self.fresh_page = False

    def _meta_line(self, block: Table, size: Pt) -> None:
        width = Cm(self._width_cm())
        if block.number:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.add_run(block.number).font.size = size
        if block.meta_left or block.meta_right:
            p = self.doc.add_paragraph()
            p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
            p.add_run(block.meta_left).font.size = size
            if block.meta_right:
                p.add_run("\t" + block.meta_right).font.size = size

    def _twips(self, block: Table, columns: int) -> list[int]:
        """Column widths in proportion to the spec, filling the text width."""
        weights = list(block.widths) if len(block.widths) == columns else [1.0] * columns
        total = sum(weights)
        width = self._width_cm()
        return [Cm(width * w / total).twips for w in weights]

    def _properties(self, document: Document) -> None:
        props = self.doc.core_properties
        props.title = document.title
        props.subject = document.subject
        props.author = document.author
        props.last_modified_by = "gongkai"
        props.revision = 1
        when = datetime.fromisoformat(document.date) if document.date else datetime(2000, 1, 1)
        props.created = props.modified = when
        props.last_printed = when

    def _save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


_CELL_PPR = '<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="{}"/></w:pPr>'


def _table_xml(grid: list[list[tuple[Cell, int, int] | None]], header_rows: int, twips: list[int],
               half_points: int) -> str:
    """A w:tbl with the Table Grid style, fixed column widths, header rows repeated on each page,
    horizontal spans as gridSpan and vertical spans as vMerge (what Word itself writes)."""
    # (row, column) covered by a vertical span → the span's colspan, for its vMerge continuation cells.
    continued: dict[tuple[int, int], int] = {}
    for r, row in enumerate(grid):
        for c, placed in enumerate(row):
            if placed is not None:
                for dr in range(1, placed[1]):
                    continued[(r + dr, c)] = placed[2]
    out = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
           '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
           'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in twips]
    out.append("</w:tblGrid>")
    for r, row in enumerate(grid):
        out.append("<w:tr>")
        if r < header_rows:
            out.append('<w:trPr><w:tblHeader w:val="true"/></w:trPr>')
        c = 0
        while c < len(row):
            placed = row[c]
            if placed is None:
                span = continued.get((r, c))
                if span is not None:  # under a vertical span: an empty continuation cell
                    out.append(f"<w:tc><w:tcPr>{_cell_width(twips, c, span)}<w:vMerge/></w:tcPr><w:p/></w:tc>")
                    c += span
                else:  # a hole in a ragged row: an empty cell keeps the grid rectangular
                    out.append(f"<w:tc><w:tcPr>{_cell_width(twips, c, 1)}</w:tcPr><w:p/></w:tc>")
                    c += 1
                continue
            cell, rowspan, colspan = placed
            merge = '<w:vMerge w:val="restart"/>' if rowspan > 1 else ""
            bold = "<w:b/>" if cell.bold or r < header_rows else ""
            run = (f'<w:r><w:rPr>{bold}<w:sz w:val="{half_points}"/></w:rPr>'
                   f'<w:t xml:space="preserve">{escape(cell.text)}</w:t></w:r>') if cell.text else ""
            out.append(f"<w:tc><w:tcPr>{_cell_width(twips, c, colspan)}{merge}</w:tcPr>"
                       f"<w:p>{_CELL_PPR.format(cell.align)}{run}</w:p></w:tc>")
            c += colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _cell_width(twips: list[int], column: int, span: int) -> str:
    width = f'<w:tcW w:w="{sum(twips[column:column + span])}" w:type="dxa"/>'
    return width + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")


def _layout(rows: list[tuple[Cell, ...]]) -> list[list[tuple[Cell, int, int] | None]]:
    """Places cells with row/col spans on a grid: grid[r][c] is (cell, rowspan, colspan) at its
    top-left position and None where a span covers it."""
    grid: list[list[Any]] = []
    occupied: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied.add((r + dr, c + dc))
            line = grid[r]
            while len(line) <= c:
                line.append(None)
            line[c] = (cell, cell.rowspan, cell.colspan)
            c += cell.colspan
    width = max((c + 1 for (_, c) in occupied), default=0)
    height = max((r + 1 for (r, _) in occupied), default=0)
    while len(grid) < height:
        grid.append([])
    for line in grid:
        line.extend([None] * (width - len(line)))
    return grid


def _deterministic_zip(data: bytes, date: str) -> bytes:
    """Re-pack with fixed timestamps so the same input always gives the same bytes."""
    stamp = (int(date[:4]), int(date[5:7]), int(date[8:10]), 0, 0, 0) if date else (2000, 1, 1, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def write_docx(document: Document, fonts: dict[str, str] | None = None) -> bytes:
    return DocxWriter(fonts or {}).write(document)
