"""The PDF laid out in parts and drawn into a frame: nothing may move because of it.

Page numbers, the table of contents, the outline and the links are checked against where the text
really is in the generated PDF; the cut is checked against the document's forced page breaks; and the
bytes must not depend on whether worker processes were used.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.compose.document import compose
from generator.compose.tree import PageBreak, Table, TableOfContents
from generator.pipeline import check, render
from generator.write.html_writer import fragments
from generator.write.pdf_parts import breaks, plan

from .conftest import HANGZHOU, run_cli
from .documents import compact, pdf_fonts, pdf_text

EXAMPLES = sorted((Path(__file__).parent.parent / "data_inputs").glob("*.yaml"))


def _document(path: Path):  # type: ignore[no-untyped-def]
    loaded, facts, _, profile = check(path)
    return compose(loaded, facts, profile)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_parts_are_cut_only_where_a_page_starts_anyway(example: Path) -> None:
    document = _document(example)
    layout = plan(document, fragments(document))
    blocks = document.blocks
    toc = max(i for i, b in enumerate(blocks) if isinstance(b, TableOfContents))
    assert layout.front[0] == 0 and layout.front[1] > toc  # the frame holds the contents page
    # the parts follow the front without gap or overlap, up to the last block
    edges = [layout.front[1], *(b for _, b in layout.parts)]
    assert [a for a, _ in layout.parts] == edges[:-1] and edges[-1] == len(blocks)
    assert len(layout.parts) == 2
    for start, _ in layout.parts:
        assert start in breaks(document)
        first, before = blocks[start], blocks[start - 1]
        turns = (isinstance(first, Table) and first.landscape) != (isinstance(before, Table) and before.landscape)
        assert (isinstance(first, Table) and first.new_page) or isinstance(before, PageBreak) or turns


@pytest.mark.parametrize("example", [HANGZHOU, EXAMPLES[0]], ids=lambda p: p.stem)
def test_each_page_reads_as_when_laid_out_whole(example: Path, tmp_path: Path) -> None:
    """The oracle: WeasyPrint laying out the whole document in one go, as before the parts existed."""
    from weasyprint import HTML

    from generator.write.html_writer import to_html
    from generator.write.pdf_parts import stylesheet
    from generator.write.pdf_writer import write_pdf

    document = _document(example)
    whole, parts = tmp_path / "whole.pdf", tmp_path / "parts.pdf"
    HTML(string=to_html(document, stylesheet())).write_pdf(whole)
    parts.write_bytes(write_pdf(document))
    assert _pages(whole) == _pages(parts)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parts")
    assert run_cli("generate", HANGZHOU, "-o", out, "--format", "pdf").returncode == 0
    return next(out.glob("*.pdf"))


def _pages(pdf: Path) -> list[str]:
    return [compact(page) for page in pdf_text(pdf).split("\f")]


def test_every_page_number_is_its_place(pdf: Path) -> None:
    pages = pdf_text(pdf).split("\f")[:-1]
    assert len(pages) == len(PdfReader(str(pdf)).pages) == 30
    for number, page in enumerate(pages, start=1):
        assert re.findall(r"—\s*(\d+)\s*—", page) == [str(number)], f"page {number}"


def test_contents_page_numbers_point_at_their_headings(pdf: Path) -> None:
    pages = _pages(pdf)
    contents = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", "-enc", "UTF-8", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
    entries = re.findall(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", contents, flags=re.MULTILINE)
    assert len(entries) >= 20
    for title, number in entries:
        assert compact(title) in pages[int(number) - 1], f"{title} is not on page {number}"
    assert ("四、名词解释", "11") in entries  # as published: the glossary starts on page 11


def test_outline_and_links_lead_to_the_headings(pdf: Path) -> None:
    reader = PdfReader(str(pdf))
    pages = _pages(pdf)
    items = [item for item in reader.outline if not isinstance(item, list)]
    assert len(items) >= 5
    for item in items:
        page = reader.get_destination_page_number(item)
        assert compact(item.title) in pages[page], item.title
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    internal = [a for a in links if a.get("/Subtype") == "/Link" and ("/Dest" in a or "/A" in a)]
    assert len(internal) >= 20  # every contents entry is a link into the body


def test_pdf_uses_the_reduced_fonts(pdf: Path) -> None:
    fonts = pdf_fonts(pdf)
    assert "GB2312" in fonts  # the faces `make` reduced once are the ones embedded
    assert all(" yes yes yes " in line for line in fonts.splitlines() if "CJK" in line)


def test_same_bytes_with_or_without_workers(tmp_path: Path) -> None:
    alone = render(HANGZHOU, tmp_path, ("pdf",), workers=None)
    helped = render(HANGZHOU, tmp_path, ("pdf",))
    assert list(alone.outputs.values()) == list(helped.outputs.values())
