"""Issue 13, the DOCX of every example: its styles read back (the fonts of official documents, no
theme font, colour or italic), its contents field, tables and pictures; and its pages as LibreOffice
lays them out (a real office suite, not a mock): no nearly empty page, headings with their tables,
the body numbered from 1, no lone character in a table cell."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from PIL import Image

from generator.compose.tree import Document, Heading
from generator.load import load
from generator.profiles import load_profile
from generator.write.typography import roles

from .conftest import DATA, composed, output_file
from .documents import compact
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
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by `make test`")


@dataclass(frozen=True)
class Made:
    document: Document
    fonts: dict[str, str]
    docx: Path
    pdf: Path  # ours
    office: Path  # the DOCX as LibreOffice lays it out


@pytest.fixture(scope="module")
def made(example_outputs: Callable[[Path], Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Made]:
    """Every example's DOCX and PDF as the CLI wrote them; the DOCX files converted by one LibreOffice run."""
    out = tmp_path_factory.mktemp("docx")
    result = {}
    for example in EXAMPLES:
        folder = example_outputs(example)
        docx = output_file(folder, ".docx")
        loaded = load(example)
        fonts = load_profile(loaded.data.profile, loaded.path).settings.fonts.model_dump()
        result[example.stem] = Made(composed(example), fonts, docx, output_file(folder, ".pdf"),
                                    out / "office" / docx.with_suffix(".pdf").name)
    converted = subprocess.run(["soffice", f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless",
                                "--convert-to", "pdf", "--outdir", str(out / "office"),
                                *(str(m.docx) for m in result.values())], capture_output=True, text=True, timeout=600)
    assert converted.returncode == 0, converted.stdout + converted.stderr
    assert all(m.office.exists() for m in result.values())
    return result


@pytest.mark.parametrize("example", IDS)
def test_no_nearly_empty_page_in_an_office_suite(made: dict[str, Made], example: str) -> None:
    assert nearly_empty(page_texts(made[example].office)) == []


@pytest.mark.parametrize("example", IDS)
def test_headings_are_on_the_page_of_their_table_in_an_office_suite(made: dict[str, Made], example: str) -> None:
    assert stranded(made[example].document, page_texts(made[example].office)) == []


@pytest.mark.parametrize("example", IDS)
def test_cover_and_contents_unnumbered_body_from_1_in_an_office_suite(made: dict[str, Made], example: str) -> None:
    pages = page_texts(made[example].office)
    numbers = footer_numbers(pages)
    start = body_start(pages)
    assert start >= 2
    assert numbers[:start] == [None] * start
    assert numbers[start:] == list(range(1, len(numbers) - start + 1))


@pytest.mark.parametrize("example", IDS)
def test_no_table_cell_wraps_a_lone_character_in_an_office_suite(made: dict[str, Made], example: str) -> None:
    assert lone_characters(made[example].document, made[example].office) == []


@pytest.mark.parametrize("example", IDS)
def test_a_tables_last_row_stays_with_the_row_before_in_an_office_suite(made: dict[str, Made], example: str) -> None:
    """The Shanghai budget's 经济分类 table put its 合计 row alone under the repeated header."""
    failures, checked = lone_last_rows(made[example].document, page_texts(made[example].office, layout=True))
    assert checked >= 5
    assert failures == []


def test_a_forms_head_is_on_the_page_of_its_first_indicators_in_an_office_suite(made: dict[str, Made]) -> None:
    results = [form_heads_alone(m.document, page_texts(m.office)) for m in made.values()]
    assert sum(checked for _, checked in results) >= 6
    assert [f for failures, _ in results for f in failures] == []


def test_a_paragraph_spanning_rows_keeps_twelve_characters_a_line_in_an_office_suite(made: dict[str, Made]) -> None:
    """The Shaoxing 绩效目标表 printed each project's 总体绩效目标 ten characters a line, the table's
    column fitting not counting a cell that spans rows: its rows grew by a third."""
    widths = [n for m in made.values() for n in spanned_paragraph_lines(m.document, m.office)]
    assert len(widths) > 30  # the Shaoxing budget's projects
    assert statistics.median(widths) >= 12


def test_a_record_of_a_list_is_not_cut_by_a_page_break_in_an_office_suite(made: dict[str, Made]) -> None:
    """The Shaoxing 绩效目标表 cut a project's rows across pages 19 and 20 (its name and amounts on one
    page, its last indicators on the next)."""
    results = [split_records(m.document, page_texts(m.office)) for m in made.values()]
    assert sum(checked for _, checked in results) >= 30
    assert [f for failures, _ in results for f in failures] == []


@pytest.mark.parametrize("example", IDS)
def test_no_short_label_wraps_two_characters_a_line_in_an_office_suite(made: dict[str, Made], example: str) -> None:
    assert ribbons(made[example].document, made[example].office) == []


def _style(root: object, style_id: str) -> object:
    return next(s for s in root.iter(f"{W}style") if s.get(f"{W}styleId") == style_id)  # type: ignore[attr-defined]


@pytest.mark.parametrize("example", IDS)
def test_heading_styles_name_the_fonts_of_official_documents(made: dict[str, Made], example: str) -> None:
    doc = open_docx(str(made[example].docx))
    root = doc.styles.element
    xml = root.xml
    # Nothing in the styles defers to the theme: fonts and colours are named, nothing is italic.
    assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)theme=|w:\w*Theme=|w:theme\w*=", xml, re.IGNORECASE)
    assert not re.search(r'<w:i(Cs)?/>|<w:i(Cs)? w:val="(1|true|on)"/>', xml)
    expected = roles(made[example].fonts)
    want = {"Heading1": (expected["heading"], False), "Heading2": (expected["heading2"], False),
            "Heading3": (expected["heading3"], True), "Heading4": (expected["body"], False),
            "Title": (expected["title"], True), "Subtitle": (expected["title"], False)}
    assert (expected["heading"], expected["heading2"], expected["heading3"]) == ("黑体", "楷体_GB2312", "仿宋_GB2312")
    for style_id, (font, bold) in want.items():
        style = _style(root, style_id)
        fonts = style.find(f"{W}rPr/{W}rFonts")  # type: ignore[attr-defined]
        assert fonts is not None and fonts.get(f"{W}eastAsia") == font, style_id
        assert fonts.get(f"{W}ascii") == "Times New Roman", style_id
        b = style.find(f"{W}rPr/{W}b")  # type: ignore[attr-defined]
        is_bold = b is not None and b.get(f"{W}val") not in ("0", "false")
        assert is_bold == bold, style_id
        assert style.find(f"{W}rPr/{W}color") is None, style_id  # type: ignore[attr-defined]
    # python-docx resolves the same: headings keep with the next paragraph, none is italic.
    for level in (1, 2, 3, 4):
        style = doc.styles[f"Heading {level}"]
        assert style.paragraph_format.keep_with_next and not style.font.italic
    defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults is not None and defaults.get(f"{W}eastAsia") == expected["body"]


@pytest.mark.parametrize("example", IDS)
def test_contents_field_shows_the_page_numbers_of_the_pdf(made: dict[str, Made], example: str) -> None:
    """The TOC field's current result lists each entry with its page number, before anyone updates
    fields; the numbers are where the headings are in the PDF."""
    m = made[example]
    doc = open_docx(str(m.docx))
    body = doc.element.body
    assert "TOC \\o" in "".join(t.text or "" for t in body.iter(qn("w:instrText")))
    entries = [p for p in doc.paragraphs if p.style.name in ("toc 1", "toc 2")]
    headings = [b for b in m.document.blocks if isinstance(b, Heading) and b.level <= 2 and b.in_toc]
    assert len(entries) == len(headings) >= 5
    pages = page_texts(m.pdf)
    start = body_start(pages)
    for entry, heading in zip(entries, headings, strict=True):
        text = "".join(t.text or "" for t in entry._p.iter(qn("w:t")))
        assert entry._p.find(f".//{qn('w:tab')}") is not None  # the dot leader's tab
        title, number = re.fullmatch(r"(.*?)(\d+)", text, flags=re.S).groups()  # type: ignore[union-attr]
        assert title == heading.text
        assert compact(heading.text) in compact(pages[start + int(number) - 1]), f"{heading.text}: page {number}"
    style = doc.styles["toc 1"].element.xml
    assert 'w:leader="dot"' in style and "w:hanging" in style
    settings = zipfile.ZipFile(m.docx).read("word/settings.xml").decode()
    assert "updateFields" not in settings  # no dialog on opening in Word


@pytest.mark.parametrize("example", IDS)
def test_rows_never_split_and_repeated_rows_return(made: dict[str, Made], example: str) -> None:
    doc = open_docx(str(made[example].docx))
    assert doc.tables
    for table in doc.tables:
        rows = table._tbl.findall(qn("w:tr"))
        assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
        repeated = [r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for r in rows]
        count = repeated.index(False) if False in repeated else len(repeated)
        assert count >= 1 and not any(repeated[count:])  # the header (or a form's first row), then none


@pytest.mark.parametrize("example", IDS)
def test_pictures_are_at_least_300_ppi(made: dict[str, Made], example: str) -> None:
    doc = open_docx(str(made[example].docx))
    for shape in doc.inline_shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        image = Image.open(BytesIO(doc.part.related_parts[blip.embed].blob))
        assert image.format == "PNG"
        inches = shape.width / 914400
        assert image.width / inches >= 300


def test_sections_number_the_body_from_1(made: dict[str, Made]) -> None:
    for m in made.values():
        doc = open_docx(str(m.docx))
        assert "PAGE" not in doc.sections[0].footer._element.xml
        assert 'w:start="1"' in doc.sections[1]._sectPr.xml and "PAGE" in doc.sections[1].footer._element.xml
        assert all('w:start="1"' not in s._sectPr.xml and s.footer.is_linked_to_previous for s in doc.sections[2:])
