"""Consistency rules of a 预算. The catalogue rules are shared with 决算; the rest are budget's own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from ..model.yusuan import YusuanInput
from .report import Finding
from .rules import Check, Context, rule

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def yrule(rule_id: str, title: str) -> Callable[[Check], Check]:
    return rule(rule_id, title, ("预算",))


def _data(ctx: Context) -> YusuanInput:
    return ctx.data  # type: ignore[no-any-return]


@yrule("Y-ECO-02", "一般公共预算基本支出 = 经济分类（人员经费 + 公用经费）")
def economic_matches_basic(ctx: Context) -> Iterator[Finding]:
    for u, unit in enumerate(_data(ctx).units):
        basic = sum((ln.basic for ln in unit.lines if ln.source == "一般公共预算"), ZERO)
        economic = sum((e.amount for e in unit.economic), ZERO)
        if unit.economic and basic != economic:
            yield ctx.finding("Y-ECO-02", "error", ctx.at("预算单位", u, "基本支出经济分类"),
                              f"{unit.name}：经济分类合计与一般公共预算基本支出不一致", ctx.money(basic),
                              ctx.money(economic),
                              "经济分类各款之和应等于该单位各科目一般公共预算人员经费与公用经费之和")
        personnel = sum((ln.personnel for ln in unit.lines if ln.source == "一般公共预算"), ZERO)
        eco_personnel = sum((e.amount for e in unit.economic if e.code[:3] in ("301", "303")), ZERO)
        if unit.economic and basic == economic and personnel != eco_personnel:
            yield ctx.finding("Y-ECO-02", "error", ctx.at("预算单位", u, "基本支出经济分类"),
                              f"{unit.name}：经济分类中的人员经费（301、303）与各科目人员经费之和不一致",
                              ctx.money(personnel), ctx.money(eco_personnel))


@yrule("Y-PRJ-01", "项目属于某个预算单位，各单位项目资金合计等于该单位的项目支出")
def projects_match(ctx: Context) -> Iterator[Finding]:
    data = _data(ctx)
    names = {u.name: i for i, u in enumerate(data.units)}
    for p, project in enumerate(data.projects):
        if project.unit not in names:
            yield ctx.finding("Y-PRJ-01", "error", ctx.at("项目", p, "单位"),
                              f"项目“{project.name}”的单位不在预算单位中",
                              "、".join(names), project.unit, "单位名称须与“预算单位”中的名称完全一致")
    if not data.projects:
        return
    for u, unit in enumerate(data.units):
        listed = sum((p.funds.total for p in data.projects if p.unit == unit.name), ZERO)
        booked = sum((ln.project for ln in unit.lines), ZERO)
        # More project money than booked is a mistake; less means the list covers only the major
        # projects (Shanghai publishes only those), which is allowed but worth a look.
        if listed > booked:
            yield ctx.finding("Y-PRJ-02", "error", ctx.at("预算单位", u, "名称"),
                              f"{unit.name}：项目清单的资金合计超过了各科目项目支出之和",
                              f"不超过 {ctx.money(booked)}", ctx.money(listed),
                              "“项目”中该单位各项目的资金之和不能超过“收支”中该单位的项目支出之和")
        elif listed < booked and any(p.unit == unit.name for p in data.projects):
            yield ctx.finding("Y-PRJ-02", "warning", ctx.at("预算单位", u, "名称"),
                              f"{unit.name}：项目清单只覆盖了部分项目支出（差额 {ctx.money(booked - listed)}）",
                              ctx.money(booked), ctx.money(listed),
                              "若需公开全部项目，请在“项目”中补齐；只公开重点项目时可忽略此提示")


@yrule("Y-PRJ-03", "项目绩效指标权重合计 100")
def indicator_weights(ctx: Context) -> Iterator[Finding]:
    for p, project in enumerate(_data(ctx).projects):
        weights = [i.weight for i in project.indicators if i.weight is not None]
        if weights and sum(weights, ZERO) != HUNDRED:
            yield ctx.finding("Y-PRJ-03", "error", ctx.at("项目", p, "绩效指标"),
                              f"项目“{project.name}”的指标权重合计不等于 100", "100", str(sum(weights, ZERO)))


@yrule("Y-PRC-01", "政府采购：预留中小企业 ≤ 采购预算，预留小微企业 ≤ 预留中小企业")
def procurement_reservations(ctx: Context) -> Iterator[Finding]:
    p = _data(ctx).procurement
    total = p.goods + p.works + p.services
    if p.sme_reserved > total:
        yield ctx.finding("Y-PRC-01", "error", ctx.at("政府采购", "面向中小企业预留"),
                          "预留中小企业的金额超过了政府采购预算",
                          f"不超过 {ctx.money(total)}", ctx.money(p.sme_reserved))
    if p.small_micro_reserved > p.sme_reserved:
        yield ctx.finding("Y-PRC-02", "error", ctx.at("政府采购", "预留小微企业"),
                          "预留小微企业的金额超过了预留中小企业的金额",
                          f"不超过 {ctx.money(p.sme_reserved)}", ctx.money(p.small_micro_reserved))


@yrule("Y-OPC-01", "机关运行经费只由行政单位和参公单位安排")
def operating_cost_units(ctx: Context) -> Iterator[Finding]:
    data = _data(ctx)
    if data.operating_cost is not None and not any(u.kind in ("行政", "参公") for u in data.units):
        yield ctx.finding("Y-OPC-01", "warning", ctx.at("机关运行经费"),
                          "本部门没有行政或参公单位，却填写了机关运行经费",
                          "不填写", "已填写")


@yrule("Y-PRI-01", "与上年比较的句子应有对比基数")
def prior_bases(ctx: Context) -> Iterator[Finding]:
    data = _data(ctx)
    if data.prior.general_budget is None and data.prior.fiscal is None:
        yield ctx.finding("Y-PRI-01", "warning", ctx.at("上年"), "未填写与上年比较的基数，说明中将不写与上年的比较",
                          "上年.一般公共预算拨款 或 上年.财政拨款支出（金额与口径：预算 / 执行数）", "未填写")
