"""The national 决算 set of seed 002 (天门 2022), with charts, read back from DOCX and PDF."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document

from .conftest import DATA, raw_input, run_cli, write_yaml
from .documents import compact, docx_table_after, docx_text, office_pdf, pdf_text

TIANMEN = DATA / "tianmen-12345-2022-juesuan.yaml"
NAME = "天门市12345公共服务热线中心-2022-决算"
FIGURES = ["218.56", "215.56", "68.06", "31.14%", "68.86%", "216.73", "99.16%", "0.84%", "65.88", "2.17", "88.58",
           "20.93", "23.63%", "58.86%", "29.36%", "29.92%"]


@pytest.fixture(scope="module")
def out(example_outputs: Callable[[Path], Path]) -> Path:
    return example_outputs(TIANMEN)


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_published_figures_and_no_seed_mistakes(out: Path, suffix: str) -> None:
    path = out / f"{NAME}.{suffix}"
    text = compact(docx_text(path) if suffix == "docx" else pdf_text(path))
    for needle in [*(f"公开{n:02d}表" for n in range(1, 10)), *FIGURES]:
        assert needle in text, needle
    # the seed's mistakes are not reproduced
    assert "一般公共预算服务支出" not in text and "、、" not in text and "8.4%" not in text
    assert "因新设机构无上年对比数据" in text and "因新设机构上年对比数据" not in text
    assert "授予中小企业合同金额20.93万元，占政府采购支出总额的23.63%" in text
    assert "基本支出68.06万元，占本年支出31.14%；项目支出150.5万元，占本年支出68.86%" in text


def test_zero_cells_print_as_0_00_and_201_is_named_from_the_catalogue(out: Path) -> None:
    rows = docx_table_after(out / f"{NAME}.docx", "公开05表")
    assert rows[3][:5] == ["", "合计", "218.56", "68.06", "150.50"]
    assert rows[4][:2] == ["201", "一般公共服务支出"]
    assert rows[6] == ["2010301", "行政运行", "91.42", "29.19", "62.23"]
    assert rows[7][-1] == "0.00"
    summary = docx_table_after(out / f"{NAME}.docx", "公开01表")
    assert summary[3][2] == "215.56" and summary[4][2] == "0.00"
    assert summary[-3][:3] == ["年初结转和结余", "29", "3.00"]


def test_economic_table_lists_every_kuan_of_the_year(out: Path) -> None:
    rows = docx_table_after(out / f"{NAME}.docx", "公开06表")
    codes = {cell for row in rows for cell in row if cell.isdigit() and len(cell) == 5}
    assert {"30101", "30240", "31099", "39999", "30702"} <= codes
    assert rows[-1][0] == "人员经费合计" and "65.88" in rows[-1] and "2.17" in rows[-1]
    first = rows[2]
    assert first[:3] == ["301", "工资福利支出", "65.88"] and first[6:] == ["307", "债务利息及费用支出", "0.00"]


def test_charts_in_both_files_and_no_single_slice_pie(out: Path) -> None:
    """Tianmen's income is all 财政拨款: its income pie would be one 100 % slice, so it is left out;
    no prior year, so the change charts are too. The numbering follows."""
    assert len(Document(str(out / f"{NAME}.docx")).inline_shapes) == 2
    for text in (compact(pdf_text(out / f"{NAME}.pdf")), compact(docx_text(out / f"{NAME}.docx"))):
        assert "图1本年支出构成" in text and "图2一般公共预算财政拨款支出决算结构" in text
        assert "本年收入构成" not in text and "图3" not in text


def test_no_charts_option(tmp_path: Path) -> None:
    result = run_cli("generate", TIANMEN, "-o", tmp_path, "--no-charts", "--format", "docx")
    assert result.returncode == 0, result.stderr
    assert len(Document(str(tmp_path / f"{NAME}.docx")).inline_shapes) == 0


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by `make test`")
def test_docx_opens_and_converts_in_libreoffice(out: Path, tmp_path: Path) -> None:
    text = compact(pdf_text(office_pdf(out / f"{NAME}.docx", tmp_path)))
    for needle in ["公开01表", "218.56", "23.63%"]:
        assert needle in text


def test_catalogue_name_warning(tmp_path: Path) -> None:
    raw = raw_input(TIANMEN)
    raw["科目名称"] = {"201": "一般公共预算服务支出"}
    result = run_cli("validate", write_yaml(tmp_path, raw))
    assert result.returncode == 0  # a warning, not an error
    line = next(x for x in result.stdout.splitlines() if "J-CAT-03" in x)
    assert "201" in line and "一般公共服务支出" in line and "一般公共预算服务支出" in line
