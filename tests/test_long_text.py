"""Issue 14, point 5: a 10,000-character unbroken ASCII string (a pasted URL) in a paragraph, a table
cell and a heading wraps in both formats; no character is lost and nothing runs off the page."""

from __future__ import annotations

import random
import shutil
import string
from pathlib import Path

import pytest

from .conftest import raw_input, run_cli, write_yaml
from .documents import compact, office_pdf, pdf_text, pdf_words

# No "-": pdftotext joins a line ending in a hyphen to the next and drops the hyphen, which would
# look like a lost character.
_RANDOM = random.Random(14)
LONG = "https://example.gov.cn/" + "".join(_RANDOM.choice(string.ascii_letters + string.digits + "/?=&._~")
                                           for _ in range(10_000 - 23))
TABLE_HEADER = ("指标", "链接")  # repeated on each page the long row continues on


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long")
    raw = raw_input()
    # An attachment takes headings (#…), paragraphs and tables from the data, as typed.
    table = {"表头": list(TABLE_HEADER), "行": [["网址", LONG]]}
    raw["附件"][0]["正文"][0:0] = ["#" + LONG, f"前文：{LONG}。后文", table]
    source = write_yaml(folder, raw, "long.yaml")
    result = run_cli("generate", source, "-o", folder / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "out"


def _pdfs(out: Path) -> dict[str, Path]:
    pdfs = {"pdf": next(out.glob("*.pdf"))}
    if shutil.which("soffice"):
        pdfs["docx"] = office_pdf(next(out.glob("*.docx")), out / "office")
    return pdfs


@pytest.fixture(scope="module")
def pdfs(out: Path) -> dict[str, Path]:
    return _pdfs(out)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_every_character_is_on_the_page(pdfs: dict[str, Path], kind: str) -> None:
    if kind not in pdfs:
        pytest.skip("LibreOffice is installed by `make test`")
    text = compact(pdf_text(pdfs[kind])).replace("".join(TABLE_HEADER), "")
    assert f"前文：{LONG}。后文" in text  # the paragraph
    assert f"网址{LONG}" in text  # the table cell
    assert text.count(LONG) >= 3  # and the heading (in the contents too, in the PDF)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_nothing_runs_off_the_page(pdfs: dict[str, Path], kind: str) -> None:
    if kind not in pdfs:
        pytest.skip("LibreOffice is installed by `make test`")
    words = pdf_words(pdfs[kind])
    assert sum(len(w) for _, _, _, w in words) > 3 * len(LONG)
    for page, x_max, width, word in words:
        assert x_max <= width - 20, f"page {page}: “{word[:30]}…” ends at {x_max} of {width}"
