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
    code: Code = F("科目", description=(
        "支出功能分类的项级科目编码（7 位，如 2010301）"))
    name: Text | None = F("名称", None, description=(
        "科目名称。一般不填（取自科目目录），只有与目录不同时才填"))
    source: Source = F("资金来源", "一般公共预算", description=(
        "这一行资金的来源；不填为一般公共预算"))
    personnel: Money = F("人员经费", ZERO, description=(
        "基本支出中的人员经费"))
    public: Money = F("公用经费", ZERO, description=(
        "基本支出中的公用经费"))
    project: Money = F("项目支出", ZERO, description=(
        "项目支出"))
    to_affiliated: Money = F("对附属单位补助支出", ZERO, description=(
        "对附属单位补助支出"))
    to_superior: Money = F("上缴上级支出", ZERO, description=(
        "上缴上级支出"))
    operating: Money = F("事业单位经营支出", ZERO, description=(
        "事业单位经营支出"))

    @property
    def basic(self) -> Decimal:
        return self.personnel + self.public

    @property
    def total(self) -> Decimal:
        return self.basic + self.project + self.to_affiliated + self.to_superior + self.operating


class SangongBudget(Model):
    """“三公”经费预算 of one unit (this year)."""

    abroad: Money = F("因公出国", ZERO, description=(
        "本年因公出国（境）费预算"))
    vehicle_purchase: Money = F("公务用车购置", ZERO, description=(
        "本年公务用车购置费预算"))
    vehicle_running: Money = F("公务用车运行维护", ZERO, description=(
        "本年公务用车运行维护费预算"))
    reception: Money = F("公务接待", ZERO, description=(
        "本年公务接待费预算"))


class BudgetUnit(Model):
    name: NonEmptyText = F("名称", description=(
        "预算单位全称"))
    code: Text = F("编码", "", description=(
        "预算单位编码，如 205001"))
    kind: UnitKind = F("性质", description=(
        "单位性质：行政、事业或参公（参照公务员法管理）"))
    lines: list[BudgetLine] = F("收支", [], description=(
        "该单位按项级科目和资金来源逐行填写的预算"))
    economic: list[EconomicLine] = F("基本支出经济分类", [], description=(
        "该单位一般公共预算基本支出按经济分类款级科目的明细"))  # 一般公共预算 基本支出 by economic 款
    sangong: SangongBudget = F("三公经费", SangongBudget(), description=(
        "该单位本年“三公”经费预算"))


class Indicator(Model):
    level1: NonEmptyText = F("一级指标", description=(
        "一级指标，如“产出指标”"))
    level2: NonEmptyText = F("二级指标", description=(
        "二级指标，如“数量指标”"))
    level3: NonEmptyText = F("三级指标", description=(
        "三级指标（具体指标名称）"))
    operator: Text = F("计算符号", "", description=(
        "≥、≤、= 或“定性”"))  # ≥ ≤ = 定性
    value: Text = F("指标值", "", description=(
        "指标值，照原文填写"))
    unit: Text = F("计量单位", "", description=(
        "计量单位，如“个”“%”"))
    weight: Score | None = F("权重", None, description=(
        "指标的分值（权重）"))


class ProjectFunds(Model):
    general_budget: Money = F("一般公共预算", ZERO, description=(
        "项目资金中的一般公共预算拨款"))
    gov_fund: Money = F("政府性基金", ZERO, description=(
        "项目资金中的政府性基金拨款"))
    general_budget_carry: Money = F("一般公共预算结转", ZERO, description=(
        "项目资金中的一般公共预算上年结转"))
    gov_fund_carry: Money = F("政府性基金结转", ZERO, description=(
        "项目资金中的政府性基金上年结转"))
    special_account: Money = F("专户资金", ZERO, description=(
        "项目资金中的财政专户管理资金"))
    unit_funds: Money = F("单位资金", ZERO, description=(
        "项目资金中的单位资金"))

    @property
    def total(self) -> Decimal:
        return (self.general_budget + self.gov_fund + self.general_budget_carry + self.gov_fund_carry
                + self.special_account + self.unit_funds)


class Project(Model):
    kind: Text = F("类型", "", description=(
        "项目类型"))
    name: NonEmptyText = F("名称", description=(
        "项目名称"))
    unit: NonEmptyText = F("单位", description=(
        "项目所属预算单位的名称（与预算单位表中的名称一致）"))  # the name of one of the 预算单位
    funds: ProjectFunds = F("资金", ProjectFunds(), description=(
        "项目资金，按来源分列"))
    goal: Text = F("总体目标", "", description=(
        "项目总体目标"))
    year_goal: Text = F("年度目标", "", description=(
        "年度绩效目标"))
    indicators: list[Indicator] = F("绩效指标", [], description=(
        "项目的绩效指标，每个三级指标一行"))
    sections: list[Attachment] = F("项目说明", [], description=(
        "项目说明的各节（标题和正文）"))  # free text sections of a project description


class BaseAmount(Model):
    """A comparison base: last year's budget or last year's 执行数, as the sentence says."""

    amount: Money = F("金额", description=(
        "对比基数的金额"))
    basis: Literal["预算", "执行数"] = F("口径", "预算", description=(
        "对比基数是上年预算还是上年执行数"))


class SangongPrior(Model):
    abroad: Money = F("因公出国", ZERO, description=(
        "上年因公出国（境）费预算"))
    vehicle_purchase: Money = F("公务用车购置", ZERO, description=(
        "上年公务用车购置费预算"))
    vehicle_running: Money = F("公务用车运行维护", ZERO, description=(
        "上年公务用车运行维护费预算"))
    reception: Money = F("公务接待", ZERO, description=(
        "上年公务接待费预算"))


class BudgetPrior(Model):
    total: BaseAmount | None = F("支出总额", None, description=(
        "上年支出总额（对比基数）"))
    fiscal: BaseAmount | None = F("财政拨款支出", None, description=(
        "上年财政拨款支出（对比基数）"))
    general_budget: BaseAmount | None = F("一般公共预算拨款", None, description=(
        "上年一般公共预算拨款（对比基数）"))
    sangong: SangongPrior | None = F("三公经费", None, description=(
        "上年“三公”经费预算"))  # last year's budget
    operating_cost: BaseAmount | None = F("机关运行经费", None, description=(
        "上年机关运行经费（对比基数）"))


class BudgetReasons(Model):
    general_budget_change: Text = F("一般公共预算变动原因", "", description=(
        "一般公共预算拨款比上年增减的主要原因"))
    fiscal_change: Text = F("财政拨款变动原因", "", description=(
        "财政拨款支出比上年增减的主要原因"))
    abroad: Text = F("因公出国说明", "", description=(
        "因公出国（境）费的安排情况"))
    reception: Text = F("公务接待说明", "", description=(
        "公务接待费的主要用途，写成“主要用于……”"))  # 主要用于…
    reception_change: Text = F("公务接待变动原因", "", description=(
        "公务接待费比上年增减的原因"))
    vehicles: Text = F("公务用车说明", "", description=(
        "公务用车购置及运行维护费的安排情况"))
    vehicles_change: Text = F("公务用车变动原因", "", description=(
        "公务用车购置及运行维护费比上年增减的原因"))
    operating_cost_change: Text = F("机关运行经费变动原因", "", description=(
        "机关运行经费比上年增减的原因"))
    item_purposes: dict[str, Text] = F("项用途", {}, description=(
        "各项级科目的主要用途（项编码 → “主要用于……”）"))  # 项 code → 主要用于……
    class_purposes: dict[str, Text] = F("类用途", {}, description=(
        "各类支出的主要用途（类编码 → “主要用于……”）"))  # 类 code → 主要用于……
    other: Text = F("其他说明", "", description=(
        "需要说明的其他事项"))


class BudgetProcurement(Model):
    goods: Money = F("货物", ZERO, description=(
        "政府采购预算：货物类"))
    works: Money = F("工程", ZERO, description=(
        "政府采购预算：工程类"))
    services: Money = F("服务", ZERO, description=(
        "政府采购预算：服务类"))
    sme_reserved: Money = F("面向中小企业预留", ZERO, description=(
        "面向中小企业预留的采购份额"))
    small_micro_reserved: Money = F("预留小微企业", ZERO, description=(
        "其中预留给小微企业的份额"))


class BudgetAssets(Model):
    as_of: Text = F("截止日期", "", description=(
        "资产数据的截止日期，如“2022年12月31日”；不填则为当年12月31日"))  # default: 31 December of the year before
    vehicles: dict[str, Count] = F("车辆", {}, description="车辆类型 → 辆数")
    general_equipment_50: Count = F("通用设备50万元以上", 0, description=(
        "单价 50 万元以上的通用设备台（套）数"))
    special_equipment_100: Count = F("专用设备100万元以上", 0, description=(
        "单价 100 万元以上的专用设备台（套）数"))
    large_equipment_200: Count = F("大型设备200万元以上", 0, description=(
        "单价 200 万元以上的大型设备台（套）数"))
    planned: Text = F("购置计划", "", description=(
        "本年车辆和大型设备购置计划，如“本年未安排购置车辆和大型设备”"))  # e.g. 本年未安排购置车辆和大型设备


class BudgetOperatingCost(Model):
    amount: Money = F("预算", ZERO, description=(
        "机关运行经费预算数"))
    scope: Text = F("范围", "", description=(
        "机关运行经费的范围，如“本级一家行政单位”"))  # e.g. 本级一家行政单位


class YusuanInput(Model):
    """One department's 预算 for one year: the whole input file."""

    doc_kind: Literal["预算"] = F("文档", description=(
        "文档类型：预算"))
    year: int = F("年度", ge=2000, le=2100, description=(
        "预算年度，如 2021"))
    unit: Literal["元", "万元"] = F("金额单位", description=(
        "本文件中所有金额的单位：元 或 万元"))
    profile: NonEmptyText = F("版式", description=(
        "版式：内置版式的名称（gongkai profile list 列出），或本部门版式文件夹的路径"))
    illustrative_note: Text = F("示例说明", "", description=(
        "示例数据的来源说明（内部使用，不印在文档中）"))
    department: Department = F("部门", description=(
        "部门的基本情况"))
    composition: Text = F("预算单位构成", "", description=(
        "部门预算单位构成的文字说明"))
    department_code: Text = F("部门编码", "", description=(
        "部门编码"))
    units: list[BudgetUnit] = F("预算单位", min_length=1, description=(
        "本级和所属预算单位，至少一个"))
    code_names: dict[str, Text] = F("科目名称", {}, description=(
        "与科目目录不同的科目名称（科目编码 → 名称），只在需要时填写"))
    carry_to_next_year: Money = F("结转下年", ZERO, description=(
        "结转下年的资金"))
    projects: list[Project] = F("项目", [], description=(
        "项目支出的各个项目"))
    prior: BudgetPrior = F("上年", BudgetPrior(), description=(
        "与上年比较时用的对比数字"))
    reasons: BudgetReasons = F("说明", BudgetReasons(), description=(
        "说明文字中要写的各项原因和用途"))
    operating_cost: BudgetOperatingCost | None = F("机关运行经费", None, description=(
        "机关运行经费预算"))
    procurement: BudgetProcurement = F("政府采购", BudgetProcurement(), description=(
        "政府采购预算"))
    assets: BudgetAssets = F("国有资产", BudgetAssets(), description=(
        "国有资产占用和购置情况"))
    attachments: list[Attachment] = F("附件", [], description=(
        "随文档公开的附件"))
    code_glossary: dict[str, NonEmptyText] = F("科目说明", {}, description=(
        "项级编码 → 名词解释中该科目的说明（不填时用科目目录中的说明）"))
    glossary: GlossaryChanges = F("名词解释", GlossaryChanges(), description="本部门对名词解释的增加、替换和删除")
    omitted: list[NonEmptyText] = F("省略", [], description="不印的部分或小节（标题文字，不含编号）")
    extra_paragraphs: dict[str, list[NonEmptyText]] = F("补充段落", {}, description=(
        "标题文字（不含编号）→ 加在该节末尾的段落"))
