"""Document tree → HTML for WeasyPrint. All text is escaped: data can never become markup."""

from __future__ import annotations

import base64
from html import escape

from ..compose.tree import Cell, Document, Figure, Heading, PageBreak, Paragraph, Table, TableOfContents


def _cell(cell: Cell, tag: str) -> str:
    attrs = []
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    classes = [cell.align] + (["b"] if cell.bold else [])
    attrs.append(f'class="{" ".join(classes)}"')
    return f"<{tag} {' '.join(attrs)}>{escape(cell.text)}</{tag}>"


def _table(block: Table) -> str:
    classes = ["table-block"]
    if block.landscape:
        classes.append("landscape")
    if block.new_page:
        classes.append("new-page")
    parts = [f'<section class="{" ".join(classes)}" style="font-size:{block.font_size}pt">']
    if block.title:
        parts.append(f'<div class="table-title">{escape(block.title)}</div>')
    if block.subtitle:
        parts.append(f'<div class="table-subtitle">{escape(block.subtitle)}</div>')
    if block.number:
        parts.append(f'<div class="table-number">{escape(block.number)}</div>')
    if block.meta_left or block.meta_right:
        parts.append(f'<div class="table-meta"><span>{escape(block.meta_left)}</span>'
                     f'<span>{escape(block.meta_right)}</span></div>')
    parts.append("<table>")
    if block.widths:
        total = sum(block.widths)
        parts.append("<colgroup>" + "".join(f'<col style="width:{w * 100 / total:.2f}%">' for w in block.widths)
                     + "</colgroup>")
    if block.header:
        parts.append("<thead>" + "".join("<tr>" + "".join(_cell(c, "th") for c in row) + "</tr>"
                                         for row in block.header) + "</thead>")
    parts.append("<tbody>" + "".join("<tr>" + "".join(_cell(c, "td") for c in row) + "</tr>"
                                     for row in block.body) + "</tbody></table>")
    parts += [f'<p class="note">{escape(t)}</p>' for t in (*block.notes, *block.after)]
    parts.append("</section>")
    return "".join(parts)


def _paragraph(block: Paragraph) -> str:
    inner = "".join(f"<b>{escape(r.text)}</b>" if r.bold else escape(r.text) for r in block.runs)
    return f'<p class="{block.style}">{inner}</p>'


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


def fragments(document: Document) -> list[str]:
    """One HTML fragment per block. Heading anchors are numbered over the whole document, so a
    fragment means the same wherever it is laid out."""
    headings = [(i, b) for i, b in enumerate(document.blocks) if isinstance(b, Heading)]
    anchors = {i: f"h{n}" for n, (i, _) in enumerate(headings)}
    out: list[str] = []
    for i, block in enumerate(document.blocks):
        if isinstance(block, Heading):
            level = min(block.level, 4)
            out.append(f'<h{level} id="{anchors[i]}">{escape(block.text)}</h{level}>')
        elif isinstance(block, Paragraph):
            out.append(_paragraph(block))
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, PageBreak):
            out.append('<div class="page-break"></div>')
        elif isinstance(block, TableOfContents):
            entries = "".join(f'<li class="l{heading.level}"><a href="#{anchors[j]}">'
                              f"<span>{escape(heading.text)}</span></a></li>"
                              for j, heading in headings if heading.level <= 2)
            out.append(f'<nav class="toc"><div class="toc-title">{escape(block.title)}</div><ul>{entries}</ul></nav>')
        elif isinstance(block, Figure):
            data = base64.b64encode(block.png).decode("ascii")
            out.append(f'<figure style="width:{block.width_cm}cm"><img src="data:image/png;base64,{data}" '
                       f'alt="{escape(block.caption)}"><figcaption>{escape(block.caption)}</figcaption></figure>')
        else:  # pragma: no cover - the tree has no other block kinds
            raise TypeError(f"unknown block {type(block).__name__}")
    return out


def to_html(document: Document, css: str = "") -> str:
    return page_html(document, "".join(fragments(document)), css)
