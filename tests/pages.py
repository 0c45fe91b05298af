"""Reading a laid-out document page by page (a PDF: ours, or LibreOffice's rendering of our DOCX)
and checking what a reader sees: nearly empty pages, headings stranded away from their tables."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

from generator.compose.tree import Cell, Document, Heading, Paragraph, Table, front_end, units
from generator.write.columns import LABEL_LINES, layout

from .documents import compact

FOOTER = re.compile(r"—\s*\d+\s*—")
MIN_CHARACTERS = 40


def page_texts(pdf: Path, layout: bool = False) -> list[str]:
    """The raw text of each page (pdftotext, in reading order; with `layout`, line by line as on
    the page, so that a table row's cells come in their order)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def body_start(pages: list[str]) -> int:
    """The first page with a page number: the cover and the contents carry none."""
    return next(i for i, page in enumerate(pages) if FOOTER.search(page))


def nearly_empty(pages: list[str]) -> list[str]:
    """Pages after the cover with fewer than 40 characters of text (page numbers aside)."""
    out = []
    for number, page in enumerate(pages[1:], start=2):
        text = compact(FOOTER.sub("", page))
        if len(text) < MIN_CHARACTERS:
            out.append(f"page {number}: {text!r}")
    return out


def _marker(table: Table) -> str:
    """Text of the table's first body row that a reader sees under its title: its first cell with
    text (compact), or the title when the body is empty."""
    for row in table.body:
        for cell in row:
            if compact(cell.text):
                return compact(cell.text)[:12]
    return compact(table.title)


def stranded(document: Document, pages: list[str]) -> list[str]:
    """Headings that introduce a table but are not on the page where the table's title and first
    row are. The search follows the document from the body's first page (paragraphs move it on by
    their opening words), so the contents and a mention in the text ("详见附表") do not count."""
    body = [compact(FOOTER.sub("", page)) for page in pages]
    page, position = body_start(pages), 0
    out = []
    start = front_end(document.blocks)
    for unit in units(document.blocks[start:]):
        *lead, last = unit
        if not isinstance(last, Table) or not lead:
            opening = compact(last.text)[:8] if isinstance(last, Paragraph | Heading) else ""
            found = _find(body, opening, page, position) if opening else None
            if found is not None:
                page, position = found
            continue
        heading = lead[-1]
        assert isinstance(heading, Heading)
        found = _find(body, compact(heading.text), page, position)
        if found is None:
            out.append(f"heading {heading.text!r} not found after page {page + 1}")
            continue
        page, position = found
        for needle in (compact(last.title), _marker(last)):
            if not needle:
                continue
            there = _find(body, needle, page, position)
            if there is None or there[0] != page:
                where = "nowhere" if there is None else f"page {there[0] + 1}"
                out.append(f"{heading.text!r} on page {page + 1}, its table's {needle!r} on {where}")
                break
            position = there[1]
    return out


def _find(pages: list[str], needle: str, page: int, position: int) -> tuple[int, int] | None:
    """The first occurrence of `needle` at or after (page, position): (page, end position)."""
    for number in range(page, len(pages)):
        at = pages[number].find(needle, position if number == page else 0)
        if at >= 0:
            return number, at + len(needle)
    return None


def footer_numbers(pages: list[str]) -> list[int | None]:
    """The page number printed on each page (“— 3 —”), None where there is none."""
    out: list[int | None] = []
    for page in pages:
        found = FOOTER.findall(page)
        out.append(int(re.sub(r"\D", "", found[-1])) if found else None)
    return out


def _cell_texts(document: Document) -> set[str]:
    return {compact(c.text) for b in document.blocks if isinstance(b, Table) for row in (*b.header, *b.body)
            for c in row if len(compact(c.text)) > 1}


def _cell_blocks(document: Document, pdf: Path) -> list[tuple[int, list[str]]]:
    """Text blocks of the PDF (pdftotext -bbox-layout) that are exactly a table cell's text: (page,
    the block's lines)."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    cells = _cell_texts(document)
    out = []
    page = 0
    for match in re.finditer(r"<page |<block [^>]*>(.*?)</block>", html, re.S):
        if match.group(0).startswith("<page"):
            page += 1
            continue
        lines = [unescape("".join(re.findall(r">([^<]*)</word>", line)))
                 for line in re.findall(r"<line [^>]*>(.*?)</line>", match.group(1), re.S)]
        if compact("".join(lines)) in cells:
            out.append((page, lines))
    return out


def lone_characters(document: Document, pdf: Path) -> list[str]:
    """Table cells whose text wraps a single character onto its last line ("项目名/称"): a cell's
    text on two or three lines (a label; a paragraph in a cell may end as paragraphs do), the last
    holding one character."""
    return [f"page {page}: {'/'.join(lines)}" for page, lines in _cell_blocks(document, pdf)
            if 1 < len(lines) <= LABEL_LINES and len(compact(lines[-1])) == 1]


def ribbons(document: Document, pdf: Path) -> list[str]:
    """Short labels squeezed into a column of two-character lines ("负责/人及/电话"): a cell's text of
    at most ten characters on three lines or more, none holding more than two."""
    return [f"page {page}: {'/'.join(lines)}" for page, lines in _cell_blocks(document, pdf)
            if len(compact("".join(lines))) <= 10 and len(lines) >= 3
            and max(len(compact(line)) for line in lines) <= 2]


def _row_text(row: tuple[Cell, ...]) -> str:
    return compact("".join(cell.text for cell in row))


def lone_last_rows(document: Document, pages: list[str]) -> tuple[list[str], int]:
    """Tables whose last body row went to a page of its own, away from the row before it (a 合计
    row alone under the repeated header). Found by the texts of the two rows, each read whole from
    the pages in document order (`pages` from page_texts(…, layout=True)); a row whose cells wrap
    is not found and its table not checked. Returns the failures and how many tables were checked."""
    body = [compact(FOOTER.sub("", page)) for page in pages]
    page, position = body_start(pages), 0
    out, checked = [], 0
    for block in document.blocks[front_end(document.blocks):]:
        if not isinstance(block, Table) or len(block.body) < 3:
            continue
        title = _find(body, compact(block.title), page, position) if compact(block.title) else None
        if title is None:
            continue
        page, position = title
        before, last = _row_text(block.body[-2]), _row_text(block.body[-1])
        if not before or not last:
            continue
        second = _find(body, last, page, position)
        if second is None:
            continue
        # The row before: its last occurrence between the title and the last row (a label such as
        # 三、国有资本经营预算财政拨款 may also stand in an earlier row).
        first, at = None, (page, position)
        while (found := _find(body, before, *at)) is not None and found <= (second[0], second[1] - len(last)):
            first, at = found, found
        if first is None:
            continue
        checked += 1
        if first[0] != second[0]:
            out.append(f"{block.title!r}: last row {last[:20]!r} on page {second[0] + 1}, "
                       f"the row before on page {first[0] + 1}")
        page, position = second
    return out, checked


def form_heads_alone(document: Document, pages: list[str]) -> tuple[list[str], int]:
    """Forms (a self-evaluation table) whose title and head (project, funds, goals, the indicator
    header) end a page with not one indicator under them: the first indicator row's longest cell
    text is not on the title's page. Returns the failures and how many forms were checked."""
    body = [compact(FOOTER.sub("", page)) for page in pages]
    page, position = body_start(pages), 0
    out, checked = [], 0
    for block in document.blocks[front_end(document.blocks):]:
        if not isinstance(block, Table) or not block.head_rows or len(block.body) <= block.head_rows:
            continue
        title = _find(body, compact(block.title), page, position)
        if title is None:
            continue
        page, position = title
        needle = max((compact(cell.text) for cell in block.body[block.head_rows]), key=len)
        found = _find(body, needle, page, position)
        if not needle or found is None:
            continue
        checked += 1
        if found[0] != page:
            out.append(f"{block.title!r} on page {page + 1}, its first indicator {needle!r} on page {found[0] + 1}")
    return out, checked


def spanned_paragraph_lines(document: Document, pdf: Path) -> list[int]:
    """The characters on each full line (all but a paragraph's last) of the paragraphs in table
    cells that span rows (the Shaoxing 绩效目标表's 总体绩效目标), as the PDF prints them."""
    texts = {compact(cell.text) for b in document.blocks if isinstance(b, Table) for row in b.body
             for cell in row if cell.rowspan > 1 and len(compact(cell.text)) > 40}
    return [len(compact(line)) for _, lines in _cell_blocks(document, pdf)
            if compact("".join(lines)) in texts for line in lines[:-1]]


def split_records(document: Document, pages: list[str]) -> tuple[list[str], int]:
    """Records of a list cut by a page break: a cell spanning rows (a project beside its indicators,
    in a table that is not a form) whose text is on one page and the longest cell of its group's
    last row on another. Returns the failures and how many records were checked."""
    body = [compact(FOOTER.sub("", page)) for page in pages]
    page, position = body_start(pages), 0
    out, checked = [], 0
    for block in document.blocks[front_end(document.blocks):]:
        if not isinstance(block, Table) or block.head_rows or not compact(block.title):
            continue
        title = _find(body, compact(block.title), page, position)
        if title is None:
            continue
        page, position = title
        grid = layout(block.body)
        for r, line in enumerate(grid):
            for placed in line:
                # Names and amounts; a paragraph's lines interleave with its neighbours' in reading order.
                if placed is None or placed[1] < 2 or not 0 < len(compact(placed[0].text)) <= 40:
                    continue
                name = compact(placed[0].text)
                last = max((compact(c.text) for c in block.body[min(r + placed[1], len(block.body)) - 1]), key=len)
                start = _find(body, name, page, position)
                end = _find(body, last, *start) if start is not None and last else None
                if start is None or end is None:
                    continue
                checked += 1
                if start[0] != end[0]:
                    out.append(f"{block.title!r}: {name[:16]!r} on page {start[0] + 1}, its last row on {end[0] + 1}")
    return out, checked
