"""The input model of a 决算 (final accounts) department: what a finance officer types.

Only facts and reasons live here. Every total, share, change and wording choice is computed
(see `generator.compute`). Amounts are `Money` (Decimal, converted to 万元 at load).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, model_validator

from .types import STRICT, Code, Count, F, Money, NonEmptyText, Score, Text

ZERO = Decimal(0)

UnitKind = Literal["行政", "事业", "参公"]
BudgetKind = Literal["一般公共预算", "政府性基金预算", "国有资本经营预算"]
BUDGET_KINDS: tuple[BudgetKind, ...] = ("一般公共预算", "政府性基金预算", "国有资本经营预算")


class Model(BaseModel):
    model_config = STRICT


# ---------------------------------------------------------------- per-项 lines of a unit


class LineIncome(Model):
    """收入 of one 项, by type (公开03 收入决算表（分科目）)."""

    general_budget: Money = F("一般公共预算财政拨款", ZERO)
    gov_fund: Money = F("政府性基金预算财政拨款", ZERO)
    state_capital: Money = F("国有资本经营预算财政拨款", ZERO)
    superior_subsidy: Money = F("上级补助收入", ZERO)
    business: Money = F("事业收入", ZERO)
    operating: Money = F("经营收入", ZERO)
    affiliated: Money = F("附属单位上缴收入", ZERO)
    other: Money = F("其他收入", ZERO)

    @property
    def fiscal(self) -> Decimal:
        return self.general_budget + self.gov_fund + self.state_capital

    @property
    def total(self) -> Decimal:
        return self.fiscal + self.superior_subsidy + self.business + self.operating + self.affiliated + self.other


class LineExpense(Model):
    """支出 of one 项 from all sources, by use (公开05 支出决算表（分科目）)."""

    basic: Money = F("基本支出", ZERO)
    project: Money = F("项目支出", ZERO)
    to_superior: Money = F("上缴上级支出", ZERO)
    operating: Money = F("经营支出", ZERO)
    to_affiliated: Money = F("对附属单位补助支出", ZERO)

    @property
    def total(self) -> Decimal:
        return self.basic + self.project + self.to_superior + self.operating + self.to_affiliated


class BasicProject(Model):
    basic: Money = F("基本支出", ZERO)
    project: Money = F("项目支出", ZERO)

    @property
    def total(self) -> Decimal:
        return self.basic + self.project


class FiscalExpense(Model):
    """财政拨款支出 of one 项, split by the three budgets."""

    general_budget: BasicProject = F("一般公共预算", BasicProject())
    gov_fund: BasicProject = F("政府性基金预算", BasicProject())
    state_capital: BasicProject = F("国有资本经营预算", BasicProject())

    def of(self, kind: BudgetKind) -> BasicProject:
        return {"一般公共预算": self.general_budget, "政府性基金预算": self.gov_fund,
                "国有资本经营预算": self.state_capital}[kind]

    @property
    def total(self) -> Decimal:
        return self.general_budget.total + self.gov_fund.total + self.state_capital.total


class CarryOver(Model):
    opening: Money = F("年初结转和结余", ZERO)
    closing: Money = F("年末结转和结余", ZERO)


class Line(Model):
    """One 项 of the function classification in one unit. Amounts are entered at 项 level only."""

    code: Code = F("科目")
    name: Text | None = F("名称", None)  # only when it differs from the catalogue (then a warning)
    income: LineIncome = F("收入", LineIncome())
    expense: LineExpense = F("支出", LineExpense())
    fiscal: FiscalExpense = F("财政拨款支出", FiscalExpense())
    gov_fund_carry: CarryOver = F("政府性基金结转", CarryOver())


class EconomicLine(Model):
    """一般公共预算财政拨款基本支出 by economic 款 (e.g. 30101 基本工资)."""

    code: Code = F("科目")
    amount: Money = F("金额")
    name: Text | None = F("名称", None)


class FiscalCarry(Model):
    general_budget: Money = F("一般公共预算", ZERO)
    gov_fund: Money = F("政府性基金预算", ZERO)
    state_capital: Money = F("国有资本经营预算", ZERO)

    def of(self, kind: BudgetKind) -> Decimal:
        return {"一般公共预算": self.general_budget, "政府性基金预算": self.gov_fund,
                "国有资本经营预算": self.state_capital}[kind]

    @property
    def total(self) -> Decimal:
        return self.general_budget + self.gov_fund + self.state_capital


class Balances(Model):
    """结转结余 lines of a unit's summary tables (公开01 / 公开06 rows 28–31, 59–61)."""

    opening: Money = F("年初结转和结余", ZERO)
    non_fiscal_surplus_used: Money = F("使用非财政拨款结余", ZERO)
    surplus_distribution: Money = F("结余分配", ZERO)
    closing: Money = F("年末结转和结余", ZERO)
    fiscal_opening: FiscalCarry = F("年初财政拨款结转和结余", FiscalCarry())
    fiscal_closing: FiscalCarry = F("年末财政拨款结转和结余", FiscalCarry())


class ControlTotals(Model):
    """Totals copied from the accounting system, only to be checked against the computed ones."""

    income_total: Money | None = F("本年收入合计", None)
    expense_total: Money | None = F("本年支出合计", None)
    basic: Money | None = F("基本支出", None)
    project: Money | None = F("项目支出", None)
    by_code: dict[str, Money] = F("科目合计", {})  # 类 or 款 code → 本年支出合计


class Unit(Model):
    name: NonEmptyText = F("名称")
    kind: UnitKind = F("性质")
    lines: list[Line] = F("收入支出", [])
    economic: list[EconomicLine] = F("基本支出经济分类", [])
    balances: Balances = F("结转结余", Balances())
    control: ControlTotals = F("核对数", ControlTotals())


# ---------------------------------------------------------------- department-level facts


class Department(Model):
    name: NonEmptyText = F("名称")
    duties_intro: Text = F("职责概述", "")
    duties: list[NonEmptyText] = F("职责", [])
    organisation: Text = F("机构设置", "")  # free text (科室, 编制 …); unit counts are computed


class YearStartBudget(Model):
    """年初预算 of one 项 (财政拨款), with the purpose and the reason for a variance."""

    code: Code = F("科目")
    general_budget: Money = F("一般公共预算", ZERO)
    gov_fund: Money = F("政府性基金预算", ZERO)
    state_capital: Money = F("国有资本经营预算", ZERO)
    purpose: Text = F("用途", "")  # 主要用于……
    reason: Text = F("差异原因", "")  # 决算数大于/小于预算数的主要原因是……

    @property
    def total(self) -> Decimal:
        return self.general_budget + self.gov_fund + self.state_capital


class PriorYear(Model):
    """The previous year's published figures that this year's sentences compare against."""

    income_total: Money = F("收入总计")
    expense_total: Money = F("支出总计")
    fiscal_income_total: Money = F("财政拨款收入总计")
    fiscal_expense_total: Money = F("财政拨款支出总计")
    general_budget_expense: Money = F("一般公共预算财政拨款支出")
    income_current: Money | None = F("本年收入合计", None)  # national profile: 收入合计 vs last year
    expense_current: Money | None = F("本年支出合计", None)


class Reasons(Model):
    """Reasons people give for the changes the narrative reports (the numbers are computed)."""

    total_change: Text = F("收支总体变动原因", "")
    fiscal_change: Text = F("财政拨款变动原因", "")
    general_budget_change: Text = F("一般公共预算变动原因", "")
    budget_variance: Text = F("年初预算差异原因", "")
    class_purposes: dict[str, Text] = F("类用途", {})  # 类 code → 主要是用于……
    income_change: Text = F("收入变动原因", "")
    expense_change: Text = F("支出变动原因", "")
    performance_use: Text = F("绩效评价结果应用", "")  # 绩效评价结果应用情况 (national profile)
    special_funds: Text = F("专项支出说明", "")  # 十四、专项支出、转移支付支出情况说明
    other: Text = F("其他需要说明的情况", "")


class SangongItem(Model):
    budget: Money = F("预算", ZERO)
    actual: Money = F("决算", ZERO)
    prior: Money | None = F("上年决算", None)
    variance_reason: Text = F("差异原因", "")  # 决算 vs 预算
    change_reason: Text = F("变动原因", "")  # vs 上年


class AbroadItem(SangongItem):
    groups: Count = F("团组", 0)
    persons: Count = F("人次", 0)


class VehiclePurchase(SangongItem):
    vehicles: Count = F("购置数量", 0)


class Reception(Model):
    actual: Money = F("决算", ZERO)
    prior: Money | None = F("上年决算", None)
    batches: Count = F("批次", 0)
    persons: Count = F("人次", 0)


class ReceptionItem(Model):
    budget: Money = F("预算", ZERO)
    domestic: Reception = F("国内", Reception())
    foreign: Reception = F("外事", Reception())
    variance_reason: Text = F("差异原因", "")
    change_reason: Text = F("变动原因", "")


class VehicleItem(Model):
    purchase: VehiclePurchase = F("购置", VehiclePurchase())
    running: SangongItem = F("运行维护", SangongItem())
    fleet: Count = F("保有量", 0)
    variance_reason: Text = F("差异原因", "")
    change_reason: Text = F("变动原因", "")


class Sangong(Model):
    abroad: AbroadItem = F("因公出国", AbroadItem())
    vehicles: VehicleItem = F("公务用车", VehicleItem())
    reception: ReceptionItem = F("公务接待", ReceptionItem())
    variance_reason: Text = F("差异原因", "")


class OperatingCost(Model):
    """机关运行经费 (行政 and 参公 units only)."""

    budget: Money = F("年初预算", ZERO)
    actual: Money = F("决算", ZERO)
    prior: Money | None = F("上年决算", None)
    variance_reason: Text = F("差异原因", "")
    change_reason: Text = F("变动原因", "")


class ProcurementKind(Model):
    amount: Money = F("金额", ZERO)
    sme: Money = F("中小企业", ZERO)
    small_micro: Money = F("小微企业", ZERO)


class Procurement(Model):
    goods: ProcurementKind = F("货物", ProcurementKind())
    works: ProcurementKind = F("工程", ProcurementKind())
    services: ProcurementKind = F("服务", ProcurementKind())


class Assets(Model):
    as_of: Text = F("截止日期", "")  # default: 31 December of the year
    vehicles: dict[str, Count] = F("车辆", {})  # kind → count, in the order the profile prints them
    equipment_over_threshold: Count = F("大型设备", 0)
    threshold_wan: Score = F("设备单价门槛", Decimal(100))  # 万元


class FundRow(Model):
    source: NonEmptyText = F("资金来源")
    year_start: Money | None = F("年初预算数", None)
    full_year: Money = F("全年预算数")
    executed: Money = F("全年执行数")
    executed_other: Money = F("其他执行数", ZERO)
    score: Score | None = F("得分", None)


class Indicator(Model):
    level1: NonEmptyText = F("一级指标")
    level2: NonEmptyText = F("二级指标")
    level3: NonEmptyText = F("三级指标")
    target: Text = F("指标值", "")
    actual: Text = F("实际完成值", "")
    weight: Score | None = F("权重", None)
    score: Score = F("得分")
    deviation: Text = F("偏差原因", "")


class SelfEvaluation(Model):
    """A 项目支出绩效自评表 (one project's self-evaluation)."""

    name: NonEmptyText = F("项目名称")
    authority: Text = F("主管部门", "")
    unit: Text = F("预算单位", "")
    funds: list[FundRow] = F("资金", [])
    goal: Text = F("预期目标", "")
    achieved: Text = F("实际完成情况", "")
    indicators: list[Indicator] = F("指标", [])
    summary: Text = F("综述", "")  # 绩效目标完成情况, 问题, 改进措施


class ProjectResult(Model):
    """A line of 公开12 部门项目支出绩效自评结果情况表."""

    unit: NonEmptyText = F("预算单位")
    name: NonEmptyText = F("项目名称")
    grade: Literal["优", "良", "中", "差"] | None = F("自评结论", None)
    score: Score | None = F("自评得分", None)


class EvaluatedProject(Model):
    """A project evaluated by the department (部门评价) or the finance bureau (财政评价)."""

    name: NonEmptyText = F("项目名称")
    general_budget: Money = F("一般公共预算支出", ZERO)
    gov_fund: Money = F("政府性基金预算支出", ZERO)
    state_capital: Money = F("国有资本经营预算支出", ZERO)
    evaluator: Text = F("评价机构", "")
    score: Score = F("得分")
    grade: Literal["优", "良", "中", "差"] | None = F("等次", None)
    summary: Text = F("评价情况", "")


class Performance(Model):
    level1_projects: Count | None = F("一级项目数", None)
    level2_projects: Count | None = F("二级项目数", None)
    covered_funds: Money = F("自评覆盖资金", ZERO)
    gov_fund_projects: Text = F("政府性基金项目说明", "")
    state_capital_projects: Text = F("国有资本经营项目说明", "")
    results: list[ProjectResult] = F("自评结果", [])
    self_evaluations: list[SelfEvaluation] = F("自评表", [])
    evaluated: list[EvaluatedProject] = F("部门评价", [])
    overall: Text = F("整体支出绩效", "")


class AttachmentTable(Model):
    header: list[Text] = F("表头", min_length=1)
    rows: list[list[Text]] = F("行", [])
    note: Text = F("注", "")


class Attachment(Model):
    """Free text published as an attachment (an evaluation report, say): a title and its body.

    A paragraph starting with '#' is a heading ('#' the first level under the title, '##' the next);
    an item with 表头/行 is a table."""

    title: NonEmptyText = F("标题")
    paragraphs: list[Text | AttachmentTable] = F("正文", [])


class JuesuanInput(Model):
    """One department's 决算 for one year: the whole input file."""

    doc_kind: Literal["决算"] = F("文档")
    year: int = F("年度", ge=2000, le=2100)
    unit: Literal["元", "万元"] = F("金额单位")
    profile: Text = F("版式", "juesuan-zhejiang")
    illustrative_note: Text = F("示例说明", "")
    department: Department = F("部门")
    units: list[Unit] = F("预算单位", min_length=1)
    code_names: dict[str, Text] = F("科目名称", {})  # 类/款/项 code → name, only to override the catalogue
    year_start_budget: list[YearStartBudget] = F("年初预算", [])
    prior: PriorYear | None = F("上年", None)
    no_prior_year: bool = F("无上年数据", False)
    no_prior_reason: Text = F("无上年数据原因", "")
    reasons: Reasons = F("说明", Reasons())
    sangong: Sangong = F("三公经费", Sangong())
    operating_cost: OperatingCost | None = F("机关运行经费", None)
    procurement: Procurement = F("政府采购", Procurement())
    assets: Assets = F("国有资产", Assets())
    performance: Performance = F("绩效", Performance())
    attachments: list[Attachment] = F("附件", [])

    @model_validator(mode="after")
    def _prior_or_flag(self) -> JuesuanInput:
        # Rule 9 of the primer, enforced at the root: a comparison needs its base or an explicit flag.
        if self.prior is None and not self.no_prior_year:
            raise ValueError("缺少“上年”对比数据：请填写“上年”，或设置“无上年数据: true”并说明原因")
        if self.prior is not None and self.no_prior_year:
            raise ValueError("同时填写了“上年”和“无上年数据: true”，两者只能选其一")
        return self
