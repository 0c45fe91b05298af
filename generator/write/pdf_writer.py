"""Document tree → PDF through HTML + CSS and WeasyPrint, with the CJK fonts embedded."""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

from ..build.tree import Document
from ..paths import templates_dir
from .html_writer import to_html


@cache
def stylesheet() -> str:
    return (templates_dir() / "styles" / "document.css").read_text(encoding="utf-8")


@cache
def _weasy(css: str) -> tuple[Any, Any]:
    """One font configuration and one parsed stylesheet per process: a batch worker pays for
    them once, not once per report."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return fonts, CSS(string=css, font_config=fonts)


def write_pdf(document: Document, css: str | None = None) -> bytes:
    from weasyprint import HTML  # imported here: validate/facts must not pay for WeasyPrint

    fonts, sheet = _weasy(css if css is not None else stylesheet())
    html = to_html(document, "")
    # The PDF's file identifier comes from the content, not the clock: same input, same bytes.
    identifier = hashlib.sha256((html + sheet_source(css)).encode("utf-8")).hexdigest()[:32].encode("ascii")
    return HTML(string=html, base_url=str(templates_dir())).write_pdf(
        stylesheets=[sheet], font_config=fonts, identifier=identifier)


def sheet_source(css: str | None) -> str:
    return css if css is not None else stylesheet()
