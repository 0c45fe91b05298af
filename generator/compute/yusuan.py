"""compute: the 预算 input model → YusuanFacts. Pure functions, no I/O beyond the catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..load.catalogue import load_catalogue
from ..model.yusuan import FISCAL_CARRY, FISCAL_SOURCES, SOURCES, BudgetLine, BudgetUnit, YusuanInput
from .core import (
    OperatingFacts,
    SangongFacts,
    SangongKind,
    UnitFacts,
    asset_facts,
    basic_facts,
    members,
    procurement_facts,
    unit_counts,
    unit_facts,
    unit_sum,
)
from .rollup import add, classified
from .settings import ComputeSettings
from .values import Points, change, shares, wan
from .yusuan_facts import BudgetIndicatorRow, BudgetItem, BudgetProject, YusuanFacts

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


def compute_yusuan(data: YusuanInput, settings: ComputeSettings | None = None) -> YusuanFacts:
    settings = settings or ComputeSettings()
    places = settings.narrative_places
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
    projects = _projects(data)
    units = [_unit(u) for u in data.units]
    op = data.operating_cost
    p = data.procurement
    fund_keys = projects[0].funds if projects else {}
    project_funds = {key: wan(_sum(pr.funds[key] for pr in projects)) for key in fund_keys}

    return YusuanFacts(
        kind="预算",
        year=data.year,
        prior_year=data.year - 1,
        department=data.department.name,
        unit_total=len(data.units),
        unit_counts=unit_counts(u.kind for u in data.units),
        units=units,
        members=members(((m.name, m.note) for m in data.department.members), (u.name for u in data.units)),
        unit_sum=unit_sum(units),
        function_rows=rows,
        basic=basic_facts(((e.code, e.amount) for u in data.units for e in u.economic), economic,
                          {e.code: e.name for u in data.units for e in u.economic if e.name},
                          # Without economic lines, 人员经费 and 公用经费 still come from the budget lines.
                          None if any(u.economic for u in data.units) else
                          {"人员经费": total.get("一般公共预算.人员经费"),
                           "公用经费": total.get("一般公共预算.公用经费")}),
        sangong=_sangong(data),
        operating_cost=(OperatingFacts(wan(op.amount), None, None, None,
                                       change(op.amount, prior.operating_cost.amount if prior.operating_cost else None))
                        if op else None),
        procurement=procurement_facts((p.goods, ZERO, ZERO), (p.works, ZERO, ZERO), (p.services, ZERO, ZERO),
                                      {"sme_reserved": p.sme_reserved,
                                       "small_micro_reserved": p.small_micro_reserved}),
        assets=asset_facts(data.assets.vehicles, data.assets.large_equipment_200),
        income_total=wan(spent_and_kept),
        expense_total=wan(spent_and_kept),
        total_change=change(spent_and_kept, prior.total.amount if prior.total else None),
        income_by_source=shares([*by_source, ("收入.上年结转", "上年结转", carry)], spent_and_kept, places),
        carry_over_income=wan(carry),
        income_current=wan(spent_and_kept - carry - total.get("收入.动用历年结转结余")),
        carry_by_source=shares([(f"收入.{s}", s, total.get(f"收入.{s}")) for s in (*FISCAL_CARRY, "单位资金结转")],
                               carry, places),
        expense_by_use=shares([(f"支出.{label}", label, total.get(f"支出.{label}")) for label, _ in USES], expense,
                              places),
        classes=shares([(r.code, r.name, r.get("支出.合计")) for r in class_rows if r.get("支出.合计")], expense,
                       places),
        carry_to_next_year=wan(data.carry_to_next_year),
        fiscal=wan(fiscal),
        fiscal_current=wan(total.get("财政拨款本年.合计")),
        fiscal_change=change(fiscal, prior.fiscal.amount if prior.fiscal else None),
        fiscal_classes=shares([(r.code, r.name, r.get("财政拨款.合计")) for r in class_rows if r.get("财政拨款.合计")],
                              fiscal, places),
        general_budget=wan(gpb),
        general_budget_change=change(gpb, prior.general_budget.amount if prior.general_budget else None),
        general_budget_basis=prior.general_budget.basis if prior.general_budget else "",
        total_basis=prior.total.basis if prior.total else "",
        fiscal_basis=prior.fiscal.basis if prior.fiscal else "",
        general_budget_classes=shares([(r.code, r.name, r.get("一般公共预算.合计")) for r in class_rows
                                       if r.get("一般公共预算.合计")], gpb, places),
        general_budget_items=[
            BudgetItem(r.code, catalogue.name(r.code[:3]) or names.get(r.code[:3], ""),
                       catalogue.name(r.code[:5]) or names.get(r.code[:5], ""), r.name,
                       wan(r.get("一般公共预算.合计")), data.reasons.item_purposes.get(r.code, ""))
            for r in rows if r.level == 3 and r.get("一般公共预算.合计")],
        project=wan(total.get("一般公共预算.项目支出")),
        gov_fund=wan(total.get("政府性基金.合计")),
        projects=projects,
        project_count=len(projects),
        project_total=wan(_sum(pr.funds.total for pr in data.projects)),
        project_general_budget=wan(_sum(pr.funds.general_budget for pr in data.projects)),
        project_totals={"合计": wan(_sum(pr.total for pr in projects)), **project_funds},
    )


def _unit(unit: BudgetUnit) -> UnitFacts:
    sums: dict[str, Decimal] = {}
    for line in unit.lines:
        add(sums, budget_columns(line))
    s = unit.sangong
    vehicles = s.vehicle_purchase + s.vehicle_running
    sangong = {"三公.合计": s.abroad + vehicles + s.reception, "三公.因公出国": s.abroad, "三公.公务用车": vehicles,
               "三公.公务用车购置": s.vehicle_purchase, "三公.公务用车运行维护": s.vehicle_running,
               "三公.公务接待": s.reception}
    return unit_facts(unit.name, unit.code, unit.kind, sums, ((e.code, e.amount) for e in unit.economic), sangong)


def _sangong(data: YusuanInput) -> SangongFacts:
    def total(attr: str) -> Decimal:
        return _sum(getattr(u.sangong, attr) for u in data.units)

    prior = data.prior.sangong
    abroad, purchase, running, reception = (total(a) for a in ("abroad", "vehicle_purchase", "vehicle_running",
                                                                 "reception"))
    p = (prior.abroad, prior.vehicle_purchase, prior.vehicle_running, prior.reception) if prior else (None,) * 4
    all_ = abroad + purchase + running + reception

    def kind(label: str, amount: Decimal, base: Decimal | None) -> SangongKind:
        return SangongKind(label, wan(amount), None, None, None, change(amount, base))

    prior_all = _sum(x for x in p if x is not None) if prior else None
    return SangongFacts(
        budget=wan(all_), actual=None, completion=None, change=change(all_, prior_all),
        abroad=kind("因公出国（境）费", abroad, p[0]),
        vehicles=kind("公务用车购置及运行维护费", purchase + running,
                      p[1] + p[2] if p[1] is not None and p[2] is not None else None),
        vehicle_purchase=kind("公务用车购置费", purchase, p[1]),
        vehicle_running=kind("公务用车运行维护费", running, p[2]),
        reception=kind("公务接待费", reception, p[3]),
        reception_domestic=None, reception_foreign=None, reception_batches=None, reception_persons=None,
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
            year_goal=p.year_goal,
            indicators=[BudgetIndicatorRow(i.level1, i.level2, i.level3, i.operator, i.value, i.unit,
                                           Points(i.weight) if i.weight is not None else None) for i in p.indicators],
            weight_total=Points(_sum(weights)) if weights else None,
        ))
    return out
