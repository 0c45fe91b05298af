"""`generate --format xlsx|csv|all`: the machine-readable twin of every table, read back and compared
cell by cell with the tables of the DOCX made in the same run."""

from __future__ import annotations

import csv
import io
import subprocess
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from .conftest import DATA, HANGZHOU, output_file, run_cli
from .documents import docx_tables

EXAMPLES = sorted(DATA.glob("*.yaml"))


def _generate(example: Path, out: Path, *formats: str) -> dict[str, Path]:
    args = [a for f in formats for a in ("--format", f)]
    result = run_cli("generate", example, "-o", out, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return {"".join(p.suffixes[-2:]) if p.name.endswith(".csv.zip") else p.suffix: p for p in out.iterdir()
            if p.is_file()}


def _expanded(ws: Any) -> list[list[Any]]:
    """The sheet's values with every merged range filled with its top-left value, as python-docx
    repeats a spanned cell in each grid column it covers."""
    rows = [[cell.value for cell in row] for row in ws.iter_rows()]
    formats = [[cell.number_format for cell in row] for row in ws.iter_rows()]
    for merged in ws.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1]
        fmt = formats[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                rows[r][c] = top
                formats[r][c] = fmt
    return [list(zip(values, fmts, strict=True)) for values, fmts in zip(rows, formats, strict=True)]


def _same(printed: str, value: Any, number_format: str) -> bool:
    """Does the twin's cell hold what the DOCX prints? A figure: the same number, with the same
    number of decimals and the same thousands separator in its display format."""
    if value is None:
        return printed == ""
    if isinstance(value, str):
        return value == printed
    digits = printed.replace(",", "")
    places = len(digits.rstrip("%").partition(".")[2])
    shown_places = len(number_format.rstrip("%").partition(".")[2])
    if shown_places != places or ("," in printed) != ("," in number_format and abs(value) >= 1000):
        return False
    if printed.endswith("%"):
        return Decimal(digits[:-1]) == Decimal(str(value)) * 100
    return Decimal(digits) == Decimal(str(value))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_docx_table_figure_is_in_the_xlsx_twin(example: Path, example_outputs: Callable[[Path], Path]) -> None:
    folder = example_outputs(example)  # `--format all`: DOCX and twin from one run
    printed = docx_tables(output_file(folder, ".docx"))
    book = load_workbook(output_file(folder, ".xlsx"))
    assert book.sheetnames[0] == "目录"
    sheets = book.sheetnames[1:]
    assert len(sheets) == len(printed)
    numbers = 0
    for table, name in zip(printed, sheets, strict=True):
        twin = _expanded(book[name])
        # The table starts below the caption, subtitle and 编制单位/unit lines.
        start = next(k for k in range(1, 5) if [v if v is not None else "" for v, _ in twin[k]][:2] ==
                     [table[0][0], table[0][1]] or [str(v) for v, _ in twin[k]][:1] == table[0][:1])
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                value, number_format = twin[start + r][c]
                assert _same(text, value, number_format), (name, r, c, text, value, number_format)
                numbers += isinstance(value, int | float)
    assert numbers > 50  # amounts are numbers, not text


def test_twin_keeps_titles_units_codes_and_amounts_as_numbers(tmp_path: Path) -> None:
    files = _generate(HANGZHOU, tmp_path / "out", "xlsx")
    book = load_workbook(files[".xlsx"])
    index = [[c.value for c in row] for row in book["目录"].iter_rows(min_row=5)]
    assert ["公开01表", "公开01表", "2022年度市级部门收入支出决算总表", "万元"] in index
    sheet = book["公开03表"]
    assert sheet["A1"].value == "公开03表 2022年度市级部门收入决算表（分科目）"
    texts = [c.value for row in sheet.iter_rows() for c in row]
    assert "编制单位：中共杭州市委杭州市人民政府信访局（汇总）" in texts and "金额单位：万元" in texts
    assert "2010301" in texts and 2010301 not in texts  # codes stay text
    total = next(c for row in sheet.iter_rows() for c in row if c.value == 7362.86)
    assert total.data_type == "n" and total.number_format == "#,##0.00"
    rates = [c for row in book["表1 项目支出绩效自评表"].iter_rows() for c in row if c.number_format == "0.00%"]
    assert rates and abs(rates[0].value - 0.9878) < 1e-12  # 98.78% as a fraction, shown as printed


def test_csv_zip_opens_in_libreoffice_with_chinese(tmp_path: Path) -> None:
    files = _generate(HANGZHOU, tmp_path / "out", "csv")
    with zipfile.ZipFile(files[".csv.zip"]) as archive:
        names = archive.namelist()
        assert names[0] == "00 目录.csv"
        name = next(n for n in names if "公开01表" in n)
        data = archive.read(name)
    assert data.startswith("\ufeff".encode())  # the BOM Excel needs to see UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "公开01表 2022年度市级部门收入支出决算总表"
    assert "7362.86" in [v for row in rows for v in row]  # no thousands separators in CSV
    source = tmp_path / "table.csv"
    source.write_bytes(data)
    # LibreOffice's CSV import told the file is UTF-8 (comma, double quote, charset 76 = UTF-8).
    subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,76", "--convert-to", "xlsx", "--outdir",
                    str(tmp_path), str(source)], check=True, capture_output=True, timeout=120)
    sheet = load_workbook(tmp_path / "table.xlsx").active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert values[0] == "公开01表 2022年度市级部门收入支出决算总表"  # no stray BOM, no mojibake
    assert "编制单位：中共杭州市委杭州市人民政府信访局（汇总）" in values
    assert 7362.86 in values  # read as a number


def test_all_formats_are_written_and_reproducible(tmp_path: Path) -> None:
    first = _generate(HANGZHOU, tmp_path / "a", "all")
    assert sorted(first) == [".csv.zip", ".docx", ".json", ".pdf", ".xlsx"]
    second = _generate(HANGZHOU, tmp_path / "b", "xlsx", "csv")
    for suffix in (".xlsx", ".csv.zip"):
        assert first[suffix].read_bytes() == second[suffix].read_bytes(), suffix
    manifest = first[".json"].read_text(encoding="utf-8")
    assert first[".xlsx"].name in manifest and first[".csv.zip"].name in manifest


def test_registry_runs_a_writer_after_the_one_it_needs(tmp_path: Path) -> None:
    """A format that needs another's result gets it in job.earlier, even when only it is asked for."""
    from generator.compose.tree import Document
    from generator.write import formats

    seen: dict[str, Any] = {}

    def start_first(job: formats.Job) -> formats.Finish:
        return lambda: [formats.Output(".first", b"1")]

    def start_second(job: formats.Job) -> formats.Finish:
        seen.update(job.earlier)
        return lambda: [formats.Output(".second", job.earlier["first"][0].data + b"2")]

    import types

    module = types.ModuleType("gongkai_test_formats")
    module.start_first = start_first  # type: ignore[attr-defined]
    module.start_second = start_second  # type: ignore[attr-defined]
    import sys

    sys.modules[module.__name__] = module
    saved = dict(formats.FORMATS)
    try:
        formats.FORMATS["first"] = formats.Format("first", f"{module.__name__}:start_first", "一")
        formats.FORMATS["second"] = formats.Format("second", f"{module.__name__}:start_second", "二",
                                                   needs=("first",))
        out = formats.render(formats.Job(Document("t", "s", "a")), ("second",), tmp_path, "x")
    finally:
        formats.FORMATS.clear()
        formats.FORMATS.update(saved)
        del sys.modules[module.__name__]
    assert out == {tmp_path / "x.second": b"12"}  # only what was asked for is written
    assert "first" in seen
