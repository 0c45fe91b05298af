"""compute: the 决算 input model → Facts. Pure functions, no I/O beyond the catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..load.catalogue import Catalogue, load_catalogue
from ..model.juesuan import BUDGET_KINDS, JuesuanInput, Unit
from .facts import (
    AssetFacts,
    BasicFacts,
    EconomicRow,
    EvaluatedFacts,
    ExpenseFacts,
    Facts,
    FiscalFacts,
    FundFacts,
    FundRowFacts,
    GeneralBudgetFacts,
    IncomeFacts,
    ItemFacts,
    LevelWeight,
    OperatingFacts,
    Overview,
    PerformanceFacts,
    ProcurementFacts,
    SangongFacts,
    SangongKind,
    SelfEvalFacts,
    UnitTotals,
)
from .rollup import Row, classified, line_columns, summed
from .values import Points, change, completion, grade, pct, shares, wan

ZERO = Decimal(0)
# Within this many percentage points of 100%, a 项 is "基本持平" with its 年初预算 and needs no reason.
ROUGHLY_EQUAL_POINTS = Decimal(1)

INCOME_PARTS = (("财政拨款收入", "收入.财政拨款收入"), ("上级补助收入", "收入.上级补助收入"),
                ("事业收入", "收入.事业收入"), ("经营收入", "收入.经营收入"),
                ("附属单位上缴收入", "收入.附属单位上缴收入"), ("其他收入", "收入.其他收入"))
EXPENSE_PARTS = (("基本支出", "支出.基本支出"), ("项目支出", "支出.项目支出"),
                 ("上缴上级支出", "支出.上缴上级支出"), ("经营支出", "支出.经营支出"),
                 ("对附属单位补助支出", "支出.对附属单位补助支出"))


def compute(data: JuesuanInput) -> Facts:
    catalogue, _names, rows = classified(data, _lines(data.units))
    economic = load_catalogue(data.year, "economic")
    total = rows[0]
    prior = data.prior

    opening = sum((u.balances.opening for u in data.units), ZERO)
    surplus_used = sum((u.balances.non_fiscal_surplus_used for u in data.units), ZERO)
    distribution = sum((u.balances.surplus_distribution for u in data.units), ZERO)
    closing = sum((u.balances.closing for u in data.units), ZERO)
    income_current = total.get("收入.合计")
    expense_current = total.get("支出.合计")
    income_total = income_current + surplus_used + opening
    expense_total = expense_current + distribution + closing

    fiscal = _fiscal(data, total, prior is not None)
    basic = _basic(data, economic)
    gpb_expense = total.get("一般公共预算.合计")

    return Facts(
        year=data.year,
        prior_year=data.year - 1,
        has_prior=prior is not None,
        department=data.department.name,
        unit_total=len(data.units),
        unit_counts={kind: sum(1 for u in data.units if u.kind == kind) for kind in ("行政", "事业", "参公")},
        units=[_unit_totals(u) for u in data.units],
        overview=Overview(
            income_total=wan(income_total),
            expense_total=wan(expense_total),
            income_change=change(income_total, prior.income_total if prior else None),
            expense_change=change(expense_total, prior.expense_total if prior else None),
        ),
        income=IncomeFacts(
            total=wan(income_current),
            parts=shares([(key, label, total.get(key)) for label, key in INCOME_PARTS], income_current),
            fiscal_parts=shares([(f"收入.{k}财政拨款", k, total.get(f"收入.{k}财政拨款")) for k in BUDGET_KINDS],
                                income_current),
            change=change(income_current, prior.income_current if prior else None),
            non_fiscal_surplus_used=wan(surplus_used),
            opening=wan(opening),
        ),
        expense=ExpenseFacts(
            total=wan(expense_current),
            parts=shares([(key, label, total.get(key)) for label, key in EXPENSE_PARTS], expense_current),
            change=change(expense_current, prior.expense_current if prior else None),
            surplus_distribution=wan(distribution),
            closing=wan(closing),
        ),
        fiscal=fiscal,
        general_budget=GeneralBudgetFacts(
            expense=wan(gpb_expense),
            share_of_expense=pct(gpb_expense, expense_current),
            change=change(gpb_expense, prior.general_budget_expense if prior else None),
            classes=shares([(r.code, r.name, r.get("一般公共预算.合计")) for r in rows
                            if r.level == 1 and r.get("一般公共预算.合计") != 0], gpb_expense),
            completion=completion(gpb_expense, sum((b.general_budget for b in data.year_start_budget), ZERO)),
            items=_items(data, rows, catalogue),
            basic=wan(total.get("一般公共预算.基本支出")),
            project=wan(total.get("一般公共预算.项目支出")),
        ),
        basic=basic,
        gov_fund=_fund(data, total, "政府性基金预算"),
        state_capital=_fund(data, total, "国有资本经营预算"),
        sangong=_sangong(data),
        operating_cost=_operating(data),
        procurement=_procurement(data),
        assets=AssetFacts(
            vehicles_total=sum(data.assets.vehicles.values()),
            vehicles=dict(data.assets.vehicles),
            equipment=data.assets.equipment_over_threshold,
        ),
        performance=_performance(data, total),
        function_rows=rows,
    )


def _lines(units: Iterable[Unit]) -> Iterable[tuple[str, dict[str, Decimal]]]:
    for unit in units:
        for line in unit.lines:
            yield line.code, line_columns(line)


def _unit_totals(unit: Unit) -> UnitTotals:
    sums = summed(unit.lines)
    personnel = sum((e.amount for e in unit.economic if e.code[:3] in ("301", "303")), ZERO)
    public = sum((e.amount for e in unit.economic if e.code[:3] not in ("301", "303")), ZERO)
    return UnitTotals(
        name=unit.name,
        kind=unit.kind,
        income={k.removeprefix("收入."): wan(v) for k, v in sums.items() if k.startswith("收入.")},
        expense={k.removeprefix("支出."): wan(v) for k, v in sums.items() if k.startswith("支出.")},
        personnel=wan(personnel),
        public=wan(public),
    )


def _fiscal(data: JuesuanInput, total: Row, has_prior: bool) -> FiscalFacts:
    opening = {k: sum((u.balances.fiscal_opening.of(k) for u in data.units), ZERO) for k in BUDGET_KINDS}
    closing = {k: sum((u.balances.fiscal_closing.of(k) for u in data.units), ZERO) for k in BUDGET_KINDS}
    income = {k: total.get(f"收入.{k}财政拨款") for k in BUDGET_KINDS}
    expense = {k: total.get(f"{k}.合计") for k in BUDGET_KINDS}
    income_sum, expense_sum = sum(income.values(), ZERO), sum(expense.values(), ZERO)
    income_total = income_sum + sum(opening.values(), ZERO)
    expense_total = expense_sum + sum(closing.values(), ZERO)
    prior = data.prior
    budget = sum((b.total for b in data.year_start_budget), ZERO)
    return FiscalFacts(
        income=wan(income_sum),
        expense=wan(expense_sum),
        income_total=wan(income_total),
        expense_total=wan(expense_total),
        income_change=change(income_total, prior.fiscal_income_total if prior and has_prior else None),
        expense_change=change(expense_total, prior.fiscal_expense_total if prior and has_prior else None),
        income_by_kind=shares([(k, k, v) for k, v in income.items()], income_sum),
        expense_by_kind=shares([(k, k, v) for k, v in expense.items()], expense_sum),
        opening=wan(sum(opening.values(), ZERO)),
        closing=wan(sum(closing.values(), ZERO)),
        opening_by_kind=shares([(k, k, v) for k, v in opening.items()], sum(opening.values(), ZERO)),
        closing_by_kind=shares([(k, k, v) for k, v in closing.items()], sum(closing.values(), ZERO)),
        expense_total_by_kind=shares([(k, k, expense[k] + closing[k]) for k in BUDGET_KINDS], expense_total),
        completion=completion(expense_sum, budget),
    )


def _items(data: JuesuanInput, rows: list[Row], catalogue: Catalogue) -> list[ItemFacts]:
    """Every 项 with 一般公共预算 spending or a 年初预算, in code order."""
    by_code = {r.code: r for r in rows}
    budgets = {b.code: b for b in data.year_start_budget}
    codes = sorted({r.code for r in rows if r.level == 3 and r.get("一般公共预算.合计") != 0}
                   | {b.code for b in data.year_start_budget if b.general_budget != 0})
    name = {r.code: r.name for r in rows}
    items = []
    for code in codes:
        actual = by_code[code].get("一般公共预算.合计") if code in by_code else ZERO
        entry = budgets.get(code)
        done = completion(actual, entry.general_budget if entry else ZERO)
        near = done.rate is not None and abs(done.rate - 100) <= ROUGHLY_EQUAL_POINTS and not (entry and entry.reason)
        items.append(ItemFacts(
            code=code,
            class_name=name.get(code[:3]) or catalogue.name(code[:3]),
            kuan_name=name.get(code[:5]) or catalogue.name(code[:5]),
            item_name=name.get(code) or catalogue.name(code),
            completion=done,
            roughly_equal=bool(near) and done.comparison != "等于",
            purpose=entry.purpose if entry else "",
            reason=entry.reason if entry else "",
        ))
    return items


def _basic(data: JuesuanInput, economic: Catalogue) -> BasicFacts:
    amounts: dict[str, Decimal] = {}
    for unit in data.units:
        for line in unit.economic:
            amounts[line.code] = amounts.get(line.code, ZERO) + line.amount
    personnel = sum((v for c, v in amounts.items() if c[:3] in ("301", "303")), ZERO)
    public = sum((v for c, v in amounts.items() if c[:3] not in ("301", "303")), ZERO)

    def name(code: str) -> str:
        return economic.name(code) or code

    nonzero = sorted(c for c, v in amounts.items() if v != 0)
    class_sums: dict[str, Decimal] = {}
    for code, value in amounts.items():
        class_sums[code[:3]] = class_sums.get(code[:3], ZERO) + value
    rows = []
    for entry in sorted(economic.entries.values(), key=lambda e: e.order):
        value = class_sums.get(entry.code, ZERO) if entry.level == 1 else amounts.get(entry.code, ZERO)
        rows.append(EconomicRow(entry.code, entry.name, entry.level, entry.group, wan(value)))
    return BasicFacts(
        total=wan(personnel + public),
        personnel=wan(personnel),
        public=wan(public),
        personnel_items=[name(c) for c in nonzero if c[:3] in ("301", "303")],
        public_items=[name(c) for c in nonzero if c[:3] not in ("301", "303")],
        rows=rows,
    )


def _fund(data: JuesuanInput, total: Row, kind: str) -> FundFacts:
    income = total.get(f"收入.{kind}财政拨款")
    opening = sum((u.balances.fiscal_opening.of(kind) for u in data.units), ZERO)  # type: ignore[arg-type]
    closing = sum((u.balances.fiscal_closing.of(kind) for u in data.units), ZERO)  # type: ignore[arg-type]
    basic, project = total.get(f"{kind}.基本支出"), total.get(f"{kind}.项目支出")
    return FundFacts(
        has_data=any(v != 0 for v in (income, opening, closing, basic, project)),
        opening=wan(opening), income=wan(income), expense=wan(basic + project),
        basic=wan(basic), project=wan(project), closing=wan(closing),
    )


def _kind(label: str, budget: Decimal, actual: Decimal, prior: Decimal | None, whole: Decimal,
          has_prior: bool) -> SangongKind:
    return SangongKind(label, wan(budget), wan(actual), completion(actual, budget), pct(actual, whole),
                       change(actual, prior if has_prior else None))


def _sangong(data: JuesuanInput) -> SangongFacts:
    s = data.sangong
    has_prior = data.prior is not None
    rec = s.reception
    rec_actual = rec.domestic.actual + rec.foreign.actual
    rec_prior = _sum_prior(rec.domestic.prior, rec.foreign.prior)
    veh = s.vehicles
    veh_budget = veh.purchase.budget + veh.running.budget
    veh_actual = veh.purchase.actual + veh.running.actual
    veh_prior = _sum_prior(veh.purchase.prior, veh.running.prior)
    budget = s.abroad.budget + veh_budget + rec.budget
    actual = s.abroad.actual + veh_actual + rec_actual
    prior = _sum_prior(s.abroad.prior, veh_prior, rec_prior)
    return SangongFacts(
        budget=wan(budget),
        actual=wan(actual),
        completion=completion(actual, budget),
        change=change(actual, prior if has_prior else None),
        abroad=_kind("因公出国（境）费用", s.abroad.budget, s.abroad.actual, s.abroad.prior, actual, has_prior),
        vehicles=_kind("公务用车购置及运行维护费", veh_budget, veh_actual, veh_prior, actual, has_prior),
        vehicle_purchase=_kind("公务用车购置费", veh.purchase.budget, veh.purchase.actual, veh.purchase.prior,
                               actual, has_prior),
        vehicle_running=_kind("公务用车运行维护费", veh.running.budget, veh.running.actual, veh.running.prior,
                              actual, has_prior),
        reception=_kind("公务接待费", rec.budget, rec_actual, rec_prior, actual, has_prior),
        reception_domestic=wan(rec.domestic.actual),
        reception_foreign=wan(rec.foreign.actual),
    )


def _sum_prior(*values: Decimal | None) -> Decimal | None:
    """A prior-year sum exists only when every part has one (a missing part is not a zero)."""
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), ZERO)


def _operating(data: JuesuanInput) -> OperatingFacts | None:
    cost = data.operating_cost
    if cost is None:
        return None
    return OperatingFacts(completion(cost.actual, cost.budget),
                          change(cost.actual, cost.prior if data.prior is not None else None))


def _procurement(data: JuesuanInput) -> ProcurementFacts:
    p = data.procurement
    kinds = (p.goods, p.works, p.services)
    total = sum((k.amount for k in kinds), ZERO)
    sme = sum((k.sme for k in kinds), ZERO)
    small = sum((k.small_micro for k in kinds), ZERO)
    return ProcurementFacts(
        total=wan(total), goods=wan(p.goods.amount), works=wan(p.works.amount), services=wan(p.services.amount),
        sme=wan(sme), sme_share=pct(sme, total),
        small_micro=wan(small), small_micro_share_of_sme=pct(small, sme), small_micro_share_of_total=pct(small, total),
        goods_sme_share=pct(p.goods.sme, p.goods.amount),
        works_sme_share=pct(p.works.sme, p.works.amount),
        services_sme_share=pct(p.services.sme, p.services.amount),
    )


def _performance(data: JuesuanInput, total: Row) -> PerformanceFacts:
    perf = data.performance
    gpb_project = total.get("一般公共预算.项目支出")
    evals = []
    for ev in perf.self_evaluations:
        score = Points(sum((i.score for i in ev.indicators), ZERO) + sum((f.score or ZERO for f in ev.funds), ZERO))
        weights = [i.weight for i in ev.indicators if i.weight is not None]
        level1: dict[str, Points] = {}
        level2: dict[tuple[str, str], Decimal] = {}
        for ind in ev.indicators:
            w = ind.weight or ZERO
            level1[ind.level1] = Points(level1.get(ind.level1, ZERO) + w)
            level2[(ind.level1, ind.level2)] = level2.get((ind.level1, ind.level2), ZERO) + w
        funds = [FundRowFacts(f.source, wan(f.full_year), wan(f.executed), pct(f.executed, f.full_year))
                 for f in ev.funds]
        evals.append(SelfEvalFacts(
            name=ev.name,
            total_score=score,
            total_weight=Points(sum(weights, ZERO)) if weights else None,
            grade=grade(score),
            funds=funds,
            completion=funds[0].rate if funds else None,
            level1_weights=level1,
            level2_weights=[LevelWeight(a, b, Points(w)) for (a, b), w in level2.items()],
        ))
    evaluated = [EvaluatedFacts(e.name, Points(e.score), grade(e.score), wan(e.general_budget), wan(e.gov_fund),
                                wan(e.state_capital)) for e in perf.evaluated]
    results = [(r.unit, r.name, r.grade or (grade(r.score) if r.score is not None else "")) for r in perf.results]
    return PerformanceFacts(
        covered_funds=wan(perf.covered_funds),
        coverage=pct(perf.covered_funds, gpb_project),
        # the typed number of 二级项目 when given; otherwise the projects listed or tabled
        self_evaluated=perf.level2_projects if perf.level2_projects is not None else len(perf.results) or len(evals),
        self_evaluations=evals,
        evaluated=evaluated,
        evaluated_general_budget=wan(sum((e.general_budget for e in perf.evaluated), ZERO)),
        evaluated_gov_fund=wan(sum((e.gov_fund for e in perf.evaluated), ZERO)),
        evaluated_state_capital=wan(sum((e.state_capital for e in perf.evaluated), ZERO)),
        results=results,
    )
