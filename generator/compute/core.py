"""The Facts every document kind shares: units, the function classification, 基本支出 by economic
classification, “三公”经费, 机关运行经费, 政府采购 and 国有资产.

决算 and 预算 documents print the same kinds of tables from these (a unit table, a classification
table, an economic table, the 三公 table), so they have one shape here; each kind adds its own
figures on top (`JuesuanFacts`, `YusuanFacts`). Every total a document prints is a field: table kinds
only place figures, they never add them up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..load.catalogue import Catalogue
from .rollup import Row
from .values import Change, Completion, Pct, Wan, pct, wan

ZERO = Decimal(0)
PERSONNEL_CLASSES = ("301", "303")  # 工资福利支出, 对个人和家庭的补助: 人员经费; every other class is 公用经费


def L(zh: str, **kw: Any) -> Any:
    """A dataclass field labelled in Chinese (`gongkai facts`, the manifest and `diff` show the label)."""
    return field(metadata={"zh": zh}, **kw)


@dataclass(frozen=True)
class UnitFacts:
    """One budget unit (or, as `CoreFacts.unit_sum`, all of them): every amount column a unit table can
    print — the rollup columns (收入.合计, 支出.基本支出, 一般公共预算.合计 …), 人员经费/公用经费 from its
    economic lines, and 三公.* for a budget's units."""

    name: str = L("单位名称")
    code: str = L("单位编码")
    kind: str = L("单位性质")
    values: dict[str, Wan] = L("金额")


@dataclass(frozen=True)
class MemberFacts:
    """A unit of the department as the 单位构成 lists it."""

    name: str = L("单位名称")
    note: str = L("备注")


@dataclass(frozen=True)
class EconomicRow:
    code: str = L("科目编码")
    name: str = L("科目名称")
    level: int = L("级次")
    group: str = L("经费类型")  # 人员经费 or 公用经费
    amount: Wan = L("金额")
    personnel: Wan = L("人员经费")  # the amount when the row is 人员经费, else 0 (budget tables split them)
    public: Wan = L("公用经费")


@dataclass(frozen=True)
class BasicFacts:
    """一般公共预算财政拨款基本支出 by economic classification."""

    total: Wan = L("一般公共预算财政拨款基本支出")
    personnel: Wan = L("人员经费")
    public: Wan = L("公用经费")
    personnel_items: list[str] = L("人员经费主要包括")
    public_items: list[str] = L("公用经费主要包括")
    rows: list[EconomicRow] = L("经济分类明细")  # every 类 and 款 of the year (zero ones too), in catalogue order


@dataclass(frozen=True)
class SangongKind:
    label: str = L("名称")
    budget: Wan = L("预算")  # 决算: the full-year budget; 预算: this year's budget
    actual: Wan | None = L("决算")  # None in a budget document
    completion: Completion | None = L("完成预算")
    share: Pct | None = L("占三公经费")
    change: Change = L("与上年相比")  # 决算: against last year's 决算; 预算: against last year's budget


@dataclass(frozen=True)
class SangongFacts:
    budget: Wan = L("预算")
    actual: Wan | None = L("决算")
    completion: Completion | None = L("完成预算")
    change: Change = L("与上年相比")
    abroad: SangongKind = L("因公出国（境）费用")
    vehicles: SangongKind = L("公务用车购置及运行维护费")
    vehicle_purchase: SangongKind = L("公务用车购置费")
    vehicle_running: SangongKind = L("公务用车运行维护费")
    reception: SangongKind = L("公务接待费")
    reception_domestic: Wan | None = L("国内公务接待")
    reception_foreign: Wan | None = L("外事接待")
    reception_batches: int | None = L("公务接待批次")  # 国内 + 外事
    reception_persons: int | None = L("公务接待人次")


@dataclass(frozen=True)
class OperatingFacts:
    """机关运行经费."""

    budget: Wan | None = L("预算")  # 决算: 年初预算 (None when the input does not give it); 预算: this year's
    actual: Wan | None = L("决算")
    completion: Completion | None = L("完成年初预算")
    vs_budget: Change | None = L("与年初预算相比")  # 决算: 比年初预算数增加/减少 …
    change: Change = L("与上年相比")


@dataclass(frozen=True)
class ProcurementFacts:
    total: Wan = L("政府采购总额")
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
    sme_reserved: Wan = L("面向中小企业预留")
    small_micro_reserved: Wan = L("面向小微企业预留")
    sme_awarded_reserved: Wan = L("预留项目中由中小企业中标")
    small_micro_awarded_reserved: Wan = L("预留项目中由小微企业中标")
    sme_awarded_other: Wan = L("其他项目中由中小企业中标")


@dataclass(frozen=True)
class AssetFacts:
    vehicles_total: int = L("车辆合计")
    vehicles: dict[str, int] = L("车辆")
    equipment: int = L("大型设备")


@dataclass(frozen=True)
class CoreFacts:
    """What every document kind computes. `kind` is 决算 or 预算."""

    kind: str = L("文档")
    year: int = L("年度")
    prior_year: int = L("上年度")
    department: str = L("部门")
    unit_total: int = L("预算单位总数")
    unit_counts: dict[str, int] = L("预算单位数")
    units: list[UnitFacts] = L("预算单位")
    members: list[MemberFacts] = L("单位构成")  # as the input lists them, else the budget units
    unit_sum: UnitFacts = L("各单位合计")
    function_rows: list[Row] = L("功能分类")  # 合计, 类, 款, 项 with every column (the tables' source)
    basic: BasicFacts = L("基本支出")
    sangong: SangongFacts = L("三公经费")
    operating_cost: OperatingFacts | None = L("机关运行经费")
    procurement: ProcurementFacts = L("政府采购")
    assets: AssetFacts = L("国有资产")


# ---------------------------------------------------------------- shared computations


def members(listed: Iterable[tuple[str, str]], units: Iterable[str]) -> list[MemberFacts]:
    """The units of the department: the 单位构成 the input gives, else its budget units."""
    given = [MemberFacts(name, note) for name, note in listed]
    return given or [MemberFacts(name, "") for name in units]


def unit_counts(kinds: Iterable[str]) -> dict[str, int]:
    listed = list(kinds)
    return {kind: listed.count(kind) for kind in ("行政", "事业", "参公")}


def unit_facts(name: str, code: str, kind: str, columns: Mapping[str, Decimal],
               economic: Iterable[tuple[str, Decimal]], extra: Mapping[str, Decimal] | None = None) -> UnitFacts:
    """A unit's columns, with 人员经费 and 公用经费 summed from its economic lines."""
    lines = list(economic)
    values = {key: wan(value) for key, value in columns.items()}
    values["人员经费"] = wan(sum((a for c, a in lines if c[:3] in PERSONNEL_CLASSES), ZERO))
    values["公用经费"] = wan(sum((a for c, a in lines if c[:3] not in PERSONNEL_CLASSES), ZERO))
    for key, value in (extra or {}).items():
        values[key] = wan(value)
    return UnitFacts(name, code, kind, values)


def unit_sum(units: list[UnitFacts], label: str = "合计") -> UnitFacts:
    keys = sorted({k for u in units for k in u.values})
    return UnitFacts(label, "", "", {k: wan(sum((u.values.get(k, ZERO) for u in units), ZERO)) for k in keys})


def basic_facts(lines: Iterable[tuple[str, Decimal]], catalogue: Catalogue,
                names: Mapping[str, str] | None = None,
                controls: Mapping[str, Decimal] | None = None) -> BasicFacts:
    """基本支出 by economic classification from (款 code, amount) lines of every unit.

    Rows: every 类 and 款 of the year's catalogue (in its order), then any code the catalogue lacks
    but the input named. `controls` replaces a 类 total or 人员经费/公用经费 by the system's figure (see
    compute.controls), so a 万元 table prints what the financial system printed."""
    names = names or {}
    controls = controls or {}
    amounts: dict[str, Decimal] = {}
    for code, amount in lines:
        amounts[code] = amounts.get(code, ZERO) + amount
    class_sums: dict[str, Decimal] = {}
    for code, value in amounts.items():
        class_sums[code[:3]] = class_sums.get(code[:3], ZERO) + value
    class_sums |= {c: v for c, v in controls.items() if len(c) == 3}

    def group_of(code: str) -> str:
        entry = catalogue.get(code[:3])
        if entry is not None and entry.group:
            return entry.group
        return "人员经费" if code[:3] in PERSONNEL_CLASSES else "公用经费"

    def row(code: str, name: str, level: int, value: Decimal) -> EconomicRow:
        group = group_of(code)
        personnel = value if group == "人员经费" else ZERO
        return EconomicRow(code, name, level, group, wan(value), wan(personnel), wan(value - personnel))

    rows = []
    for entry in sorted(catalogue.entries.values(), key=lambda e: e.order):
        value = class_sums.get(entry.code, ZERO) if entry.level == 1 else amounts.get(entry.code, ZERO)
        rows.append(row(entry.code, entry.name, entry.level, value))
    for code in sorted(c for c in amounts if catalogue.get(c) is None):
        rows.append(row(code, names.get(code) or code, 2, amounts[code]))

    personnel = controls.get("人员经费", sum((v for c, v in class_sums.items() if c in PERSONNEL_CLASSES), ZERO))
    public = controls.get("公用经费", sum((v for c, v in class_sums.items() if c not in PERSONNEL_CLASSES), ZERO))
    nonzero = sorted(c for c, v in amounts.items() if v != 0)

    def name(code: str) -> str:
        return catalogue.name(code) or names.get(code) or code

    return BasicFacts(
        total=wan(personnel + public),
        personnel=wan(personnel),
        public=wan(public),
        personnel_items=[name(c) for c in nonzero if c[:3] in PERSONNEL_CLASSES],
        public_items=[name(c) for c in nonzero if c[:3] not in PERSONNEL_CLASSES],
        rows=rows,
    )


def procurement_facts(goods: tuple[Decimal, Decimal, Decimal], works: tuple[Decimal, Decimal, Decimal],
                      services: tuple[Decimal, Decimal, Decimal], reserved: Mapping[str, Decimal],
                      system_total: Decimal | None = None) -> ProcurementFacts:
    """Each kind as (amount, 授予中小企业, 授予小微企业); `reserved`: the 预留 figures some documents state;
    `system_total`: the total as the system printed it (a 万元 file's kinds may not add up to it)."""
    kinds = (goods, works, services)
    total = system_total if system_total is not None else sum((k[0] for k in kinds), ZERO)
    sme = sum((k[1] for k in kinds), ZERO)
    small = sum((k[2] for k in kinds), ZERO)
    return ProcurementFacts(
        total=wan(total), goods=wan(goods[0]), works=wan(works[0]), services=wan(services[0]),
        sme=wan(sme), sme_share=pct(sme, total),
        small_micro=wan(small), small_micro_share_of_sme=pct(small, sme), small_micro_share_of_total=pct(small, total),
        goods_sme_share=pct(goods[1], goods[0]),
        works_sme_share=pct(works[1], works[0]),
        services_sme_share=pct(services[1], services[0]),
        sme_reserved=wan(reserved.get("sme_reserved", ZERO)),
        small_micro_reserved=wan(reserved.get("small_micro_reserved", ZERO)),
        sme_awarded_reserved=wan(reserved.get("sme_awarded_reserved", ZERO)),
        small_micro_awarded_reserved=wan(reserved.get("small_micro_awarded_reserved", ZERO)),
        sme_awarded_other=wan(reserved.get("sme_awarded_other", ZERO)),
    )


def asset_facts(vehicles: Mapping[str, int], equipment: int) -> AssetFacts:
    return AssetFacts(sum(vehicles.values()), dict(vehicles), equipment)
