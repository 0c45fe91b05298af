"""Consistency rules of a 决算 (primer §5). Each rule has a stable id and can fail.

Rules see the input (to locate a finding at the value a person typed) and the Facts (to compare
with what the document will print). Amounts in messages are in the file's own unit, so the
person can find the number they typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..compute.rollup import line_columns, summed
from ..compute.values import grade
from ..load import Locator, to_file_unit
from ..load.catalogue import Catalogue
from ..model.juesuan import BUDGET_KINDS
from ..money import format_number
from .report import Finding, Severity

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass
class Context:
    data: Any  # JuesuanInput or YusuanInput: the shared rules read only what both have
    facts: Any  # Facts or YusuanFacts
    function: Catalogue
    economic: Catalogue
    locator: Locator
    lines_key: str = "收入支出"  # where a unit's 项 lines are: 收入支出 (决算) or 收支 (预算)

    def at(self, *keys: Any) -> str:
        return self.locator.where(tuple(keys))

    def money(self, amount: Decimal) -> str:
        """An amount as the person typed it: in the file's unit, 2 decimals."""
        return f"{format_number(to_file_unit(amount, self.data.unit), 2, thousands=True)} {self.data.unit}"

    def finding(self, rule: str, severity: Severity, loc: str, message: str, expected: str = "",
                actual: str = "", hint: str = "") -> Finding:
        return Finding(rule, severity, loc, message, expected, actual, hint)


Rule = Callable[[Context], Iterator[Finding]]
RULES: dict[str, tuple[str, Rule]] = {}


def rule(rule_id: str, title: str) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        RULES[rule_id] = (title, fn)
        return fn
    return register


# ------------------------------------------------------------------ catalogue (primer rule 8)


@rule("J-CAT-01", "支出功能分类科目应为本年度目录中的项级科目")
def catalogue_codes(ctx: Context) -> Iterator[Finding]:
    for u, unit in enumerate(ctx.data.units):
        seen: dict[tuple[str, str], int] = {}
        for i, line in enumerate(unit.lines):
            loc = ctx.at("预算单位", u, ctx.lines_key, i, "科目")
            if len(line.code) != 7:
                yield ctx.finding("J-CAT-01", "error", loc, "收入支出只能按项级（7 位）科目填写",
                                  "7 位项级编码，如 2010301", line.code,
                                  "类、款的金额由系统按项汇总，不必填写")
                continue
            key = (line.code, getattr(line, "source", ""))  # a budget line is one 项 from one source
            if key in seen:
                yield ctx.finding("J-DUP-01", "error", loc, f"科目 {line.code} 在同一单位中重复出现",
                                  "每个项级科目（每种资金来源）只填一行", f"与第 {seen[key] + 1} 项重复",
                                  "请合并为一行")
            seen[key] = i
            yield from _known_code(ctx, line.code, line.name, loc)


def _known_code(ctx: Context, code: str, given: str | None, loc: str) -> Iterator[Finding]:
    year = ctx.data.year
    for level_code, level in ((code[:3], "类"), (code[:5], "款")):
        if ctx.function.get(level_code) is None:
            yield ctx.finding("J-CAT-04", "error", loc,
                              f"科目 {code} 所属的{level} {level_code} 不在 {year} 年度目录中",
                              f"{year} 年度目录中的{level}", level_code, "请检查编码是否录错")
            return
    entry = ctx.function.get(code)
    if entry is None:
        if given:
            yield ctx.finding("J-CAT-02", "warning", loc,
                              f"科目 {code} 不在本项目的 {year} 年度目录中，将使用文件中的名称",
                              "目录中的项级科目", f"{code} {given}",
                              "如确属新增科目，可补充到 templates/catalogue 中")
        else:
            yield ctx.finding("J-CAT-02", "error", loc, f"科目 {code} 不在 {year} 年度目录中，且未填写名称",
                              "目录中的项级科目", code, "请检查编码，或在“名称”中写明科目名称")


@rule("J-CAT-03", "文件中填写的科目名称应与目录一致")
def catalogue_names(ctx: Context) -> Iterator[Finding]:
    named: list[tuple[str, str, str]] = [
        (code, name, ctx.at("科目名称", code)) for code, name in ctx.data.code_names.items()]
    for u, unit in enumerate(ctx.data.units):
        named += [(ln.code, ln.name, ctx.at("预算单位", u, ctx.lines_key, i, "名称"))
                  for i, ln in enumerate(unit.lines) if ln.name]
    for code, given, loc in named:
        entry = ctx.function.get(code)
        if entry is None and len(code) in (3, 5):
            yield ctx.finding("J-CAT-04", "error", loc, f"科目 {code} 不在 {ctx.data.year} 年度目录中",
                              "目录中的类或款", code)
        elif entry is not None and entry.name != given:
            yield ctx.finding("J-CAT-03", "warning", loc, f"科目 {code} 的名称与 {ctx.data.year} 年度目录不一致",
                              entry.name, given, "除非有正式依据，请删除文件中的名称以使用目录名称")


@rule("J-ECO-01", "基本支出经济分类科目应为目录中的款级科目，且不重复")
def economic_codes(ctx: Context) -> Iterator[Finding]:
    for u, unit in enumerate(ctx.data.units):
        seen: set[str] = set()
        for i, line in enumerate(unit.economic):
            loc = ctx.at("预算单位", u, "基本支出经济分类", i, "科目")
            entry = ctx.economic.get(line.code)
            if entry is None or entry.level != 2:
                yield ctx.finding("J-ECO-01", "error", loc,
                                  f"经济分类科目 {line.code} 不是 {ctx.data.year} 年度目录中的款级科目",
                                  "5 位款级编码，如 30101", line.code)
            elif line.code in seen:
                yield ctx.finding("J-ECO-01", "error", loc, f"经济分类科目 {line.code} 在同一单位中重复出现",
                                  "每个科目只填一行", line.code)
            seen.add(line.code)


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
    for u, unit in enumerate(ctx.data.units):
        basic = sum((ln.fiscal.general_budget.basic for ln in unit.lines), ZERO)
        economic = sum((e.amount for e in unit.economic), ZERO)
        if basic != economic:
            yield ctx.finding("J-ECO-02", "error", ctx.at("预算单位", u, "基本支出经济分类"),
                              f"{unit.name}：经济分类合计与一般公共预算财政拨款基本支出不一致",
                              ctx.money(basic), ctx.money(economic),
                              "人员经费（301、303）与公用经费（302、307、310、312、399）之和应等于各科目一般公共预算基本支出之和")


@rule("J-CTL-01", "填写的核对数应与按科目汇总的结果一致")
def control_totals(ctx: Context) -> Iterator[Finding]:
    for u, unit in enumerate(ctx.data.units):
        sums = summed(unit.lines)
        c = unit.control
        checks = [("本年收入合计", c.income_total, sums.get("收入.合计", ZERO)),
                  ("本年支出合计", c.expense_total, sums.get("支出.合计", ZERO)),
                  ("基本支出", c.basic, sums.get("支出.基本支出", ZERO)),
                  ("项目支出", c.project, sums.get("支出.项目支出", ZERO))]
        for code, typed in c.by_code.items():
            computed = sum((ln.expense.total for ln in unit.lines if ln.code.startswith(code)), ZERO)
            checks.append((f"科目合计.{code}", typed, computed))
        for key, typed, computed in checks:
            if typed is not None and typed != computed:
                loc = ctx.at("预算单位", u, "核对数", *key.split("."))
                yield ctx.finding("J-CTL-01", "error", loc, f"{unit.name}：核对数“{key}”与按科目汇总的结果不一致",
                                  ctx.money(computed), ctx.money(typed), "请检查哪一行科目金额录入有误")


# ------------------------------------------------------------------ 三公, 采购, 绩效 (rules 5, 6, 7)


@rule("J-SG-01", "“三公”经费决算超过预算时应说明原因")
def sangong_over_budget(ctx: Context) -> Iterator[Finding]:
    s = ctx.data.sangong
    items = [("因公出国", s.abroad.budget, s.abroad.actual, s.abroad.variance_reason),
             ("公务用车", s.vehicles.purchase.budget + s.vehicles.running.budget,
              s.vehicles.purchase.actual + s.vehicles.running.actual, s.vehicles.variance_reason),
             ("公务接待", s.reception.budget, s.reception.domestic.actual + s.reception.foreign.actual,
              s.reception.variance_reason)]
    for key, budget, actual, reason in items:
        if actual > budget and not reason:
            yield ctx.finding("J-SG-01", "warning", ctx.at("三公经费", key),
                              f"{key}决算超过全年预算，但未说明原因",
                              f"不超过 {ctx.money(budget)}，或填写“差异原因”", ctx.money(actual))


@rule("J-PRI-01", "有上年数据时，每个与上年比较的数字都应有上年数")
def prior_complete(ctx: Context) -> Iterator[Finding]:
    if ctx.data.no_prior_year:
        return
    s = ctx.data.sangong
    needed = [(("三公经费", "因公出国", "上年决算"), s.abroad.prior),
              (("三公经费", "公务用车", "购置", "上年决算"), s.vehicles.purchase.prior),
              (("三公经费", "公务用车", "运行维护", "上年决算"), s.vehicles.running.prior),
              (("三公经费", "公务接待", "国内", "上年决算"), s.reception.domestic.prior),
              (("三公经费", "公务接待", "外事", "上年决算"), s.reception.foreign.prior)]
    if ctx.data.operating_cost is not None:
        needed.append((("机关运行经费", "上年决算"), ctx.data.operating_cost.prior))
    for keys, value in needed:
        if value is None:
            yield ctx.finding("J-PRI-01", "error", ctx.at(*keys[:-1]), f"缺少“{'.'.join(keys)}”",
                              "上年决算数（没有就填 0）", "未填写",
                              "说明中要与上年比较；若本部门确无上年数据，请在文件顶层设置“无上年数据: true”")


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


@rule("J-PRF-01", "绩效自评：权重合计 100，得分不超过权重，结论与得分相符")
def performance_scores(ctx: Context) -> Iterator[Finding]:
    perf = ctx.data.performance
    for p, ev in enumerate(perf.self_evaluations):
        weights = [i.weight for i in ev.indicators if i.weight is not None]
        # Tables that score 预算执行 separately (seed 002) weigh their indicators to less than 100.
        if weights and sum(weights, ZERO) != HUNDRED and not any(f.score for f in ev.funds):
            total = format_number(sum(weights, ZERO), 2, strip_zeros=True)
            yield ctx.finding("J-PRF-01", "error", ctx.at("绩效", "自评表", p, "指标"),
                              f"“{ev.name}”各指标权重合计不等于 100", "100", total)
        for i, ind in enumerate(ev.indicators):
            if ind.weight is not None and ind.score > ind.weight:
                yield ctx.finding("J-PRF-02", "error", ctx.at("绩效", "自评表", p, "指标", i, "得分"),
                                  f"“{ev.name}”的指标“{ind.level3}”得分超过了权重",
                                  f"不超过 {ind.weight}", str(ind.score))
    for r, res in enumerate(perf.results):
        if res.grade and res.score is not None and grade(res.score) != res.grade:
            yield ctx.finding("J-PRF-03", "error", ctx.at("绩效", "自评结果", r, "自评结论"),
                              f"“{res.name}”的自评结论与得分不符", grade(res.score), res.grade,
                              "90（含）以上为优，80（含）–90 为良，60（含）–80 为中，60 以下为差")
    for e, ev2 in enumerate(perf.evaluated):
        if ev2.grade and grade(ev2.score) != ev2.grade:
            yield ctx.finding("J-PRF-03", "error", ctx.at("绩效", "部门评价", e, "等次"),
                              f"“{ev2.name}”的评价等次与得分不符", grade(ev2.score), ev2.grade)
    gpb_project = ctx.facts.general_budget.project
    if perf.covered_funds > gpb_project:
        yield ctx.finding("J-PRF-04", "error", ctx.at("绩效", "自评覆盖资金"),
                          "绩效自评覆盖资金超过了一般公共预算项目支出总额",
                          f"不超过 {ctx.money(gpb_project)}", ctx.money(perf.covered_funds))


# ------------------------------------------------------------------ narrative inputs (rule 9)


@rule("J-RSN-01", "决算与年初预算有差异的项应说明原因")
def variance_reasons(ctx: Context) -> Iterator[Finding]:
    budgets = {b.code: i for i, b in enumerate(ctx.data.year_start_budget)}
    for item in ctx.facts.general_budget.items:
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
    if ctx.facts.has_prior and ctx.facts.overview.income_change.direction != "持平" \
            and not ctx.data.reasons.total_change:
        yield ctx.finding("J-RSN-03", "warning", ctx.at("说明"), "收支总计与上年相比有变化，但未说明原因",
                          "填写“说明.收支总体变动原因”", "未填写")


def check(ctx: Context, rules: dict[str, tuple[str, Rule]] = RULES) -> list[Finding]:
    findings: list[Finding] = []
    for _title, fn in rules.values():
        findings.extend(fn(ctx))
    return findings
