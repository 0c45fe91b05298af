"""compute: the 预算 input model → YusuanFacts. Pure functions, no I/O beyond the catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..load.catalogue import Catalogue, load_catalogue
from ..model.yusuan import FISCAL_CARRY, FISCAL_SOURCES, SOURCES, BudgetLine, BudgetUnit, YusuanInput
from .rollup import add, classified
from .values import Points, change, shares, wan
from .yusuan_facts import (
    BudgetEconomicRow,
    BudgetIndicatorRow,
    BudgetItem,
    BudgetProject,
    BudgetSangong,
    BudgetUnitTotals,
    SangongKindBudget,
    YusuanFacts,
)

ZERO = Decimal(0)
USES = (("人员经费", "personnel"), ("公用经费", "public"), ("项目支出", "project"),
        ("对附属单位补助支出", "to_affiliated"), ("上缴上级支出", "to_superior"), ("事业单位经营支出", "operating"))
# How the narrative names each source of income.
SOURCE_LABELS = {
    "一般公共预算": "一般公共预算拨款收入", "政府性基金": "政府性基金收入", "国有资本经营": "国有资本经营预算收入",
    "专户资金": "专户资金", "事业收入": "事业收入", "事业单位经营收入": "事业单位经营收入",
    "上级补助收入": "上级补助收入", "附属单位上缴收入": "附属单位上缴收入", "其他收入": "其他收入",
    "动用历年结转结余": "动用历年结转结余",
}


def budget_columns(line: BudgetLine) -> dict[str, Decimal]:
    """Every amount column of one budget line; the table specs name these keys."""
    cols: dict[str, Decimal] = {f"收入.{s}": ZERO for s in SOURCES}
    cols[f"收入.{line.source}"] = line.total
    for label, attr in USES:
        cols[f"支出.{label}"] = getattr(line, attr)
    cols["支出.基本支出"] = line.basic
    cols["支出.合计"] = line.total
    fiscal = line.source in FISCAL_SOURCES or line.source in FISCAL_CARRY
    cols["财政拨款.合计"] = line.total if fiscal else ZERO
    cols["财政拨款.人员经费"] = line.personnel if fiscal else ZERO
    cols["财政拨款.公用经费"] = line.public if fiscal else ZERO
    cols["财政拨款.基本支出"] = line.basic if fiscal else ZERO
    cols["财政拨款.项目支出"] = line.project if fiscal else ZERO
    cols["财政拨款本年.合计"] = line.total if line.source in FISCAL_SOURCES else ZERO
    for source in ("一般公共预算", "政府性基金", "国有资本经营"):
        mine = line.source == source
        cols[f"{source}.人员经费"] = line.personnel if mine else ZERO
        cols[f"{source}.公用经费"] = line.public if mine else ZERO
        cols[f"{source}.基本支出"] = line.basic if mine else ZERO
        cols[f"{source}.项目支出"] = line.project if mine else ZERO
        cols[f"{source}.合计"] = line.total if mine else ZERO
    return cols


def _lines(units: Iterable[BudgetUnit]) -> Iterable[tuple[str, dict[str, Decimal]]]:
    for unit in units:
        for line in unit.lines:
            yield line.code, budget_columns(line)


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)


def compute_yusuan(data: YusuanInput) -> YusuanFacts:
    catalogue, names, rows = classified(data, _lines(data.units))
    economic = load_catalogue(data.year, "economic")
    total = rows[0]
    expense = total.get("支出.合计")
    spent_and_kept = expense + data.carry_to_next_year
    prior = data.prior

    by_source = [(f"收入.{s}", SOURCE_LABELS[s], total.get(f"收入.{s}")) for s in SOURCE_LABELS]
    carry = _sum(total.get(f"收入.{s}") for s in (*FISCAL_CARRY, "单位资金结转"))
    gpb = total.get("一般公共预算.合计")
    fiscal = total.get("财政拨款.合计")
    class_rows = [r for r in rows if r.level == 1]

    economic_rows, personnel_items, public_items = _economic(data, economic)
    sangong = _sangong(data)
    projects = _projects(data)

    return YusuanFacts(
        year=data.year,
        prior_year=data.year - 1,
        department=data.department.name,
        unit_total=len(data.units),
        unit_counts={k: sum(1 for u in data.units if u.kind == k) for k in ("行政", "事业", "参公")},
        units=[_unit(u) for u in data.units],
        income_total=wan(spent_and_kept),
        expense_total=wan(spent_and_kept),
        total_change=change(spent_and_kept, prior.total.amount if prior.total else None),
        income_by_source=[*shares(by_source, spent_and_kept), *shares([("收入.上年结转", "上年结转", carry)],
                                                                      spent_and_kept)],
        carry_over_income=wan(carry),
        income_current=wan(spent_and_kept - carry - total.get("收入.动用历年结转结余")),
        carry_by_source=shares([(f"收入.{s}", s, total.get(f"收入.{s}")) for s in (*FISCAL_CARRY, "单位资金结转")],
                               carry),
        expense_by_use=shares([(f"支出.{label}", label, total.get(f"支出.{label}")) for label, _ in USES], expense),
        classes=shares([(r.code, r.name, r.get("支出.合计")) for r in class_rows if r.get("支出.合计")], expense),
        carry_to_next_year=wan(data.carry_to_next_year),
        fiscal=wan(fiscal),
        fiscal_current=wan(total.get("财政拨款本年.合计")),
        fiscal_change=change(fiscal, prior.fiscal.amount if prior.fiscal else None),
        fiscal_classes=shares([(r.code, r.name, r.get("财政拨款.合计")) for r in class_rows if r.get("财政拨款.合计")],
                              fiscal),
        general_budget=wan(gpb),
        general_budget_change=change(gpb, prior.general_budget.amount if prior.general_budget else None),
        general_budget_basis=prior.general_budget.basis if prior.general_budget else "",
        total_basis=prior.total.basis if prior.total else "",
        fiscal_basis=prior.fiscal.basis if prior.fiscal else "",
        general_budget_classes=shares([(r.code, r.name, r.get("一般公共预算.合计")) for r in class_rows
                                       if r.get("一般公共预算.合计")], gpb),
        general_budget_items=[
            BudgetItem(r.code, catalogue.name(r.code[:3]) or names.get(r.code[:3], ""),
                       catalogue.name(r.code[:5]) or names.get(r.code[:5], ""), r.name,
                       wan(r.get("一般公共预算.合计")), data.reasons.item_purposes.get(r.code, ""))
            for r in rows if r.level == 3 and r.get("一般公共预算.合计")],
        basic=wan(total.get("一般公共预算.基本支出")),
        personnel=wan(total.get("一般公共预算.人员经费")),
        public=wan(total.get("一般公共预算.公用经费")),
        project=wan(total.get("一般公共预算.项目支出")),
        personnel_items=personnel_items,
        public_items=public_items,
        economic_rows=economic_rows,
        gov_fund=wan(total.get("政府性基金.合计")),
        sangong=sangong,
        operating_cost=wan(data.operating_cost.amount) if data.operating_cost else None,
        operating_cost_change=(change(data.operating_cost.amount, prior.operating_cost.amount
                                      if prior.operating_cost else None) if data.operating_cost else None),
        procurement_total=wan(data.procurement.goods + data.procurement.works + data.procurement.services),
        procurement={"货物": wan(data.procurement.goods), "工程": wan(data.procurement.works),
                     "服务": wan(data.procurement.services), "面向中小企业预留": wan(data.procurement.sme_reserved),
                     "预留小微企业": wan(data.procurement.small_micro_reserved)},
        vehicles_total=sum(data.assets.vehicles.values()),
        projects=projects,
        project_count=len(projects),
        project_total=wan(_sum(p.funds.total for p in data.projects)),
        project_general_budget=wan(_sum(p.funds.general_budget for p in data.projects)),
        function_rows=rows,
    )


def _unit(unit: BudgetUnit) -> BudgetUnitTotals:
    sums: dict[str, Decimal] = {}
    for line in unit.lines:
        add(sums, budget_columns(line))
    s = unit.sangong
    vehicles = s.vehicle_purchase + s.vehicle_running
    return BudgetUnitTotals(
        name=unit.name, code=unit.code, kind=unit.kind, values={k: wan(v) for k, v in sums.items()},
        sangong={"合计": wan(s.abroad + vehicles + s.reception), "因公出国": wan(s.abroad), "公务用车": wan(vehicles),
                 "公务用车购置": wan(s.vehicle_purchase), "公务用车运行维护": wan(s.vehicle_running),
                 "公务接待": wan(s.reception)})


def _economic(data: YusuanInput, economic: Catalogue) -> tuple[list[BudgetEconomicRow], list[str], list[str]]:
    """Economic rows that have money: each 类 followed by its 款, in code order."""
    amounts: dict[str, Decimal] = {}
    for unit in data.units:
        for line in unit.economic:
            amounts[line.code] = amounts.get(line.code, ZERO) + line.amount
    rows: list[BudgetEconomicRow] = []
    for cls in sorted({c[:3] for c, v in amounts.items() if v}):
        items = sorted(c for c, v in amounts.items() if c[:3] == cls and v)
        is_personnel = cls in ("301", "303")
        value = _sum(amounts[c] for c in items)
        rows.append(_eco_row(cls, economic.name(cls) or cls, 1, value, is_personnel))
        rows += [_eco_row(c, economic.name(c) or c, 2, amounts[c], is_personnel) for c in items]
    names = [(r.code, r.name) for r in rows if r.level == 2]
    personnel_items = [n for c, n in names if c[:3] in ("301", "303")]
    return rows, personnel_items, [n for c, n in names if c[:3] not in ("301", "303")]


def _eco_row(code: str, name: str, level: int, value: Decimal, personnel: bool) -> BudgetEconomicRow:
    return BudgetEconomicRow(code, name, level, wan(value if personnel else ZERO), wan(ZERO if personnel else value),
                             wan(value))


def _sangong(data: YusuanInput) -> BudgetSangong:
    def total(attr: str) -> Decimal:
        return _sum(getattr(u.sangong, attr) for u in data.units)

    prior = data.prior.sangong

    def kind(label: str, amount: Decimal, base: Decimal | None) -> SangongKindBudget:
        return SangongKindBudget(label, wan(amount), change(amount, base))

    abroad, purchase, running, reception = (total(a) for a in ("abroad", "vehicle_purchase", "vehicle_running",
                                                                 "reception"))
    p = (prior.abroad, prior.vehicle_purchase, prior.vehicle_running, prior.reception) if prior else (None,) * 4
    all_ = abroad + purchase + running + reception
    prior_all = _sum(x for x in p if x is not None) if prior else None
    return BudgetSangong(
        total=wan(all_),
        change=change(all_, prior_all),
        abroad=kind("因公出国（境）费", abroad, p[0]),
        vehicles=kind("公务用车购置及运行维护费", purchase + running,
                      p[1] + p[2] if p[1] is not None and p[2] is not None else None),
        vehicle_purchase=kind("公务用车购置费", purchase, p[1]),
        vehicle_running=kind("公务用车运行维护费", running, p[2]),
        reception=kind("公务接待费", reception, p[3]),
    )


def _projects(data: YusuanInput) -> list[BudgetProject]:
    codes = {u.name: u.code for u in data.units}
    out = []
    for p in data.projects:
        f = p.funds
        weights = [i.weight for i in p.indicators if i.weight is not None]
        out.append(BudgetProject(
            kind=p.kind, name=p.name, unit=p.unit, unit_code=codes.get(p.unit, ""), total=wan(f.total),
            funds={"一般公共预算": wan(f.general_budget), "政府性基金": wan(f.gov_fund),
                   "一般公共预算结转": wan(f.general_budget_carry), "政府性基金结转": wan(f.gov_fund_carry),
                   "专户资金": wan(f.special_account), "单位资金": wan(f.unit_funds),
                   "其他资金": wan(f.general_budget_carry + f.gov_fund_carry + f.unit_funds)},
            goal=p.goal,
            indicators=[BudgetIndicatorRow(i.level1, i.level2, i.level3, i.operator, i.value, i.unit,
                                           Points(i.weight) if i.weight is not None else None) for i in p.indicators],
            weight_total=Points(_sum(weights)) if weights else None,
        ))
    return out
