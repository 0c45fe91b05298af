"""Issue 13, the PDF of every example, read back page by page: no nearly empty page, headings on the
page of their table, body numbered from 1, contents pointing at the right pages, each font subset
embedded once under its own tag, a structurally valid file, vector charts, no lone character in a
table cell, and the same bytes from another install location."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.compose.tree import Document, Figure, Heading, Table, TableOfContents, front_end, units

from .conftest import DATA, ROOT, composed, output_file
from .documents import compact, pdf_fonts
from .pages import (
    body_start,
    footer_numbers,
    form_heads_alone,
    lone_characters,
    lone_last_rows,
    nearly_empty,
    page_texts,
    ribbons,
    spanned_paragraph_lines,
    split_records,
    stranded,
)

EXAMPLES = sorted(DATA.glob("*.yaml"))
IDS = [p.stem for p in EXAMPLES]


@dataclass(frozen=True)
class Made:
    document: Document
    pdf: Path
    pages: list[str]


@pytest.fixture(scope="module")
def made(example_outputs: Callable[[Path], Path]) -> dict[str, Made]:
    """Every example's PDF as the CLI wrote it, with the document tree it was laid out from."""
    result = {}
    for example in EXAMPLES:
        path = output_file(example_outputs(example), ".pdf")
        result[example.stem] = Made(composed(example), path, page_texts(path))
    return result


@pytest.mark.parametrize("example", IDS)
def test_no_nearly_empty_page(made: dict[str, Made], example: str) -> None:
    assert nearly_empty(made[example].pages) == []


@pytest.mark.parametrize("example", IDS)
def test_headings_are_on_the_page_of_their_table(made: dict[str, Made], example: str) -> None:
    m = made[example]
    led = [u for u in units(m.document.blocks[front_end(m.document.blocks):]) if len(u) > 1]
    assert led, "every example has tables introduced by headings"
    assert stranded(m.document, m.pages) == []


@pytest.mark.parametrize("example", IDS)
def test_cover_and_contents_unnumbered_body_from_1(made: dict[str, Made], example: str) -> None:
    numbers = footer_numbers(made[example].pages)
    start = body_start(made[example].pages)
    assert start >= 2  # the cover and at least one contents page
    assert numbers[:start] == [None] * start
    assert numbers[start:] == list(range(1, len(numbers) - start + 1))


def _toc_numbers(m: Made) -> list[int]:
    """The page numbers the contents print, in order (each entry's number ends its last line)."""
    start = body_start(m.pages)
    layout = "".join(subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), "-enc", "UTF-8",
                                     str(m.pdf), "-"], capture_output=True, text=True, check=True).stdout
                     for n in range(2, start + 1))
    return [int(n) for n in re.findall(r"(\d+)\s*$", layout, flags=re.MULTILINE)]


@pytest.mark.parametrize("example", IDS)
def test_contents_numbers_are_the_pages_of_the_headings(made: dict[str, Made], example: str) -> None:
    m = made[example]
    entries = [b for b in m.document.blocks if isinstance(b, Heading) and b.level <= 2 and b.in_toc]
    numbers = _toc_numbers(m)
    assert len(numbers) == len(entries) >= 5
    start = body_start(m.pages)
    for heading, number in zip(entries, numbers, strict=True):
        assert compact(heading.text) in compact(m.pages[start + number - 1]), f"{heading.text} not on page {number}"


@pytest.mark.parametrize("example", IDS)
def test_outline_and_links_lead_to_the_headings(made: dict[str, Made], example: str) -> None:
    m = made[example]
    reader = PdfReader(str(m.pdf))
    items = [item for item in reader.outline if not isinstance(item, list)]
    assert len(items) >= 3
    for item in items:
        page = reader.get_destination_page_number(item)
        assert compact(item.title) in compact(m.pages[page]), item.title
    links = [a.get_object() for n in range(1, body_start(m.pages)) for a in reader.pages[n].get("/Annots", [])]
    targets = {str(a["/Dest"]) for a in links if a.get("/Subtype") == "/Link" and "/Dest" in a}
    assert len(targets) == len(_toc_numbers(m))  # every contents entry is a link to its heading


@pytest.mark.parametrize("example", IDS)
def test_each_font_embedded_once_under_its_own_subset_tag(made: dict[str, Made], example: str) -> None:
    rows = [line.split() for line in pdf_fonts(made[example].pdf).splitlines()[2:]]
    assert rows and all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows)  # embedded, subset, unicode
    names = [row[0] for row in rows]
    assert all(re.fullmatch(r"[A-Z]{6}\+\S+", name) for name in names)
    tags = [name[:6] for name in names]
    faces = [name[7:] for name in names]
    assert len(set(tags)) == len(tags)  # ISO 32000-1 §9.6.4: one tag, one subset
    assert len(set(faces)) == len(faces)  # each face embedded once, not once per part
    assert any("GB2312" in face for face in faces)  # the faces `make` reduced are the ones used


@pytest.mark.parametrize("example", IDS)
def test_pdf_reads_strictly(made: dict[str, Made], example: str) -> None:
    reader = PdfReader(str(made[example].pdf), strict=True)
    assert len(reader.pages) == len(made[example].pages)
    for page in reader.pages:
        page.extract_text()
    assert len(reader.trailer["/ID"]) == 2  # a file identifier, from the content (see the next tests)
    if shutil.which("qpdf"):
        check = subprocess.run(["qpdf", "--check", str(made[example].pdf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("example", IDS)
def test_no_table_cell_wraps_a_lone_character(made: dict[str, Made], example: str) -> None:
    assert lone_characters(made[example].document, made[example].pdf) == []


@pytest.mark.parametrize("example", IDS)
def test_a_tables_last_row_stays_with_the_row_before(made: dict[str, Made], example: str) -> None:
    failures, checked = lone_last_rows(made[example].document, page_texts(made[example].pdf, layout=True))
    assert checked >= 5  # the statements whose rows are one line each
    assert failures == []


def test_a_forms_head_is_on_the_page_of_its_first_indicators(made: dict[str, Made]) -> None:
    """Tianmen's first 自评表 ended page 17 with its title, project, funds and indicator header."""
    results = [form_heads_alone(m.document, m.pages) for m in made.values()]
    assert sum(checked for _, checked in results) >= 6  # the self-evaluation tables of four examples
    assert [f for failures, _ in results for f in failures] == []


def test_a_paragraph_spanning_rows_keeps_twelve_characters_a_line(made: dict[str, Made]) -> None:
    """The Shaoxing 绩效目标表 printed each project's 总体绩效目标 ten characters a line, the table's
    column fitting not counting a cell that spans rows: its rows grew by a third."""
    widths = [n for m in made.values() for n in spanned_paragraph_lines(m.document, m.pdf)]
    assert len(widths) > 30  # the Shaoxing budget's projects
    assert statistics.median(widths) >= 12


def test_a_record_of_a_list_is_not_cut_by_a_page_break(made: dict[str, Made]) -> None:
    """The Shaoxing 绩效目标表 cut a project's rows across pages 19 and 20 (its name and amounts on one
    page, its last indicators on the next)."""
    results = [split_records(m.document, m.pages) for m in made.values()]
    assert sum(checked for _, checked in results) >= 30
    assert [f for failures, _ in results for f in failures] == []


@pytest.mark.parametrize("example", IDS)
def test_no_short_label_wraps_two_characters_a_line(made: dict[str, Made], example: str) -> None:
    """The national 自评表 printed 负责/人及/电话 in the 分值 column."""
    assert ribbons(made[example].document, made[example].pdf) == []


def test_charts_are_vector_drawings(made: dict[str, Made]) -> None:
    charted = {k: m for k, m in made.items() if any(isinstance(b, Figure) for b in m.document.blocks)}
    assert len(charted) >= 2  # the national examples
    for m in charted.values():
        listing = subprocess.run(["pdfimages", "-list", str(m.pdf)], capture_output=True, text=True,
                                 check=True).stdout.splitlines()[2:]
        assert listing == []  # no raster image at all
        reader = PdfReader(str(m.pdf))
        for figure in (b for b in m.document.blocks if isinstance(b, Figure)):
            page = next(i for i, text in enumerate(m.pages) if compact(figure.caption) in compact(text))
            content = reader.pages[page].get_contents().get_data()
            curves = re.findall(rb"(?:-?[\d.]+ ){6}c\b", content)
            assert len(curves) > 50, figure.caption  # drawn with Bézier curves: the chart and its labels


def test_same_bytes_from_another_install_location(made: dict[str, Made], tmp_path: Path) -> None:
    """Templates and reduced fonts copied elsewhere, the program run as a fresh process: the PDF is the
    same to the byte (nothing in it depends on where things are installed)."""
    example = DATA / "tianmen-12345-2022-juesuan.yaml"  # charts, landscape pages, rare characters
    from generator.write.fonts import font_dir

    templates, fonts = tmp_path / "elsewhere" / "templates", tmp_path / "elsewhere" / "fonts"
    shutil.copytree(ROOT / "templates", templates)
    shutil.copytree(font_dir(), fonts)
    env = {**os.environ, "GONGKAI_TEMPLATES": str(templates), "GONGKAI_FONT_DIR": str(fonts)}
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "generator", "generate", str(example), "-o", str(out),
                             "--format", "pdf"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    assert next(out.glob("*.pdf")).read_bytes() == made[example.stem].pdf.read_bytes()


def test_table_of_contents_is_in_the_front_matter(made: dict[str, Made]) -> None:
    for m in made.values():
        blocks = m.document.blocks
        toc = next(i for i, b in enumerate(blocks) if isinstance(b, TableOfContents))
        assert toc < front_end(blocks)
        assert not any(isinstance(b, Table) for b in blocks[:front_end(blocks)])
