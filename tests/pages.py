"""Reading a laid-out document page by page (a PDF: ours, or LibreOffice's rendering of our DOCX)
and checking what a reader sees: nearly empty pages, headings stranded away from their tables."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

from generator.compose.tree import Document, Heading, Paragraph, Table, front_end, units
from generator.write.columns import LABEL_LINES

from .documents import compact

FOOTER = re.compile(r"—\s*\d+\s*—")
MIN_CHARACTERS = 40


def page_texts(pdf: Path) -> list[str]:
    """The raw text of each page (pdftotext, in reading order)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
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


def lone_characters(document: Document, pdf: Path) -> list[str]:
    """Table cells whose text wraps a single character onto its last line ("项目名/称"): text blocks
    of the PDF (pdftotext -bbox-layout) that are exactly a cell's text, on two or three lines (a
    label; a paragraph in a cell may end as paragraphs do), the last holding one character."""
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
        if 1 < len(lines) <= LABEL_LINES and len(compact(lines[-1])) == 1 and compact("".join(lines)) in cells:
            out.append(f"page {page}: {'/'.join(lines)}")
    return out
