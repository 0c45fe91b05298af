"""Document tree → DOCX (python-docx), with real Word styles so the office can keep editing.

Typography follows official documents (typography.py): 标题 1 黑体, 标题 2 楷体, 标题 3 仿宋 bold,
body 仿宋, cover 方正小标宋. The styles name these fonts directly: every theme-font attribute, theme
colour and italic of python-docx's default template is removed, since Word lets a theme font
override a named one. The font table names a free stand-in for each office font, which LibreOffice
and WPS use where the office font is not installed.

Pages: the cover and the contents form a section without page numbers; the body starts a section
numbered from 1. Landscape tables are sections of their own, and a heading that introduces a
table goes into the table's section (compose.tree.units). Headings, table titles and the first rows
of a table keep with what follows; rows never split across pages; a table's repeated rows (its
header, or a form's first row) come back on every page it continues on.

The contents is a real TOC field. Its current result already lists every entry with its page
number (from the PDF's layout, see pdf_writer.lay_out) behind a dot leader, so Word, WPS,
LibreOffice and previews show the numbers before anyone updates fields; updating the field in Word
recomputes them from Word's own layout.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from html import escape
from typing import Any

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, Twips
from lxml import etree

from ..compose.tree import (
    Block,
    Cell,
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
    front_end,
    units,
)
from .columns import KEEP_FIRST, KEEP_LAST, PADDING_EM, Grid, layout, spanned_rows
from .columns import fit_widths as fit_column_widths
from .typography import roles, stand_in

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
A4 = (Cm(21.0), Cm(29.7))
# Margins as in the PDF's stylesheet (document.css): the same text width, so the same column widths.
PORTRAIT_MARGINS = (Cm(2.54), Cm(2.8))  # (top/bottom, left/right)
LANDSCAPE_MARGINS = (Cm(2.0), Cm(2.0))
BODY_PT = 14  # 四号
HEADING_PT = {1: 16, 2: 15, 3: 14, 4: 14}
INDENT_TWIPS = 2 * BODY_PT * 20  # two characters
# Cell margins as the PDF's cell padding: 1.5 pt above and below, PADDING_EM of the type each side.
CELL_MARGIN = ('<w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="{side}" w:type="dxa"/>'
               '<w:bottom w:w="30" w:type="dxa"/><w:right w:w="{side}" w:type="dxa"/></w:tblCellMar>')
# What follows w:pgNumType in a w:sectPr (ECMA-376 §17.6.17).
_AFTER_PGNUMTYPE = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
                    "docGrid", "printerSettings")
_THEME_ATTRIBUTES = re.compile(r"^(asciiTheme|hAnsiTheme|eastAsiaTheme|cstheme|themeColor|themeShade|themeTint|"
                               r"themeFill|themeFillShade|themeFillTint)$")


def _fonts(element: Any, east_asian: str) -> None:
    """Names the fonts of a run or style: the East Asian font, Times New Roman for Latin text."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")


def _keep_next(paragraph: Any) -> None:
    paragraph.paragraph_format.keep_with_next = True


class DocxWriter:
    def __init__(self, fonts: Mapping[str, str] | None, page_numbers: Mapping[int, int] | None) -> None:
        self.fonts = roles(fonts)
        self.page_numbers = dict(page_numbers or {})
        self.doc = new_document()
        self.landscape = False
        self.fresh_page = True  # nothing on the current page yet (no page break needed)
        self.break_pending = False  # a page break written before the next block
        self.numbered = False  # a section with page numbers has begun
        self._styles()
        self._page(self.doc.sections[0], landscape=False)

    # ------------------------------------------------------------------ styles

    def _styles(self) -> None:
        styles = self.doc.styles
        self._plain_styles()
        normal = styles["Normal"]
        normal.font.size = Pt(BODY_PT)
        _fonts(normal.element, self.fonts["body"])
        normal.paragraph_format.line_spacing = 1.5
        normal.paragraph_format.space_after = Pt(0)
        faces = {1: self.fonts["heading"], 2: self.fonts["heading2"], 3: self.fonts["heading3"], 4: self.fonts["body"]}
        for level, size in HEADING_PT.items():
            style = styles[f"Heading {level}"]
            style.font.size = Pt(size)
            style.font.bold = level == 3  # 黑体 and 楷体 are set plain; 三级标题 is 仿宋 bold
            style.font.italic = False
            _fonts(style.element, faces[level])
            style.paragraph_format.space_before = Pt(12 if level == 1 else 6)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
            style.paragraph_format.keep_together = True
        title = styles["Title"]
        title.font.size = Pt(26)
        title.font.bold = True
        _fonts(title.element, self.fonts["title"])
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_before = Pt(120)
        subtitle = styles["Subtitle"]
        subtitle.font.size = Pt(22)
        subtitle.font.italic = False
        _fonts(subtitle.element, self.fonts["title"])
        subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        subtitle.paragraph_format.space_before = Pt(24)
        self._toc_styles()
        self._font_table()

    def _plain_styles(self) -> None:
        """Strips the default template of what overrides a named font or colours text: theme fonts,
        theme colours, italics, the title's rule and the subtitle's list numbering; and of the
        table styles no table uses."""
        root = self.doc.styles.element
        for color in list(root.iter(qn("w:color"))):
            if any(etree.QName(name).localname.startswith("theme") for name in color.attrib):
                color.getparent().remove(color)  # text is black, as published
        for element in root.iter():
            for name in list(element.attrib):
                if _THEME_ATTRIBUTES.match(etree.QName(name).localname):
                    del element.attrib[name]
        for tag in ("w:i", "w:iCs", "w:pBdr", "w:numPr"):
            for element in list(root.iter(qn(tag))):
                element.getparent().remove(element)
        for element in list(root.iter(qn("w:rFonts"))):
            if not element.attrib:  # only theme fonts were named: let the named fonts above apply
                element.getparent().remove(element)
        for style in list(root.iterchildren(qn("w:style"))):
            if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in ("TableNormal", "TableGrid"):
                root.remove(style)
        # The document defaults name the body fonts too (text outside any style).
        defaults = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        fonts = OxmlElement("w:rFonts")
        fonts.set(qn("w:ascii"), "Times New Roman")
        fonts.set(qn("w:hAnsi"), "Times New Roman")
        fonts.set(qn("w:eastAsia"), self.fonts["body"])
        fonts.set(qn("w:cs"), "Times New Roman")
        defaults.insert(0, fonts)
        lang = defaults.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:eastAsia"), "zh-CN")

    def _toc_styles(self) -> None:
        """toc 1 / toc 2, as Word names them: hanging indent, the page number right-aligned behind
        a dot leader, room kept free for it at the right."""
        width = self._text_twips(landscape=False)
        for level in (1, 2):
            left = INDENT_TWIPS * level
            xml = (f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="TOC{level}">'
                   f'<w:name w:val="toc {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
                   '<w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr>'
                   f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{width}"/></w:tabs>'
                   f'<w:ind w:left="{left}" w:right="{INDENT_TWIPS}" w:hanging="{INDENT_TWIPS}"/>'
                   '</w:pPr></w:style>')
            self.doc.styles.element.append(parse_xml(xml))

    def _font_table(self) -> None:
        """Name a free stand-in (w:altName) for each office font, for suites without it."""
        part = next((p for p in self.doc.part.package.iter_parts() if p.partname.endswith("fontTable.xml")), None)
        if part is None:
            return
        root = etree.fromstring(part.blob)
        for name in sorted(set(self.fonts.values())):
            alt = stand_in(name)
            font = etree.SubElement(root, qn("w:font"))
            font.set(qn("w:name"), name)
            etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alt)
            etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
            etree.SubElement(font, qn("w:family")).set(qn("w:val"), "modern" if "Sans" in alt else "roman")
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    # ------------------------------------------------------------------ pages and sections

    def _page(self, section: Any, *, landscape: bool) -> None:
        width, height = A4
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        vertical, horizontal = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
        section.top_margin = section.bottom_margin = vertical
        section.left_margin = section.right_margin = horizontal

    @staticmethod
    def _text_twips(landscape: bool) -> int:
        width, height = A4
        page = height if landscape else width
        margin = (LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS)[1]
        return round((page - 2 * margin) / 635)  # EMU → twips

    def _new_section(self, *, landscape: bool) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(section, landscape=landscape)
        # python-docx copies the previous section's properties: only the body's first section
        # restarts the page numbers.
        for restart in section._sectPr.findall(qn("w:pgNumType")):
            section._sectPr.remove(restart)
        self.landscape = landscape
        self.fresh_page = True

    def _start_body(self, landscape: bool) -> None:
        """The body: numbered from 1, in a section of its own after the cover and contents (in the
        orientation of its first block, so no empty page comes before a landscape table)."""
        if self.fresh_page and len(self.doc.paragraphs) == 0:
            section = self.doc.sections[-1]  # no front matter: the first section is the body's
            self._page(section, landscape=landscape)
            self.landscape = landscape
        else:
            self._new_section(landscape=landscape)
            section = self.doc.sections[-1]
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), "1")
        # In its place in the schema's order (Word refuses a sectPr out of order): before w:cols.
        later = [section._sectPr.find(qn(f"w:{tag}")) for tag in _AFTER_PGNUMTYPE]
        following = next((el for el in later if el is not None), None)
        if following is not None:
            following.addprevious(numbering)
        else:
            section._sectPr.append(numbering)
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("— ")
        self._field(paragraph, "PAGE", "1")
        paragraph.add_run(" —")
        self.numbered = True

    def _field(self, paragraph: Any, instruction: str, result: str) -> None:
        def char(kind: str) -> Any:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            return el

        paragraph.add_run()._r.append(char("begin"))
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        paragraph.add_run()._r.append(instr)
        paragraph.add_run()._r.append(char("separate"))
        paragraph.add_run(result)
        paragraph.add_run()._r.append(char("end"))

    def _orientation(self, landscape: bool) -> None:
        if landscape != self.landscape:
            self._new_section(landscape=landscape)

    # ------------------------------------------------------------------ blocks

    def write(self, document: Document) -> bytes:
        blocks = document.blocks
        end = front_end(blocks)
        index = {id(b): i for i, b in enumerate(blocks)}
        for unit in units(blocks):
            first = index[id(unit[0])]
            if first == end:
                self._start_body(isinstance(unit[-1], Table) and unit[-1].landscape)
            if first == end - 1 and isinstance(unit[0], PageBreak):
                continue  # the page break that ends the front matter is the body's new section
            block = unit[-1]
            if isinstance(block, PageBreak):
                # Kept until the next block: a change of orientation there starts a new section,
                # which is the new page (a break as well would leave an empty page before it).
                self.break_pending = True
                continue
            if isinstance(block, Table):
                self._orientation(block.landscape)
                self._pending_break()
                break_before = block.new_page and not self.fresh_page
                for heading in unit[:-1]:
                    assert isinstance(heading, Heading)
                    self.heading(heading, index[id(heading)], page_break_before=break_before)
                    break_before = False
                self.table(block, page_break_before=break_before)
                continue
            self._orientation(False)
            self._pending_break()
            self.block(block, index[id(block)], document)
        self._properties(document)
        return _deterministic_zip(self._save(), document.date)

    def _pending_break(self) -> None:
        if self.break_pending and not self.fresh_page:
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            self.fresh_page = True
        self.break_pending = False

    def block(self, block: Block, position: int, document: Document) -> None:
        if isinstance(block, Heading):
            self.heading(block, position)
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, PageBreak):  # pragma: no cover - write() keeps page breaks pending
            self.break_pending = True
            return
        elif isinstance(block, TableOfContents):
            self.toc(block, document)
        elif isinstance(block, Figure):
            self.figure(block)
        self.fresh_page = False

    def heading(self, block: Heading, position: int, page_break_before: bool = False) -> None:
        # The style object, not its name: python-docx looks a name up through every style.
        p = self.doc.add_paragraph(block.text, style=self.doc.styles[f"Heading {min(block.level, 4)}"])
        if page_break_before:
            p.paragraph_format.page_break_before = True
        # A bookmark for the contents' hyperlinks.
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(position))
        start.set(qn("w:name"), _bookmark(position))
        end.set(qn("w:id"), str(position))
        p._p.insert(1 if p._p.pPr is not None else 0, start)
        p._p.append(end)
        self.fresh_page = False

    def paragraph(self, block: Paragraph) -> None:
        style = {"title": "Title", "subtitle": "Subtitle"}.get(block.style)
        p = self.doc.add_paragraph(style=self.doc.styles[style] if style else None)  # None: Normal
        fmt = p.paragraph_format
        if block.style == "body":
            fmt.first_line_indent = Pt(2 * BODY_PT)
            fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif block.style in ("center", "right"):
            fmt.alignment = ALIGN[block.style]
        for run in block.runs:
            r = p.add_run(run.text)
            r.bold = run.bold or None
            if block.style == "note":
                r.font.size = Pt(10.5)

    def toc(self, block: TableOfContents, document: Document) -> None:
        title = self.doc.add_paragraph(block.title)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_after = Pt(12)
        title.runs[0].font.size = Pt(16)
        _fonts(title.runs[0]._r, self.fonts["heading"])
        entries = [(i, b) for i, b in enumerate(document.blocks)
                   if isinstance(b, Heading) and b.level <= 2 and b.in_toc]
        paragraphs = [self.doc.add_paragraph(style=self.doc.styles[f"toc {b.level}"]) for _, b in entries] \
            or [self.doc.add_paragraph()]
        begin = paragraphs[0]
        self._field(begin, 'TOC \\o "1-2" \\h \\z \\u', "")
        end = begin.runs[-1]._r
        begin._p.remove(end)
        begin._p.remove(begin.runs[-1]._r)  # the empty result run: the entries are the result
        for paragraph, (position, heading) in zip(paragraphs, entries, strict=False):
            number = self.page_numbers.get(position)
            runs = f'<w:r><w:t xml:space="preserve">{escape(heading.text)}</w:t></w:r>'
            if number is not None:
                runs += f"<w:r><w:tab/></w:r><w:r><w:t>{number}</w:t></w:r>"
            paragraph._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")} w:anchor="{_bookmark(position)}" '
                                          f'w:history="1">{runs}</w:hyperlink>'))
        paragraphs[-1]._p.append(end)

    def figure(self, block: Figure) -> None:
        self.doc.add_picture(io.BytesIO(block.image.png), width=Cm(block.width_cm))
        picture = self.doc.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.first_line_indent = Pt(0)
        _keep_next(picture)
        caption = self.doc.add_paragraph(block.caption)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.runs[0].font.size = Pt(10.5)

    def table(self, block: Table, page_break_before: bool = False) -> None:
        small = Pt(block.font_size)
        lead: list[Any] = []
        if block.title:
            title = self.doc.add_paragraph()
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = title.add_run(block.title)
            run.bold = True
            run.font.size = Pt(14)
            _fonts(run._r, self.fonts["heading"])
            lead.append(title)
        if block.subtitle:
            sub = self.doc.add_paragraph()
            sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
            sub.add_run(block.subtitle).font.size = small
            lead.append(sub)
        lead += self._meta_lines(block, small)
        for paragraph in lead:
            _keep_next(paragraph)  # the title, number and unit line stay with the table
        if page_break_before and lead:
            lead[0].paragraph_format.page_break_before = True
        notes = [*block.notes, *block.after]
        grid = layout([*block.header, *block.body])
        widths = fit_column_widths(block, self._text_twips(block.landscape) / 20)
        placeholder = self.doc.add_table(rows=0, cols=len(widths))._tbl
        # The table's WordprocessingML is written in one piece and parsed once: filling it cell by
        # cell through python-docx's object API costs about 1 s on a 30-page report.
        xml = _table_xml(grid, len(block.header), block.repeated, [round(w * 20) for w in widths],
                         round(block.font_size * 2), bool(notes), page_break_before and not lead,
                         block.head_rows, block.body)
        placeholder.addnext(parse_xml(xml))
        placeholder.getparent().remove(placeholder)
        for n, text in enumerate(notes):
            note = self.doc.add_paragraph()
            note.paragraph_format.line_spacing = 1.2
            note.add_run(text).font.size = Pt(10.5)
            if n < len(notes) - 1:
                _keep_next(note)
        self.fresh_page = False

    def _meta_lines(self, block: Table, size: Pt) -> list[Any]:
        out = []
        if block.number:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.add_run(block.number).font.size = size
            out.append(p)
        if block.meta_left or block.meta_right:
            p = self.doc.add_paragraph()
            p.paragraph_format.tab_stops.add_tab_stop(Twips(self._text_twips(block.landscape)),
                                                      WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES)
            p.add_run(block.meta_left).font.size = size
            if block.meta_right:
                p.add_run("\t" + block.meta_right).font.size = size
            out.append(p)
        for p in out:
            p.paragraph_format.line_spacing = 1.2
        return out

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


def _bookmark(position: int) -> str:
    return f"_Toc{position:06d}"


# A cell's paragraph: single spacing, and its mark in the table's size (an empty cell is one line
# of the table's type high, not of the body's).
_CELL_PPR = ('<w:pPr>{keep}<w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/>'
             '<w:jc w:val="{align}"/><w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:pPr>')


def _table_xml(grid: Grid, header_rows: int, repeated: int, twips: list[int], half_points: int,
               notes_follow: bool, page_break_before: bool, head_rows: int = 0,
               body_rows: Sequence[tuple[Cell, ...]] = ()) -> str:
    """A w:tbl with the Table Grid style, fixed column widths, horizontal spans as gridSpan and
    vertical spans as vMerge (what Word itself writes). No row splits across pages; the repeated
    rows come back on each page; the first rows keep with the title, the last with the notes."""
    # (row, column) covered by a vertical span → the span's colspan, for its vMerge continuation cells.
    continued: dict[tuple[int, int], int] = {}
    for r, row in enumerate(grid):
        for c, placed in enumerate(row):
            if placed is not None:
                for dr in range(1, placed[1]):
                    continued[(r + dr, c)] = placed[2]
    body_start = header_rows or repeated
    last = len(grid) - 1
    # A list's record (a cell spanning rows) stays on one page, as in the PDF; a form's may break.
    joined = {body_start + r for r in spanned_rows(body_rows)} if not head_rows else set()
    margin = CELL_MARGIN.format(side=round(PADDING_EM * half_points * 10))  # half points → twips
    out = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
           f'<w:tblW w:type="dxa" w:w="{sum(twips)}"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
           f'{margin}<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
           'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in twips]
    out.append("</w:tblGrid>")
    for r, row in enumerate(grid):
        # Keep with the next row: the repeated rows and the first body rows (so a page never ends
        # with a title and a row or two), the rows before the last ones (a 合计 row never stands
        # alone under the repeated header, as in the PDF), and the last row when notes follow.
        keep = (r < body_start + head_rows + KEEP_FIRST - 1 or r in joined or last - KEEP_LAST < r < last
                or (notes_follow and r == last))
        keep_xml = "<w:keepNext/>" if keep else ""
        if r == 0 and page_break_before:
            keep_xml += "<w:pageBreakBefore/>"
        out.append('<w:tr><w:trPr><w:cantSplit/>' + ('<w:tblHeader/>' if r < body_start else "") + "</w:trPr>")
        c = 0
        while c < len(row):
            placed = row[c]
            if placed is None:
                span = continued.get((r, c))
                empty = f"<w:p>{_CELL_PPR.format(keep=keep_xml, align='left', size=half_points)}</w:p>"
                if span is not None:  # under a vertical span: an empty continuation cell
                    out.append(f"<w:tc><w:tcPr>{_cell_width(twips, c, span)}<w:vMerge/></w:tcPr>{empty}</w:tc>")
                    c += span
                else:  # a hole in a ragged row: an empty cell keeps the grid rectangular
                    out.append(f"<w:tc><w:tcPr>{_cell_width(twips, c, 1)}</w:tcPr>{empty}</w:tc>")
                    c += 1
                continue
            cell, rowspan, colspan = placed
            merge = '<w:vMerge w:val="restart"/>' if rowspan > 1 else ""
            bold = "<w:b/>" if cell.bold or r < header_rows else ""
            run = (f'<w:r><w:rPr>{bold}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
                   f'<w:t xml:space="preserve">{escape(cell.text)}</w:t></w:r>') if cell.text else ""
            out.append(f'<w:tc><w:tcPr>{_cell_width(twips, c, colspan)}{merge}<w:vAlign w:val="center"/></w:tcPr>'
                       f"<w:p>{_CELL_PPR.format(keep=keep_xml, align=cell.align, size=half_points)}{run}</w:p></w:tc>")
            c += colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _cell_width(twips: list[int], column: int, span: int) -> str:
    width = f'<w:tcW w:w="{sum(twips[column:column + span])}" w:type="dxa"/>'
    return width + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")


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


def write_docx(document: Document, fonts: Mapping[str, str] | None = None,
               page_numbers: Mapping[int, int] | None = None) -> bytes:
    """`fonts`: the profile's `fonts:`; `page_numbers`: block index of each heading → its page
    number (pdf_writer.lay_out), printed in the contents. Without them the contents lists the
    headings only, until Word updates the field."""
    return DocxWriter(fonts, page_numbers).write(document)
