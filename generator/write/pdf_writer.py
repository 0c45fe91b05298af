"""Document tree → PDF through HTML + CSS and WeasyPrint, with the CJK fonts embedded.

The body is laid out in parts (pdf_parts.py), side by side when workers are given (pdf_workers.py),
then drawn into a frame that WeasyPrint lays out last with the page numbers and the table of
contents (pdf_frame.py). The bytes are the same with or without workers.
"""

from __future__ import annotations

from collections.abc import Callable

from ..compose.tree import Document
from .html_writer import fragments, page_html, to_html
from .pdf_frame import assemble, frame_html, lay_out_frame
from .pdf_parts import lay_out_part, plan, stylesheet
from .pdf_workers import Workers, report


def start_pdf(document: Document, workers: Workers | None = None) -> Callable[[], bytes]:
    """Starts laying out the parts and returns the function that finishes the PDF, so the caller can
    write the DOCX in between."""
    pieces = fragments(document)
    layout = plan(document, pieces)
    htmls = [page_html(document, "".join(pieces[a:b])) for a, b in layout.parts]
    # The file identifier comes from the content, not the clock: same input, same bytes.
    identity = to_html(document) + stylesheet()

    if workers is None:
        def finish_here() -> bytes:
            parts = [lay_out_part(html) for html in htmls]
            frame = frame_html(document, pieces, layout, [part.pages for part in parts])
            return assemble(lay_out_frame(frame, identity), [part.pdf for part in parts])
        return finish_here

    jobs = [workers.submit(lay_out_part, html, report) for html in htmls]

    def finish() -> bytes:
        # Each part reports its page map as soon as it is laid out: the frame is laid out while the
        # parts are still being drawn.
        pages = [workers.receive(job) for job in jobs]
        frame_job = workers.submit(lay_out_frame, frame_html(document, pieces, layout, pages), identity)
        pdfs = [workers.receive(job).pdf for job in jobs]
        return assemble(workers.receive(frame_job), pdfs)

    return finish


def write_pdf(document: Document, workers: Workers | None = None) -> bytes:
    return start_pdf(document, workers)()
