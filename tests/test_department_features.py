"""A department the generator has never seen (issue 11): every capability through the CLI, read back
from the DOCX and the PDF.

One variant of the constructed national example exercises them together: prior-year figures given
one by one, per-component comparisons, 机关运行经费 against its budget, department-level performance
sentences and the complete self-evaluation table, the department's own glossary, an omitted part and
an added paragraph, a 万元 control total within rounding, and a code the catalogue lacks with its names.
Expected figures are computed here from the input with Decimal arithmetic (half-up), independently of
the generator.
"""

from __future__ import annotations

import copy
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from .conftest import DATA, raw_input, run_cli, write_yaml
from .documents import compact, docx_table_after, docx_text, pdf_text

EXAMPLE = DATA / "example-national-2022-juesuan.yaml"
NAME = "示例市数据资源管理局-2022-决算"
D0 = Decimal(0)


def q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def money(value: Decimal) -> str:
    """The national profile's narrative money: 2 decimals, trailing zeros dropped."""
    text = f"{q(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def pct(part: Decimal, whole: Decimal) -> str:
    return money(part * 100 / whole) + "%"


def sum_lines(raw: dict[str, Any], side: str, key: str) -> Decimal:
    return sum((Decimal(str(line.get(side, {}).get(key, 0))) for unit in raw["预算单位"] for line in unit["收入支出"]),
               D0)


def variant() -> dict[str, Any]:
    raw = raw_input(EXAMPLE)
    prior = raw["上年"]
    # 1. prior-year figures one by one: the fiscal totals and last year's 因公出国 are unknown
    del prior["财政拨款收入总计"], prior["财政拨款支出总计"]
    del raw["三公经费"]["因公出国"]["上年决算"]
    # 2. per-component comparisons, with their reasons
    prior["支出"] = {"基本支出": Decimal("2401.20"), "项目支出": Decimal("3934.22")}
    prior["收入"] = {"事业收入": Decimal("332.95")}  # unchanged
    raw["说明"]["分项变动原因"] = {"基本支出": "年中新增编制内人员6名", "项目支出": "城市大脑一期建设完工"}
    # 4. performance as departments publish it
    perf = raw["绩效"]
    perf["财政评价"] = [{"项目名称": "数据开放平台建设项目", "一般公共预算支出": Decimal("320.50"), "得分": 91,
                     "评价机构": "示例市财政局"}]
    perf["转移支付说明"] = "本部门无中央对地方转移支付项目。"
    perf["自评综述"] = "各项目总体完成年度绩效目标。"
    perf["自评结果"].append({"预算单位": "示例市数据资源管理局（本级）", "项目名称": "数据开放平台运维项目",
                           "自评得分": 100, "自评结论": "优"})
    perf["自评表"].append({
        "项目名称": "数据开放平台运维项目", "主管部门": "示例市数据资源管理局",
        "预算单位": "示例市数据资源管理局（本级）",
        "负责人及电话": "王某 0000-1234567",
        "资金": [{"资金来源": "年度资金总额", "年初预算数": 1200, "全年预算数": Decimal("1236.80"),
                "全年执行数": Decimal("1236.80"), "分值": Decimal("7.5"), "得分": Decimal("7.5")}],
        "预期目标": "公共数据开放平台全年稳定运行。", "实际完成情况": "平台全年稳定运行，开放数据集412个。",
        "指标": [{"一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "开放数据集数量", "指标值": "≥400个",
                "实际完成值": "412个", "权重": Decimal("92.5"), "得分": Decimal("92.5"),
                "偏差原因": "无偏差。改进措施：继续扩大开放范围。"}],
    })
    # 6. the department's own glossary and 项 explanation
    raw["名词解释"] = {"增加": [{"名词": "公共数据", "解释": "指各级行政机关在依法履职过程中获取的各类数据。"}],
                   "替换": {"事业收入": "指本部门所属测评中心开展测评服务取得的收入。"},
                   "删除": ["结余分配"]}
    raw["科目说明"] = {"2010301": "反映本部门机关的基本支出。"}
    # 7. an omitted part, an added paragraph
    raw["省略"] = ["第四部分 其他需要说明的情况"]
    raw["补充段落"] = {"政府采购支出说明": ["本部门2022年度政府购买服务支出1128.76万元。"]}
    # 9. a code the catalogue lacks, named by the department
    raw["科目名称"] = {"20188": "测试专项事务", "2018801": "测试专项支出"}
    raw["预算单位"][1]["收入支出"].append({  # a unit without control totals of its own
        "科目": "2018801", "收入": {"一般公共预算财政拨款": 10}, "支出": {"项目支出": 10},
        "财政拨款支出": {"一般公共预算": {"项目支出": 10}}})
    # 8. the financial system's 本年支出合计 is 0.01 off the sum of the rounded lines
    raw["核对数"] = {"本年支出合计": sum_lines(raw, "支出", "基本支出") + sum_lines(raw, "支出", "项目支出")
                     + Decimal("0.01")}
    return raw


RAW = variant()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("department")
    source = write_yaml(folder, RAW, "department.yaml")
    validated = run_cli("validate", source)
    generated = run_cli("generate", source, "-o", folder / "out")
    assert generated.returncode == 0, generated.stdout + generated.stderr
    docx, pdf = folder / "out" / f"{NAME}.docx", folder / "out" / f"{NAME}.pdf"
    return {"validate": validated.stdout, "docx": docx, "pdf": pdf,
            "texts": {"docx": compact(docx_text(docx)), "pdf": compact(pdf_text(pdf))}}


BOTH = pytest.mark.parametrize("kind", ["docx", "pdf"])


@BOTH
def test_prior_year_figures_one_by_one(out: dict[str, Any], kind: str) -> None:
    text = out["texts"][kind]
    assert "新设机构" not in text and "无上年对比数据" not in text
    # no fiscal prior: the sentence has no comparison (and no made-up one)
    assert re.search(r"财政拨款收、支总计均为[\d.]+万元。2022年度财政拨款收入中", text)
    # no 因公出国 prior: its share is printed, its comparison left out
    assert re.search(r"因公出国（境）费用支出决算为8.46万元，占[\d.]+%；公务用车", text)


def test_missing_prior_figures_are_warnings_that_never_suggest_zero(out: dict[str, Any]) -> None:
    report = out["validate"]
    assert "0 个错误" in report
    warnings = [line for line in report.splitlines() if "J-PRI-01" in line]
    assert any("财政拨款收入总计" in w for w in warnings) and any("三公经费" in w for w in warnings)
    assert "填 0" not in report and "填0" not in report


@BOTH
def test_per_component_comparisons(out: dict[str, Any], kind: str) -> None:
    text = out["texts"][kind]
    basic = sum_lines(RAW, "支出", "基本支出")
    total = RAW["核对数"]["本年支出合计"]  # the control total is the whole (point 8)
    base = RAW["上年"]["支出"]["基本支出"]
    assert (f"基本支出{money(basic)}万元，占本年支出{pct(basic, total)}，与2021年度相比，"
            f"增加{money(basic - base)}万元，增长{pct(basic - base, base)}，主要原因是：年中新增编制内人员6名") in text
    business = sum_lines(RAW, "收入", "事业收入")
    assert f"事业收入{money(business)}万元" in text and "与上年决算数一致" in text


@BOTH
def test_operating_cost_against_its_budget(out: dict[str, Any], kind: str) -> None:
    cost = RAW["机关运行经费"]
    budget, actual = Decimal(str(cost["年初预算"])), Decimal(str(cost["决算"]))
    assert (f"机关运行经费支出{money(actual)}万元，比年初预算数减少{money(budget - actual)}万元，"
            f"下降{pct(budget - actual, budget)}。主要原因是：{cost['差异原因']}") in out["texts"][kind]


@BOTH
def test_department_level_performance_sentences(out: dict[str, Any], kind: str) -> None:
    text = out["texts"][kind]
    assert "组织对“政务云服务租赁项目”1个项目开展了部门评价，涉及资金1236.8万元" in text
    assert "对“数据开放平台建设项目”1个项目开展了财政评价，涉及资金320.5万元" in text
    assert "本部门无中央对地方转移支付项目。" in text
    scores = [Decimal(str(r["自评得分"])) for r in RAW["绩效"]["自评结果"]]
    average = money(sum(scores, D0) / len(scores))
    assert (f"反映“城市大脑平台运维项目”、“政务云服务租赁项目”和“数据开放平台运维项目”3个项目绩效自评结果，"
            f"平均得分{average}分，其中：自评等次为“优”的2个、自评等次为“良”的1个") in text
    assert "2022年度项目绩效自评综述：各项目总体完成年度绩效目标。" in text
    # 92.5 + 7.5 is 100.0: printed as the profile says, 100分
    assert "“数据开放平台运维项目”项目自评得分100分" in text and "100.0分" not in text


def test_the_self_evaluation_table_is_complete(out: dict[str, Any]) -> None:
    tables = [t for t in Document(str(out["docx"])).tables if "数据开放平台运维项目" in t.rows[0].cells[1].text]
    assert len(tables) == 1
    cells = [[c.text for c in row.cells] for row in tables[0].rows]
    flat = [c for row in cells for c in row]
    for needle in ("王某 0000-1234567", "年初预算数", "分值", "执行率", "1200", "7.5", "100.00%",
                   "公共数据开放平台全年稳定运行。", "平台全年稳定运行，开放数据集412个。", "实际完成值",
                   "偏差原因分析及改进措施", "无偏差。改进措施：继续扩大开放范围。", "92.5"):
        assert needle in flat, needle
    total = next(row for row in cells if row[0] == "总分")
    assert total[6:8] == ["100.0", "100.0"] or total[6:8] == ["100", "100"]


def test_every_accepted_field_reaches_the_document() -> None:
    """Point 5: every field of the input model reaches the document, the facts or a documented list of
    check-only fields (walking the model, so a new field must be placed somewhere)."""
    from generator.model.juesuan import JuesuanInput
    from generator.model.yusuan import YusuanInput

    from .model_coverage import unreached

    assert unreached(JuesuanInput) == []
    assert unreached(YusuanInput) == []


@BOTH
def test_the_departments_glossary(out: dict[str, Any], kind: str) -> None:
    text = out["texts"][kind]
    assert "公共数据：指各级行政机关在依法履职过程中获取的各类数据。" in text
    assert "事业收入：指本部门所属测评中心开展测评服务取得的收入。" in text
    assert "结余分配：" not in text  # dropped from the glossary (the tables still have their 结余分配 rows)
    assert "行政运行（项）：反映本部门机关的基本支出。" in text


@BOTH
def test_omitted_part_renumbers_and_own_paragraph_is_added(out: dict[str, Any], kind: str) -> None:
    text = out["texts"][kind]
    assert "第四部分名词解释" in text and "其他需要说明的情况" not in text
    procurement = text.rindex("十一、政府采购支出说明")  # the heading, after its contents entry
    added = text.index("本部门2022年度政府购买服务支出1128.76万元。")
    assert procurement < added < text.index("十二、国有资产占用情况说明", procurement)


def test_numbered_items_are_separate_paragraphs(out: dict[str, Any]) -> None:
    paragraphs = [p.text for p in Document(str(out["docx"])).paragraphs]
    classes = [p for p in paragraphs if re.match(r"^\d+\. .+（类）支出", p)]
    assert len(classes) >= 5 and all(p.count("（类）支出") == 1 for p in classes)
    lines = pdf_text(out["pdf"]).splitlines()
    starts = [n for n, line in enumerate(lines) if re.match(r"^\d+\. .+（类）", line)]
    assert len(starts) >= 5  # each item starts a line of its own in the PDF too


@BOTH
def test_control_total_within_rounding_is_printed(out: dict[str, Any], kind: str) -> None:
    total = RAW["核对数"]["本年支出合计"]
    assert f"支出合计{money(total)}万元" in out["texts"][kind]
    assert "J-CTL-02" in out["validate"] and f"{q(total):,.2f}" in out["validate"]


def test_control_total_table_cell(out: dict[str, Any]) -> None:
    rows = docx_table_after(out["docx"], "公开03表")
    total = next(r for r in rows if r[1] == "合计")
    assert total[2] == f"{q(RAW['核对数']['本年支出合计']):.2f}"


def test_control_total_beyond_rounding_is_a_located_error(tmp_path: Path) -> None:
    raw = copy.deepcopy(RAW)
    raw["核对数"]["本年支出合计"] += 1
    result = run_cli("validate", write_yaml(tmp_path, raw))
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "J-CTL-01" in line)
    assert "核对数.本年支出合计（第" in line and "超出四舍五入" in line


@BOTH
def test_a_code_outside_the_catalogue_with_its_names(out: dict[str, Any], kind: str) -> None:
    text = out["texts"][kind]
    assert "一般公共服务支出（类）测试专项事务（款）测试专项支出（项）" in text
    assert "J-CAT-05" in out["validate"] and "20188" in out["validate"]


def test_a_code_outside_the_catalogue_without_a_name_is_refused(tmp_path: Path) -> None:
    raw = copy.deepcopy(RAW)
    del raw["科目名称"]["20188"]
    result = run_cli("validate", write_yaml(tmp_path, raw))
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "J-CAT-04" in line)
    assert "20188" in line and "收入支出" in line and "第" in line


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_rounding_residue_noted_by_a_profile_that_asks(tmp_path: Path, kind: str) -> None:
    """Point 11: parts of 1234.505 and 1000.005 万元 round to 1234.51 + 1000.01 = 2234.52, the whole to
    2234.51. A profile set to `note` says so under the sentence."""
    profile = tmp_path / "本局"
    profile.mkdir()
    (profile / "profile.yaml").write_text("name: 本局\nbased_on: juesuan-national\nrounding_residue: note\n",
                                          encoding="utf-8")
    raw = raw_input(Path(__file__).parent / "bad_inputs" / "_valid-juesuan.yaml")
    raw["版式"] = "./本局"
    line = raw["预算单位"][0]["收入支出"][0]
    line["收入"] = {"一般公共预算财政拨款": 22345100}
    line["支出"] = {"基本支出": 12345050, "项目支出": 10000050}
    line["财政拨款支出"] = {"一般公共预算": {"基本支出": 12345050, "项目支出": 10000050}}
    raw["预算单位"][0]["基本支出经济分类"] = [{"科目": "30101", "金额": 12345050}]
    raw["年初预算"][0]["一般公共预算"] = 22345100
    source = write_yaml(tmp_path, raw)
    result = run_cli("generate", source, "-o", tmp_path / "out", "--format", kind, "--force")
    assert result.returncode == 0, result.stdout + result.stderr
    (document,) = (tmp_path / "out").glob(f"*.{kind}")
    text = compact(docx_text(document) if kind == "docx" else pdf_text(document))
    assert "基本支出1234.51万元" in text and "项目支出1000.01万元" in text and "支出合计2234.51万元" in text
    assert "因四舍五入，分项之和与合计可能存在尾差。" in text
