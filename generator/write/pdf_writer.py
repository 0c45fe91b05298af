"""Document tree → PDF through HTML + CSS and WeasyPrint, with the CJK fonts embedded.

The whole document is laid out in one pass. (It used to be laid out in two parts side by side and
drawn into a frame: each part then embedded its own subsets of every font under one subset tag,
which ISO 32000-1 §9.6.4 forbids and which doubled the file. A correct PDF comes before a faster one.)

The layout is also where the DOCX gets its contents page numbers: `lay_out` tells on which page
each heading landed, and the DOCX's contents field carries those numbers as its current result.

Same input, same bytes: the file identifier is a hash of the PDF's own objects, and nothing in them
depends on where the program or its fonts are installed.
"""

from __future__ import annotations

import atexit
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..compose.tree import Document
from ..paths import templates_dir
from .fonts import with_reduced_fonts
from .html_writer import BODY_ID, heading_ids, to_html
from .typography import pdf_css

# Block index of a heading → its page number as printed (the body's first page is 1).
PageNumbers = dict[int, int]


@dataclass
class LaidOut:
    """A laid-out document: its pages are known, its PDF not yet drawn."""

    rendered: Any  # weasyprint.Document
    page_numbers: PageNumbers

    def pdf(self) -> bytes:
        # identifier=True: the /ID is a hash of the file's objects (the content), not of the clock
        # or of any path.
        return bytes(self.rendered.write_pdf(pdf_identifier=True))


@cache
def _fonts() -> Any:
    """One font configuration per process: a batch opens the fonts once."""
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    # Released before the interpreter tears its modules down; later, its destructor would fail noisily.
    atexit.register(_fonts.cache_clear)
    atexit.register(_stylesheet.cache_clear)
    return fonts


def stylesheet_text(fonts: tuple[tuple[str, str], ...] = ()) -> str:
    css = (templates_dir() / "styles" / "document.css").read_text(encoding="utf-8") + "\n" + pdf_css(dict(fonts))
    return with_reduced_fonts(css)


@cache
def _stylesheet(fonts: tuple[tuple[str, str], ...]) -> Any:
    """The parsed stylesheet for one profile's fonts, once per process."""
    from weasyprint import CSS

    return CSS(string=stylesheet_text(fonts), font_config=_fonts())


def lay_out(document: Document, fonts: Mapping[str, str] | None = None) -> LaidOut:
    """Lays the document out; `fonts` is the profile's `fonts:` (see typography.py)."""
    from weasyprint import HTML

    key = tuple(sorted((fonts or {}).items()))
    rendered = HTML(string=to_html(document), base_url=str(templates_dir())).render(
        stylesheets=[_stylesheet(key)], font_config=_fonts())
    where: dict[str, int] = {}
    for number, page in enumerate(rendered.pages):
        for anchor in page.anchors:
            where.setdefault(anchor, number)
    start = where.get(BODY_ID, 0)
    numbers = {block: where[anchor] - start + 1 for block, anchor in heading_ids(document).items()
               if anchor in where and where[anchor] >= start}
    return LaidOut(rendered, numbers)


def write_pdf(document: Document, fonts: Mapping[str, str] | None = None) -> bytes:
    return lay_out(document, fonts).pdf()
