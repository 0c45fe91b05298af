"""Each budget validation rule, broken on purpose on the Shaoxing example."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import check
from generator.validate import rules_for

from .conftest import DATA, raw_input, write_yaml

SHAOXING = DATA / "shaoxing-xinfang-2021-yusuan.yaml"
Raw = dict[str, Any]


def _line(raw: Raw, code: str, u: int = 0) -> Raw:
    return next(ln for ln in raw["预算单位"][u]["收支"] if ln["科目"] == code)


def _economic_off(raw: Raw) -> None:
    raw["预算单位"][0]["基本支出经济分类"][0]["金额"] += 1


def _project_over(raw: Raw) -> None:
    raw["项目"][0]["资金"]["一般公共预算"] += 100


def _project_short(raw: Raw) -> None:
    raw["项目"][0]["资金"]["一般公共预算"] -= 100


def _project_unit(raw: Raw) -> None:
    raw["项目"][0]["单位"] = "不存在的单位"


def _weights(raw: Raw) -> None:
    raw["项目"][0]["绩效指标"][0]["权重"] += 5


def _reserve(raw: Raw) -> None:
    raw["政府采购"]["面向中小企业预留"] = raw["政府采购"]["服务"] * 2


def _small(raw: Raw) -> None:
    raw["政府采购"]["面向中小企业预留"] = 100
    raw["政府采购"]["预留小微企业"] = 200


def _no_admin(raw: Raw) -> None:
    for unit in raw["预算单位"]:
        unit["性质"] = "事业"


def _no_prior(raw: Raw) -> None:
    raw["上年"].pop("一般公共预算拨款", None)
    raw["上年"].pop("财政拨款支出", None)


def _bad_code(raw: Raw) -> None:
    _line(raw, "2010301")["科目"] = "201030"


def _dup(raw: Raw) -> None:
    raw["预算单位"][0]["收支"].append({"科目": "2010301", "人员经费": 1})


def _name(raw: Raw) -> None:
    raw["科目名称"] = {"201": "一般公共预算服务支出"}


def _unused_glossary(raw: Raw) -> None:
    raw["科目说明"] = {"2010302": "反映一般行政管理事务支出。"}  # the example has no 2010302 line


def _eco_code(raw: Raw) -> None:
    raw["预算单位"][0]["基本支出经济分类"][0]["科目"] = "301"


def _next_year(raw: Raw) -> None:
    raw["年度"] = 2031  # a budget written before a release bundles that year's catalogue


CASES: list[tuple[str, str, Callable[[Raw], None]]] = [
    ("J-CAT-01", "error", _bad_code),
    ("J-DUP-01", "error", _dup),
    ("J-CAT-03", "warning", _name),
    ("J-CAT-07", "warning", _unused_glossary),
    ("J-CAT-08", "warning", _next_year),
    ("J-ECO-01", "error", _eco_code),
    ("Y-ECO-02", "error", _economic_off),
    ("Y-PRJ-01", "error", _project_unit),
    ("Y-PRJ-02", "error", _project_over),
    ("Y-PRJ-02", "warning", _project_short),
    ("Y-PRJ-03", "error", _weights),
    ("Y-PRC-01", "error", _reserve),
    ("Y-PRC-02", "error", _small),
    ("Y-OPC-01", "warning", _no_admin),
    ("Y-PRI-01", "warning", _no_prior),
]


def test_the_example_is_clean(tmp_path: Path) -> None:
    assert check(write_yaml(tmp_path, raw_input(SHAOXING)))[2].findings == []


@pytest.mark.parametrize(("rule_id", "severity", "breaker"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_budget_rule_fires(rule_id: str, severity: str, breaker: Callable[[Raw], None], tmp_path: Path) -> None:
    raw = raw_input(SHAOXING)
    breaker(raw)
    report = check(write_yaml(tmp_path, raw))[2]
    hits = [f for f in report.findings if f.rule == rule_id and f.severity == severity]
    assert hits, report.render()
    assert hits[0].location and any("\u4e00" <= ch <= "\u9fff" for ch in hits[0].message)


def test_every_budget_rule_has_a_breaking_case() -> None:
    shared = {"J-CAT-01", "J-CAT-03", "J-ECO-01", "J-GLO-01", "J-AST-01", "J-USE-01",
              "J-USE-02"}  # broken in test_validate_rules
    assert {r.id for r in rules_for("预算")} - shared <= {c[0] for c in CASES}
