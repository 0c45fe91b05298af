"""Document tree → HTML for WeasyPrint. All text is escaped: data can never become markup.

The page structure is set here, the look in templates/styles/document.css:
- the cover and the contents are in `<div class="front">` (a named page without page numbers);
  the body is `<main>`, numbered from 1;
- headings that introduce a table are inside the table's `<section>`, so they go with it onto the
  new page or the landscape page it needs (compose.tree.units decides, for both writers);
- a table's first rows keep together with its title, its last rows with its notes.
"""

from __future__ import annotations

import base64
from html import escape

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
from .columns import KEEP_FIRST, KEEP_LAST, fit_widths, spanned_rows

PORTRAIT_TEXT_PT = (21.0 - 2 * 2.8) / 2.54 * 72  # A4 less the margins of document.css
LANDSCAPE_TEXT_PT = (29.7 - 2 * 2.0) / 2.54 * 72
BODY_ID = "gk-body"  # the anchor where the body, and its page numbering, begins


def heading_ids(document: Document) -> dict[int, str]:
    """Block index → the anchor of that heading, numbered over the whole document."""
    headings = [i for i, b in enumerate(document.blocks) if isinstance(b, Heading)]
    return {i: f"h{n}" for n, i in enumerate(headings)}


def _cell(cell: Cell, tag: str) -> str:
    attrs = []
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    classes = [cell.align] + (["b"] if cell.bold else [])
    attrs.append(f'class="{" ".join(classes)}"')
    return f"<{tag} {' '.join(attrs)}>{escape(cell.text)}</{tag}>"


def _table(block: Table, lead: list[str], bookmark_level: int) -> str:
    classes = ["table-block"]
    if block.landscape:
        classes.append("landscape")
    if block.new_page:
        classes.append("new-page")
    parts = [f'<section class="{" ".join(classes)}" style="font-size:{block.font_size}pt">', *lead]
    if block.title:
        parts.append(f'<div class="table-title" style="bookmark-level:{bookmark_level}">{escape(block.title)}</div>')
    if block.subtitle:
        parts.append(f'<div class="table-subtitle">{escape(block.subtitle)}</div>')
    if block.number:
        parts.append(f'<div class="table-number">{escape(block.number)}</div>')
    if block.meta_left or block.meta_right:
        parts.append(f'<div class="table-meta"><span>{escape(block.meta_left)}</span>'
                     f'<span>{escape(block.meta_right)}</span></div>')
    parts.append("<table>")
    widths = fit_widths(block, LANDSCAPE_TEXT_PT if block.landscape else PORTRAIT_TEXT_PT)
    if widths:
        total = sum(widths)
        parts.append("<colgroup>" + "".join(f'<col style="width:{w * 100 / total:.3f}%">' for w in widths)
                     + "</colgroup>")
    # Rows repeated on each page the table continues on: the header, or a form's first row.
    repeated = block.repeated
    head = block.header or block.body[:repeated]
    body = block.body if block.header else block.body[repeated:]
    if head:
        tag = "th" if block.header else "td"
        parts.append("<thead>" + "".join("<tr>" + "".join(_cell(c, tag) for c in row) + "</tr>" for row in head)
                     + "</thead>")
    parts.append("<tbody>")
    # A list's record (a cell spanning rows: a project beside its indicators) stays on one page; a
    # form's spans (its lead label beside all indicators) may break.
    joined = spanned_rows(body) if not block.head_rows else set()
    for n, row in enumerate(body):
        keep = []
        if n < block.head_rows + KEEP_FIRST - 1 or n in joined:
            keep.append("keep-next")
        if n > len(body) - KEEP_LAST:
            keep.append("keep-prev")
        parts.append(f'<tr class="{" ".join(keep)}">' if keep else "<tr>")
        parts.append("".join(_cell(c, "td") for c in row) + "</tr>")
    parts.append("</tbody></table>")
    parts += [f'<p class="note">{escape(t)}</p>' for t in (*block.notes, *block.after)]
    parts.append("</section>")
    return "".join(parts)


def _paragraph(block: Paragraph) -> str:
    inner = "".join(f"<b>{escape(r.text)}</b>" if r.bold else escape(r.text) for r in block.runs)
    return f'<p class="{block.style}">{inner}</p>'


def _heading(block: Heading, anchor: str) -> str:
    level = min(block.level, 4)
    return f'<h{level} id="{anchor}">{escape(block.text)}</h{level}>'


def _toc(block: TableOfContents, document: Document, ids: dict[int, str]) -> str:
    """Each entry: the title (wrapping with a hanging indent), and on its last line the dot leader
    and the page number (document.css draws both)."""
    entries = "".join(f'<li class="l{b.level}"><a href="#{ids[i]}"><span>{escape(b.text)}</span></a></li>'
                      for i, b in enumerate(document.blocks)
                      if isinstance(b, Heading) and b.level <= 2 and b.in_toc)
    return f'<nav class="toc"><div class="toc-title">{escape(block.title)}</div><ul>{entries}</ul></nav>'


def _figure(block: Figure) -> str:
    data = base64.b64encode(block.image.svg).decode("ascii")
    return (f'<figure style="width:{block.width_cm}cm"><img src="data:image/svg+xml;base64,{data}" '
            f'alt="{escape(block.caption)}"><figcaption>{escape(block.caption)}</figcaption></figure>')


def page_html(document: Document, body: str, css: str = "") -> str:
    """A whole HTML page around `body`, with the document's metadata (WeasyPrint writes it into the PDF)."""
    return "".join(['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
                    f"<title>{escape(document.title)}</title>",
                    f'<meta name="author" content="{escape(document.author)}">',
                    f'<meta name="description" content="{escape(document.subject)}">',
                    '<meta name="generator" content="gongkai">',
                    f'<meta name="dcterms.created" content="{escape(document.date)}">',
                    f'<meta name="dcterms.modified" content="{escape(document.date)}">',
                    f"<style>{css}</style></head><body>" if css else "</head><body>",
                    body, "</body></html>"])


def body_html(document: Document) -> str:
    """The front matter (cover, contents) in `div.front`, the body in `main`."""
    blocks = document.blocks
    ids = heading_ids(document)
    end = front_end(blocks)
    # The page break that ends the front matter is the change to the body's page.
    front = blocks[:end - 1] if end and isinstance(blocks[end - 1], PageBreak) else blocks[:end]
    main = _blocks(document, blocks[end:], end, ids)
    if not front:
        return f'<main id="{BODY_ID}">{main}</main>'
    return (f'<div class="front">{_blocks(document, front, 0, ids)}</div>'
            f'<main id="{BODY_ID}" class="after-front">{main}</main>')


def _blocks(document: Document, blocks: list[Block], offset: int, ids: dict[int, str]) -> str:
    """`offset`: the index of blocks[0] in the document, for the heading anchors."""
    index = {id(b): offset + i for i, b in enumerate(blocks)}
    out: list[str] = []
    level = 1  # of the last heading: a table's outline entry goes one below it
    for unit in units(blocks):
        *lead, block = unit
        heads = []
        for h in lead:
            assert isinstance(h, Heading)  # units() puts only headings before a table
            heads.append(_heading(h, ids[index[id(h)]]))
            level = h.level
        if isinstance(block, Table):
            out.append(_table(block, heads, min(level + 1, 4)))
        elif isinstance(block, Heading):
            level = block.level
            out.append(_heading(block, ids[index[id(block)]]))
        elif isinstance(block, Paragraph):
            out.append(_paragraph(block))
        elif isinstance(block, PageBreak):
            out.append('<div class="page-break"></div>')
        elif isinstance(block, TableOfContents):
            out.append(_toc(block, document, ids))
        elif isinstance(block, Figure):
            out.append(_figure(block))
        else:  # pragma: no cover - the tree has no other block kinds
            raise TypeError(f"unknown block {type(block).__name__}")
    return "".join(out)


def to_html(document: Document, css: str = "") -> str:
    return page_html(document, body_html(document), css)
