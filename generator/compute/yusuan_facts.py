"""The Facts of a 预算: every figure the published budget document states, computed, exact."""

from __future__ import annotations

from dataclasses import dataclass

from .facts import EconomicRow, L
from .rollup import Row
from .values import Change, Points, Share, Wan


@dataclass(frozen=True)
class BudgetUnitTotals:
    name: str = L("单位名称")
    code: str = L("单位编码")
    kind: str = L("单位性质")
    values: dict[str, Wan] = L("金额")  # column key (支出.人员经费, 一般公共预算.合计 …) → amount
    sangong: dict[str, Wan] = L("三公经费")  # 合计, 因公出国, 公务用车, 公务用车购置, 公务用车运行维护, 公务接待


@dataclass(frozen=True)
class BudgetItem:
    code: str = L("科目编码")
    class_name: str = L("类")
    kuan_name: str = L("款")
    item_name: str = L("项")
    amount: Wan = L("安排")
    purpose: str = L("用途")


@dataclass(frozen=True)
class SangongKindBudget:
    label: str = L("名称")
    amount: Wan = L("预算")
    change: Change = L("与上年预算相比")


@dataclass(frozen=True)
class BudgetSangong:
    total: Wan = L("“三公”经费预算")
    change: Change = L("与上年预算相比")
    abroad: SangongKindBudget = L("因公出国（境）费")
    vehicles: SangongKindBudget = L("公务用车购置及运行维护费")
    vehicle_purchase: SangongKindBudget = L("公务用车购置费")
    vehicle_running: SangongKindBudget = L("公务用车运行维护费")
    reception: SangongKindBudget = L("公务接待费")


@dataclass(frozen=True)
class BudgetEconomicRow:
    code: str = L("科目编码")
    name: str = L("科目名称")
    level: int = L("级次")
    personnel: Wan = L("人员经费")
    public: Wan = L("公用经费")
    total: Wan = L("合计")


@dataclass(frozen=True)
class BudgetIndicatorRow:
    level1: str = L("一级指标")
    level2: str = L("二级指标")
    level3: str = L("三级指标")
    operator: str = L("计算符号")
    value: str = L("指标值")
    unit: str = L("计量单位")
    weight: Points | None = L("权重")


@dataclass(frozen=True)
class BudgetProject:
    kind: str = L("类型")
    name: str = L("项目名称")
    unit: str = L("项目单位")
    unit_code: str = L("单位编码")
    total: Wan = L("合计")
    funds: dict[str, Wan] = L("资金")
    goal: str = L("总体目标")
    indicators: list[BudgetIndicatorRow] = L("绩效指标")
    weight_total: Points | None = L("权重合计")


@dataclass(frozen=True)
class YusuanFacts:
    year: int = L("年度")
    prior_year: int = L("上年度")
    department: str = L("部门")
    unit_total: int = L("预算单位总数")
    unit_counts: dict[str, int] = L("预算单位数")
    units: list[BudgetUnitTotals] = L("预算单位")
    income_total: Wan = L("收入总计")
    expense_total: Wan = L("支出总计")
    total_change: Change = L("支出总额与上年相比")
    income_by_source: list[Share] = L("收入构成")
    carry_over_income: Wan = L("上年结转")
    income_current: Wan = L("本年收入合计")
    carry_by_source: list[Share] = L("上年结转构成")
    expense_by_use: list[Share] = L("支出构成（按用途）")
    classes: list[Share] = L("支出构成（按功能分类）")
    carry_to_next_year: Wan = L("结转下年")
    fiscal: Wan = L("财政拨款支出")
    fiscal_current: Wan = L("本年财政拨款支出")
    fiscal_change: Change = L("财政拨款与上年相比")
    fiscal_classes: list[Share] = L("财政拨款按类")
    general_budget: Wan = L("一般公共预算当年拨款")
    general_budget_change: Change = L("一般公共预算拨款与上年相比")
    general_budget_basis: str = L("一般公共预算对比口径")
    total_basis: str = L("支出总额对比口径")
    fiscal_basis: str = L("财政拨款对比口径")
    general_budget_classes: list[Share] = L("一般公共预算按类")
    general_budget_items: list[BudgetItem] = L("一般公共预算按项")
    basic: Wan = L("一般公共预算基本支出")
    personnel: Wan = L("人员经费")
    public: Wan = L("公用经费")
    project: Wan = L("一般公共预算项目支出")
    personnel_items: list[str] = L("人员经费主要包括")
    public_items: list[str] = L("公用经费主要包括")
    economic_rows: list[BudgetEconomicRow] = L("经济分类")
    gov_fund: Wan = L("政府性基金预算支出")
    sangong: BudgetSangong = L("“三公”经费")
    operating_cost: Wan | None = L("机关运行经费")
    operating_cost_change: Change | None = L("机关运行经费与上年相比")
    procurement_total: Wan = L("政府采购预算")
    procurement: dict[str, Wan] = L("政府采购")
    vehicles_total: int = L("车辆合计")
    projects: list[BudgetProject] = L("项目")
    project_count: int = L("项目数")
    project_total: Wan = L("项目资金")
    project_general_budget: Wan = L("项目一般公共预算拨款")
    function_rows: list[Row] = L("功能分类")


__all__ = ["BudgetEconomicRow", "EconomicRow", "YusuanFacts"]
