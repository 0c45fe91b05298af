"""Each validation rule, broken on purpose: the example passes, one change makes the rule fire."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import check
from generator.validate import Report, rules_for

from .conftest import raw_input, write_yaml

Raw = dict[str, Any]


def unit(raw: Raw, i: int = 0) -> Raw:
    return raw["预算单位"][i]


def line(raw: Raw, code: str, u: int = 0) -> Raw:
    return next(ln for ln in unit(raw, u)["收入支出"] if ln["科目"] == code)


def _set_code(raw: Raw, code: str) -> None:
    line(raw, "2010301")["科目"] = code


def _dup(raw: Raw) -> None:
    unit(raw)["收入支出"].append(dict(line(raw, "2010301")))
    unit(raw)["收入支出"][-1] = {"科目": "2010301"}


def _unknown_named(raw: Raw) -> None:
    line(raw, "2010301")["科目"] = "2010398"
    line(raw, "2010398")["名称"] = "自定义事务"


def _unused_code_name(raw: Raw) -> None:
    raw["科目名称"] = {"2010398": "自定义事务"}  # no line uses 2010398: a mistyped code, its name printed nowhere


def _unused_code_glossary(raw: Raw) -> None:
    raw["科目说明"] = {"2010302": "反映一般行政管理事务支出。"}  # the example has no 2010302 line


def _income_off(raw: Raw) -> None:
    line(raw, "2010301")["收入"]["一般公共预算财政拨款"] += 100


def _fiscal_over(raw: Raw) -> None:
    line(raw, "2010301")["财政拨款支出"]["一般公共预算"]["基本支出"] += 100
    line(raw, "2010301")["收入"]["一般公共预算财政拨款"] += 100


def _economic_off(raw: Raw) -> None:
    unit(raw)["基本支出经济分类"][0]["金额"] += 1


def _control_off(raw: Raw) -> None:
    unit(raw)["核对数"]["基本支出"] += 1


def _reception_over(raw: Raw) -> None:
    rec = raw["三公经费"]["公务接待"]
    rec["国内"]["决算"] = rec["预算"] + 1
    rec["差异原因"] = ""


def _no_prior_abroad(raw: Raw) -> None:
    del raw["三公经费"]["因公出国"]["上年决算"]


def _operating_without_admin(raw: Raw) -> None:
    unit(raw)["性质"] = "事业"


def _operating_missing(raw: Raw) -> None:
    del raw["机关运行经费"]


def _sme_over(raw: Raw) -> None:
    raw["政府采购"]["货物"]["中小企业"] = raw["政府采购"]["货物"]["金额"] + 1


def _small_over(raw: Raw) -> None:
    raw["政府采购"]["服务"]["小微企业"] = raw["政府采购"]["服务"]["中小企业"] + 1


def _weights_off(raw: Raw) -> None:
    raw["绩效"]["自评表"][0]["指标"][0]["权重"] = 29


def _score_over_weight(raw: Raw) -> None:
    ind = raw["绩效"]["自评表"][1]["指标"][0]
    ind["得分"] = ind["权重"] + 1


def _grade_mismatch(raw: Raw) -> None:
    raw["绩效"]["部门评价"][0]["等次"] = "良"


def _coverage_over(raw: Raw) -> None:
    raw["绩效"]["自评覆盖资金"] += 100


def _no_item_reason(raw: Raw) -> None:
    del raw["年初预算"][0]["差异原因"]


def _no_budget_reason(raw: Raw) -> None:
    del raw["说明"]["年初预算差异原因"]


def _no_change_reason(raw: Raw) -> None:
    del raw["说明"]["收支总体变动原因"]


def _wrong_name(raw: Raw) -> None:
    raw["科目名称"] = {"201": "一般公共预算服务支出"}


def _economic_unknown(raw: Raw) -> None:
    unit(raw)["基本支出经济分类"][0]["科目"] = "30198"


def _unknown_component_reason(raw: Raw) -> None:
    raw["说明"]["分项变动原因"] = {"基本经费": "人员增加"}


def _glossary_drop_unknown(raw: Raw) -> None:
    raw["名词解释"] = {"删除": ["不存在的名词"]}


def _glossary_detail_without_slot(raw: Raw) -> None:
    raw["名词解释"] = {"补充": {"基本支出": "工资"}}


def _vehicle_kind_not_in_profile(raw: Raw) -> None:
    raw["版式"] = "juesuan-national"  # lists the national vehicle kinds
    raw["国有资产"]["车辆"] = {"一般公务用车": 2}


def _malformed_name_code(raw: Raw) -> None:
    raw["科目名称"] = {"2O1": "一般公共服务支出"}


def _kuan_unknown(raw: Raw) -> None:
    line(raw, "2010301")["科目"] = "2015701"


def _year_after_the_catalogues(raw: Raw) -> None:
    raw["年度"] = 2031  # read with the newest catalogue, and said so


def _unprinted_in_profile(raw: Raw) -> None:
    # juesuan-shanghai has no place for attachments (profile.yaml unprinted_inputs)
    raw["版式"] = "juesuan-shanghai"
    raw["附件"] = [{"标题": "项目绩效评价报告", "正文": ["评价结论为优"]}]


def _abroad_groups_missing(raw: Raw) -> None:
    raw["三公经费"]["因公出国"]["决算"] = 10000  # spent abroad, 团组 left at 0


def _problems_do_not_add_up(raw: Raw) -> None:
    raw["绩效"]["发现问题"] = {"发现": 3, "已整改": 1, "正在整改": 1}


def _expected_missing(raw: Raw) -> None:
    # juesuan-shanghai's 预算绩效管理情况 needs the performance management systems (profile.yaml expected_inputs)
    raw["版式"] = "juesuan-shanghai"
    raw["绩效"].pop("管理制度", None)


def _awards_do_not_add_up(raw: Raw) -> None:
    raw["政府采购"]["预留项目中小企业中标"] = 1000000  # the kinds give 1,081,700 + 1,512,900 to SMEs


CASES: list[tuple[str, str, Callable[[Raw], None]]] = [
    ("J-CAT-01", "error", lambda r: _set_code(r, "20103")),
    ("J-DUP-01", "error", _dup),
    ("J-CAT-05", "warning", _unknown_named),
    ("J-CAT-02", "error", lambda r: _set_code(r, "2010398")),
    ("J-CAT-03", "warning", _wrong_name),
    ("J-CAT-04", "error", _kuan_unknown),
    ("J-ECO-01", "error", _economic_unknown),
    ("J-BAL-01", "error", _income_off),
    ("J-FIS-01", "error", _income_off),
    ("J-FIS-02", "error", _fiscal_over),
    ("J-ECO-02", "error", _economic_off),
    ("J-CTL-01", "error", _control_off),
    ("J-SG-01", "warning", _reception_over),
    ("J-PRI-01", "warning", _no_prior_abroad),
    ("J-OPC-01", "warning", _operating_without_admin),
    ("J-OPC-01", "warning", _operating_missing),
    ("J-PRC-01", "error", _sme_over),
    ("J-PRC-02", "error", _small_over),
    ("J-PRF-01", "error", _weights_off),
    ("J-PRF-02", "error", _score_over_weight),
    ("J-PRF-03", "error", _grade_mismatch),
    ("J-PRF-04", "error", _coverage_over),
    ("J-RSN-01", "warning", _no_item_reason),
    ("J-RSN-02", "warning", _no_budget_reason),
    ("J-RSN-03", "warning", _no_change_reason),
    ("J-RSN-04", "error", _unknown_component_reason),
    ("J-GLO-01", "error", _glossary_drop_unknown),
    ("J-GLO-02", "error", _glossary_detail_without_slot),
    ("J-AST-01", "info", _vehicle_kind_not_in_profile),
    ("J-CAT-06", "error", _malformed_name_code),
    ("J-CAT-07", "warning", _unused_code_name),
    ("J-CAT-07", "warning", _unused_code_glossary),
    ("J-CAT-08", "warning", _year_after_the_catalogues),
    ("J-USE-01", "warning", _unprinted_in_profile),
    ("J-SG-02", "warning", _abroad_groups_missing),
    ("J-PRF-06", "warning", _problems_do_not_add_up),
    ("J-USE-02", "warning", _expected_missing),
    ("J-PRC-03", "warning", _awards_do_not_add_up),
]


def report_for(raw: Raw, tmp_path: Path) -> Report:
    return check(write_yaml(tmp_path, raw))[2]


def test_the_example_is_clean(tmp_path: Path) -> None:
    report = report_for(raw_input(), tmp_path)
    assert report.findings == []


@pytest.mark.parametrize(("rule_id", "severity", "breaker"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule_fires(rule_id: str, severity: str, breaker: Callable[[Raw], None], tmp_path: Path) -> None:
    raw = raw_input()
    breaker(raw)
    report = report_for(raw, tmp_path)
    hits = [f for f in report.findings if f.rule == rule_id and f.severity == severity]
    assert hits, report.render()
    finding = hits[0]
    # A finding says where (a YAML path with its line) and what, in Chinese.
    assert finding.location and finding.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in finding.message)


def test_every_registered_rule_has_a_breaking_case() -> None:
    assert {r.id for r in rules_for("决算")} <= {c[0] for c in CASES}


def test_finding_location_has_the_line(tmp_path: Path) -> None:
    raw = raw_input()
    _sme_over(raw)
    finding = next(f for f in report_for(raw, tmp_path).findings if f.rule == "J-PRC-01")
    assert finding.location.startswith("政府采购.货物.中小企业（第 ")
    # amounts are shown in the file's unit (元) so the person finds what they typed
    assert finding.expected == "不超过 1,116,200.00 元"
    assert finding.actual == "1,116,201.00 元"


def test_warning_names_code_catalogue_name_and_given_name(tmp_path: Path) -> None:
    raw = raw_input()
    _wrong_name(raw)
    finding = next(f for f in report_for(raw, tmp_path).findings if f.rule == "J-CAT-03")
    assert "201" in finding.message
    assert finding.expected == "一般公共服务支出"
    assert finding.actual == "一般公共预算服务支出"
