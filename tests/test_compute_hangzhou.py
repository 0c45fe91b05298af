"""Every figure of seed 000 (杭州市信访局 2022 决算) that the data issue lists, from `compute`.

The expected strings are the published ones, typed from the seed document, not produced by the code.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.compute.flatten import display
from generator.compute.juesuan_facts import JuesuanFacts as Facts
from generator.kinds import compute
from generator.load import load

from .conftest import HANGZHOU


@pytest.fixture(scope="module")
def facts() -> Facts:
    return compute(load(HANGZHOU).data)


def item(facts: Facts, code: str):
    return next(i for i in facts.general_budget.items if i.code == code)


def test_overall_totals_and_change(facts: Facts) -> None:
    ov = facts.overview
    assert display(ov.income_total) == "7362.86"
    assert display(ov.expense_total) == "7362.86"
    assert ov.income_change.direction == "增加" and ov.income_change.trend == "增长"
    assert display(ov.income_change.delta) == "54.44"
    assert display(ov.income_change.rate) == "0.74%"


def test_income_shares(facts: Facts) -> None:
    shares = {s.label: display(s.share) for s in facts.income.parts}
    assert shares == {"财政拨款收入": "100%", "上级补助收入": "0%", "事业收入": "0%", "经营收入": "0%",
                      "附属单位上缴收入": "0%", "其他收入": "0%"}


def test_expense_by_use(facts: Facts) -> None:
    parts = {s.label: (display(s.amount), display(s.share)) for s in facts.expense.parts}
    assert parts["基本支出"] == ("3006.35", "40.83%")
    assert parts["项目支出"] == ("4356.51", "59.17%")
    assert parts["上缴上级支出"] == ("0", "0%")


def test_fiscal_completion_against_year_start_budget(facts: Facts) -> None:
    assert display(facts.fiscal.completion.budget) == "7896.16"
    assert display(facts.fiscal.completion.rate) == "93.25%"
    assert facts.fiscal.income_change.direction == "增加"
    assert display(facts.fiscal.income_change.rate) == "0.74%"


def test_general_budget_structure_by_class(facts: Facts) -> None:
    classes = {s.label: (display(s.amount), display(s.share)) for s in facts.general_budget.classes}
    assert classes == {"一般公共服务支出": ("6982.53", "94.83%"), "社会保障和就业支出": ("300.79", "4.09%"),
                       "卫生健康支出": ("79.54", "1.08%")}
    # The published 类 shares add up to 100 (94.83 + 4.09 + 1.08).
    assert sum(Decimal(display(s.share).rstrip("%")) for s in facts.general_budget.classes) == 100


@pytest.mark.parametrize(("code", "rate", "comparison"), [
    ("2010301", "93.87%", "小于"), ("2010308", "90.6%", "小于"), ("2010350", "96.98%", "小于"),
    ("2080501", "81.43%", "小于"), ("2080505", "135.59%", "大于"), ("2080506", "135.59%", "大于"),
    ("2101101", "97.76%", "小于"),
])
def test_item_completion(facts: Facts, code: str, rate: str, comparison: str) -> None:
    done = item(facts, code).completion
    assert display(done.rate) == rate
    assert done.comparison == comparison


def test_item_roughly_equal_needs_no_reason(facts: Facts) -> None:
    # Seed: “事业单位医疗 … 年初预算为 28.69 万元，支出决算为 28.55 万元，决算数与年初预算数基本持平”.
    medical = item(facts, "2101102")
    assert medical.roughly_equal and display(medical.completion.actual) == "28.55"
    assert not item(facts, "2010301").roughly_equal


def test_item_figures_rounded_half_up(facts: Facts) -> None:
    # 1,771,450 元 = 177.145 万元: 四舍五入 gives 177.15 (banker's rounding would give 177.14).
    assert display(item(facts, "2080505").completion.actual) == "177.15"
    assert display(item(facts, "2010350").completion.actual) == "867.9"


def test_basic_expense_economic_split(facts: Facts) -> None:
    assert display(facts.basic.total) == "3006.35"
    assert display(facts.basic.personnel) == "2671.29"
    assert display(facts.basic.public) == "335.06"
    assert "、".join(facts.basic.personnel_items) == (
        "基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、"
        "其他社会保障缴费、住房公积金、医疗费、其他工资福利支出、退休费、医疗费补助、奖励金、其他对个人和家庭的补助"
    )
    assert facts.basic.public_items[:3] == ["办公费", "印刷费", "手续费"]
    assert facts.basic.public_items[-1] == "办公设备购置"


def test_sangong(facts: Facts) -> None:
    sg = facts.sangong
    assert (display(sg.budget), display(sg.actual), display(sg.completion.rate)) == ("35.45", "1.01", "2.85%")
    assert sg.abroad.change.direction == "持平" and display(sg.abroad.share) == "0%"
    assert display(sg.reception.share) == "100%"
    assert sg.reception.change.direction == "减少" and sg.reception.change.trend == "下降"
    assert display(sg.reception.change.delta) == "1.94"
    assert display(sg.reception.change.rate) == "65.76%"
    assert display(sg.reception.completion.rate) == "8.65%"
    # 0 budget, 0 spent: no ratio exists; the document decides the wording.
    assert sg.vehicles.completion.rate is None and sg.vehicles.completion.comparison == "等于"


def test_operating_cost(facts: Facts) -> None:
    op = facts.operating_cost
    assert op is not None
    assert display(op.completion.rate) == "93.04%"
    assert (op.change.direction, display(op.change.delta), display(op.change.rate)) == ("减少", "35.51", "11.3%")


def test_procurement(facts: Facts) -> None:
    p = facts.procurement
    assert display(p.total) == "4005.75"
    assert display(p.sme) == "259.46" and display(p.sme_share) == "6.48%"
    assert display(p.small_micro) == "79.79" and display(p.small_micro_share_of_sme) == "30.75%"
    assert display(p.goods_sme_share) == "96.91%"
    assert display(p.services_sme_share) == "3.89%"
    assert p.works_sme_share is None


def test_performance(facts: Facts) -> None:
    perf = facts.performance
    assert display(perf.coverage) == "100%"
    front, platform = perf.self_evaluations
    assert display(front.total_score) == "96.82" and front.grade == "优"
    assert display(front.completion) == "98.78%"
    assert {i.level1: i.level1_weight for i in front.indicators}["产出指标"] == 60
    assert display(platform.total_score) == "100" and display(platform.completion) == "97.28%"
    (evaluated,) = perf.evaluated
    assert display(evaluated.score) == "94.2" and evaluated.grade == "优"


def test_units_and_tables(facts: Facts) -> None:
    assert facts.unit_counts == {"行政": 1, "事业": 1, "参公": 0}
    own, centre = facts.units
    def spent(unit):  # type: ignore[no-untyped-def]
        return tuple(display(unit.values[k]) for k in ("支出.合计", "支出.基本支出", "支出.项目支出"))

    assert spent(own) == ("6386.84", "2039.31", "4347.53")
    assert spent(centre) == ("976.02", "967.04", "8.98")
    assert spent(facts.unit_sum) == ("7362.86", "3006.35", "4356.51")
    rows = {r.code: r for r in facts.function_rows}
    assert [r.code for r in facts.function_rows][:5] == ["", "201", "20103", "2010301", "2010308"]
    assert display(rows["201"].get("支出.基本支出")) == "2626.03"
    assert display(rows["201"].get("支出.合计")) == "6982.53"
    assert display(rows["210"].get("支出.合计")) == "79.54"
