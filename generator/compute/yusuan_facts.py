"""The Facts of a 预算: every figure the published budget document states, computed, exact."""

from __future__ import annotations

from dataclasses import dataclass

from .core import CoreFacts, L
from .values import Change, Parts, Points, Wan


@dataclass(frozen=True)
class BudgetItem:
    code: str = L("科目编码")
    class_name: str = L("类")
    kuan_name: str = L("款")
    item_name: str = L("项")
    amount: Wan = L("安排")
    purpose: str = L("用途")


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
    year_goal: str = L("年度目标")
    indicators: list[BudgetIndicatorRow] = L("绩效指标")
    weight_total: Points | None = L("权重合计")


@dataclass(frozen=True)
class YusuanFacts(CoreFacts):
    income_total: Wan = L("收入总计")
    expense_total: Wan = L("支出总计")
    total_change: Change = L("支出总额与上年相比")
    income_by_source: Parts = L("收入构成")
    carry_over_income: Wan = L("上年结转")
    income_current: Wan = L("本年收入合计")
    carry_by_source: Parts = L("上年结转构成")
    expense_by_use: Parts = L("支出构成（按用途）")
    classes: Parts = L("支出构成（按功能分类）")
    carry_to_next_year: Wan = L("结转下年")
    fiscal: Wan = L("财政拨款支出")
    fiscal_current: Wan = L("本年财政拨款支出")
    fiscal_change: Change = L("财政拨款与上年相比")
    fiscal_classes: Parts = L("财政拨款按类")
    general_budget: Wan = L("一般公共预算当年拨款")
    general_budget_change: Change = L("一般公共预算拨款与上年相比")
    general_budget_basis: str = L("一般公共预算对比口径")
    total_basis: str = L("支出总额对比口径")
    fiscal_basis: str = L("财政拨款对比口径")
    general_budget_classes: Parts = L("一般公共预算按类")
    general_budget_items: list[BudgetItem] = L("一般公共预算按项")
    project: Wan = L("一般公共预算项目支出")
    gov_fund: Wan = L("政府性基金预算支出")
    projects: list[BudgetProject] = L("项目")
    project_count: int = L("项目数")
    project_total: Wan = L("项目资金")
    project_general_budget: Wan = L("项目一般公共预算拨款")
    project_totals: dict[str, Wan] = L("项目资金合计")  # 合计 and each source, for the project list table
