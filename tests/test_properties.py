"""Property tests: for random valid departments the rollups, totals and shares hold."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.kinds import compute
from generator.load import validate_raw
from generator.load.catalogue import load_catalogue
from generator.money import format_number, round_half_up

ITEMS = sorted(c for c, e in load_catalogue(2022, "function").entries.items() if e.level == 3)
cents = st.integers(min_value=0, max_value=10**9).map(lambda n: Decimal(n).scaleb(-2))


@st.composite
def department(draw: st.DrawFn) -> dict:
    units = []
    for u in range(draw(st.integers(1, 4))):
        codes = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=8, unique=True))
        lines = []
        for code in codes:
            basic, project, gov = draw(cents), draw(cents), draw(cents)
            lines.append({
                "科目": code,
                "收入": {"一般公共预算财政拨款": basic + project, "政府性基金预算财政拨款": gov},
                "支出": {"基本支出": basic, "项目支出": project + gov},
                "财政拨款支出": {"一般公共预算": {"基本支出": basic, "项目支出": project},
                             "政府性基金预算": {"项目支出": gov}},
            })
        units.append({"名称": f"单位{u}", "性质": draw(st.sampled_from(["行政", "事业", "参公"])), "收入支出": lines})
    return {"文档": "决算", "年度": 2022, "版式": "juesuan-zhejiang", "金额单位": draw(st.sampled_from(["元", "万元"])),
            "部门": {"名称": "测试部门"}, "预算单位": units, "无上年数据": True}


@settings(max_examples=60, deadline=None)
@given(department())
def test_rollups_and_shares_hold(raw: dict) -> None:
    facts = compute(validate_raw(raw, Path("random.yaml")))
    rows = facts.function_rows
    total, body = rows[0], rows[1:]
    columns = set(total.values)
    for column in columns:
        # 合计 = Σ 类; each 类 = Σ its 款; each 款 = Σ its 项
        assert total.get(column) == sum((r.get(column) for r in body if r.level == 1), Decimal(0))
        for parent in (r for r in body if r.level in (1, 2)):
            children = [r for r in body if r.level == parent.level + 1 and r.code.startswith(parent.code)]
            assert parent.get(column) == sum((c.get(column) for c in children), Decimal(0))
    # rows are in code order, every 项 under its 款 under its 类
    assert [r.code for r in body] == sorted(r.code for r in body)
    # totals balance because every line's income equals its spending
    assert facts.overview.income_total == facts.overview.expense_total
    # exact shares of a non-zero whole add up to 100
    if facts.expense.total:
        assert abs(sum(s.share for s in facts.expense.parts) - 100) < Decimal("1e-20")
    if facts.general_budget.expense:
        assert abs(sum(s.share for s in facts.general_budget.classes) - 100) < Decimal("1e-20")
    # per-unit totals add up to the department
    assert sum((u.values["支出.合计"] for u in facts.units), Decimal(0)) == facts.expense.total


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_display_rounds_half_up(n: int) -> None:
    value = Decimal(n).scaleb(-3)  # three decimals: the third decides
    shown = Decimal(format_number(value, 2))
    assert shown == round_half_up(value, 2)
    assert abs(shown - value) <= Decimal("0.005")
    if n % 10 == 5:  # exactly half: away from zero
        assert abs(shown) > abs(value)
