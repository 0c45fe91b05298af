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
    gov_fund_carry: CarryOver = F("政府性基金结转", CarryOver(), description=(
        "该项政府性基金预算财政拨款的年初、年末结转和结余"))
    state_capital_carry: CarryOver = F("国有资本经营结转", CarryOver(), description=(
        "该项国有资本经营预算财政拨款的年初、年末结转和结余"))


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


class ControlRow(Model):
    """One row of a table as the financial system printed it (本年收入合计, 基本支出 …), each optional.

    In a 元 file a control total must equal the sum of the lines. In a 万元 file the lines are rounded
    cell by cell, so a printed total may differ from their sum by rounding: within half a unit of the
    last digit per line summed, the document prints the control total (the exact system figure)."""

    income_total: Money | None = F("本年收入合计", None)
    fiscal_income: Money | None = F("财政拨款收入", None)
    general_budget_income: Money | None = F("一般公共预算财政拨款收入", None)
    superior_subsidy: Money | None = F("上级补助收入", None)
    business: Money | None = F("事业收入", None)
    operating_income: Money | None = F("经营收入", None)
    affiliated: Money | None = F("附属单位上缴收入", None)
    other_income: Money | None = F("其他收入", None)
    expense_total: Money | None = F("本年支出合计", None)
    basic: Money | None = F("基本支出", None)
    project: Money | None = F("项目支出", None)
    to_superior: Money | None = F("上缴上级支出", None)
    operating_expense: Money | None = F("经营支出", None)
    to_affiliated: Money | None = F("对附属单位补助支出", None)
    fiscal_expense: Money | None = F("财政拨款支出", None)
    general_budget: Money | None = F("一般公共预算财政拨款支出", None)
    general_budget_basic: Money | None = F("一般公共预算财政拨款基本支出", None)
    general_budget_project: Money | None = F("一般公共预算财政拨款项目支出", None)


# Input field → the rollup column it controls (generator.compute.rollup.line_columns).
CONTROL_COLUMNS: dict[str, str] = {
    "income_total": "收入.合计", "fiscal_income": "收入.财政拨款收入",
    "general_budget_income": "收入.一般公共预算财政拨款", "superior_subsidy": "收入.上级补助收入",
    "business": "收入.事业收入", "operating_income": "收入.经营收入", "affiliated": "收入.附属单位上缴收入",
    "other_income": "收入.其他收入", "expense_total": "支出.合计", "basic": "支出.基本支出",
    "project": "支出.项目支出", "to_superior": "支出.上缴上级支出", "operating_expense": "支出.经营支出",
    "to_affiliated": "支出.对附属单位补助支出", "fiscal_expense": "财政拨款.合计",
    "general_budget": "一般公共预算.合计", "general_budget_basic": "一般公共预算.基本支出",
    "general_budget_project": "一般公共预算.项目支出",
}


class ControlTotals(ControlRow):
    """Totals copied from the accounting system: the 合计 row, and rows of 类/款 by code."""

    by_code: dict[str, ControlRow | Money] = F("科目合计", {}, description=(
        "类或款编码 → 该行的系统数（写一个数字即为本年支出合计）"))


class DepartmentControls(ControlTotals):
    """The department's printed totals (万元 tables rounded from 元 by the financial system)."""

    income_grand_total: Money | None = F("收入总计", None)
    expense_grand_total: Money | None = F("支出总计", None)
    fiscal_income_grand_total: Money | None = F("财政拨款收入总计", None)
    fiscal_expense_grand_total: Money | None = F("财政拨款支出总计", None)
    economic: dict[str, Money] = F("经济分类", {}, description=(
        "基本支出表中经济分类类级（如 301）的系统数，以及“人员经费”“公用经费”合计"))
    year_start_budget: Money | None = F("年初预算", None, description="一般公共预算财政拨款支出年初预算数的系统数")
    procurement_total: Money | None = F("政府采购总额", None, description="政府采购金额合计的系统数")


class Unit(Model):
    name: NonEmptyText = F("名称")
    kind: UnitKind = F("性质")
    lines: list[Line] = F("收入支出", [])
    economic: list[EconomicLine] = F("基本支出经济分类", [])
    balances: Balances = F("结转结余", Balances())
    control: ControlTotals = F("核对数", ControlTotals())


# ---------------------------------------------------------------- department-level facts


class MemberUnit(Model):
    """A unit of the department as the 单位构成 table lists it (it may have no budget of its own)."""

    name: NonEmptyText = F("名称", description="单位名称，如“某某局（本级）”")
    note: Text = F("备注", "", description="如“预算不单列，并入本级”")


class Department(Model):
    name: NonEmptyText = F("名称", description="部门全称，用于封面、标题和说明")
    duties_intro: Text = F("职责概述", "", description="职责前的一段概述（可选）")
    duties: list[NonEmptyText] = F("职责", [], description="主要职责，每项一条")
    organisation: Text = F("机构设置", "", description="机构设置的文字（科室、编制等）；单位数由程序统计")
    members: list[MemberUnit] = F("单位构成", [], description=(
        "纳入部门决算编制范围的单位（序号、单位名称、备注）；不填时按“预算单位”列出。只公开部门汇总数据时，"
        "“预算单位”可只填一个汇总单位，单位构成在此列出"))


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

    def of(self, kind: str) -> Decimal:
        return {"一般公共预算": self.general_budget, "政府性基金预算": self.gov_fund,
                "国有资本经营预算": self.state_capital}[kind]


class PriorIncome(Model):
    """Last year's 本年收入 by type (each optional: a missing figure is not a zero)."""

    fiscal: Money | None = F("财政拨款收入", None)
    general_budget: Money | None = F("一般公共预算财政拨款收入", None)
    gov_fund: Money | None = F("政府性基金预算财政拨款收入", None)
    state_capital: Money | None = F("国有资本经营预算财政拨款收入", None)
    superior_subsidy: Money | None = F("上级补助收入", None)
    business: Money | None = F("事业收入", None)
    operating: Money | None = F("经营收入", None)
    affiliated: Money | None = F("附属单位上缴收入", None)
    other: Money | None = F("其他收入", None)


class PriorExpense(Model):
    """Last year's 本年支出 by use (each optional)."""

    basic: Money | None = F("基本支出", None)
    project: Money | None = F("项目支出", None)
    to_superior: Money | None = F("上缴上级支出", None)
    operating: Money | None = F("经营支出", None)
    to_affiliated: Money | None = F("对附属单位补助支出", None)


class PriorYear(Model):
    """The previous year's published figures that this year's sentences compare against.

    Every figure is optional on its own: a sentence that needs a missing one takes its form without the
    comparison, or is left out. Never enter 0 for an unknown figure."""

    income_total: Money | None = F("收入总计", None, description="上年收入总计（= 支出总计）")
    expense_total: Money | None = F("支出总计", None, description="上年支出总计")
    fiscal_income_total: Money | None = F("财政拨款收入总计", None)
    fiscal_expense_total: Money | None = F("财政拨款支出总计", None)
    general_budget_expense: Money | None = F("一般公共预算财政拨款支出", None)
    general_budget_basic: Money | None = F("一般公共预算财政拨款基本支出", None)
    general_budget_project: Money | None = F("一般公共预算财政拨款项目支出", None)
    income_current: Money | None = F("本年收入合计", None, description="上年本年收入合计")
    expense_current: Money | None = F("本年支出合计", None, description="上年本年支出合计")
    income: PriorIncome = F("收入", PriorIncome(), description="上年各类收入（各自可选）")
    expense: PriorExpense = F("支出", PriorExpense(), description="上年基本支出、项目支出等（各自可选）")


class Reasons(Model):
    """Reasons people give for the changes the narrative reports (the numbers are computed)."""

    total_change: Text = F("收支总体变动原因", "")
    fiscal_change: Text = F("财政拨款变动原因", "")
    general_budget_change: Text = F("一般公共预算变动原因", "")
    budget_variance: Text = F("年初预算差异原因", "")
    class_purposes: dict[str, Text] = F("类用途", {})  # 类 code → 主要是用于……
    income_change: Text = F("收入变动原因", "")
    expense_change: Text = F("支出变动原因", "")
    components: dict[str, Text] = F("分项变动原因", {}, description=(
        "与上年相比的变动原因，按分项填写：财政拨款收入、上级补助收入、事业收入、经营收入、附属单位上缴收入、"
        "其他收入、基本支出、项目支出、上缴上级支出、经营支出、对附属单位补助支出、一般公共预算财政拨款基本支出、"
        "一般公共预算财政拨款项目支出"))
    performance_use: Text = F("绩效评价结果应用", "")  # 绩效评价结果应用情况
    special_funds: Text = F("专项支出说明", "")  # 十四、专项支出、转移支付支出情况说明
    other: Text = F("其他需要说明的情况", "")


class SangongItem(Model):
    budget: Money = F("预算", ZERO)
    actual: Money = F("决算", ZERO)
    prior: Money | None = F("上年决算", None, description="上年决算数；不知道就不填（不要填 0）")
    variance_reason: Text = F("差异原因", "")  # 决算 vs 预算
    change_reason: Text = F("变动原因", "")  # vs 上年
    content: Text = F("开支内容", "", description="主要用于……（开支内容）")


class AbroadItem(SangongItem):
    groups: Count = F("团组", 0)
    persons: Count = F("人次", 0)


class VehiclePurchase(SangongItem):
    vehicles: Count = F("购置数量", 0)


class Reception(Model):
    actual: Money = F("决算", ZERO)
    prior: Money | None = F("上年决算", None, description="上年决算数；不知道就不填（不要填 0）")
    batches: Count = F("批次", 0)
    persons: Count = F("人次", 0)


class ReceptionItem(Model):
    budget: Money = F("预算", ZERO)
    domestic: Reception = F("国内", Reception())
    foreign: Reception = F("外事", Reception())
    prior: Money | None = F("上年决算", None, description="上年公务接待费合计（只知道合计时填写）")
    variance_reason: Text = F("差异原因", "")
    change_reason: Text = F("变动原因", "")
    content: Text = F("开支内容", "", description="主要用于……（开支内容）")


class VehicleItem(Model):
    purchase: VehiclePurchase = F("购置", VehiclePurchase())
    running: SangongItem = F("运行维护", SangongItem())
    fleet: Count = F("保有量", 0)
    prior: Money | None = F("上年决算", None, description="上年公务用车购置及运行维护费合计（只知道合计时填写）")
    variance_reason: Text = F("差异原因", "")
    change_reason: Text = F("变动原因", "")


class Sangong(Model):
    abroad: AbroadItem = F("因公出国", AbroadItem())
    vehicles: VehicleItem = F("公务用车", VehicleItem())
    reception: ReceptionItem = F("公务接待", ReceptionItem())
    prior: Money | None = F("上年决算", None, description="上年“三公”经费合计（只知道合计时填写）")
    variance_reason: Text = F("差异原因", "")
    change_reason: Text = F("变动原因", "", description="“三公”经费总额与上年相比的变动原因")


class OperatingCost(Model):
    """机关运行经费 (行政 and 参公 units only)."""

    budget: Money | None = F("年初预算", None, description="年初预算数；文档未列出时不填（不要填 0）")
    actual: Money = F("决算", ZERO)
    prior: Money | None = F("上年决算", None, description="上年决算数；不知道就不填（不要填 0）")
    variance_reason: Text = F("差异原因", "", description="决算数与年初预算数的差异原因")
    change_reason: Text = F("变动原因", "", description="与上年相比的变动原因")


class ProcurementKind(Model):
    amount: Money = F("金额", ZERO)
    sme: Money = F("中小企业", ZERO, description="授予中小企业合同金额")
    small_micro: Money = F("小微企业", ZERO, description="其中授予小微企业合同金额")


class Procurement(Model):
    goods: ProcurementKind = F("货物", ProcurementKind())
    works: ProcurementKind = F("工程", ProcurementKind())
    services: ProcurementKind = F("服务", ProcurementKind())
    sme_reserved: Money = F("面向中小企业预留", ZERO, description="面向中小企业预留政府采购项目预算金额")
    small_micro_reserved: Money = F("面向小微企业预留", ZERO, description="面向小微企业预留政府采购项目预算金额")
    sme_awarded_reserved: Money = F("预留项目中小企业中标", ZERO, description=(
        "在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的采购金额"))
    small_micro_awarded_reserved: Money = F("预留项目小微企业中标", ZERO, description=(
        "在面向小微企业预留的政府采购项目中，由小微企业供应商中标或成交的采购金额"))
    sme_awarded_other: Money = F("其他项目中小企业中标", ZERO, description=(
        "在其他政府采购项目中，由中小企业供应商中标或成交的采购金额"))


class Assets(Model):
    as_of: Text = F("截止日期", "")  # default: 31 December of the year
    vehicles: dict[str, Count] = F("车辆", {}, description="车辆类型 → 辆数；版式列出的类型未填写时为 0")
    equipment_over_threshold: Count = F("大型设备", 0, description="单价超过门槛的设备（不含车辆）台（套）数")
    threshold_wan: Score = F("设备单价门槛", Decimal(100))  # 万元


class FundRow(Model):
    source: NonEmptyText = F("资金来源")
    year_start: Money | None = F("年初预算数", None)
    full_year: Money = F("全年预算数")
    executed: Money = F("全年执行数")
    executed_other: Money = F("其他执行数", ZERO)
    weight: Score | None = F("分值", None, description="预算执行率指标的分值（如 10）")
    score: Score | None = F("得分", None)


class Indicator(Model):
    level1: NonEmptyText = F("一级指标")
    level2: NonEmptyText = F("二级指标")
    level3: NonEmptyText = F("三级指标")
    target: Text = F("指标值", "", description="年度指标值")
    actual: Text = F("实际完成值", "")
    weight: Score | None = F("权重", None, description="分值（权重）")
    score: Score = F("得分")
    deviation: Text = F("偏差原因", "", description="偏差原因分析及改进措施")


class SelfEvaluation(Model):
    """A 项目支出绩效自评表 (one project's self-evaluation)."""

    name: NonEmptyText = F("项目名称")
    authority: Text = F("主管部门", "")
    unit: Text = F("预算单位", "", description="预算单位（实施单位）")
    contact: Text = F("负责人及电话", "")
    funds: list[FundRow] = F("资金", [])
    goal: Text = F("预期目标", "")
    achieved: Text = F("实际完成情况", "")
    indicators: list[Indicator] = F("指标", [])
    summary: Text = F("综述", "")  # 绩效目标完成情况, 问题, 改进措施
    note: Text = F("说明", "", description="表下说明，如“无法考核经济效益指标的项目……”")


class ProjectResult(Model):
    """A line of 公开12 部门项目支出绩效自评结果情况表."""

    unit: Text = F("预算单位", "")
    name: NonEmptyText = F("项目名称")
    grade: Text | None = F("自评结论", None, description="等次（版式规定的等次名称，如 优、良、中、差）")
    score: Score | None = F("自评得分", None)
    amount: Money | None = F("金额", None, description="项目资金（用于统计自评涉及的预算金额）")


class EvaluatedProject(Model):
    """A project evaluated by the department (部门评价) or the finance bureau (财政评价)."""

    name: NonEmptyText = F("项目名称")
    general_budget: Money = F("一般公共预算支出", ZERO)
    gov_fund: Money = F("政府性基金预算支出", ZERO)
    state_capital: Money = F("国有资本经营预算支出", ZERO)
    evaluator: Text = F("评价机构", "")
    score: Score | None = F("得分", None)
    grade: Text | None = F("等次", None)
    summary: Text = F("评价情况", "")


class ManagedProjects(Model):
    """A count of projects and the budget they involve (编报绩效目标的项目 n 个，涉及预算金额 …)."""

    count: Count = F("项目数")
    amount: Money = F("金额", ZERO)


class SelfEvaluationSummary(Model):
    """The self-evaluation as the performance system reports it, when the projects are not listed one by one."""

    count: Count | None = F("项目数", None)
    amount: Money | None = F("金额", None)
    average: Score | None = F("平均得分", None)
    grades: dict[str, Count] = F("等次", {}, description="等次 → 项目数，如 优: 4")


class Problems(Model):
    found: Count = F("发现", 0)
    rectified: Count = F("已整改", 0)
    rectifying: Count = F("正在整改", 0)


class Performance(Model):
    level1_projects: Count | None = F("一级项目数", None)
    level2_projects: Count | None = F("二级项目数", None)
    covered_funds: Money = F("自评覆盖资金", ZERO)
    gov_fund_projects: Text = F("政府性基金项目说明", "")
    state_capital_projects: Text = F("国有资本经营项目说明", "")
    results: list[ProjectResult] = F("自评结果", [])
    self_evaluations: list[SelfEvaluation] = F("自评表", [])
    evaluated: list[EvaluatedProject] = F("部门评价", [])
    finance_evaluated: list[EvaluatedProject] = F("财政评价", [])
    overall: Text = F("整体支出绩效", "")
    self_summary: Text = F("自评综述", "", description="项目绩效自评综述（完成情况、问题、改进措施）")
    transfer: Text = F("转移支付说明", "", description="中央对地方转移支付项目的说明；不填时写“本部门无……”")
    systems: list[NonEmptyText] = F("管理制度", [], description="本部门建立的预算绩效管理制度名称")
    mechanism: Text = F("工作机制", "", description="建立的预算绩效管理工作机制")
    targets: ManagedProjects | None = F("绩效目标", None, description="编报绩效目标的项目数和预算金额")
    tracked: ManagedProjects | None = F("绩效跟踪", None, description="开展绩效跟踪（监控）的项目数和预算金额")
    self_evaluated: SelfEvaluationSummary | None = F("自评汇总", None, description=(
        "绩效自评的项目数、金额、平均得分和各等次项目数（不逐项列出自评结果时填写）"))
    problems: Problems | None = F("发现问题", None, description="绩效自评中发现的问题数、已整改数、正在整改数")


class GlossaryEntry(Model):
    term: NonEmptyText = F("名词")
    text: NonEmptyText = F("解释")


class GlossaryChanges(Model):
    """The department's own 名词解释: added, reworded and dropped entries."""

    add: list[GlossaryEntry] = F("增加", [], description="增加的名词及解释，印在版式的名词之后")
    replace: dict[str, NonEmptyText] = F("替换", {}, description="名词 → 本部门的解释（替换版式的解释）")
    drop: list[NonEmptyText] = F("删除", [], description="不印的名词")
    details: dict[str, NonEmptyText] = F("补充", {}, description=(
        "名词 → 本部门的补充说明，如 事业收入 → “培训、咨询”（印为“主要是：培训、咨询收入等”，按版式措辞）"))


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
    profile: NonEmptyText = F("版式", description=(
        "版式：内置版式的名称（gongkai profile list 列出），或本部门版式文件夹的路径"))
    illustrative_note: Text = F("示例说明", "")
    department: Department = F("部门")
    units: list[Unit] = F("预算单位", min_length=1)
    code_names: dict[str, Text] = F("科目名称", {}, description=(
        "类/款/项编码 → 名称：目录中没有的科目必须写明名称；与目录不同的名称会得到警告"))
    code_glossary: dict[str, NonEmptyText] = F("科目说明", {}, description=(
        "项级编码 → 名词解释中该科目的说明（不填时用科目目录中的说明）"))
    control: DepartmentControls = F("核对数", DepartmentControls(), description=(
        "从财务系统抄来的部门合计数（万元文件中与按行汇总相差在四舍五入范围内时，文档印系统数）"))
    year_start_budget: list[YearStartBudget] = F("年初预算", [])
    prior: PriorYear | None = F("上年", None, description="上年决算数（各项可选；不知道的不填，不要填 0）")
    no_prior_year: bool = F("无上年数据", False, description="新设机构等没有上年数据时填 true")
    no_prior_reason: Text = F("无上年数据原因", "", description="如“因新设机构”；填写即视为无上年数据")
    reasons: Reasons = F("说明", Reasons())
    sangong: Sangong = F("三公经费", Sangong())
    operating_cost: OperatingCost | None = F("机关运行经费", None)
    procurement: Procurement = F("政府采购", Procurement())
    assets: Assets = F("国有资产", Assets())
    performance: Performance = F("绩效", Performance())
    attachments: list[Attachment] = F("附件", [])
    glossary: GlossaryChanges = F("名词解释", GlossaryChanges(), description="本部门对名词解释的增加、替换和删除")
    omitted: list[NonEmptyText] = F("省略", [], description=(
        "不印的部分或小节（标题文字，不含编号），如“其他需要说明的情况”"))
    extra_paragraphs: dict[str, list[NonEmptyText]] = F("补充段落", {}, description=(
        "标题文字（不含编号）→ 加在该节末尾的段落，如 政府采购支出说明: [本部门政府购买服务……]"))

    @model_validator(mode="after")
    def _prior_or_flag(self) -> JuesuanInput:
        # A department that says it has no prior year cannot also give prior-year figures. A missing
        # figure is otherwise fine: the sentence that needs it leaves the comparison out.
        if self.prior is not None and self.no_prior_year:
            raise ValueError("同时填写了“上年”和“无上年数据: true”，两者只能选其一")
        return self

    @property
    def new_unit(self) -> bool:
        """The input says the department has no prior year (a new unit): only then “无上年对比数据”."""
        return self.no_prior_year or bool(self.no_prior_reason)
