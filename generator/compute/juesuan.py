"""compute: the 决算 input model → JuesuanFacts. Pure functions, no I/O beyond the catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, localcontext

from ..load.catalogue import Catalogue, load_catalogue
from ..model.juesuan import BUDGET_KINDS, EvaluatedProject, JuesuanInput, Unit
from . import controls
from .core import (
    OperatingFacts,
    ProcurementFacts,
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
from .juesuan_facts import (
    EvaluatedFacts,
    EvaluationGroup,
    ExpenseFacts,
    FiscalFacts,
    FundFacts,
    FundRowFacts,
    GeneralBudgetFacts,
    IncomeFacts,
    IndicatorFacts,
    ItemFacts,
    JuesuanFacts,
    ManagedFacts,
    Overview,
    PerformanceFacts,
    SelfEvalFacts,
    SelfEvaluationTotals,
)
from .rollup import Row, classified, line_columns, summed
from .settings import ComputeSettings
from .values import Change, Parts, Points, change, completion, grade, pct, shares, wan

ZERO = Decimal(0)
# (label in the narrative, rollup column, PriorIncome/PriorExpense field)
INCOME_PARTS = (("财政拨款收入", "收入.财政拨款收入", "fiscal"),
                ("上级补助收入", "收入.上级补助收入", "superior_subsidy"),
                ("事业收入", "收入.事业收入", "business"), ("经营收入", "收入.经营收入", "operating"),
                ("附属单位上缴收入", "收入.附属单位上缴收入", "affiliated"), ("其他收入", "收入.其他收入", "other"))
FISCAL_PARTS = (("一般公共预算", "general_budget"), ("政府性基金预算", "gov_fund"),
                ("国有资本经营预算", "state_capital"))
EXPENSE_PARTS = (("基本支出", "支出.基本支出", "basic"), ("项目支出", "支出.项目支出", "project"),
                 ("上缴上级支出", "支出.上缴上级支出", "to_superior"), ("经营支出", "支出.经营支出", "operating"),
                 ("对附属单位补助支出", "支出.对附属单位补助支出", "to_affiliated"))


def compute(data: JuesuanInput, settings: ComputeSettings | None = None) -> JuesuanFacts:
    settings = settings or ComputeSettings()
    catalogue, _names, rows = classified(data, _lines(data.units))
    checks = controls.department_checks(data)
    rows = controls.apply_to_rows(rows, checks)
    system_totals = controls.totals(checks)
    economic = load_catalogue(data.year, "economic")
    total = rows[0]
    prior = data.prior
    has_prior = prior is not None and any(v is not None for v in _prior_figures(data))
    places = settings.narrative_places

    opening = sum((u.balances.opening for u in data.units), ZERO)
    surplus_used = sum((u.balances.non_fiscal_surplus_used for u in data.units), ZERO)
    distribution = sum((u.balances.surplus_distribution for u in data.units), ZERO)
    closing = sum((u.balances.closing for u in data.units), ZERO)
    income_current = total.get("收入.合计")
    expense_current = total.get("支出.合计")
    income_total = system_totals.get("收入总计", income_current + surplus_used + opening)
    expense_total = system_totals.get("支出总计", expense_current + distribution + closing)

    reasons = data.reasons.components
    p_income = prior.income if prior else None
    p_expense = prior.expense if prior else None
    income_parts = _compared(
        [(key, label, total.get(key), getattr(p_income, attr) if p_income else None, reasons.get(label, ""))
         for label, key, attr in INCOME_PARTS], income_current, places)
    fiscal_parts = _compared(
        [(f"收入.{k}财政拨款", k, total.get(f"收入.{k}财政拨款"), getattr(p_income, attr) if p_income else None,
          reasons.get(f"{k}财政拨款收入", "")) for k, attr in FISCAL_PARTS], income_current, places)
    expense_parts = _compared(
        [(key, label, total.get(key), getattr(p_expense, attr) if p_expense else None, reasons.get(label, ""))
         for label, key, attr in EXPENSE_PARTS], expense_current, places)

    gpb_expense = total.get("一般公共预算.合计")
    gpb_uses = _compared(
        [("一般公共预算.基本支出", "基本支出", total.get("一般公共预算.基本支出"),
          prior.general_budget_basic if prior else None, reasons.get("一般公共预算财政拨款基本支出", "")),
         ("一般公共预算.项目支出", "项目支出", total.get("一般公共预算.项目支出"),
          prior.general_budget_project if prior else None, reasons.get("一般公共预算财政拨款项目支出", ""))],
        gpb_expense, places)

    units = [_unit(u, i, data) for i, u in enumerate(data.units)]
    department_sum = unit_sum(units)
    department_sum.values.update({k: wan(v) for k, v in controls.row_values(checks).items()})

    return JuesuanFacts(
        kind="决算",
        year=data.year,
        prior_year=data.year - 1,
        department=data.department.name,
        unit_total=len(data.units),
        unit_counts=unit_counts(u.kind for u in data.units),
        units=units,
        members=members(((m.name, m.note) for m in data.department.members), (u.name for u in data.units)),
        unit_sum=department_sum,
        function_rows=rows,
        basic=basic_facts(((e.code, e.amount) for u in data.units for e in u.economic), economic,
                          {e.code: e.name for u in data.units for e in u.economic if e.name} | dict(data.code_names),
                          controls.economic(checks)),
        sangong=_sangong(data),
        operating_cost=_operating(data),
        procurement=_procurement(data, system_totals.get("政府采购总额")),
        assets=asset_facts(data.assets.vehicles, data.assets.equipment_over_threshold),
        has_prior=has_prior,
        new_unit=data.new_unit,
        overview=Overview(
            income_total=wan(income_total),
            expense_total=wan(expense_total),
            income_change=change(income_total, prior.income_total if prior else None),
            expense_change=change(expense_total, prior.expense_total if prior else None),
        ),
        income=IncomeFacts(
            total=wan(income_current),
            parts=income_parts,
            fiscal_parts=fiscal_parts,
            change=change(income_current, prior.income_current if prior else None),
            non_fiscal_surplus_used=wan(surplus_used),
            opening=wan(opening),
        ),
        expense=ExpenseFacts(
            total=wan(expense_current),
            parts=expense_parts,
            change=change(expense_current, prior.expense_current if prior else None),
            surplus_distribution=wan(distribution),
            closing=wan(closing),
        ),
        fiscal=_fiscal(data, total, system_totals, places),
        general_budget=GeneralBudgetFacts(
            expense=wan(gpb_expense),
            share_of_expense=pct(gpb_expense, expense_current),
            change=change(gpb_expense, prior.general_budget_expense if prior else None),
            classes=shares([(r.code, r.name, r.get("一般公共预算.合计")) for r in rows
                            if r.level == 1 and r.get("一般公共预算.合计") != 0], gpb_expense, places),
            completion=completion(gpb_expense, system_totals.get(
                "年初预算", sum((b.general_budget for b in data.year_start_budget), ZERO))),
            items=_items(data, rows, catalogue, settings, "一般公共预算"),
            basic=wan(total.get("一般公共预算.基本支出")),
            project=wan(total.get("一般公共预算.项目支出")),
            uses=gpb_uses,
        ),
        gov_fund=_fund(data, total, "政府性基金预算", _items(data, rows, catalogue, settings, "政府性基金预算")),
        state_capital=_fund(data, total, "国有资本经营预算",
                            _items(data, rows, catalogue, settings, "国有资本经营预算")),
        performance=_performance(data, total, settings),
    )


def _prior_figures(data: JuesuanInput) -> list[Decimal | None]:
    """Every prior-year figure the input can give: has the department any prior year at all?"""
    p = data.prior
    if p is None:
        return []
    scalars = [p.income_total, p.expense_total, p.fiscal_income_total, p.fiscal_expense_total,
               p.general_budget_expense, p.general_budget_basic, p.general_budget_project, p.income_current,
               p.expense_current]
    return scalars + list(p.income.model_dump().values()) + list(p.expense.model_dump().values())


def _compared(parts: list[tuple[str, str, Decimal, Decimal | None, str]], whole: Decimal, places: int) -> Parts:
    """Shares of `whole`, each part with its change against last year (when given) and its reason."""
    base = shares([(key, label, amount) for key, label, amount, _, _ in parts], whole, places)
    items = [s.__class__(s.label, s.amount, s.share, s.key, change(s.amount, prior), reason, s.adjusted)
             for s, (_, _, _, prior, reason) in zip(base, parts, strict=True)]
    return Parts(items, whole, base.residue)


def _lines(units: Iterable[Unit]) -> Iterable[tuple[str, dict[str, Decimal]]]:
    for unit in units:
        for line in unit.lines:
            yield line.code, line_columns(line)


def _unit(unit: Unit, index: int, data: JuesuanInput) -> UnitFacts:
    columns = summed(unit.lines)
    columns |= controls.row_values(controls.unit_checks(data, index))
    return unit_facts(unit.name, "", unit.kind, columns, ((e.code, e.amount) for e in unit.economic))


def _fiscal(data: JuesuanInput, total: Row, system: dict[str, Decimal], places: int) -> FiscalFacts:
    opening = {k: sum((u.balances.fiscal_opening.of(k) for u in data.units), ZERO) for k in BUDGET_KINDS}
    closing = {k: sum((u.balances.fiscal_closing.of(k) for u in data.units), ZERO) for k in BUDGET_KINDS}
    income = {k: total.get(f"收入.{k}财政拨款") for k in BUDGET_KINDS}
    expense = {k: total.get(f"{k}.合计") for k in BUDGET_KINDS}
    income_sum, expense_sum = sum(income.values(), ZERO), sum(expense.values(), ZERO)
    income_total = system.get("财政拨款收入总计", income_sum + sum(opening.values(), ZERO))
    expense_total = system.get("财政拨款支出总计", expense_sum + sum(closing.values(), ZERO))
    prior = data.prior
    budgets = data.year_start_budget
    budget = (system.get("年初预算", sum((b.general_budget for b in budgets), ZERO))
              + sum((b.gov_fund + b.state_capital for b in budgets), ZERO))
    return FiscalFacts(
        income=wan(income_sum),
        expense=wan(expense_sum),
        income_total=wan(income_total),
        expense_total=wan(expense_total),
        income_change=change(income_total, prior.fiscal_income_total if prior else None),
        expense_change=change(expense_total, prior.fiscal_expense_total if prior else None),
        income_by_kind=shares([(k, k, v) for k, v in income.items()], income_sum, places),
        expense_by_kind=shares([(k, k, v) for k, v in expense.items()], expense_sum, places),
        opening=wan(sum(opening.values(), ZERO)),
        closing=wan(sum(closing.values(), ZERO)),
        opening_by_kind=shares([(k, k, v) for k, v in opening.items()], sum(opening.values(), ZERO), places),
        closing_by_kind=shares([(k, k, v) for k, v in closing.items()], sum(closing.values(), ZERO), places),
        expense_total_by_kind=shares([(k, k, expense[k] + closing[k]) for k in BUDGET_KINDS], expense_total, places),
        completion=completion(expense_sum, budget),
    )


def _items(data: JuesuanInput, rows: list[Row], catalogue: Catalogue, settings: ComputeSettings,
           kind: str) -> list[ItemFacts]:
    """Every 项 with spending of one budget (一般公共预算, 政府性基金预算 …) or a 年初预算 of it, in code order."""
    by_code = {r.code: r for r in rows}
    budgets = {b.code: b for b in data.year_start_budget}
    codes = sorted({r.code for r in rows if r.level == 3 and r.get(f"{kind}.合计") != 0}
                   | {b.code for b in data.year_start_budget if b.of(kind) != 0})
    name = {r.code: r.name for r in rows} | dict(data.code_names)
    threshold = settings.roughly_equal_points
    items = []
    for code in codes:
        actual = by_code[code].get(f"{kind}.合计") if code in by_code else ZERO
        entry = budgets.get(code)
        done = completion(actual, entry.of(kind) if entry else ZERO)
        near = (threshold is not None and done.rate is not None and abs(done.rate - 100) <= threshold
                and not (entry and entry.reason))
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


def _fund(data: JuesuanInput, total: Row, kind: str, items: list[ItemFacts]) -> FundFacts:
    income = total.get(f"收入.{kind}财政拨款")
    opening = sum((u.balances.fiscal_opening.of(kind) for u in data.units), ZERO)  # type: ignore[arg-type]
    closing = sum((u.balances.fiscal_closing.of(kind) for u in data.units), ZERO)  # type: ignore[arg-type]
    basic, project = total.get(f"{kind}.基本支出"), total.get(f"{kind}.项目支出")
    return FundFacts(
        has_data=any(v != 0 for v in (income, opening, closing, basic, project)),
        opening=wan(opening), income=wan(income), expense=wan(basic + project),
        basic=wan(basic), project=wan(project), closing=wan(closing), items=items,
    )


def _sum_prior(*values: Decimal | None) -> Decimal | None:
    """A prior-year sum exists only when every part has one (a missing part is not a zero)."""
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), ZERO)


def _first(*values: Decimal | None) -> Decimal | None:
    return next((v for v in values if v is not None), None)


def _sangong(data: JuesuanInput) -> SangongFacts:
    s = data.sangong
    rec = s.reception
    veh = s.vehicles
    rec_actual = rec.domestic.actual + rec.foreign.actual
    veh_budget = veh.purchase.budget + veh.running.budget
    veh_actual = veh.purchase.actual + veh.running.actual
    abroad_prior = s.abroad.prior
    veh_prior = _first(veh.prior, _sum_prior(veh.purchase.prior, veh.running.prior))
    rec_prior = _first(rec.prior, _sum_prior(rec.domestic.prior, rec.foreign.prior))
    budget = s.abroad.budget + veh_budget + rec.budget
    actual = s.abroad.actual + veh_actual + rec_actual
    prior = _first(s.prior, _sum_prior(abroad_prior, veh_prior, rec_prior))

    def kind(label: str, k_budget: Decimal, k_actual: Decimal, k_prior: Decimal | None) -> SangongKind:
        return SangongKind(label, wan(k_budget), wan(k_actual), completion(k_actual, k_budget), pct(k_actual, actual),
                           change(k_actual, k_prior))

    return SangongFacts(
        budget=wan(budget),
        actual=wan(actual),
        completion=completion(actual, budget),
        change=change(actual, prior),
        abroad=kind("因公出国（境）费用", s.abroad.budget, s.abroad.actual, abroad_prior),
        vehicles=kind("公务用车购置及运行维护费", veh_budget, veh_actual, veh_prior),
        vehicle_purchase=kind("公务用车购置费", veh.purchase.budget, veh.purchase.actual, veh.purchase.prior),
        vehicle_running=kind("公务用车运行维护费", veh.running.budget, veh.running.actual, veh.running.prior),
        reception=kind("公务接待费", rec.budget, rec_actual, rec_prior),
        reception_domestic=wan(rec.domestic.actual),
        reception_foreign=wan(rec.foreign.actual),
        reception_batches=rec.domestic.batches + rec.foreign.batches,
        reception_persons=rec.domestic.persons + rec.foreign.persons,
    )


def _operating(data: JuesuanInput) -> OperatingFacts | None:
    cost = data.operating_cost
    if cost is None:
        return None
    if cost.budget is None:
        return OperatingFacts(None, wan(cost.actual), None, None, change(cost.actual, cost.prior))
    vs_budget: Change | None = change(cost.actual, cost.budget) if cost.budget else None
    return OperatingFacts(wan(cost.budget), wan(cost.actual), completion(cost.actual, cost.budget), vs_budget,
                          change(cost.actual, cost.prior))


def _procurement(data: JuesuanInput, system_total: Decimal | None) -> ProcurementFacts:
    p = data.procurement
    return procurement_facts(
        (p.goods.amount, p.goods.sme, p.goods.small_micro), (p.works.amount, p.works.sme, p.works.small_micro),
        (p.services.amount, p.services.sme, p.services.small_micro),
        {"sme_reserved": p.sme_reserved, "small_micro_reserved": p.small_micro_reserved,
         "sme_awarded_reserved": p.sme_awarded_reserved, "small_micro_awarded_reserved": p.small_micro_awarded_reserved,
         "sme_awarded_other": p.sme_awarded_other}, system_total)


def _points(values: Iterable[Decimal | None]) -> Points | None:
    given = [v for v in values if v is not None]
    return Points(sum(given, ZERO)) if given else None


def _evaluations(projects: list[EvaluatedProject], settings: ComputeSettings) -> EvaluationGroup:
    facts = [EvaluatedFacts(
        name=e.name, score=Points(e.score) if e.score is not None else None,
        grade=e.grade or (grade(e.score, settings.grades) if e.score is not None else ""),
        general_budget=wan(e.general_budget), gov_fund=wan(e.gov_fund), state_capital=wan(e.state_capital),
        amount=wan(e.general_budget + e.gov_fund + e.state_capital), evaluator=e.evaluator, summary=e.summary)
        for e in projects]
    return EvaluationGroup(
        projects=facts, count=len(facts), names=[e.name for e in facts],
        general_budget=wan(sum((e.general_budget for e in projects), ZERO)),
        gov_fund=wan(sum((e.gov_fund for e in projects), ZERO)),
        state_capital=wan(sum((e.state_capital for e in projects), ZERO)),
        amount=wan(sum((f.amount for f in facts), ZERO)))


def _self_evaluation(data: JuesuanInput, settings: ComputeSettings, fallback_count: int) -> SelfEvaluationTotals:
    """As the performance system reported them (自评汇总) where typed, otherwise what the listed results
    add up to. Where both are given validation checks that they agree (J-PRF-05)."""
    perf = data.performance
    typed = perf.self_evaluated
    results = perf.results
    names = [band.name for band in settings.grades]
    grades = dict.fromkeys(names, 0)
    listed = [r.grade or (grade(r.score, settings.grades) if r.score is not None else "") for r in results]
    # What the performance system reports (typed) comes first; otherwise what the listed results add up to.
    if typed is not None and typed.grades:
        grades |= typed.grades
    elif results and all(listed):
        for g in listed:
            grades[g] = grades.get(g, 0) + 1
    scores = [r.score for r in results]
    amounts = [r.amount for r in results]
    average: Decimal | None = typed.average if typed else None
    if average is None and results and all(s is not None for s in scores):
        with localcontext() as ctx:
            ctx.prec = 28
            average = sum((s for s in scores if s is not None), ZERO) / len(scores)
    amount: Decimal | None = typed.amount if typed else None
    if amount is None and results and all(a is not None for a in amounts):
        amount = sum((a for a in amounts if a is not None), ZERO)
    if typed is not None and typed.count is not None:
        count = typed.count
    else:
        count = len(results) if results else fallback_count
    names = [r.name for r in results] or [e.name for e in perf.self_evaluations]
    return SelfEvaluationTotals(count, names, wan(amount) if amount is not None else None,
                                Points(average) if average is not None else None, grades)


def _performance(data: JuesuanInput, total: Row, settings: ComputeSettings) -> PerformanceFacts:
    perf = data.performance
    gpb_project = total.get("一般公共预算.项目支出")
    evals = []
    for ev in perf.self_evaluations:
        indicator_score = sum((i.score for i in ev.indicators), ZERO)
        fund_score = _points(f.score for f in ev.funds)
        score = Points(indicator_score + (fund_score or ZERO))
        level1: dict[str, Decimal] = {}
        level2: dict[tuple[str, str], Decimal] = {}
        weighted = any(i.weight is not None for i in ev.indicators)
        for ind in ev.indicators:
            w = ind.weight or ZERO
            level1[ind.level1] = level1.get(ind.level1, ZERO) + w
            level2[(ind.level1, ind.level2)] = level2.get((ind.level1, ind.level2), ZERO) + w
        funds = [FundRowFacts(f.source, wan(f.year_start) if f.year_start is not None else None, wan(f.full_year),
                              wan(f.executed), wan(f.executed_other), pct(f.executed, f.full_year),
                              Points(f.weight) if f.weight is not None else None,
                              Points(f.score) if f.score is not None else None) for f in ev.funds]
        fund_weight = _points(f.weight for f in ev.funds)
        total_weight = _points([*(i.weight for i in ev.indicators), *(f.weight for f in ev.funds)])
        evals.append(SelfEvalFacts(
            name=ev.name, authority=ev.authority, unit=ev.unit, contact=ev.contact,
            total_score=score,
            total_weight=total_weight,
            grade=grade(score, settings.grades),
            funds=funds,
            fund_weight=fund_weight,
            fund_score=fund_score,
            completion=funds[0].rate if funds else None,
            goal=ev.goal, achieved=ev.achieved,
            indicators=[IndicatorFacts(
                i.level1, i.level2, i.level3, i.target, i.actual, Points(i.weight) if i.weight is not None else None,
                Points(i.score), i.deviation,
                Points(level1[i.level1]) if weighted else None,
                Points(level2[(i.level1, i.level2)]) if weighted else None) for i in ev.indicators],
            summary=ev.summary, note=ev.note,
        ))
    results = [(r.unit, r.name, r.grade or (grade(r.score, settings.grades) if r.score is not None else ""))
               for r in perf.results]
    # the typed number of 二级项目 when given, else the count the performance system reported (自评汇总);
    # only then the projects listed or tabled (a department may table two of the twelve it evaluated)
    summary_count = perf.self_evaluated.count if perf.self_evaluated is not None else None
    if perf.level2_projects is not None:
        count = perf.level2_projects
    elif summary_count is not None:
        count = summary_count
    else:
        count = len(perf.results) or len(evals)
    return PerformanceFacts(
        covered_funds=wan(perf.covered_funds),
        coverage=pct(perf.covered_funds, gpb_project),
        self_evaluated=count,
        self_evaluation=_self_evaluation(data, settings, count),
        self_evaluations=evals,
        department_evaluation=_evaluations(perf.evaluated, settings),
        finance_evaluation=_evaluations(perf.finance_evaluated, settings),
        results=results,
        targets=ManagedFacts(perf.targets.count, wan(perf.targets.amount)) if perf.targets else None,
        tracked=ManagedFacts(perf.tracked.count, wan(perf.tracked.amount)) if perf.tracked else None,
        problems=(perf.problems.found, perf.problems.rectified, perf.problems.rectifying) if perf.problems else None,
    )
