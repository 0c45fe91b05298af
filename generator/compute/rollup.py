"""类/款/项 rollups: amounts are entered at 项 level and summed up the hierarchy, per column."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..load.catalogue import Catalogue, load_catalogue
from ..model.juesuan import BUDGET_KINDS, Line

# Column keys of a classification row; the profiles' table specs refer to these names.
INCOME_COLS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款",
               "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
EXPENSE_COLS = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")


def line_columns(line: Line) -> dict[str, Decimal]:
    """Every amount column of one 项 line, including the derived 合计 columns."""
    inc, exp = line.income, line.expense
    cols: dict[str, Decimal] = {
        "收入.一般公共预算财政拨款": inc.general_budget,
        "收入.政府性基金预算财政拨款": inc.gov_fund,
        "收入.国有资本经营预算财政拨款": inc.state_capital,
        "收入.财政拨款收入": inc.fiscal,
        "收入.上级补助收入": inc.superior_subsidy,
        "收入.事业收入": inc.business,
        "收入.经营收入": inc.operating,
        "收入.附属单位上缴收入": inc.affiliated,
        "收入.其他收入": inc.other,
        "收入.合计": inc.total,
        "支出.基本支出": exp.basic,
        "支出.项目支出": exp.project,
        "支出.上缴上级支出": exp.to_superior,
        "支出.经营支出": exp.operating,
        "支出.对附属单位补助支出": exp.to_affiliated,
        "支出.合计": exp.total,
        "政府性基金结转.年初": line.gov_fund_carry.opening,
        "政府性基金结转.年末": line.gov_fund_carry.closing,
        "国有资本经营结转.年初": line.state_capital_carry.opening,
        "国有资本经营结转.年末": line.state_capital_carry.closing,
    }
    for kind in BUDGET_KINDS:
        part = line.fiscal.of(kind)
        cols[f"{kind}.基本支出"] = part.basic
        cols[f"{kind}.项目支出"] = part.project
        cols[f"{kind}.合计"] = part.total
    cols["财政拨款.合计"] = line.fiscal.total
    return cols


def add(into: dict[str, Decimal], cols: dict[str, Decimal]) -> None:
    for key, value in cols.items():
        into[key] = into.get(key, Decimal(0)) + value


def summed(lines: Iterable[Line]) -> dict[str, Decimal]:
    """Every column summed over some 项 lines (a unit's, say)."""
    total: dict[str, Decimal] = {}
    for line in lines:
        add(total, line_columns(line))
    return total


@dataclass
class Row:
    """One row of a classification table: 合计, a 类, a 款 or a 项."""

    code: str
    name: str
    level: int  # 0 合计, 1 类, 2 款, 3 项
    values: dict[str, Decimal] = field(default_factory=dict)

    def get(self, column: str) -> Decimal:
        return self.values.get(column, Decimal(0))


def parents(code: str) -> tuple[str, str]:
    return code[:3], code[:5]


def rollup(lines: Iterable[tuple[str, dict[str, Decimal]]], catalogue: Catalogue,
           names: dict[str, str] | None = None) -> list[Row]:
    """合计, then each 类, its 款 and its 项, in code order, every column summed from the 项."""
    names = names or {}
    by_code: dict[str, Row] = {}
    total = Row("", "合计", 0)
    for code, cols in lines:
        cls, kuan = parents(code)
        for level, c in ((1, cls), (2, kuan), (3, code)):
            row = by_code.setdefault(c, Row(c, names.get(c) or catalogue.name(c), level))
            add(row.values, cols)
        add(total.values, cols)
    return [total] + [by_code[c] for c in sorted(by_code)]


def classified(data: Any, lines: Iterable[tuple[str, dict[str, Decimal]]]
               ) -> tuple[Catalogue, dict[str, str], list[Row]]:
    """The year's catalogue, the names the file overrides, and the rolled-up rows: where both
    决算 and 预算 computations start."""
    catalogue = load_catalogue(data.year, "function")
    names = dict(data.code_names) | {ln.code: ln.name for u in data.units for ln in u.lines if ln.name}
    return catalogue, names, rollup(lines, catalogue, names)
