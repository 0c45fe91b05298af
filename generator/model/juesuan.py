"""The input model of a 决算 (final accounts) department: what a finance officer types.

Only facts and reasons live here. Every total, share, change and wording choice is computed
(see `generator.compute`). Amounts are `Money` (Decimal, converted to 万元 at load).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, field_validator, model_validator

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

    general_budget: Money = F("一般公共预算财政拨款", ZERO, description=(
        "该科目本年取得的一般公共预算财政拨款收入"))
    gov_fund: Money = F("政府性基金预算财政拨款", ZERO, description=(
        "该科目本年取得的政府性基金预算财政拨款收入"))
    state_capital: Money = F("国有资本经营预算财政拨款", ZERO, description=(
        "该科目本年取得的国有资本经营预算财政拨款收入"))
    superior_subsidy: Money = F("上级补助收入", ZERO, description=(
        "从主管部门和上级单位取得的非财政补助收入"))
    business: Money = F("事业收入", ZERO, description=(
        "事业单位开展专业业务活动及其辅助活动取得的收入"))
    operating: Money = F("经营收入", ZERO, description=(
        "事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入"))
    affiliated: Money = F("附属单位上缴收入", ZERO, description=(
        "附属独立核算单位按有关规定上缴的收入"))
    other: Money = F("其他收入", ZERO, description=(
        "上述各项以外的收入"))

    @property
    def fiscal(self) -> Decimal:
        return self.general_budget + self.gov_fund + self.state_capital

    @property
    def total(self) -> Decimal:
        return self.fiscal + self.superior_subsidy + self.business + self.operating + self.affiliated + self.other


class LineExpense(Model):
    """支出 of one 项 from all sources, by use (公开05 支出决算表（分科目）)."""

    basic: Money = F("基本支出", ZERO, description=(
        "为保障机构正常运转、完成日常工作任务发生的人员经费和公用经费（各种资金来源合计）"))
    project: Money = F("项目支出", ZERO, description=(
        "为完成特定行政任务和事业发展目标发生的支出（各种资金来源合计）"))
    to_superior: Money = F("上缴上级支出", ZERO, description=(
        "按规定上缴上级单位的支出"))
    operating: Money = F("经营支出", ZERO, description=(
        "事业单位开展非独立核算经营活动发生的支出"))
    to_affiliated: Money = F("对附属单位补助支出", ZERO, description=(
        "用财政拨款以外的收入对附属单位补助发生的支出"))

    @property
    def total(self) -> Decimal:
        return self.basic + self.project + self.to_superior + self.operating + self.to_affiliated


class BasicProject(Model):
    basic: Money = F("基本支出", ZERO, description=(
        "其中用这一种财政拨款安排的基本支出"))
    project: Money = F("项目支出", ZERO, description=(
        "其中用这一种财政拨款安排的项目支出"))

    @property
    def total(self) -> Decimal:
        return self.basic + self.project


class FiscalExpense(Model):
    """财政拨款支出 of one 项, split by the three budgets."""

    general_budget: BasicProject = F("一般公共预算", BasicProject(), description=(
        "该科目用一般公共预算财政拨款安排的支出"))
    gov_fund: BasicProject = F("政府性基金预算", BasicProject(), description=(
        "该科目用政府性基金预算财政拨款安排的支出"))
    state_capital: BasicProject = F("国有资本经营预算", BasicProject(), description=(
        "该科目用国有资本经营预算财政拨款安排的支出"))

    def of(self, kind: BudgetKind) -> BasicProject:
        return {"一般公共预算": self.general_budget, "政府性基金预算": self.gov_fund,
                "国有资本经营预算": self.state_capital}[kind]

    @property
    def total(self) -> Decimal:
        return self.general_budget.total + self.gov_fund.total + self.state_capital.total


class CarryOver(Model):
    opening: Money = F("年初结转和结余", ZERO, description=(
        "年初结转和结余"))
    closing: Money = F("年末结转和结余", ZERO, description=(
        "年末结转和结余"))


class Line(Model):
    """One 项 of the function classification in one unit. Amounts are entered at 项 level only."""

    code: Code = F("科目", description=(
        "支出功能分类的项级科目编码（7 位，如 2010301）；类、款由程序汇总"))
    name: Text | None = F("名称", None, description=(
        # only when it differs from the catalogue (then a warning)
        "科目名称。一般不填（取自科目目录），只有与目录不同时才填"))
    income: LineIncome = F("收入", LineIncome(), description=(
        "该科目的本年收入，按收入来源分列"))
    expense: LineExpense = F("支出", LineExpense(), description=(
        "该科目的本年支出（各种资金来源合计），按用途分列"))
    fiscal: FiscalExpense = F("财政拨款支出", FiscalExpense(), description=(
        "该科目本年支出中用财政拨款安排的部分，分三本预算"))
    gov_fund_carry: CarryOver = F("政府性基金结转", CarryOver(), description=(
        "该项政府性基金预算财政拨款的年初、年末结转和结余"))
    state_capital_carry: CarryOver = F("国有资本经营结转", CarryOver(), description=(
        "该项国有资本经营预算财政拨款的年初、年末结转和结余"))


class EconomicLine(Model):
    """一般公共预算财政拨款基本支出 by economic 款 (e.g. 30101 基本工资)."""

    code: Code = F("科目", description=(
        "支出经济分类的款级科目编码（5 位，如 30101 基本工资）"))
    amount: Money = F("金额", description=(
        "一般公共预算财政拨款基本支出中该经济分类科目的金额"))
    name: Text | None = F("名称", None, description=(
        "科目名称。一般不填（取自经济分类目录），只有与目录不同时才填"))


class FiscalCarry(Model):
    general_budget: Money = F("一般公共预算", ZERO, description=(
        "一般公共预算财政拨款"))
    gov_fund: Money = F("政府性基金预算", ZERO, description=(
        "政府性基金预算财政拨款"))
    state_capital: Money = F("国有资本经营预算", ZERO, description=(
        "国有资本经营预算财政拨款"))

    def of(self, kind: BudgetKind) -> Decimal:
        return {"一般公共预算": self.general_budget, "政府性基金预算": self.gov_fund,
                "国有资本经营预算": self.state_capital}[kind]

    @property
    def total(self) -> Decimal:
        return self.general_budget + self.gov_fund + self.state_capital


class Balances(Model):
    """结转结余 lines of a unit's summary tables (公开01 / 公开06 rows 28–31, 59–61)."""

    opening: Money = F("年初结转和结余", ZERO, description=(
        "以前年度尚未完成、结转到本年继续使用的资金和结余资金（各种资金来源）"))
    non_fiscal_surplus_used: Money = F("使用非财政拨款结余", ZERO, description=(
        "本年使用以前年度积累的非财政拨款结余弥补收支差额的金额"))
    surplus_distribution: Money = F("结余分配", ZERO, description=(
        "按规定缴纳的所得税、提取的专用基金、转入非财政拨款结余等"))
    closing: Money = F("年末结转和结余", ZERO, description=(
        "结转到以后年度继续使用的资金和结余资金（各种资金来源）"))
    fiscal_opening: FiscalCarry = F("年初财政拨款结转和结余", FiscalCarry(), description=(
        "财政拨款的年初结转和结余，分三本预算"))
    fiscal_closing: FiscalCarry = F("年末财政拨款结转和结余", FiscalCarry(), description=(
        "财政拨款的年末结转和结余，分三本预算"))


class ControlRow(Model):
    """One row of a table as the financial system printed it (本年收入合计, 基本支出 …), each optional.

    In a 元 file a control total must equal the sum of the lines. In a 万元 file the lines are rounded
    cell by cell, so a printed total may differ from their sum by rounding: within half a unit of the
    last digit per line summed, the document prints the control total (the exact system figure)."""

    income_total: Money | None = F("本年收入合计", None, description=(
        "财务系统印出的本年收入合计，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    fiscal_income: Money | None = F("财政拨款收入", None, description=(
        "财务系统印出的财政拨款收入，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    general_budget_income: Money | None = F("一般公共预算财政拨款收入", None, description=(
        "财务系统印出的一般公共预算财政拨款收入，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此"
        "数"))
    superior_subsidy: Money | None = F("上级补助收入", None, description=(
        "财务系统印出的上级补助收入，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    business: Money | None = F("事业收入", None, description=(
        "财务系统印出的事业收入，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    operating_income: Money | None = F("经营收入", None, description=(
        "财务系统印出的经营收入，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    affiliated: Money | None = F("附属单位上缴收入", None, description=(
        "财务系统印出的附属单位上缴收入，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    other_income: Money | None = F("其他收入", None, description=(
        "财务系统印出的其他收入，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    expense_total: Money | None = F("本年支出合计", None, description=(
        "财务系统印出的本年支出合计，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    basic: Money | None = F("基本支出", None, description=(
        "财务系统印出的基本支出，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    project: Money | None = F("项目支出", None, description=(
        "财务系统印出的项目支出，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    to_superior: Money | None = F("上缴上级支出", None, description=(
        "财务系统印出的上缴上级支出，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    operating_expense: Money | None = F("经营支出", None, description=(
        "财务系统印出的经营支出，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    to_affiliated: Money | None = F("对附属单位补助支出", None, description=(
        "财务系统印出的对附属单位补助支出，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    fiscal_expense: Money | None = F("财政拨款支出", None, description=(
        "财务系统印出的财政拨款支出，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    general_budget: Money | None = F("一般公共预算财政拨款支出", None, description=(
        "财务系统印出的一般公共预算财政拨款支出，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此"
        "数"))
    general_budget_basic: Money | None = F("一般公共预算财政拨款基本支出", None, description=(
        "财务系统印出的一般公共预算财政拨款基本支出，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档"
        "印此数"))
    general_budget_project: Money | None = F("一般公共预算财政拨款项目支出", None, description=(
        "财务系统印出的一般公共预算财政拨款项目支出，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档"
        "印此数"))


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

    by_code: dict[str, ControlRow] = F("科目合计", {}, description=(
        "类或款编码 → 该行的系统数（写一个数字即为本年支出合计）"))

    @field_validator("by_code", mode="before")
    @classmethod
    def _number_is_expense_total(cls, value: Any) -> Any:
        """`201: 2753.16` is short for the row's 本年支出合计: one form for the workbook and the checks."""
        if isinstance(value, dict):
            return {code: row if isinstance(row, dict | BaseModel) else {"本年支出合计": row}
                    for code, row in value.items()}
        return value


class DepartmentControls(ControlTotals):
    """The department's printed totals (万元 tables rounded from 元 by the financial system)."""

    income_grand_total: Money | None = F("收入总计", None, description=(
        "财务系统印出的收入总计，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    expense_grand_total: Money | None = F("支出总计", None, description=(
        "财务系统印出的支出总计，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    fiscal_income_grand_total: Money | None = F("财政拨款收入总计", None, description=(
        "财务系统印出的财政拨款收入总计，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    fiscal_expense_grand_total: Money | None = F("财政拨款支出总计", None, description=(
        "财务系统印出的财政拨款支出总计，用于核对录入；万元文件中与按行汇总之差在四舍五入尾差以内时，文档印此数"))
    economic: dict[str, Money] = F("经济分类", {}, description=(
        "基本支出表中经济分类类级（如 301）的系统数，以及“人员经费”“公用经费”合计"))
    year_start_budget: Money | None = F("年初预算", None, description="一般公共预算财政拨款支出年初预算数的系统数")
    procurement_total: Money | None = F("政府采购总额", None, description="政府采购金额合计的系统数")


class Unit(Model):
    name: NonEmptyText = F("名称", description=(
        "预算单位全称，如“××局（本级）”"))
    kind: UnitKind = F("性质", description=(
        "单位性质：行政、事业或参公（参照公务员法管理）"))
    lines: list[Line] = F("收入支出", [], description=(
        "该单位按项级科目逐行填写的收入和支出"))
    economic: list[EconomicLine] = F("基本支出经济分类", [], description=(
        "该单位一般公共预算财政拨款基本支出按经济分类款级科目的明细"))
    balances: Balances = F("结转结余", Balances(), description=(
        "该单位的结转结余等不分科目的收支项目"))
    control: ControlTotals = F("核对数", ControlTotals(), description=(
        "从财务系统抄来的合计数，只用于核对录入，不印在文档中"))


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

    code: Code = F("科目", description=(
        "项级科目编码（7 位）"))
    general_budget: Money = F("一般公共预算", ZERO, description=(
        "一般公共预算财政拨款的年初预算数"))
    gov_fund: Money = F("政府性基金预算", ZERO, description=(
        "政府性基金预算财政拨款的年初预算数"))
    state_capital: Money = F("国有资本经营预算", ZERO, description=(
        "国有资本经营预算财政拨款的年初预算数"))
    purpose: Text = F("用途", "", description=(
        "该科目支出的主要用途，写成“主要用于……”"))  # 主要用于……
    reason: Text = F("差异原因", "", description=(
        "决算数与年初预算数存在差异的主要原因"))  # 决算数大于/小于预算数的主要原因是……

    @property
    def total(self) -> Decimal:
        return self.general_budget + self.gov_fund + self.state_capital

    def of(self, kind: str) -> Decimal:
        return {"一般公共预算": self.general_budget, "政府性基金预算": self.gov_fund,
                "国有资本经营预算": self.state_capital}[kind]


class PriorIncome(Model):
    """Last year's 本年收入 by type (each optional: a missing figure is not a zero)."""

    fiscal: Money | None = F("财政拨款收入", None, description=(
        "上年决算的财政拨款收入（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    general_budget: Money | None = F("一般公共预算财政拨款收入", None, description=(
        "上年决算的一般公共预算财政拨款收入（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    gov_fund: Money | None = F("政府性基金预算财政拨款收入", None, description=(
        "上年决算的政府性基金预算财政拨款收入（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    state_capital: Money | None = F("国有资本经营预算财政拨款收入", None, description=(
        "上年决算的国有资本经营预算财政拨款收入（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    superior_subsidy: Money | None = F("上级补助收入", None, description=(
        "上年决算的上级补助收入（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    business: Money | None = F("事业收入", None, description=(
        "上年决算的事业收入（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    operating: Money | None = F("经营收入", None, description=(
        "上年决算的经营收入（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    affiliated: Money | None = F("附属单位上缴收入", None, description=(
        "上年决算的附属单位上缴收入（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    other: Money | None = F("其他收入", None, description=(
        "上年决算的其他收入（说明中该项与上年比较时用；不知道就不填，不要填 0）"))


class PriorExpense(Model):
    """Last year's 本年支出 by use (each optional)."""

    basic: Money | None = F("基本支出", None, description=(
        "上年决算的基本支出（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    project: Money | None = F("项目支出", None, description=(
        "上年决算的项目支出（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    to_superior: Money | None = F("上缴上级支出", None, description=(
        "上年决算的上缴上级支出（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    operating: Money | None = F("经营支出", None, description=(
        "上年决算的经营支出（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    to_affiliated: Money | None = F("对附属单位补助支出", None, description=(
        "上年决算的对附属单位补助支出（说明中该项与上年比较时用；不知道就不填，不要填 0）"))


class PriorYear(Model):
    """The previous year's published figures that this year's sentences compare against.

    Every figure is optional on its own: a sentence that needs a missing one takes its form without the
    comparison, or is left out. Never enter 0 for an unknown figure."""

    income_total: Money | None = F("收入总计", None, description="上年收入总计（= 支出总计）")
    expense_total: Money | None = F("支出总计", None, description="上年支出总计")
    fiscal_income_total: Money | None = F("财政拨款收入总计", None, description=(
        "上年决算公开的财政拨款收入总计"))
    fiscal_expense_total: Money | None = F("财政拨款支出总计", None, description=(
        "上年决算公开的财政拨款支出总计"))
    general_budget_expense: Money | None = F("一般公共预算财政拨款支出", None, description=(
        "上年决算公开的一般公共预算财政拨款支出"))
    general_budget_basic: Money | None = F("一般公共预算财政拨款基本支出", None, description=(
        "上年决算的一般公共预算财政拨款基本支出（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    general_budget_project: Money | None = F("一般公共预算财政拨款项目支出", None, description=(
        "上年决算的一般公共预算财政拨款项目支出（说明中该项与上年比较时用；不知道就不填，不要填 0）"))
    income_current: Money | None = F("本年收入合计", None, description="上年本年收入合计")
    expense_current: Money | None = F("本年支出合计", None, description="上年本年支出合计")
    income: PriorIncome = F("收入", PriorIncome(), description="上年各类收入（各自可选）")
    expense: PriorExpense = F("支出", PriorExpense(), description="上年基本支出、项目支出等（各自可选）")


class Reasons(Model):
    """Reasons people give for the changes the narrative reports (the numbers are computed)."""

    total_change: Text = F("收支总体变动原因", "", description=(
        "收入、支出总计比上年增减的主要原因"))
    fiscal_change: Text = F("财政拨款变动原因", "", description=(
        "财政拨款收入、支出总计比上年增减的主要原因"))
    general_budget_change: Text = F("一般公共预算变动原因", "", description=(
        "一般公共预算财政拨款支出比上年增减的主要原因"))
    budget_variance: Text = F("年初预算差异原因", "", description=(
        "一般公共预算财政拨款支出决算数与年初预算数差异的总体原因"))
    class_purposes: dict[str, Text] = F("类用途", {}, description=(
        "各类支出的主要用途（类编码 → “主要是用于……”）"))  # 类 code → 主要是用于……
    income_change: Text = F("收入变动原因", "", description=(
        "本年收入合计比上年增减的主要原因"))
    expense_change: Text = F("支出变动原因", "", description=(
        "本年支出合计比上年增减的主要原因"))
    components: dict[str, Text] = F("分项变动原因", {}, description=(
        "与上年相比的变动原因，按分项填写：财政拨款收入、上级补助收入、事业收入、经营收入、附属单位上缴收入、"
        "其他收入、基本支出、项目支出、上缴上级支出、经营支出、对附属单位补助支出、一般公共预算财政拨款基本支出、"
        "一般公共预算财政拨款项目支出"))
    performance_use: Text = F("绩效评价结果应用", "", description=(
        "绩效评价结果的应用情况"))  # 绩效评价结果应用情况
    special_funds: Text = F("专项支出说明", "", description=(
        "专项支出、转移支付支出的情况说明"))  # 十四、专项支出、转移支付支出情况说明
    other: Text = F("其他需要说明的情况", "", description=(
        "需要说明的其他事项；没有就不填"))


class SangongItem(Model):
    budget: Money = F("预算", ZERO, description=(
        "全年预算数"))
    actual: Money = F("决算", ZERO, description=(
        "决算数（实际支出）"))
    prior: Money | None = F("上年决算", None, description="上年决算数；不知道就不填（不要填 0）")
    variance_reason: Text = F("差异原因", "", description=(
        "决算数与预算数差异的原因"))  # 决算 vs 预算
    change_reason: Text = F("变动原因", "", description=(
        "与上年相比增减的原因"))  # vs 上年
    content: Text = F("开支内容", "", description="主要用于……（开支内容）")


class AbroadItem(SangongItem):
    groups: Count = F("团组", 0, description=(
        "全年安排因公出国（境）的团组数"))
    persons: Count = F("人次", 0, description=(
        "因公出国（境）的人次"))


class VehiclePurchase(SangongItem):
    vehicles: Count = F("购置数量", 0, description=(
        "购置公务用车的辆数"))


class Reception(Model):
    actual: Money = F("决算", ZERO, description=(
        "决算数（实际支出）"))
    prior: Money | None = F("上年决算", None, description="上年决算数；不知道就不填（不要填 0）")
    batches: Count = F("批次", 0, description=(
        "接待批次"))
    persons: Count = F("人次", 0, description=(
        "接待人次"))


class ReceptionItem(Model):
    budget: Money = F("预算", ZERO, description=(
        "公务接待费全年预算数"))
    domestic: Reception = F("国内", Reception(), description=(
        "国内公务接待，不含外宾接待（外宾接待填在“外事”中；文档中需要“含外宾”的合计由程序相加）"))
    foreign: Reception = F("外事", Reception(), description=(
        "外事接待（外宾接待），单独填写，不要再计入“国内”"))
    prior: Money | None = F("上年决算", None, description="上年公务接待费合计（只知道合计时填写）")
    variance_reason: Text = F("差异原因", "", description=(
        "决算数与预算数差异的原因"))
    change_reason: Text = F("变动原因", "", description=(
        "与上年相比增减的原因"))
    content: Text = F("开支内容", "", description="主要用于……（开支内容）")


class VehicleItem(Model):
    purchase: VehiclePurchase = F("购置", VehiclePurchase(), description=(
        "公务用车购置费"))
    running: SangongItem = F("运行维护", SangongItem(), description=(
        "公务用车运行维护费"))
    fleet: Count = F("保有量", 0, description=(
        "年末公务用车保有量（辆）"))
    prior: Money | None = F("上年决算", None, description="上年公务用车购置及运行维护费合计（只知道合计时填写）")
    variance_reason: Text = F("差异原因", "", description=(
        "公务用车购置及运行维护费决算数与预算数差异的原因"))
    change_reason: Text = F("变动原因", "", description=(
        "公务用车购置及运行维护费与上年相比增减的原因"))


class Sangong(Model):
    abroad: AbroadItem = F("因公出国", AbroadItem(), description=(
        "因公出国（境）费"))
    vehicles: VehicleItem = F("公务用车", VehicleItem(), description=(
        "公务用车购置及运行维护费"))
    reception: ReceptionItem = F("公务接待", ReceptionItem(), description=(
        "公务接待费"))
    prior: Money | None = F("上年决算", None, description="上年“三公”经费合计（只知道合计时填写）")
    variance_reason: Text = F("差异原因", "", description=(
        "“三公”经费决算数与预算数差异的总体原因"))
    change_reason: Text = F("变动原因", "", description="“三公”经费总额与上年相比的变动原因")


class OperatingCost(Model):
    """机关运行经费 (行政 and 参公 units only)."""

    budget: Money | None = F("年初预算", None, description="年初预算数；文档未列出时不填（不要填 0）")
    actual: Money = F("决算", ZERO, description=(
        "机关运行经费的决算数"))
    prior: Money | None = F("上年决算", None, description="上年决算数；不知道就不填（不要填 0）")
    variance_reason: Text = F("差异原因", "", description="决算数与年初预算数的差异原因")
    change_reason: Text = F("变动原因", "", description="与上年相比的变动原因")


class ProcurementKind(Model):
    amount: Money = F("金额", ZERO, description=(
        "政府采购合同金额"))
    sme: Money = F("中小企业", ZERO, description="授予中小企业合同金额")
    small_micro: Money = F("小微企业", ZERO, description="其中授予小微企业合同金额")


class Procurement(Model):
    goods: ProcurementKind = F("货物", ProcurementKind(), description=(
        "政府采购货物类"))
    works: ProcurementKind = F("工程", ProcurementKind(), description=(
        "政府采购工程类"))
    services: ProcurementKind = F("服务", ProcurementKind(), description=(
        "政府采购服务类"))
    sme_reserved: Money = F("面向中小企业预留", ZERO, description="面向中小企业预留政府采购项目预算金额")
    small_micro_reserved: Money = F("面向小微企业预留", ZERO, description="面向小微企业预留政府采购项目预算金额")
    sme_awarded_reserved: Money = F("预留项目中小企业中标", ZERO, description=(
        "在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的采购金额"))
    small_micro_awarded_reserved: Money = F("预留项目小微企业中标", ZERO, description=(
        "在面向小微企业预留的政府采购项目中，由小微企业供应商中标或成交的采购金额"))
    sme_awarded_other: Money = F("其他项目中小企业中标", ZERO, description=(
        "在其他政府采购项目中，由中小企业供应商中标或成交的采购金额"))


class Assets(Model):
    as_of: Text = F("截止日期", "", description=(
        "资产数据的截止日期，如“2022年12月31日”；不填则为当年12月31日"))  # default: 31 December of the year
    vehicles: dict[str, Count] = F("车辆", {}, description="车辆类型 → 辆数；版式列出的类型未填写时为 0")
    equipment_over_threshold: Count = F("大型设备", 0, description="单价超过门槛的设备（不含车辆）台（套）数")
    threshold_wan: Score = F("设备单价门槛", Decimal(100), description=(
        "大型设备的单价门槛（万元），不填为 100"))  # 万元


class FundRow(Model):
    source: NonEmptyText = F("资金来源", description=(
        "资金来源，如“年度资金总额”“一般公共预算资金”"))
    year_start: Money | None = F("年初预算数", None, description=(
        "年初预算数"))
    full_year: Money = F("全年预算数", description=(
        "全年预算数"))
    executed: Money = F("全年执行数", description=(
        "全年执行数"))
    executed_other: Money = F("其他执行数", ZERO, description=(
        "全年执行数中其他资金的部分"))
    weight: Score | None = F("分值", None, description="预算执行率指标的分值（如 10）")
    score: Score | None = F("得分", None, description=(
        "预算执行情况的得分（财政部版式的自评表）"))


class Indicator(Model):
    level1: NonEmptyText = F("一级指标", description=(
        "一级指标，如“产出指标”“效益指标”"))
    level2: NonEmptyText = F("二级指标", description=(
        "二级指标，如“数量指标”“质量指标”"))
    level3: NonEmptyText = F("三级指标", description=(
        "三级指标（具体指标名称）"))
    target: Text = F("指标值", "", description="年度指标值")
    actual: Text = F("实际完成值", "", description=(
        "全年实际完成值，照原文填写"))
    weight: Score | None = F("权重", None, description="分值（权重）")
    score: Score = F("得分", description=(
        "自评得分"))
    deviation: Text = F("偏差原因", "", description="偏差原因分析及改进措施")


class SelfEvaluation(Model):
    """A 项目支出绩效自评表 (one project's self-evaluation)."""

    name: NonEmptyText = F("项目名称", description=(
        "自评项目的名称"))
    authority: Text = F("主管部门", "", description=(
        "主管部门"))
    unit: Text = F("预算单位", "", description="预算单位（实施单位）")
    contact: Text = F("负责人及电话", "", description=(
        "自评表中的项目负责人及联系电话"))
    funds: list[FundRow] = F("资金", [], description=(
        "项目资金，每个资金来源一行"))
    goal: Text = F("预期目标", "", description=(
        "年度总体目标：预期目标"))
    achieved: Text = F("实际完成情况", "", description=(
        "年度总体目标：实际完成情况"))
    indicators: list[Indicator] = F("指标", [], description=(
        "绩效指标，每个三级指标一行"))
    summary: Text = F("综述", "", description=(
        "绩效目标完成情况、存在的问题和改进措施"))  # 绩效目标完成情况, 问题, 改进措施
    note: Text = F("说明", "", description="表下说明，如“无法考核经济效益指标的项目……”")


class ProjectResult(Model):
    """A line of 公开12 部门项目支出绩效自评结果情况表."""

    unit: Text = F("预算单位", "", description=(
        "项目所属的预算单位"))
    name: NonEmptyText = F("项目名称", description=(
        "项目名称"))
    grade: Text | None = F("自评结论", None, description="等次（版式规定的等次名称，如 优、良、中、差）")
    score: Score | None = F("自评得分", None, description=(
        "自评得分"))
    amount: Money | None = F("金额", None, description="项目资金（用于统计自评涉及的预算金额）")


class EvaluatedProject(Model):
    """A project evaluated by the department (部门评价) or the finance bureau (财政评价)."""

    name: NonEmptyText = F("项目名称", description=(
        "被评价的项目名称"))
    general_budget: Money = F("一般公共预算支出", ZERO, description=(
        "项目的一般公共预算支出"))
    gov_fund: Money = F("政府性基金预算支出", ZERO, description=(
        "项目的政府性基金预算支出"))
    state_capital: Money = F("国有资本经营预算支出", ZERO, description=(
        "项目的国有资本经营预算支出"))
    evaluator: Text = F("评价机构", "", description=(
        "开展评价的机构"))
    score: Score | None = F("得分", None, description=(
        "评价得分"))
    grade: Text | None = F("等次", None, description=(
        "评价等次：优、良、中或差"))
    summary: Text = F("评价情况", "", description=(
        "评价结论和主要情况"))


class ManagedProjects(Model):
    """A count of projects and the budget they involve (编报绩效目标的项目 n 个，涉及预算金额 …)."""

    count: Count = F("项目数", description=(
        "项目个数"))
    amount: Money = F("金额", ZERO, description=(
        "涉及的预算金额"))


class SelfEvaluationSummary(Model):
    """The self-evaluation as the performance system reports it, when the projects are not listed one by one."""

    count: Count | None = F("项目数", None, description=(
        "绩效自评的项目个数（逐项列出自评结果时可不填）"))
    amount: Money | None = F("金额", None, description=(
        "绩效自评涉及的预算金额"))
    average: Score | None = F("平均得分", None, description=(
        "绩效自评的平均得分（逐项列出自评得分时由程序计算）"))
    grades: dict[str, Count] = F("等次", {}, description="等次 → 项目数，如 优: 4")


class Problems(Model):
    found: Count = F("发现", 0, description=(
        "绩效自评中发现的问题个数"))
    rectified: Count = F("已整改", 0, description=(
        "已经完成整改的问题个数"))
    rectifying: Count = F("正在整改", 0, description=(
        "正在整改的问题个数"))


class Performance(Model):
    level1_projects: Count | None = F("一级项目数", None, description=(
        "开展绩效自评的一级项目个数"))
    level2_projects: Count | None = F("二级项目数", None, description=(
        "开展绩效自评的二级项目个数"))
    covered_funds: Money = F("自评覆盖资金", ZERO, description=(
        "绩效自评覆盖的资金总额"))
    gov_fund_projects: Text = F("政府性基金项目说明", "", description=(
        "政府性基金预算项目的绩效自评情况说明"))
    state_capital_projects: Text = F("国有资本经营项目说明", "", description=(
        "国有资本经营预算项目的绩效自评情况说明"))
    results: list[ProjectResult] = F("自评结果", [], description=(
        "部门项目支出绩效自评结果，每个项目一行"))
    self_evaluations: list[SelfEvaluation] = F("自评表", [], description=(
        "项目支出绩效自评表，每个项目一张"))
    evaluated: list[EvaluatedProject] = F("部门评价", [], description=(
        "部门评价（或财政评价）的项目，每个项目一行"))
    finance_evaluated: list[EvaluatedProject] = F("财政评价", [], description=(
        "财政部门开展评价的项目（项目名称、金额、评价机构、得分、等次、评价情况）"))
    overall: Text = F("整体支出绩效", "", description=(
        "部门整体支出绩效情况"))
    self_summary: Text = F("自评综述", "", description="项目绩效自评综述（完成情况、问题、改进措施）")
    transfer: Text = F("转移支付说明", "", description=(
        "中央对地方转移支付项目的说明，如“本部门无中央对地方转移支付项目。”；不填时不写"))
    systems: list[NonEmptyText] = F("管理制度", [], description="本部门建立的预算绩效管理制度名称")
    mechanism: Text = F("工作机制", "", description="建立的预算绩效管理工作机制")
    targets: ManagedProjects | None = F("绩效目标", None, description="编报绩效目标的项目数和预算金额")
    tracked: ManagedProjects | None = F("绩效跟踪", None, description="开展绩效跟踪（监控）的项目数和预算金额")
    self_evaluated: SelfEvaluationSummary | None = F("自评汇总", None, description=(
        "绩效自评的项目数、金额、平均得分和各等次项目数（不逐项列出自评结果时填写）"))
    problems: Problems | None = F("发现问题", None, description="绩效自评中发现的问题数、已整改数、正在整改数")


class GlossaryEntry(Model):
    term: NonEmptyText = F("名词", description=(
        "名词"))
    text: NonEmptyText = F("解释", description=(
        "名词的解释"))


class GlossaryChanges(Model):
    """The department's own 名词解释: added, reworded and dropped entries."""

    add: list[GlossaryEntry] = F("增加", [], description="增加的名词及解释，印在版式的名词之后")
    replace: dict[str, NonEmptyText] = F("替换", {}, description="名词 → 本部门的解释（替换版式的解释）")
    drop: list[NonEmptyText] = F("删除", [], description="不印的名词")
    details: dict[str, NonEmptyText] = F("补充", {}, description=(
        "名词 → 本部门的补充说明，如 事业收入 → “培训、咨询”（印为“主要是：培训、咨询收入等”，按版式措辞）"))


class AttachmentTable(Model):
    header: list[Text] = F("表头", min_length=1, description=(
        "表格的列标题"))
    rows: list[list[Text]] = F("行", [], description=(
        "表格的各行，每行是各列的文字"))
    note: Text = F("注", "", description=(
        "表下的注释"))


class Attachment(Model):
    """Free text published as an attachment (an evaluation report, say): a title and its body.

    A paragraph starting with '#' is a heading ('#' the first level under the title, '##' the next);
    an item with 表头/行 is a table."""

    title: NonEmptyText = F("标题", description=(
        "附件标题"))
    paragraphs: list[Text | AttachmentTable] = F("正文", [], description=(
        "附件的段落和表格；以“#”开头的段落是小标题"))


class JuesuanInput(Model):
    """One department's 决算 for one year: the whole input file."""

    doc_kind: Literal["决算"] = F("文档", description=(
        "文档类型：决算"))
    year: int = F("年度", ge=2000, le=2100, description=(
        "决算年度，如 2022"))
    unit: Literal["元", "万元"] = F("金额单位", description=(
        "本文件中所有金额的单位：元 或 万元"))
    profile: NonEmptyText = F("版式", description=(
        "版式：内置版式的名称（gongkai profile list 列出），或本部门版式文件夹的路径"))
    illustrative_note: Text = F("示例说明", "", description=(
        "示例数据的来源说明（内部使用，不印在文档中）"))
    department: Department = F("部门", description=(
        "部门的基本情况"))
    units: list[Unit] = F("预算单位", min_length=1, description=(
        "本级和所属预算单位，至少一个"))
    code_names: dict[str, Text] = F("科目名称", {}, description=(
        "类/款/项编码 → 名称：目录中没有的科目必须写明名称；与目录不同的名称会得到警告"))
    code_glossary: dict[str, NonEmptyText] = F("科目说明", {}, description=(
        "项级编码 → 名词解释中该科目的说明（不填时用科目目录中的说明）"))
    control: DepartmentControls = F("核对数", DepartmentControls(), description=(
        "从财务系统抄来的部门合计数（万元文件中与按行汇总相差在四舍五入范围内时，文档印系统数）"))
    year_start_budget: list[YearStartBudget] = F("年初预算", [], description=(
        "各项级科目财政拨款的年初预算，以及用途和差异原因"))
    prior: PriorYear | None = F("上年", None, description="上年决算数（各项可选；不知道的不填，不要填 0）")
    no_prior_year: bool = F("无上年数据", False, description="新设机构等没有上年数据时填 true")
    no_prior_reason: Text = F("无上年数据原因", "", description="如“因新设机构”；填写即视为无上年数据")
    reasons: Reasons = F("说明", Reasons(), description=(
        "说明文字中要写的各项原因"))
    sangong: Sangong = F("三公经费", Sangong(), description=(
        "“三公”经费的预算、决算和原因"))
    operating_cost: OperatingCost | None = F("机关运行经费", None, description=(
        "机关运行经费（行政单位和参公事业单位）"))
    procurement: Procurement = F("政府采购", Procurement(), description=(
        "政府采购支出情况"))
    assets: Assets = F("国有资产", Assets(), description=(
        "国有资产占用情况"))
    performance: Performance = F("绩效", Performance(), description=(
        "预算绩效管理情况"))
    attachments: list[Attachment] = F("附件", [], description=(
        "随文档公开的附件（如绩效评价报告）"))
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
