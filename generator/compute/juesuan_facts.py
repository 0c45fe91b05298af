"""The Facts of a 决算: every figure the published document states, computed, exact.

Each field carries its Chinese label (metadata "zh") so `gongkai facts` and the change report can
name a figure the way the document does. The parts every document kind shares are in `core`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .core import CoreFacts, L
from .values import Change, Completion, Parts, Pct, Points, Wan


@dataclass(frozen=True)
class Overview:
    income_total: Wan = L("收入总计")
    expense_total: Wan = L("支出总计")
    income_change: Change = L("收入总计变动")
    expense_change: Change = L("支出总计变动")


@dataclass(frozen=True)
class IncomeFacts:
    total: Wan = L("本年收入合计")
    parts: Parts = L("收入构成")  # 财政拨款收入, 上级补助收入 … with shares and changes against last year
    fiscal_parts: Parts = L("财政拨款收入构成")  # 一般公共预算 / 政府性基金预算 / 国有资本经营预算
    change: Change = L("本年收入合计变动")
    non_fiscal_surplus_used: Wan = L("使用非财政拨款结余")
    opening: Wan = L("年初结转和结余")


@dataclass(frozen=True)
class ExpenseFacts:
    total: Wan = L("本年支出合计")
    parts: Parts = L("支出构成")  # 基本支出, 项目支出 … with shares and changes against last year
    change: Change = L("本年支出合计变动")
    surplus_distribution: Wan = L("结余分配")
    closing: Wan = L("年末结转和结余")


@dataclass(frozen=True)
class FiscalFacts:
    income: Wan = L("财政拨款本年收入")
    expense: Wan = L("财政拨款本年支出")
    income_total: Wan = L("财政拨款收入总计")
    expense_total: Wan = L("财政拨款支出总计")
    income_change: Change = L("财政拨款收入总计变动")
    expense_change: Change = L("财政拨款支出总计变动")
    income_by_kind: Parts = L("财政拨款收入分预算")
    expense_by_kind: Parts = L("财政拨款支出分预算")
    opening: Wan = L("年初财政拨款结转和结余")
    closing: Wan = L("年末财政拨款结转和结余")
    opening_by_kind: Parts = L("年初财政拨款结转和结余分预算")
    closing_by_kind: Parts = L("年末财政拨款结转和结余分预算")
    expense_total_by_kind: Parts = L("财政拨款支出总计分预算")
    completion: Completion = L("财政拨款支出完成年初预算")


@dataclass(frozen=True)
class ItemFacts:
    """One 项 of 一般公共预算财政拨款支出 compared with its 年初预算."""

    code: str = L("科目编码")
    class_name: str = L("类")
    kuan_name: str = L("款")
    item_name: str = L("项")
    completion: Completion = L("完成年初预算")
    roughly_equal: bool = L("基本持平")
    purpose: str = L("用途")
    reason: str = L("差异原因")


@dataclass(frozen=True)
class GeneralBudgetFacts:
    expense: Wan = L("一般公共预算财政拨款支出")
    share_of_expense: Pct | None = L("占本年支出合计")
    change: Change = L("一般公共预算财政拨款支出变动")
    classes: Parts = L("按类结构")
    completion: Completion = L("完成年初预算")
    items: list[ItemFacts] = L("按项")
    basic: Wan = L("基本支出")
    project: Wan = L("项目支出")
    uses: Parts = L("按用途")  # 基本支出 / 项目支出, each with its change against last year


@dataclass(frozen=True)
class FundFacts:
    """政府性基金 or 国有资本经营 预算财政拨款."""

    has_data: bool = L("有数据")
    opening: Wan = L("年初结转和结余")
    income: Wan = L("本年收入")
    expense: Wan = L("本年支出")
    basic: Wan = L("基本支出")
    project: Wan = L("项目支出")
    closing: Wan = L("年末结转和结余")
    items: list[ItemFacts] = L("按项")  # each 项 against its 年初预算


@dataclass(frozen=True)
class FundRowFacts:
    source: str = L("资金来源")
    year_start: Wan | None = L("年初预算数")
    full_year: Wan = L("全年预算数")
    executed: Wan = L("全年执行数")
    executed_other: Wan = L("其他执行数")
    rate: Pct | None = L("执行率")
    weight: Points | None = L("分值")
    score: Points | None = L("得分")


@dataclass(frozen=True)
class IndicatorFacts:
    level1: str = L("一级指标")
    level2: str = L("二级指标")
    level3: str = L("三级指标")
    target: str = L("指标值")
    actual: str = L("实际完成值")
    weight: Points | None = L("分值")
    score: Points = L("得分")
    deviation: str = L("偏差原因分析及改进措施")
    level1_weight: Points | None = L("一级指标分值")  # the weights of its 一级/二级 group, summed
    level2_weight: Points | None = L("二级指标分值")


@dataclass(frozen=True)
class SelfEvalFacts:
    """One project's self-evaluation: everything its table prints."""

    name: str = L("项目名称")
    authority: str = L("主管部门")
    unit: str = L("预算单位")
    contact: str = L("负责人及电话")
    total_score: Points = L("总分")
    total_weight: Points | None = L("分值合计")
    grade: str = L("自评结论")
    funds: list[FundRowFacts] = L("资金")
    fund_weight: Points | None = L("预算执行分值")
    fund_score: Points | None = L("预算执行得分")
    completion: Pct | None = L("完成预算")  # the first fund row (年度资金总额)
    goal: str = L("预期目标")
    achieved: str = L("实际完成情况")
    indicators: list[IndicatorFacts] = L("指标")
    summary: str = L("综述")
    note: str = L("说明")


@dataclass(frozen=True)
class EvaluatedFacts:
    name: str = L("项目名称")
    score: Points | None = L("得分")
    grade: str = L("等次")
    general_budget: Wan = L("一般公共预算支出")
    gov_fund: Wan = L("政府性基金预算支出")
    state_capital: Wan = L("国有资本经营预算支出")
    amount: Wan = L("金额")
    evaluator: str = L("评价机构")
    summary: str = L("评价情况")


@dataclass(frozen=True)
class EvaluationGroup:
    """部门评价 or 财政评价: the projects and what they add up to."""

    projects: list[EvaluatedFacts] = L("项目")
    count: int = L("项目数")
    names: list[str] = L("项目名称")
    general_budget: Wan = L("一般公共预算支出")
    gov_fund: Wan = L("政府性基金预算支出")
    state_capital: Wan = L("国有资本经营预算支出")
    amount: Wan = L("金额")


@dataclass(frozen=True)
class SelfEvaluationTotals:
    """项目绩效自评 as a whole: from the listed results, or as the performance system reported it."""

    count: int = L("项目数")
    names: list[str] = L("项目名称")
    amount: Wan | None = L("金额")
    average: Points | None = L("平均得分")
    grades: dict[str, int] = L("各等次项目数")  # every grade of the profile, zero ones included


@dataclass(frozen=True)
class ManagedFacts:
    count: int = L("项目数")
    amount: Wan = L("金额")


@dataclass(frozen=True)
class PerformanceFacts:
    covered_funds: Wan = L("自评覆盖资金")
    coverage: Pct | None = L("占一般公共预算项目支出总额")
    self_evaluated: int = L("自评项目数")
    self_evaluation: SelfEvaluationTotals = L("项目自评汇总")
    self_evaluations: list[SelfEvalFacts] = L("项目自评表")
    department_evaluation: EvaluationGroup = L("部门评价")
    finance_evaluation: EvaluationGroup = L("财政评价")
    results: list[tuple[str, str, str]] = L("自评结果")  # (单位, 项目, 结论)
    targets: ManagedFacts | None = L("编报绩效目标")
    tracked: ManagedFacts | None = L("绩效跟踪")
    problems: tuple[int, int, int] | None = L("发现问题")  # (发现, 已整改, 正在整改)

    @property
    def evaluated(self) -> list[EvaluatedFacts]:
        return self.department_evaluation.projects


@dataclass(frozen=True)
class JuesuanFacts(CoreFacts):
    has_prior: bool = L("有上年数据")
    new_unit: bool = L("新设机构")
    overview: Overview = L("收支总体")
    income: IncomeFacts = L("收入")
    expense: ExpenseFacts = L("支出")
    fiscal: FiscalFacts = L("财政拨款")
    general_budget: GeneralBudgetFacts = L("一般公共预算财政拨款支出")
    gov_fund: FundFacts = L("政府性基金")
    state_capital: FundFacts = L("国有资本经营")
    performance: PerformanceFacts = L("预算绩效")


# The name the rest of the program used before 预算 and 决算 shared a core.
Facts = JuesuanFacts
