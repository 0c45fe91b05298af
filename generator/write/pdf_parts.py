"""The PDF in parts: where the document may be cut, and laying out one part.

WeasyPrint lays a document out on one core. A report has pages that must start a new page anyway
(each table, everything after a page break), so it can be cut there into parts laid out side by side
without moving a single line. What the parts cannot know is their page numbers, and the table of
contents needs every part's pages: those live in a *frame* (see pdf_frame.py), laid out last.

The cut depends on the document only, never on the machine: the same input gives the same parts,
and so the same bytes, on one core or many.
"""

from __future__ import annotations

import atexit
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..compose.tree import Document, PageBreak, Table, TableOfContents
from ..paths import templates_dir
from .fonts import with_reduced_fonts

# How many parts the body is laid out in. Two suits the two-core machines offices have; a fixed
# number (rather than one per core) keeps the bytes the same everywhere.
PARTS = 2
# A part's own pages have no page numbers: the frame draws them.
PART_CSS = "@page { @bottom-center { content: none; } }"


@dataclass(frozen=True)
class Plan:
    front: tuple[int, int]  # blocks laid out in the frame itself: the cover and the table of contents
    parts: tuple[tuple[int, int], ...]  # block ranges laid out as parts, in document order


@dataclass(frozen=True)
class PartPage:
    landscape: bool
    anchors: tuple[tuple[str, float, float], ...]  # (id, x, y) in CSS px from the page's top left
    bookmarks: tuple[tuple[int, str, float, float], ...]  # (level, label, x, y)


@dataclass(frozen=True)
class LaidOutPart:
    pdf: bytes
    pages: tuple[PartPage, ...]


def breaks(document: Document) -> list[int]:
    """Block indexes where a new page starts whatever came before: a table that starts its own page,
    the block after a page break, and a change between portrait and landscape pages (a change of
    named page is a forced break in CSS)."""
    blocks = document.blocks

    def landscape(i: int) -> bool:
        return isinstance(blocks[i], Table) and blocks[i].landscape

    return [i for i in range(1, len(blocks))
            if (isinstance(blocks[i], Table) and blocks[i].new_page) or isinstance(blocks[i - 1], PageBreak)
            or landscape(i) != landscape(i - 1)]


def plan(document: Document, fragments: list[str], parts: int = PARTS) -> Plan:
    """The frame lays out everything up to the end of the table of contents (it needs the final page
    numbers); the rest is cut at page breaks into `parts` runs of about equal weight."""
    cuts = [0, *breaks(document), len(document.blocks)]
    toc = [i for i, b in enumerate(document.blocks) if isinstance(b, TableOfContents)]
    front_end = min((c for c in cuts if c > toc[-1]), default=len(document.blocks)) if toc else 0
    cuts = [c for c in cuts if c >= front_end]
    # Weight: the HTML length, a fair proxy for layout time (text and cells).
    weight = [len(f) for f in fragments]
    total = sum(weight[front_end:])
    chosen = [front_end]
    for k in range(1, parts):
        target = total * k / parts
        best = min(cuts[1:-1], key=lambda c: abs(sum(weight[front_end:c]) - target), default=None)
        if best is not None and best > chosen[-1]:
            chosen.append(best)
    chosen.append(len(document.blocks))
    ranges = tuple((a, b) for a, b in itertools.pairwise(chosen) if b > a)
    return Plan((0, front_end), ranges)


@cache
def stylesheet() -> str:
    return with_reduced_fonts((templates_dir() / "styles" / "document.css").read_text(encoding="utf-8"))


@cache
def weasy() -> tuple[Any, Any, Any]:
    """One font configuration and the parsed stylesheets, once per process: a worker or a batch pays
    for them once, not once per part or report. Returns (fonts, document sheet, part sheet)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    # Released before the interpreter tears its modules down; later, its destructor would fail noisily.
    atexit.register(weasy.cache_clear)
    return fonts, CSS(string=stylesheet(), font_config=fonts), CSS(string=PART_CSS, font_config=fonts)


def warm() -> None:
    """Run in each worker as it starts, while the main process is still reading the input: WeasyPrint
    imported, stylesheets parsed and the fonts opened by laying out one line."""
    from weasyprint import HTML

    fonts, sheet, _ = weasy()
    HTML(string='<p>预热 <b>预热</b></p><h1>预热</h1>').render(stylesheets=[sheet], font_config=fonts)


def lay_out_part(html: str, report: Callable[[tuple[PartPage, ...]], None] | None = None) -> LaidOutPart:
    """Lays out and draws one part. `report` gets the page map as soon as the layout is done."""
    from weasyprint import HTML

    fonts, sheet, part_sheet = weasy()
    document = HTML(string=html, base_url=str(templates_dir())).render(stylesheets=[sheet, part_sheet],
                                                                       font_config=fonts)
    pages = tuple(PartPage(page.width > page.height,
                           tuple((name, x, y) for name, (x, y, *_) in page.anchors.items()),
                           tuple((level, label, x, y) for level, label, (x, y), _ in page.bookmarks))
                  for page in document.pages)
    if report is not None:
        report(pages)
    # No file identifier: only the frame's trailer reaches the final PDF.
    return LaidOutPart(document.write_pdf(), pages)
