"""The PDF's frame: the cover and table of contents, then one empty stand-in page per page of the
parts, carrying that page's number, bookmarks and link targets. WeasyPrint lays the frame out, so the
page numbers, the table of contents, the outline, the links and the metadata are its own work; each
part's page is then drawn into its stand-in as a form XObject (pypdf), unchanged.
"""

from __future__ import annotations

import hashlib
import io
from html import escape
from typing import TYPE_CHECKING

from ..compose.tree import Document
from ..paths import templates_dir
from .html_writer import page_html
from .pdf_parts import PartPage, Plan, weasy

if TYPE_CHECKING:
    from pypdf import PageObject, PdfWriter


def frame_html(document: Document, fragments: list[str], plan: Plan, parts: list[tuple[PartPage, ...]]) -> str:
    body = ["".join(fragments[plan.front[0]:plan.front[1]])]
    for pages in parts:
        for page in pages:
            marks = [f'<span id="{escape(name)}" style="left:{x:.3f}px;top:{y:.3f}px"></span>'
                     for name, x, y in page.anchors]
            marks += [f'<span data-label="{escape(label)}" style="left:{x:.3f}px;top:{y:.3f}px;'
                      f'bookmark-level:{level}"></span>' for level, label, x, y in page.bookmarks]
            body.append(f'<div class="sheet{" wide" if page.landscape else ""}">{"".join(marks)}</div>')
    return page_html(document, "".join(body))


def lay_out_frame(html: str, identifier_source: str) -> bytes:
    from weasyprint import HTML

    fonts, sheet, _ = weasy()
    # The file identifier comes from the content, not the clock: same input, same bytes.
    identifier = hashlib.sha256(identifier_source.encode("utf-8")).hexdigest()[:32].encode("ascii")
    return HTML(string=html, base_url=str(templates_dir())).write_pdf(
        stylesheets=[sheet], font_config=fonts, pdf_identifier=identifier)


def assemble(frame_pdf: bytes, parts: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(frame_pdf)))
    readers = [PdfReader(io.BytesIO(part)) for part in parts]
    stand_ins = sum(len(reader.pages) for reader in readers)
    target = len(writer.pages) - stand_ins
    if target < 0:
        raise RuntimeError(f"PDF 框架页数 {len(writer.pages)} 少于分部页数 {stand_ins}")
    for reader in readers:
        for page in reader.pages:
            _draw_into(writer, writer.pages[target], page)
            target += 1
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _draw_into(writer: PdfWriter, stand_in: PageObject, page: PageObject) -> None:
    """Draws `page` (from a part's PDF) into its stand-in as a form XObject, under the page number."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    # Page sizes in PDF points (geometry, not money), compared to the nearest point.
    if [round(float(v)) for v in stand_in.mediabox] != [round(float(v)) for v in page.mediabox]:
        raise RuntimeError("PDF 分部页面与框架页面大小不一致")
    contents = page.raw_get("/Contents").get_object()
    if isinstance(contents, ArrayObject):  # WeasyPrint writes one stream per page; be safe anyway
        merged = DecodedStreamObject()
        merged.set_data(b"\n".join(c.get_object().get_data() for c in contents))
        contents = merged
    form = contents.clone(writer, force_duplicate=True)
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(page.mediabox)
    form[NameObject("/Resources")] = page["/Resources"].clone(writer)
    if "/Group" in page:
        form[NameObject("/Group")] = page["/Group"].clone(writer)
    form_ref = form.indirect_reference or writer._add_object(form)

    # WeasyPrint shares one resource dictionary among its pages: each stand-in gets its own copy,
    # with its own XObject entry.
    shared = stand_in["/Resources"].get_object()
    resources = DictionaryObject(shared)
    xobjects = DictionaryObject(shared.get("/XObject", DictionaryObject()).get_object())
    xobjects[NameObject("/GkPart")] = form_ref
    resources[NameObject("/XObject")] = xobjects
    stand_in[NameObject("/Resources")] = resources
    draw = DecodedStreamObject()
    draw.set_data(b"q /GkPart Do Q\n")
    own = stand_in.raw_get("/Contents")
    own_list = list(own.get_object()) if isinstance(own.get_object(), ArrayObject) else [own]
    stand_in[NameObject("/Contents")] = ArrayObject([writer._add_object(draw), *own_list])
