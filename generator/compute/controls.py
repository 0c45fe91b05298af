"""Control totals (核对数): the financial system's printed totals against the sums of the typed lines.

A 元 file is exact: a control total that differs from the sum of its lines means a line was typed
wrong. A 万元 file is not: the published 万元 tables are rounded from 元 cell by cell, so the 项 lines
of a real table often do not add up to its printed total (10,839.02 against 10,839.03). When the
difference is no more than rounding can explain — half a unit of the last typed digit per line
summed — the control total is the exact system figure: the document prints it and every share and
change is computed from it. Compute applies the checks; validation reports them (one function, so
the two cannot disagree).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from ..model.juesuan import CONTROL_COLUMNS, ControlRow, ControlTotals, JuesuanInput, Unit
from .rollup import Row, line_columns

ZERO = Decimal(0)
Verdict = Literal["equal", "rounding", "mismatch"]


@dataclass(frozen=True)
class ControlCheck:
    where: tuple[Any, ...]  # the input path of the control total (for messages)
    label: str  # what it is, in Chinese: “科目 201 本年收入合计”
    typed: Decimal  # 万元
    computed: Decimal  # 万元, the sum of the typed lines
    lines: int  # how many typed values were summed
    tolerance: Decimal  # 万元; 0 in a 元 file
    target: tuple[str, ...]  # what it controls: ("row", code, column), ("total", name), ("economic", code)

    @property
    def verdict(self) -> Verdict:
        if self.typed == self.computed:
            return "equal"
        if abs(self.typed - self.computed) <= self.tolerance:
            return "rounding"
        return "mismatch"


def half_unit(data: JuesuanInput) -> Decimal:
    """Half a unit of the last digit typed, in 万元; zero for a 元 file (元 amounts are exact)."""
    if data.unit != "万元":
        return ZERO
    finest = -2
    for unit in data.units:
        for line in unit.lines:
            for value in line_columns(line).values():
                exponent = value.as_tuple().exponent
                if isinstance(exponent, int) and value != 0:
                    finest = min(finest, exponent)
    return Decimal(1).scaleb(finest) / 2


def _row_fields(row: ControlRow) -> Iterator[tuple[str, str, Decimal]]:
    """(input key, column, typed) for every figure given in a control row."""
    for name, column in CONTROL_COLUMNS.items():
        value = getattr(row, name)
        if value is not None:
            alias = type(row).model_fields[name].alias or name
            yield alias, column, value


def _count(values: list[Decimal]) -> int:
    return max(1, sum(1 for v in values if v != 0))


def _line_values(units: list[Unit], prefix: str, column: str) -> list[Decimal]:
    return [line_columns(line).get(column, ZERO) for u in units for line in u.lines if line.code.startswith(prefix)]


def _controls(where: tuple[Any, ...], controls: ControlTotals, units: list[Unit], half: Decimal,
              scope: str) -> Iterator[ControlCheck]:
    for alias, column, typed in _row_fields(controls):
        values = _line_values(units, "", column)
        yield ControlCheck((*where, alias), f"{scope}{alias}", typed, sum(values, ZERO), _count(values),
                           half * _count(values), ("row", "", column))
    for code, row in controls.by_code.items():
        if code.startswith("3"):
            continue  # an economic class (301 …): checked with the economic lines
        for alias, column, typed in _row_fields(row):
            values = _line_values(units, code, column)
            path = (*where, "科目合计", code, alias)
            yield ControlCheck(path, f"{scope}科目 {code} {alias}", typed, sum(values, ZERO), _count(values),
                               half * _count(values), ("row", code, column))


def unit_checks(data: JuesuanInput, index: int) -> list[ControlCheck]:
    unit = data.units[index]
    return list(_controls(("预算单位", index, "核对数"), unit.control, [unit], half_unit(data), f"{unit.name}："))


def department_checks(data: JuesuanInput) -> list[ControlCheck]:
    """The department's control totals (top-level 核对数)."""
    half = half_unit(data)
    control = data.control
    checks = list(_controls(("核对数",), control, list(data.units), half, "部门"))
    units = data.units
    income = [line_columns(ln)["收入.合计"] for u in units for ln in u.lines]
    expense = [line_columns(ln)["支出.合计"] for u in units for ln in u.lines]
    fiscal_in = [line_columns(ln)["收入.财政拨款收入"] for u in units for ln in u.lines]
    fiscal_out = [line_columns(ln)["财政拨款.合计"] for u in units for ln in u.lines]
    b = [u.balances for u in units]
    totals = [
        ("收入总计", control.income_grand_total,
         income + [x.non_fiscal_surplus_used for x in b] + [x.opening for x in b]),
        ("支出总计", control.expense_grand_total,
         expense + [x.surplus_distribution for x in b] + [x.closing for x in b]),
        ("财政拨款收入总计", control.fiscal_income_grand_total, fiscal_in + [x.fiscal_opening.total for x in b]),
        ("财政拨款支出总计", control.fiscal_expense_grand_total, fiscal_out + [x.fiscal_closing.total for x in b]),
    ]
    for label, typed, values in totals:
        if typed is not None:
            checks.append(ControlCheck(("核对数", label), f"部门{label}", typed, sum(values, ZERO), _count(values),
                                       half * _count(values), ("total", label)))
    budgets = [b.general_budget for b in data.year_start_budget]
    p = data.procurement
    kinds = [p.goods.amount, p.works.amount, p.services.amount]
    for label, typed, values in (("年初预算", control.year_start_budget, budgets),
                                 ("政府采购总额", control.procurement_total, kinds)):
        if typed is not None:
            checks.append(ControlCheck(("核对数", label), f"部门{label}", typed, sum(values, ZERO), _count(values),
                                       half * _count(values), ("total", label)))
    economic = [(e.code, e.amount) for u in units for e in u.economic]
    for key, typed in control.economic.items():
        if key == "人员经费":
            values = [a for c, a in economic if c[:3] in ("301", "303")]
        elif key == "公用经费":
            values = [a for c, a in economic if c[:3] not in ("301", "303")]
        else:
            values = [a for c, a in economic if c.startswith(key)]
        checks.append(ControlCheck(("核对数", "经济分类", key), f"经济分类 {key}", typed, sum(values, ZERO),
                                   _count(values), half * _count(values), ("economic", key)))
    return checks


def accepted(checks: list[ControlCheck]) -> list[ControlCheck]:
    """The control totals the document prints instead of the sums (equal, or off by rounding only)."""
    return [c for c in checks if c.verdict != "mismatch"]


def apply_to_rows(rows: list[Row], checks: list[ControlCheck]) -> list[Row]:
    by_code = {r.code: r for r in rows}
    for check in accepted(checks):
        if check.target[0] == "row" and check.target[1] in by_code:
            by_code[check.target[1]].values[check.target[2]] = check.typed
    return rows


def totals(checks: list[ControlCheck]) -> dict[str, Decimal]:
    """收入总计 … as the system printed them, where given and accepted."""
    return {c.target[1]: c.typed for c in accepted(checks) if c.target[0] == "total"}


def economic(checks: list[ControlCheck]) -> dict[str, Decimal]:
    return {c.target[1]: c.typed for c in accepted(checks) if c.target[0] == "economic"}


def row_values(checks: list[ControlCheck]) -> dict[str, Decimal]:
    """The 合计 row's columns as the system printed them (a unit's, or the department's)."""
    return {c.target[2]: c.typed for c in accepted(checks) if c.target[0] == "row" and c.target[1] == ""}
