"""The constructed national example: YoY sentences, 三公 shares and carry-over rows.

Expected figures are worked out here, independently, from the raw YAML numbers with plain Decimal
arithmetic (an oracle that shares no code with generator.compute), then compared with the text
of the generated documents.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from .conftest import DATA, raw_input
from .documents import compact, docx_table_after, docx_text, pdf_text

EXAMPLE = DATA / "example-national-2022-juesuan.yaml"
RAW = raw_input(EXAMPLE)
UNITS = RAW["预算单位"]
D0 = Decimal(0)


def money(x: Decimal) -> str:
    """2 decimals half-up, trailing zeros dropped: 867.90 → 867.9."""
    text = str(x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    return text.rstrip("0").rstrip(".") if "." in text else text


def pct(part: Decimal, whole: Decimal) -> str:
    return money(part * 100 / whole) + "%"


def total(section: str, key: str) -> Decimal:
    return sum((Decimal(line.get(section, {}).get(key, 0)) for u in UNITS for line in u["收入支出"]), D0)


def balances(key: str) -> Decimal:
    return sum((Decimal(u.get("结转结余", {}).get(key, 0)) for u in UNITS), D0)


INCOME_KEYS = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "上级补助收入", "事业收入",
               "经营收入", "附属单位上缴收入", "其他收入"]
EXPENSE_KEYS = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
INCOME = sum((total("收入", k) for k in INCOME_KEYS), D0)
EXPENSE = sum((total("支出", k) for k in EXPENSE_KEYS), D0)
GRAND = INCOME + balances("使用非财政拨款结余") + balances("年初结转和结余")


@pytest.fixture(scope="module")
def texts(example_outputs: Callable[[Path], Path]) -> dict[str, str]:
    out = example_outputs(EXAMPLE)
    docx = next(out.glob("*.docx"))
    pdf = next(out.glob("*.pdf"))
    return {"docx": compact(docx_text(docx)), "pdf": compact(pdf_text(pdf)), "path": str(docx)}


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_year_on_year_sentences(texts: dict[str, str], kind: str) -> None:
    text = texts[kind]
    prior = RAW["上年"]
    delta = Decimal(prior["收入总计"]) - GRAND
    assert delta > 0  # the example's totals fell
    assert (f"{RAW['年度']}年度收、支总计均为{money(GRAND)}万元。与2021年度相比，收、支总计各减少{money(delta)}万元，"
            f"下降{pct(delta, Decimal(prior['收入总计']))}。") in text
    base_in, base_out = Decimal(prior["本年收入合计"]), Decimal(prior["本年支出合计"])
    up, down = INCOME - base_in, base_out - EXPENSE
    assert f"收入合计{money(INCOME)}万元，与2021年度相比，增加{money(up)}万元，增长{pct(up, base_in)}" in text
    assert f"支出合计{money(EXPENSE)}万元，与2021年度相比，减少{money(down)}万元，下降{pct(down, base_out)}" in text


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_sangong_shares_and_changes(texts: dict[str, str], kind: str) -> None:
    text = texts[kind]
    sg = RAW["三公经费"]
    abroad = Decimal(sg["因公出国"]["决算"])
    cars = Decimal(sg["公务用车"]["购置"]["决算"]) + Decimal(sg["公务用车"]["运行维护"]["决算"])
    cars_prior = Decimal(sg["公务用车"]["购置"]["上年决算"]) + Decimal(sg["公务用车"]["运行维护"]["上年决算"])
    reception = Decimal(sg["公务接待"]["国内"]["决算"]) + Decimal(sg["公务接待"]["外事"]["决算"])
    reception_prior = Decimal(sg["公务接待"]["国内"]["上年决算"]) + Decimal(sg["公务接待"]["外事"]["上年决算"])
    whole = abroad + cars + reception
    assert f"因公出国（境）费用支出决算为{money(abroad)}万元，占{pct(abroad, whole)}" in text
    # last year's 因公出国 was zero: an increase with no growth rate
    assert f"与2021年度相比，增加{money(abroad)}万元，主要原因是" in text
    assert (f"公务用车购置及运行维护费支出决算为{money(cars)}万元，占{pct(cars, whole)}，与2021年度相比，"
            f"增加{money(cars - cars_prior)}万元，增长{pct(cars - cars_prior, cars_prior)}") in text
    fall = reception_prior - reception
    assert (f"公务接待费支出决算为{money(reception)}万元，占{pct(reception, whole)}，与2021年度相比，"
            f"减少{money(fall)}万元，下降{pct(fall, reception_prior)}") in text


def test_carry_over_rows(texts: dict[str, str]) -> None:
    rows = docx_table_after(Path(texts["path"]), "公开01表")
    by_label = {r[0]: r for r in rows} | {r[3]: r for r in rows}
    assert by_label["年初结转和结余"][2] == f"{balances('年初结转和结余'):.2f}"
    assert by_label["使用非财政拨款结余"][2] == f"{balances('使用非财政拨款结余'):.2f}"
    assert by_label["年末结转和结余"][5] == f"{balances('年末结转和结余'):.2f}"
    assert by_label["结余分配"][5] == f"{balances('结余分配'):.2f}"
    fiscal = docx_table_after(Path(texts["path"]), "公开04表")
    opening = {r[0]: r[2] for r in fiscal}
    def fiscal_opening(kind: str) -> Decimal:
        return sum((Decimal(u.get("结转结余", {}).get("年初财政拨款结转和结余", {}).get(kind, 0)) for u in UNITS), D0)

    gpb_open, fund_open = fiscal_opening("一般公共预算"), fiscal_opening("政府性基金预算")
    assert opening["一般公共预算财政拨款"] == f"{gpb_open:.2f}"
    assert opening["政府性基金预算财政拨款"] == f"{fund_open:.2f}"
    assert opening["年初财政拨款结转和结余"] == f"{gpb_open + fund_open:.2f}"


def test_government_fund_table_and_budget_variances(texts: dict[str, str]) -> None:
    rows = docx_table_after(Path(texts["path"]), "公开07表")
    fund = next(r for r in rows if r[0] == "2120899")
    assert fund[2:] == ["45.80", "320.00", "287.50", "0.00", "287.50", "78.30"]
    text = texts["docx"]
    assert "其他政府办公厅（室）及相关机构事务支出（项）。年初预算为2150万元" in text
    assert "决算数大于年初预算数的主要原因是" in text and "决算数小于年初预算数的主要原因是" in text
    assert "决算数与年初预算数基本持平" in text
