"""The input model of a 预算 (budget) department: what a finance officer types before the year.

A budget line is one 项 of one unit funded from one source (一般公共预算, 政府性基金, 专户资金 …),
with its uses (人员经费, 公用经费, 项目支出 …). Income by type, every total, share and change is
computed from these lines; only facts, purposes and reasons are typed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from .juesuan import Attachment, Department, EconomicLine, GlossaryChanges, UnitKind
from .types import STRICT, Code, Count, F, Money, NonEmptyText, Score, Text

ZERO = Decimal(0)

# Where the money of a budget line comes from. The first three are 财政拨款 of this year; the
# 结转 ones are 财政拨款 carried over from last year (上年结转).
Source = Literal["一般公共预算", "政府性基金", "国有资本经营", "一般公共预算结转", "政府性基金结转", "国有资本经营结转",
                 "专户资金", "事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入",
                 "动用历年结转结余", "单位资金结转"]
SOURCES: tuple[str, ...] = Source.__args__  # type: ignore[attr-defined]
FISCAL_SOURCES = ("一般公共预算", "政府性基金", "国有资本经营")
FISCAL_CARRY = ("一般公共预算结转", "政府性基金结转", "国有资本经营结转")


class Model(BaseModel):
    model_config = STRICT


class BudgetLine(Model):
    code: Code = F("科目")
    name: Text | None = F("名称", None)
    source: Source = F("资金来源", "一般公共预算")
    personnel: Money = F("人员经费", ZERO)
    public: Money = F("公用经费", ZERO)
    project: Money = F("项目支出", ZERO)
    to_affiliated: Money = F("对附属单位补助支出", ZERO)
    to_superior: Money = F("上缴上级支出", ZERO)
    operating: Money = F("事业单位经营支出", ZERO)

    @property
    def basic(self) -> Decimal:
        return self.personnel + self.public

    @property
    def total(self) -> Decimal:
        return self.basic + self.project + self.to_affiliated + self.to_superior + self.operating


class SangongBudget(Model):
    """“三公”经费预算 of one unit (this year)."""

    abroad: Money = F("因公出国", ZERO)
    vehicle_purchase: Money = F("公务用车购置", ZERO)
    vehicle_running: Money = F("公务用车运行维护", ZERO)
    reception: Money = F("公务接待", ZERO)


class BudgetUnit(Model):
    name: NonEmptyText = F("名称")
    code: Text = F("编码", "")
    kind: UnitKind = F("性质")
    lines: list[BudgetLine] = F("收支", [])
    economic: list[EconomicLine] = F("基本支出经济分类", [])  # 一般公共预算 基本支出 by economic 款
    sangong: SangongBudget = F("三公经费", SangongBudget())


class Indicator(Model):
    level1: NonEmptyText = F("一级指标")
    level2: NonEmptyText = F("二级指标")
    level3: NonEmptyText = F("三级指标")
    operator: Text = F("计算符号", "")  # ≥ ≤ = 定性
    value: Text = F("指标值", "")
    unit: Text = F("计量单位", "")
    weight: Score | None = F("权重", None)


class ProjectFunds(Model):
    general_budget: Money = F("一般公共预算", ZERO)
    gov_fund: Money = F("政府性基金", ZERO)
    general_budget_carry: Money = F("一般公共预算结转", ZERO)
    gov_fund_carry: Money = F("政府性基金结转", ZERO)
    special_account: Money = F("专户资金", ZERO)
    unit_funds: Money = F("单位资金", ZERO)

    @property
    def total(self) -> Decimal:
        return (self.general_budget + self.gov_fund + self.general_budget_carry + self.gov_fund_carry
                + self.special_account + self.unit_funds)


class Project(Model):
    kind: Text = F("类型", "")
    name: NonEmptyText = F("名称")
    unit: NonEmptyText = F("单位")  # the name of one of the 预算单位
    funds: ProjectFunds = F("资金", ProjectFunds())
    goal: Text = F("总体目标", "")
    year_goal: Text = F("年度目标", "")
    indicators: list[Indicator] = F("绩效指标", [])
    sections: list[Attachment] = F("项目说明", [])  # free text sections of a project description


class BaseAmount(Model):
    """A comparison base: last year's budget or last year's 执行数, as the sentence says."""

    amount: Money = F("金额")
    basis: Literal["预算", "执行数"] = F("口径", "预算")


class SangongPrior(Model):
    abroad: Money = F("因公出国", ZERO)
    vehicle_purchase: Money = F("公务用车购置", ZERO)
    vehicle_running: Money = F("公务用车运行维护", ZERO)
    reception: Money = F("公务接待", ZERO)


class BudgetPrior(Model):
    total: BaseAmount | None = F("支出总额", None)
    fiscal: BaseAmount | None = F("财政拨款支出", None)
    general_budget: BaseAmount | None = F("一般公共预算拨款", None)
    sangong: SangongPrior | None = F("三公经费", None)  # last year's budget
    operating_cost: BaseAmount | None = F("机关运行经费", None)


class BudgetReasons(Model):
    general_budget_change: Text = F("一般公共预算变动原因", "")
    fiscal_change: Text = F("财政拨款变动原因", "")
    abroad: Text = F("因公出国说明", "")
    reception: Text = F("公务接待说明", "")  # 主要用于…
    reception_change: Text = F("公务接待变动原因", "")
    vehicles: Text = F("公务用车说明", "")
    vehicles_change: Text = F("公务用车变动原因", "")
    operating_cost_change: Text = F("机关运行经费变动原因", "")
    item_purposes: dict[str, Text] = F("项用途", {})  # 项 code → 主要用于……
    class_purposes: dict[str, Text] = F("类用途", {})  # 类 code → 主要用于……
    other: Text = F("其他说明", "")


class BudgetProcurement(Model):
    goods: Money = F("货物", ZERO)
    works: Money = F("工程", ZERO)
    services: Money = F("服务", ZERO)
    sme_reserved: Money = F("面向中小企业预留", ZERO)
    small_micro_reserved: Money = F("预留小微企业", ZERO)


class BudgetAssets(Model):
    as_of: Text = F("截止日期", "")  # default: 31 December of the year before
    vehicles: dict[str, Count] = F("车辆", {}, description="车辆类型 → 辆数")
    general_equipment_50: Count = F("通用设备50万元以上", 0)
    special_equipment_100: Count = F("专用设备100万元以上", 0)
    large_equipment_200: Count = F("大型设备200万元以上", 0)
    planned: Text = F("购置计划", "")  # e.g. 本年未安排购置车辆和大型设备


class BudgetOperatingCost(Model):
    amount: Money = F("预算", ZERO)
    scope: Text = F("范围", "")  # e.g. 本级一家行政单位


class YusuanInput(Model):
    """One department's 预算 for one year: the whole input file."""

    doc_kind: Literal["预算"] = F("文档")
    year: int = F("年度", ge=2000, le=2100)
    unit: Literal["元", "万元"] = F("金额单位")
    profile: NonEmptyText = F("版式", description=(
        "版式：内置版式的名称（gongkai profile list 列出），或本部门版式文件夹的路径"))
    illustrative_note: Text = F("示例说明", "")
    department: Department = F("部门")
    composition: Text = F("预算单位构成", "")
    department_code: Text = F("部门编码", "")
    units: list[BudgetUnit] = F("预算单位", min_length=1)
    code_names: dict[str, Text] = F("科目名称", {})
    carry_to_next_year: Money = F("结转下年", ZERO)
    projects: list[Project] = F("项目", [])
    prior: BudgetPrior = F("上年", BudgetPrior())
    reasons: BudgetReasons = F("说明", BudgetReasons())
    operating_cost: BudgetOperatingCost | None = F("机关运行经费", None)
    procurement: BudgetProcurement = F("政府采购", BudgetProcurement())
    assets: BudgetAssets = F("国有资产", BudgetAssets())
    attachments: list[Attachment] = F("附件", [])
    code_glossary: dict[str, NonEmptyText] = F("科目说明", {}, description=(
        "项级编码 → 名词解释中该科目的说明（不填时用科目目录中的说明）"))
    glossary: GlossaryChanges = F("名词解释", GlossaryChanges(), description="本部门对名词解释的增加、替换和删除")
    omitted: list[NonEmptyText] = F("省略", [], description="不印的部分或小节（标题文字，不含编号）")
    extra_paragraphs: dict[str, list[NonEmptyText]] = F("补充段落", {}, description=(
        "标题文字（不含编号）→ 加在该节末尾的段落"))
