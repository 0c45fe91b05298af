"""Consistency rules of a 决算 (primer §5). Each rule has a stable id and can fail."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..compute import controls
from ..compute.rollup import line_columns, summed
from ..compute.values import grade
from ..model.juesuan import BUDGET_KINDS, Sangong
from ..money import format_number
from .report import Finding
from .rules import Context, rule

ZERO = Decimal(0)
HUNDRED = Decimal(100)
# The component names 分项变动原因 takes (the labels the narrative uses).
COMPONENTS = ("财政拨款收入", "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入",
              "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入", "基本支出", "项目支出",
              "上缴上级支出", "经营支出", "对附属单位补助支出", "一般公共预算财政拨款基本支出",
              "一般公共预算财政拨款项目支出")


# ------------------------------------------------------------------ balances (primer rules 1, 2, 4)


@rule("J-BAL-01", "收入总计应等于支出总计（部门及每个单位）")
def totals_balance(ctx: Context) -> Iterator[Finding]:
    for u, unit in enumerate(ctx.data.units):
        cols = summed(unit.lines)
        b = unit.balances
        income = cols.get("收入.合计", ZERO) + b.non_fiscal_surplus_used + b.opening
        expense = cols.get("支出.合计", ZERO) + b.surplus_distribution + b.closing
        if income != expense:
            yield ctx.finding("J-BAL-01", "error", ctx.at("预算单位", u, "名称"),
                              f"{unit.name}：收入总计与支出总计不相等",
                              f"收入总计 = 支出总计 {ctx.money(expense)}", f"收入总计 {ctx.money(income)}",
                              "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余；"
                              "支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余")


@rule("J-FIS-01", "财政拨款：本年收入 + 年初结转结余 = 本年支出 + 年末结转结余（分三本预算）")
def fiscal_balance(ctx: Context) -> Iterator[Finding]:
    for u, unit in enumerate(ctx.data.units):
        for kind in BUDGET_KINDS:
            income = sum((line_columns(ln)[f"收入.{kind}财政拨款"] for ln in unit.lines), ZERO)
            expense = sum((ln.fiscal.of(kind).total for ln in unit.lines), ZERO)
            opening, closing = unit.balances.fiscal_opening.of(kind), unit.balances.fiscal_closing.of(kind)
            if income + opening != expense + closing:
                yield ctx.finding(
                    "J-FIS-01", "error", ctx.at("预算单位", u, "结转结余"),
                    f"{unit.name}：{kind}财政拨款收支不平衡",
                    f"收入 + 年初结转结余 = {ctx.money(expense + closing)}（支出 + 年末结转结余）",
                    f"{ctx.money(income + opening)}", "请核对各科目的财政拨款收入、财政拨款支出和结转结余")


@rule("J-FIS-02", "各科目的财政拨款支出不得超过该科目的支出")
def fiscal_within_total(ctx: Context) -> Iterator[Finding]:
    for u, unit in enumerate(ctx.data.units):
        for i, ln in enumerate(unit.lines):
            for part, total in (("基本支出", ln.expense.basic), ("项目支出", ln.expense.project)):
                fiscal = sum((getattr(ln.fiscal.of(k), "basic" if part == "基本支出" else "project")
                              for k in BUDGET_KINDS), ZERO)
                if fiscal > total:
                    yield ctx.finding("J-FIS-02", "error", ctx.at("预算单位", u, "收入支出", i, "财政拨款支出"),
                                      f"科目 {ln.code} 的财政拨款{part}超过了该科目的{part}",
                                      f"不超过 {ctx.money(total)}", ctx.money(fiscal))


@rule("J-ECO-02", "一般公共预算财政拨款基本支出 = 经济分类（人员经费 + 公用经费）")
def economic_matches_basic(ctx: Context) -> Iterator[Finding]:
    half = controls.half_unit(ctx.data)
    accepted = controls.accepted(controls.department_checks(ctx.data))
    system = {c.target[-1]: c.typed for c in accepted if c.target[0] in ("row", "economic") and
              (c.target[0] == "economic" or c.target[1] == "")}
    for u, unit in enumerate(ctx.data.units):
        basic = sum((ln.fiscal.general_budget.basic for ln in unit.lines), ZERO)
        economic = sum((e.amount for e in unit.economic), ZERO)
        if len(ctx.data.units) == 1:
            # A department given as one unit: compare the system's own figures where the file gives them.
            basic = system.get("一般公共预算.基本支出", basic)
            if "人员经费" in system and "公用经费" in system:
                economic = system["人员经费"] + system["公用经费"]
        if basic == economic:
            continue
        # In a 万元 file both sides are sums of rounded figures: a difference rounding explains is fine.
        lines = max(1, sum(1 for ln in unit.lines if ln.fiscal.general_budget.basic) + len(unit.economic))
        if half and abs(basic - economic) <= half * lines:
            yield ctx.finding("J-ECO-03", "info", ctx.at("预算单位", u, "基本支出经济分类"),
                              f"{unit.name}：经济分类合计与一般公共预算财政拨款基本支出相差 "
                              f"{ctx.money(abs(basic - economic))}，在万元四舍五入的尾差范围内",
                              ctx.money(basic), ctx.money(economic))
            continue
        yield ctx.finding("J-ECO-02", "error", ctx.at("预算单位", u, "基本支出经济分类"),
                          f"{unit.name}：经济分类合计与一般公共预算财政拨款基本支出不一致",
                          ctx.money(basic), ctx.money(economic),
                          "人员经费（301、303）与公用经费（302、307、310、312、399）之和应等于各科目一般公共预算基本支出之和")


@rule("J-CTL-01", "核对数：元文件应与按行汇总一致；万元文件的差额不得超出四舍五入尾差")
def control_totals(ctx: Context) -> Iterator[Finding]:
    checks = controls.department_checks(ctx.data)
    for u in range(len(ctx.data.units)):
        checks += controls.unit_checks(ctx.data, u)
    for check in checks:
        loc = ctx.at(*check.where)
        typed, computed = ctx.money(check.typed), ctx.money(check.computed)
        if check.verdict == "rounding":
            yield ctx.finding("J-CTL-02", "info", loc,
                              f"{check.label}：系统数 {typed} 与按 {check.lines} 行汇总的 {computed} 相差 "
                              f"{ctx.money(abs(check.typed - check.computed))}，属万元四舍五入尾差，文档采用系统数",
                              computed, typed)
        elif check.verdict == "mismatch" and check.tolerance:
            yield ctx.finding("J-CTL-01", "error", loc,
                              f"{check.label}：核对数与按 {check.lines} 行汇总的结果相差 "
                              f"{ctx.money(abs(check.typed - check.computed))}，超出四舍五入可能造成的尾差"
                              f"（最多 {ctx.money(check.tolerance)}）", computed, typed,
                              "这不是尾差：请检查哪一行金额录入有误，或核对数是否抄错")
        elif check.verdict == "mismatch":
            yield ctx.finding("J-CTL-01", "error", loc, f"{check.label}：核对数与按科目汇总的结果不一致",
                              computed, typed, "元金额是精确的：请检查哪一行科目金额录入有误，或核对数是否抄错")


# ------------------------------------------------------------------ 三公, 采购, 绩效 (rules 5, 6, 7)


@rule("J-SG-01", "“三公”经费决算超过预算时应说明原因")
def sangong_over_budget(ctx: Context) -> Iterator[Finding]:
    s = ctx.data.sangong
    items = [("因公出国", s.abroad.budget, s.abroad.actual, s.abroad.variance_reason),
             ("公务用车", s.vehicles.purchase.budget + s.vehicles.running.budget,
              s.vehicles.purchase.actual + s.vehicles.running.actual, s.vehicles.variance_reason),
             ("公务接待", s.reception.budget, s.reception.domestic.actual + s.reception.foreign.actual,
              s.reception.variance_reason)]
    unprinted = set(ctx.profile.settings.unprinted_inputs)
    if {f"三公经费.{key}.差异原因" for key, *_ in items} <= unprinted:
        # The profile's wording gives one reason for the whole “三公” budget variance: ask for that one.
        budget, actual = sum((i[1] for i in items), ZERO), sum((i[2] for i in items), ZERO)
        if actual > budget and not s.variance_reason:
            yield ctx.finding("J-SG-01", "warning", ctx.at("三公经费", "差异原因"),
                              "“三公”经费决算超过全年预算，但未说明原因",
                              f"不超过 {ctx.money(budget)}，或填写“三公经费.差异原因”", ctx.money(actual))
        return
    for key, budget, actual, reason in items:
        if actual > budget and not reason:
            yield ctx.finding("J-SG-01", "warning", ctx.at("三公经费", key),
                              f"{key}决算超过全年预算，但未说明原因",
                              f"不超过 {ctx.money(budget)}，或填写“差异原因”", ctx.money(actual))


@rule("J-SG-02", "“三公”经费有支出时，团组、人次、购置数量、保有量和接待批次、人次应填写")
def sangong_counts(ctx: Context) -> Iterator[Finding]:
    """The wording states these counts next to the amount: a forgotten one would print “团组0个” beside money
    spent abroad."""
    s = ctx.data.sangong
    abroad, purchase, domestic, foreign = s.abroad, s.vehicles.purchase, s.reception.domestic, s.reception.foreign
    checks = [(abroad.actual, "因公出国（境）费", ("因公出国", "团组"), abroad.groups),
              (abroad.actual, "因公出国（境）费", ("因公出国", "人次"), abroad.persons),
              (purchase.actual, "公务用车购置费", ("公务用车", "购置", "购置数量"), purchase.vehicles),
              (s.vehicles.running.actual, "公务用车运行维护费", ("公务用车", "保有量"), s.vehicles.fleet),
              (domestic.actual, "国内公务接待费", ("公务接待", "国内", "批次"), domestic.batches),
              (domestic.actual, "国内公务接待费", ("公务接待", "国内", "人次"), domestic.persons),
              (foreign.actual, "外事接待费", ("公务接待", "外事", "批次"), foreign.batches),
              (foreign.actual, "外事接待费", ("公务接待", "外事", "人次"), foreign.persons)]
    for actual, label, keys, count in checks:
        if actual > 0 and count == 0:
            yield ctx.finding("J-SG-02", "warning", ctx.at("三公经费", *keys),
                              f"{label}有支出，但“{keys[-1]}”为 0（说明中会照印 0）",
                              f"大于 0（{label} {ctx.money(actual)}）", "0")


@rule("J-PRI-01", "说明中与上年比较的数字缺少上年数时，提示该比较将省略")
def prior_missing(ctx: Context) -> Iterator[Finding]:
    """Only figures the profile's wording compares with last year; never for a new unit."""
    if ctx.data.new_unit:
        return
    wanted = set(ctx.profile.settings.prior_figures)
    if not wanted:
        return
    p = ctx.data.prior
    s = ctx.data.sangong
    op = ctx.data.operating_cost
    f = ctx.facts
    figures = {
        "收入总计": (("上年", "收入总计"), f.overview.income_change.base),
        "本年收入合计": (("上年", "本年收入合计"), f.income.change.base),
        "本年支出合计": (("上年", "本年支出合计"), f.expense.change.base),
        "财政拨款收入总计": (("上年", "财政拨款收入总计"), f.fiscal.income_change.base),
        "一般公共预算财政拨款支出": (("上年", "一般公共预算财政拨款支出"), f.general_budget.change.base),
        "三公经费": (("三公经费", "上年决算"), f.sangong.change.base),
        "因公出国": (("三公经费", "因公出国", "上年决算"), s.abroad.prior),
        "公务用车": (("三公经费", "公务用车", "上年决算"), f.sangong.vehicles.change.base),
        "公务接待": (("三公经费", "公务接待", "上年决算"), f.sangong.reception.change.base),
        "机关运行经费": (("机关运行经费", "上年决算"), op.prior if op else ZERO),
    }
    for label in ("财政拨款收入", "基本支出", "项目支出"):
        part = next((x for x in [*f.income.parts, *f.expense.parts] if x.label == label), None)
        if part is not None and part.amount:
            key = "收入" if label.endswith("收入") else "支出"
            figures[label] = (("上年", key, label), part.change.base if part.change else None)
    # a 三公 total without its own prior is the sum of its parts' priors: name the parts that lack one
    parts_missing = _sangong_priors_missing(s)
    for name, (keys, value) in figures.items():
        if name in wanted and value is None:
            missing = parts_missing.get(name, [])
            unsummed = f"（也无法由各项相加：未填写 {'、'.join(missing)}）" if missing else ""
            yield ctx.finding("J-PRI-01", "warning", ctx.at(*keys[:-1]) if p is not None or keys[0] != "上年"
                              else ctx.at(),
                              f"未填写“{'.'.join(keys)}”{unsummed}：说明中与上年比较的这一句将省略比较",
                              "上年决算数（从上年公开的决算中抄录）", "未填写",
                              ("只知道合计时填在合计的“上年决算”；" if missing else "")
                              + "知道上年数就填写；确实没有上年数据（如新设机构）时在顶层设置“无上年数据: true”")


def _sangong_priors_missing(s: Sangong) -> dict[str, list[str]]:
    """For each 三公 total the wording compares, the parts whose prior is missing, as input paths; a total
    typed on its own needs none."""
    rec, veh = s.reception, s.vehicles
    reception = [] if rec.prior is not None else [
        f"三公经费.公务接待.{label}.上年决算" for label, part in (("国内", rec.domestic), ("外事", rec.foreign))
        if part.prior is None]
    vehicles = [] if veh.prior is not None else [
        f"三公经费.公务用车.{label}.上年决算" for label, part in (("购置", veh.purchase), ("运行维护", veh.running))
        if part.prior is None]
    abroad = ["三公经费.因公出国.上年决算"] if s.abroad.prior is None else []
    total = [] if s.prior is not None else [*abroad, *vehicles, *reception]
    return {"三公经费": total, "公务用车": vehicles, "公务接待": reception}


@rule("J-OPC-01", "机关运行经费只由行政单位和参公单位填报")
def operating_cost_units(ctx: Context) -> Iterator[Finding]:
    has_admin = any(u.kind in ("行政", "参公") for u in ctx.data.units)
    if ctx.data.operating_cost is not None and not has_admin:
        yield ctx.finding("J-OPC-01", "warning", ctx.at("机关运行经费"),
                          "本部门没有行政或参公单位，却填写了机关运行经费",
                          "不填写", "已填写", "非参公管理的事业单位不填写机关运行经费")
    if ctx.data.operating_cost is None and has_admin:
        yield ctx.finding("J-OPC-01", "warning", ctx.at("预算单位"), "本部门有行政或参公单位，但未填写机关运行经费",
                          "填写“机关运行经费”", "未填写")


@rule("J-PRC-01", "政府采购：中小企业 ≤ 该类采购金额，小微企业 ≤ 中小企业")
def procurement_limits(ctx: Context) -> Iterator[Finding]:
    for key, kind in (("货物", ctx.data.procurement.goods), ("工程", ctx.data.procurement.works),
                      ("服务", ctx.data.procurement.services)):
        if kind.sme > kind.amount:
            yield ctx.finding("J-PRC-01", "error", ctx.at("政府采购", key, "中小企业"),
                              f"授予中小企业的{key}合同金额超过了{key}采购金额",
                              f"不超过 {ctx.money(kind.amount)}", ctx.money(kind.sme))
        if kind.small_micro > kind.sme:
            yield ctx.finding("J-PRC-02", "error", ctx.at("政府采购", key, "小微企业"),
                              f"授予小微企业的{key}合同金额超过了授予中小企业的金额",
                              f"不超过 {ctx.money(kind.sme)}", ctx.money(kind.small_micro),
                              "小微企业是中小企业的一部分")
    p = ctx.data.procurement
    if p.small_micro_reserved > p.sme_reserved:
        yield ctx.finding("J-PRC-02", "error", ctx.at("政府采购", "面向小微企业预留"),
                          "面向小微企业预留的金额超过了面向中小企业预留的金额",
                          f"不超过 {ctx.money(p.sme_reserved)}", ctx.money(p.small_micro_reserved))


@rule("J-PRC-03", "政府采购：中小企业中标金额（预留项目 + 其他项目）等于各类授予中小企业金额之和，且不超过采购总额")
def procurement_awards(ctx: Context) -> Iterator[Finding]:
    """The same awards counted twice: by kind (货物/工程/服务 中小企业) and by reservation (预留项目 + 其他项目).
    Where the file gives both they must agree; warnings, as a published document may carry a slip."""
    p = ctx.data.procurement
    kinds = (p.goods, p.works, p.services)
    by_kind = sum((k.sme for k in kinds), ZERO)
    awarded = p.sme_awarded_reserved + p.sme_awarded_other
    total = sum((k.amount for k in kinds), ZERO)
    if by_kind and awarded and by_kind != awarded:
        yield ctx.finding("J-PRC-03", "warning", ctx.at("政府采购", "其他项目中小企业中标"),
                          "预留项目与其他项目中由中小企业中标的金额之和，与货物、工程、服务授予中小企业的金额之和不一致",
                          ctx.money(by_kind), ctx.money(awarded))
    if awarded > total:
        yield ctx.finding("J-PRC-03", "warning", ctx.at("政府采购", "预留项目中小企业中标"),
                          "由中小企业中标的金额（预留项目 + 其他项目）超过了政府采购金额",
                          f"不超过 {ctx.money(total)}", ctx.money(awarded))


def _grade_names(ctx: Context) -> list[str]:
    return [g.name for g in ctx.profile.settings.grades]


@rule("J-PRF-01", "绩效自评：分值合计 100，得分不超过分值，结论与得分相符（按版式的等次）")
def performance_scores(ctx: Context) -> Iterator[Finding]:
    perf = ctx.data.performance
    bands = ctx.profile.compute_settings().grades
    names = _grade_names(ctx)
    for p, ev in enumerate(perf.self_evaluations):
        weights = [i.weight for i in ev.indicators if i.weight is not None]
        weights += [f.weight for f in ev.funds if f.weight is not None]
        # Tables that score 预算执行 separately without a 分值 (seed 002) weigh the indicators to less than 100.
        if weights and sum(weights, ZERO) != HUNDRED and not any(f.score for f in ev.funds if f.weight is None):
            total = format_number(sum(weights, ZERO), 2, strip_zeros=True)
            yield ctx.finding("J-PRF-01", "error", ctx.at("绩效", "自评表", p, "指标"),
                              f"“{ev.name}”各指标分值合计不等于 100", "100", total)
        for i, ind in enumerate(ev.indicators):
            if ind.weight is not None and ind.score > ind.weight:
                yield ctx.finding("J-PRF-02", "error", ctx.at("绩效", "自评表", p, "指标", i, "得分"),
                                  f"“{ev.name}”的指标“{ind.level3}”得分超过了分值",
                                  f"不超过 {ind.weight}", str(ind.score))
        for i, fund in enumerate(ev.funds):
            if fund.weight is not None and fund.score is not None and fund.score > fund.weight:
                yield ctx.finding("J-PRF-02", "error", ctx.at("绩效", "自评表", p, "资金", i, "得分"),
                                  f"“{ev.name}”的预算执行得分超过了分值", f"不超过 {fund.weight}", str(fund.score))
    graded = [("自评结果", r, res.name, res.grade, res.score, "自评结论") for r, res in enumerate(perf.results)]
    graded += [("部门评价", e, ev.name, ev.grade, ev.score, "等次") for e, ev in enumerate(perf.evaluated)]
    graded += [("财政评价", e, ev.name, ev.grade, ev.score, "等次") for e, ev in enumerate(perf.finance_evaluated)]
    for group, i, name, given, score, field in graded:
        if given and given not in names:
            yield ctx.finding("J-PRF-03", "error", ctx.at("绩效", group, i, field),
                              f"“{name}”的等次“{given}”不是本版式的等次", "、".join(names), given)
        elif given and score is not None and grade(score, bands) != given:
            yield ctx.finding("J-PRF-03", "error", ctx.at("绩效", group, i, field),
                              f"“{name}”的{field}与得分不符", grade(score, bands), given,
                              "；".join(f"{b.floor}（含）以上为{b.name}" for b in bands[:-1]))
    summary = perf.self_evaluated
    if summary is not None:
        for g in summary.grades:
            if g not in names:
                yield ctx.finding("J-PRF-03", "error", ctx.at("绩效", "自评汇总", "等次", g),
                                  f"等次“{g}”不是本版式的等次", "、".join(names), g)
        if perf.results and summary.count is not None and summary.count != len(perf.results):
            yield ctx.finding("J-PRF-05", "error", ctx.at("绩效", "自评汇总", "项目数"),
                              "自评汇总的项目数与逐项列出的自评结果数不一致", str(len(perf.results)),
                              str(summary.count))
        scores = [r.score for r in perf.results]
        if perf.results and summary.average is not None and all(s is not None for s in scores):
            mean = sum((s for s in scores if s is not None), ZERO) / len(scores)
            if abs(mean - summary.average) >= Decimal("0.005"):
                yield ctx.finding("J-PRF-05", "error", ctx.at("绩效", "自评汇总", "平均得分"),
                                  "自评汇总的平均得分与逐项列出的自评得分不符",
                                  format_number(mean, 2), str(summary.average))
        listed = [r.grade or (grade(r.score, bands) if r.score is not None else "") for r in perf.results]
        if perf.results and summary.grades and all(listed):
            counted = {g: listed.count(g) for g in names}
            if any(summary.grades.get(g, 0) != n for g, n in counted.items()):
                yield ctx.finding("J-PRF-05", "error", ctx.at("绩效", "自评汇总", "等次"),
                                  "自评汇总的各等次项目数与逐项列出的自评结论不符",
                                  "、".join(f"{g}{n}" for g, n in counted.items()),
                                  "、".join(f"{g}{n}" for g, n in summary.grades.items()))
    gpb_project = ctx.facts.general_budget.project
    if perf.covered_funds > gpb_project:
        yield ctx.finding("J-PRF-04", "error", ctx.at("绩效", "自评覆盖资金"),
                          "绩效自评覆盖资金超过了一般公共预算项目支出总额",
                          f"不超过 {ctx.money(gpb_project)}", ctx.money(perf.covered_funds))


@rule("J-PRF-06", "绩效自评汇总：各等次项目数之和等于项目数；发现的问题数等于已整改与正在整改之和")
def performance_counts(ctx: Context) -> Iterator[Finding]:
    """Both are printed side by side (“项目25个……“优”的项目18个……”, “发现问题5个，已经完成整改的3个，正在整改的
    2个”): numbers that do not add up contradict each other in the document. Warnings: a published document
    transcribed as it is may carry such a slip, and it should still generate."""
    perf = ctx.data.performance
    summary = perf.self_evaluated
    if summary is not None and summary.count is not None and summary.grades:
        graded = sum(summary.grades.values())
        if graded != summary.count:
            yield ctx.finding("J-PRF-06", "warning", ctx.at("绩效", "自评汇总", "等次"),
                              "自评汇总各等次的项目数之和与项目数不一致", str(summary.count), str(graded))
    problems = perf.problems
    if problems is not None and problems.found != problems.rectified + problems.rectifying:
        yield ctx.finding("J-PRF-06", "warning", ctx.at("绩效", "发现问题", "发现"),
                          "发现的问题数不等于已整改与正在整改的问题数之和",
                          str(problems.rectified + problems.rectifying), str(problems.found))


# ------------------------------------------------------------------ narrative inputs (rule 9)


@rule("J-RSN-01", "决算与年初预算有差异的项应说明原因")
def variance_reasons(ctx: Context) -> Iterator[Finding]:
    budgets = {b.code: i for i, b in enumerate(ctx.data.year_start_budget)}
    # the 项 of the three budgets that a profile explains one by one (政府性基金 and 国有资本经营 too)
    items = [*ctx.facts.general_budget.items, *ctx.facts.gov_fund.items, *ctx.facts.state_capital.items]
    for item in items:
        done = item.completion
        if done.comparison == "等于" or item.roughly_equal or item.reason:
            continue
        loc = ctx.at("年初预算", budgets[item.code], "差异原因") if item.code in budgets else ctx.at("年初预算")
        yield ctx.finding("J-RSN-01", "warning", loc,
                          f"科目 {item.code} {item.item_name} 决算数{done.comparison}年初预算数，但未说明原因",
                          f"年初预算 {ctx.money(done.budget)}", f"决算 {ctx.money(done.actual)}",
                          "在“年初预算”中该科目下填写“差异原因”")
    overall = ctx.facts.fiscal.completion
    if overall.comparison != "等于" and not ctx.data.reasons.budget_variance:
        yield ctx.finding("J-RSN-02", "warning", ctx.at("说明"), "财政拨款支出与年初预算有差异，但未说明原因",
                          f"年初预算 {ctx.money(overall.budget)}", f"决算 {ctx.money(overall.actual)}",
                          "填写“说明.年初预算差异原因”")
    change = ctx.facts.overview.income_change
    if change.base is not None and change.direction != "持平" and not ctx.data.reasons.total_change:
        yield ctx.finding("J-RSN-03", "warning", ctx.at("说明"), "收支总计与上年相比有变化，但未说明原因",
                          "填写“说明.收支总体变动原因”", "未填写")


@rule("J-RSN-04", "分项变动原因只能写给说明中比较的分项")
def component_reasons(ctx: Context) -> Iterator[Finding]:
    for key in ctx.data.reasons.components:
        if key not in COMPONENTS:
            yield ctx.finding("J-RSN-04", "error", ctx.at("说明", "分项变动原因", key),
                              f"“{key}”不是说明中与上年比较的分项", "、".join(COMPONENTS), key)


# ------------------------------------------------------------------ the department's own wording


@rule("J-GLO-01", "名词解释的删除、替换和补充只能针对版式中有的名词；增加的名词不能与版式重复", ("决算", "预算"))
def glossary_changes(ctx: Context) -> Iterator[Finding]:
    terms = {g.term: g for g in ctx.profile.glossary}
    changes = ctx.data.glossary
    for i, term in enumerate(changes.drop):
        if term not in terms:
            yield ctx.finding("J-GLO-01", "error", ctx.at("名词解释", "删除", i), f"版式的名词解释中没有“{term}”",
                              "、".join(terms), term)
    for term in [*changes.replace, *changes.details]:
        if term not in terms:
            key = "替换" if term in changes.replace else "补充"
            yield ctx.finding("J-GLO-01", "error", ctx.at("名词解释", key, term), f"版式的名词解释中没有“{term}”",
                              "、".join(terms), term, "新的名词请写在“增加”中")
    for term in changes.details:
        if term in terms and not terms[term].detail:
            yield ctx.finding("J-GLO-02", "error", ctx.at("名词解释", "补充", term),
                              f"版式的“{term}”没有可补充的说明", "用“替换”改写整条解释", "补充")
    for i, entry in enumerate(changes.add):
        if entry.term in terms:
            yield ctx.finding("J-GLO-01", "error", ctx.at("名词解释", "增加", i, "名词"),
                              f"“{entry.term}”已是版式的名词", "用“替换”改写它的解释", "增加")


@rule("J-AST-01", "车辆类型不是版式列出的类型时提示", ("决算", "预算"))
def vehicle_kinds(ctx: Context) -> Iterator[Finding]:
    kinds = ctx.profile.settings.vehicle_kinds
    if not kinds:
        return
    for kind in ctx.data.assets.vehicles:
        if kind not in kinds:
            yield ctx.finding("J-AST-01", "info", ctx.at("国有资产", "车辆", kind),
                              f"车辆类型“{kind}”不是本版式列出的类型，将照录在版式的类型之后", "、".join(kinds), kind,
                              "如是笔误，请改为版式的类型名称")
