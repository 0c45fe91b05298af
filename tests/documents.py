"""Reading generated documents back: text of DOCX (python-docx) and PDF (pdftotext), tables, fonts."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from docx import Document


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def docx_tables(path: Path) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in Document(str(path)).tables]


def docx_table_after(path: Path, number: str) -> list[list[str]]:
    """The table that follows the paragraph carrying `number` (e.g. 公开01表)."""
    doc = Document(str(path))
    body = doc.element.body
    seen = False
    tables = iter(doc.tables)
    by_element = {t._tbl: t for t in tables}
    for child in body.iterchildren():
        if child.tag.endswith("}p") and number in "".join(child.itertext()):
            seen = True
        elif seen and child in by_element:
            table = by_element[child]
            return [[cell.text for cell in row.cells] for row in table.rows]
    raise AssertionError(f"no table after {number}")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def compact(text: str) -> str:
    """Text without whitespace or page footers (“— 6 —”): pdftotext breaks lines and pages
    inside sentences."""
    return re.sub(r"—\d+—", "", re.sub(r"\s+", "", text))


def pdf_fonts(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def pdf_words(path: Path) -> list[tuple[int, float, float, str]]:
    """(page, x_max, page_width, word) for every word, from pdftotext -bbox-layout."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = []
    page, width = 0, 0.0
    for line in html.splitlines():
        m = re.search(r'<page width="([\d.]+)"', line)
        if m:
            page += 1
            width = float(m.group(1))
        m = re.search(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', line)
        if m:
            words.append((page, float(m.group(1)), width, m.group(2)))
    return words


def office_pdf(docx: Path, folder: Path) -> Path:
    """The DOCX as LibreOffice lays it out (a real office suite, started here): its PDF in `folder`,
    converted with a profile of its own so that parallel runs do not share one."""
    result = subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(folder), str(docx)], capture_output=True,
                            text=True, timeout=600)
    converted = folder / docx.with_suffix(".pdf").name
    assert result.returncode == 0 and converted.exists(), result.stdout + result.stderr
    return converted
