"""The Facts of a 决算: every figure the published document states, computed, exact.

Each field carries its Chinese label (metadata "zh") so `gongkai facts` and the change
report can name a figure the way the document does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .rollup import Row
from .values import Change, Completion, Pct, Points, Share, Wan


def L(zh: str, **kw: Any) -> Any:
    """A dataclass field labelled in Chinese."""
    return field(metadata={"zh": zh}, **kw)


@dataclass(frozen=True)
class UnitTotals:
    name: str = L("单位名称")
    kind: str = L("单位性质")
    income: dict[str, Wan] = L("收入")  # column key (rollup.INCOME_COLS + 合计/财政拨款收入) → amount
    expense: dict[str, Wan] = L("支出")
    personnel: Wan = L("人员经费")
    public: Wan = L("公用经费")


@dataclass(frozen=True)
class Overview:
    income_total: Wan = L("收入总计")
    expense_total: Wan = L("支出总计")
    income_change: Change = L("收入总计变动")
    expense_change: Change = L("支出总计变动")


@dataclass(frozen=True)
class IncomeFacts:
    total: Wan = L("本年收入合计")
    parts: list[Share] = L("收入构成")  # 财政拨款收入, 上级补助收入 … with their shares
    fiscal_parts: list[Share] = L("财政拨款收入构成")  # 一般公共预算 / 政府性基金预算 / 国有资本经营预算
    change: Change = L("本年收入合计变动")
    non_fiscal_surplus_used: Wan = L("使用非财政拨款结余")
    opening: Wan = L("年初结转和结余")


@dataclass(frozen=True)
class ExpenseFacts:
    total: Wan = L("本年支出合计")
    parts: list[Share] = L("支出构成")  # 基本支出, 项目支出 … with their shares
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
    income_by_kind: list[Share] = L("财政拨款收入分预算")
    expense_by_kind: list[Share] = L("财政拨款支出分预算")
    opening: Wan = L("年初财政拨款结转和结余")
    closing: Wan = L("年末财政拨款结转和结余")
    opening_by_kind: list[Share] = L("年初财政拨款结转和结余分预算")
    closing_by_kind: list[Share] = L("年末财政拨款结转和结余分预算")
    expense_total_by_kind: list[Share] = L("财政拨款支出总计分预算")
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
    classes: list[Share] = L("按类结构")
    completion: Completion = L("完成年初预算")
    items: list[ItemFacts] = L("按项")
    basic: Wan = L("基本支出")
    project: Wan = L("项目支出")


@dataclass(frozen=True)
class EconomicRow:
    code: str = L("科目编码")
    name: str = L("科目名称")
    level: int = L("级次")
    group: str = L("经费类型")
    amount: Wan = L("金额")


@dataclass(frozen=True)
class BasicFacts:
    total: Wan = L("一般公共预算财政拨款基本支出")
    personnel: Wan = L("人员经费")
    public: Wan = L("公用经费")
    personnel_items: list[str] = L("人员经费主要包括")
    public_items: list[str] = L("公用经费主要包括")
    rows: list[EconomicRow] = L("经济分类明细")


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


@dataclass(frozen=True)
class SangongKind:
    label: str = L("名称")
    budget: Wan = L("全年预算")
    actual: Wan = L("决算")
    completion: Completion = L("完成预算")
    share: Pct | None = L("占三公经费决算")
    change: Change = L("与上年相比")


@dataclass(frozen=True)
class SangongFacts:
    budget: Wan = L("全年预算")
    actual: Wan = L("决算")
    completion: Completion = L("完成预算")
    change: Change = L("与上年相比")
    abroad: SangongKind = L("因公出国（境）费用")
    vehicles: SangongKind = L("公务用车购置及运行维护费")
    vehicle_purchase: SangongKind = L("公务用车购置费")
    vehicle_running: SangongKind = L("公务用车运行维护费")
    reception: SangongKind = L("公务接待费")
    reception_domestic: Wan = L("国内公务接待")
    reception_foreign: Wan = L("外事接待")


@dataclass(frozen=True)
class OperatingFacts:
    completion: Completion = L("完成年初预算")
    change: Change = L("与上年相比")


@dataclass(frozen=True)
class ProcurementFacts:
    total: Wan = L("政府采购支出总额")
    goods: Wan = L("货物")
    works: Wan = L("工程")
    services: Wan = L("服务")
    sme: Wan = L("授予中小企业合同金额")
    sme_share: Pct | None = L("中小企业占总额")
    small_micro: Wan = L("授予小微企业合同金额")
    small_micro_share_of_sme: Pct | None = L("小微企业占中小企业")
    small_micro_share_of_total: Pct | None = L("小微企业占总额")
    goods_sme_share: Pct | None = L("货物中小企业占比")
    works_sme_share: Pct | None = L("工程中小企业占比")
    services_sme_share: Pct | None = L("服务中小企业占比")


@dataclass(frozen=True)
class AssetFacts:
    vehicles_total: int = L("车辆合计")
    vehicles: dict[str, int] = L("车辆")
    equipment: int = L("大型设备")


@dataclass(frozen=True)
class FundRowFacts:
    source: str = L("资金来源")
    full_year: Wan = L("全年预算数")
    executed: Wan = L("全年执行数")
    rate: Pct | None = L("执行率")


@dataclass(frozen=True)
class LevelWeight:
    level1: str = L("一级指标")
    level2: str = L("二级指标")
    weight: Points = L("分值")


@dataclass(frozen=True)
class SelfEvalFacts:
    name: str = L("项目名称")
    total_score: Points = L("总分")
    total_weight: Points | None = L("权重合计")
    grade: str = L("自评结论")
    funds: list[FundRowFacts] = L("资金")
    completion: Pct | None = L("完成预算")  # the first fund row (年度资金总额)
    level1_weights: dict[str, Points] = L("一级指标分值")
    level2_weights: list[LevelWeight] = L("二级指标分值")


@dataclass(frozen=True)
class EvaluatedFacts:
    name: str = L("项目名称")
    score: Points = L("得分")
    grade: str = L("等次")
    general_budget: Wan = L("一般公共预算支出")
    gov_fund: Wan = L("政府性基金预算支出")
    state_capital: Wan = L("国有资本经营预算支出")


@dataclass(frozen=True)
class PerformanceFacts:
    covered_funds: Wan = L("自评覆盖资金")
    coverage: Pct | None = L("占一般公共预算项目支出总额")
    self_evaluated: int = L("自评项目数")
    self_evaluations: list[SelfEvalFacts] = L("项目自评")
    evaluated: list[EvaluatedFacts] = L("部门评价")
    evaluated_general_budget: Wan = L("部门评价涉及一般公共预算支出")
    evaluated_gov_fund: Wan = L("部门评价涉及政府性基金预算支出")
    evaluated_state_capital: Wan = L("部门评价涉及国有资本经营预算支出")
    results: list[tuple[str, str, str]] = L("自评结果")  # (单位, 项目, 结论)


@dataclass(frozen=True)
class Facts:
    year: int = L("年度")
    prior_year: int = L("上年度")
    has_prior: bool = L("有上年数据")
    department: str = L("部门")
    unit_total: int = L("预算单位总数")
    unit_counts: dict[str, int] = L("预算单位数")
    units: list[UnitTotals] = L("预算单位")
    overview: Overview = L("收支总体")
    income: IncomeFacts = L("收入")
    expense: ExpenseFacts = L("支出")
    fiscal: FiscalFacts = L("财政拨款")
    general_budget: GeneralBudgetFacts = L("一般公共预算财政拨款支出")
    basic: BasicFacts = L("基本支出")
    gov_fund: FundFacts = L("政府性基金")
    state_capital: FundFacts = L("国有资本经营")
    sangong: SangongFacts = L("三公经费")
    operating_cost: OperatingFacts | None = L("机关运行经费")
    procurement: ProcurementFacts = L("政府采购")
    assets: AssetFacts = L("国有资产")
    performance: PerformanceFacts = L("预算绩效")
    function_rows: list[Row] = L("功能分类")  # 合计, 类, 款, 项 with every column (the tables' source)
