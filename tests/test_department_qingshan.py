"""A department the generator has never seen, typed as its finance office would (issue 11, the probe):
tests/fixtures/qingshan-jiaoyu-2023-juesuan.yaml, a county 教育局 for 2023 in the national layout with an
行政 unit and two 事业 units, amounts in 万元 with the finance system's control totals 0.01 off the summed
lines, every kind of income, 政府性基金, 三公 with 因公出国, prior-year figures missing for some parts,
机关运行经费 against its budget only, 政府采购, vehicles, 绩效 with a summary of twelve projects and two full
self-evaluation tables, codes the catalogue lacks, its own glossary entries and an added paragraph.

Every expected figure below was computed by hand from the fixture's facts (Decimal, half-up) and is written
out literally; none comes from the generator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document

from .conftest import raw_input, run_cli, write_yaml
from .documents import compact, docx_table_after, docx_text, pdf_text

FIXTURE = Path(__file__).parent / "fixtures" / "qingshan-jiaoyu-2023-juesuan.yaml"
NAME = "青山县教育局-2023-决算"
BOTH = pytest.mark.parametrize("kind", ["docx", "pdf"])


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("qingshan")
    validated = run_cli("validate", FIXTURE)
    generated = run_cli("generate", FIXTURE, "-o", folder)  # no --force
    assert generated.returncode == 0, generated.stdout + generated.stderr
    docx, pdf = folder / f"{NAME}.docx", folder / f"{NAME}.pdf"
    return {"validate": validated, "docx": docx, "pdf": pdf,
            "texts": {"docx": compact(docx_text(docx)), "pdf": compact(pdf_text(pdf))}}


def test_validates_without_errors_and_without_prior_year_noise(out: dict[str, Any]) -> None:
    report = out["validate"]
    assert report.returncode == 0, report.stdout
    assert "0 个错误" in report.stdout
    # the codes the catalogue lacks are warnings naming them; nothing else warns
    warnings = [line for line in report.stdout.splitlines() if "[警告" in line]
    assert len(warnings) == 3 and all("J-CAT-05" in w for w in warnings)
    assert all(any(code in w for w in warnings) for code in ("20503", "2050302", "2296003"))
    # each control total 0.01 off the lines is accepted as rounding, naming both numbers
    assert "系统数 4,697.70 万元 与按 16 行汇总的 4,697.69 万元 相差 0.01 万元" in report.stdout
    assert "系统数 1,873.39 万元 与按 23 行汇总的 1,873.38 万元" in report.stdout


@BOTH
def test_income_and_expense_with_per_component_comparisons(out: dict[str, Any], kind: str) -> None:
    text = out["texts"][kind]
    assert "新设机构" not in text and "无上年对比数据" not in text
    assert "2023年度收、支总计均为4754.65万元。与2022年度相比，收、支总计各增加234.35万元，增长5.18%。" in text
    assert "2023年度收入合计4714.65万元，与2022年度相比，增加234.35万元，增长5.23%" in text
    assert "财政拨款收入4197.65万元，占本年收入89.03%，与2022年度相比，增加237.15万元，增长5.99%" in text
    assert ("上级补助收入120万元，占本年收入2.55%，与2022年度相比，增加20万元，增长20%，"
            "主要原因是：市教育局下达职业教育专项补助增加") in text
    assert "事业收入329.1万元，占本年收入6.98%，与上年决算数一致" in text
    # 经营收入 and 附属单位上缴收入 have no prior figure: shares only, no comparison
    assert ("经营收入45.8万元，占本年收入0.97%；附属单位上缴收入12万元，占本年收入0.25%；"
            "其他收入10.1万元，占本年收入0.21%，与2022年度相比，减少2.3万元，下降18.55%") in text
    assert "2023年度支出合计4697.7万元，与2022年度相比，增加227.6万元，增长5.09%" in text
    assert ("基本支出2334.15万元，占本年支出49.69%，与2022年度相比，增加83.55万元，增长3.71%，"
            "主要原因是：职业技术学校新招聘教师12名，人员经费增加") in text
    assert "项目支出2321.25万元，占本年支出49.41%，与2022年度相比，增加141.25万元，增长6.48%" in text
    assert "经营支出42.3万元，占本年支出0.9%；" in text


@BOTH
def test_fiscal_and_general_budget(out: dict[str, Any], kind: str) -> None:
    text = out["texts"][kind]
    assert "财政拨款收、支总计均为4207.65万元。与2022年度相比，财政拨款收、支总计各增加227.15万元，增长5.71%" in text
    assert ("一般公共预算财政拨款支出4141.4万元，占本年支出合计的88.16%，与2022年度相比，"
            "一般公共预算财政拨款支出增加251.2万元，增长6.46%") in text
    for part in ("教育（类）支出3728.21万元，占90.02%", "社会保障和就业（类）支出218.18万元，占5.27%",
                 "卫生健康（类）支出71.06万元，占1.72%", "住房保障（类）支出123.94万元，占2.99%"):
        assert part in text, part
    assert ("年初预算为4110.2万元，支出决算为4141.4万元，完成年初预算的100.76%。"
            "其中：基本支出2190.75万元，项目支出1950.65万元") in text
    for item in ("行政运行（项）。年初预算为420万元，支出决算为412.36万元，完成年初预算的98.18%",
                 "一般行政管理事务（项）。年初预算为80万元，支出决算为90.25万元，完成年初预算的112.81%",
                 "教育支出（类）职业教育（款）中等职业教育（项）。年初预算为1560万元，支出决算为1580万元，"
                 "完成年初预算的101.28%",
                 "教师进修（项）。年初预算为390万元，支出决算为395.6万元，完成年初预算的101.44%",
                 "机关事业单位基本养老保险缴费支出（项）。年初预算为165万元，支出决算为168.98万元，"
                 "完成年初预算的102.41%",
                 "住房公积金（项）。年初预算为125万元，支出决算为123.94万元，决算数与年初预算数基本持平"):
        assert item in text, item
    assert "基本支出2190.75万元，其中：人员经费1873.39万元" in text and "公用经费317.36万元" in text
    assert ("年初结转和结余0万元，本年收入60万元，本年支出52万元（其中基本支出0万元，项目支出52万元），"
            "年末结转和结余8万元") in text


@BOTH
def test_sangong_with_the_reception_total_of_last_year(out: dict[str, Any], kind: str) -> None:
    text = out["texts"][kind]
    assert "“三公”经费财政拨款支出预算为24万元，支出决算为20.2万元，完成预算的84.17%" in text
    assert ("与2022年度相比，“三公”经费支出减少22.5万元，下降52.69%，"
            "主要原因是：2022年更新1辆公务用车，2023年未购置。") in text
    assert "因公出国（境）费用支出决算为3.6万元，占17.82%，与2022年度相比，增加3.6万元" in text
    assert "公务用车购置及运行维护费支出决算为14.8万元，占73.27%，与2022年度相比，减少25.8万元，下降63.55%" in text
    assert ("公务接待费支出决算为1.8万元，占8.91%，与2022年度相比，减少0.3万元，下降14.29%，"
            "主要原因是：接待批次减少") in text
    assert "公务用车运行维护费支出14.8万元，占73.27%，与2022年度相比，减少0.8万元，下降5.13%" in text


@BOTH
def test_operating_cost_procurement_assets(out: dict[str, Any], kind: str) -> None:
    text = out["texts"][kind]
    # no prior figure: compared with the budget only, nothing made up
    assert ("机关运行经费支出92.36万元，比年初预算数减少5.64万元，下降5.76%。"
            "主要原因是：压减会议费、差旅费等一般性支出。十一、政府采购支出说明") in text
    assert "政府采购支出总额405.7万元" in text
    assert "授予中小企业合同金额365.2万元，占政府采购支出总额的90.02%" in text
    assert "授予小微企业合同金额210万元，占授予中小企业合同金额的57.5%，占政府采购支出总额的51.76%" in text
    assert ("货物采购授予中小企业合同金额占货物支出金额的87.36%，"
            "服务采购授予中小企业合同金额占服务支出金额的100%。"
            "2023年度本部门政府购买服务支出85.20万元，主要用于学校安保和食堂食品安全检测。十二、") in text
    assert "共有车辆4辆" in text and "机要通信用车1辆、应急保障用车1辆" in text and "其他用车2辆" in text
    assert "设备（不含车辆）2台（套）" in text


@BOTH
def test_performance_counts_the_twelve_projects_it_evaluated(out: dict[str, Any], kind: str) -> None:
    """The summary says twelve projects were self-evaluated; two of them are tabled. The first sentence
    printed the number of tables (2) before the fix."""
    text = out["texts"][kind]
    assert "共涉及项目12个，资金1950.65万元，占一般公共预算项目支出总额的100%" in text
    assert "共涉及项目2个" not in text
    assert "组织对“义务教育学生营养改善计划”1个项目开展了部门评价，涉及资金1250万元" in text
    assert ("等12个项目绩效自评结果，涉及资金1950.65万元，其中：自评等次为“优”的10个、"
            "自评等次为“良”的2个") in text
    assert ("“中等职业教育实训基地建设项目”项目自评得分98.5分，自评结论为“优”。"
            "项目全年预算数为400万元，执行数为400万元，执行率为100%") in text
    assert "“中小学教师培训项目”项目自评得分98.8分，自评结论为“优”。项目全年预算数为229万元" in text
    assert "评价得分为91.5分，评价等次为“优”" in text


def test_self_evaluation_tables(out: dict[str, Any]) -> None:
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in Document(str(out["docx"])).tables
              if t.rows[0].cells[0].text == "项目名称"]
    assert len(tables) == 2
    first = [c for row in tables[0] for c in row]
    for needle in ("王某某 0570-1234567", "380", "400", "100.00%", "7.5", "6", "2023年10月底前",
                   "数控设备供货延迟。改进措施：合同中明确交货期和违约责任。",
                   "新建数控、电工电子等实训室4个，满足1,200名在校生实训需要。"):
        assert needle in first, needle
    totals = [next(row for row in t if row[0] == "总分") for t in tables]
    # merged cells repeat their text in python-docx: the distinct non-empty values after 总分
    assert [[c for c in dict.fromkeys(row) if c and c != "总分"] for row in totals] == [["100", "98.5"],
                                                                                     ["100", "98.8"]]


@BOTH
def test_the_departments_glossary_and_codes(out: dict[str, Any], kind: str) -> None:
    text = out["texts"][kind]
    assert ("（十七）义务教育学生营养改善计划："
            "指中央和地方财政为农村义务教育阶段学生提供营养膳食补助的民生项目。") in text
    assert "事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入，本部门主要是职业技术学校" in text
    assert "结余分配：" not in text
    assert "教育支出（类）职业教育（款）中等职业教育（项）：反映各部门举办的中等职业学校的支出。" in text
    assert ("其他支出（类）彩票公益金安排的支出（款）用于教育事业的彩票公益金支出（项）："
            "反映用彩票公益金安排的教育事业方面的支出。") in text


def test_tables_print_the_system_totals(out: dict[str, Any]) -> None:
    docx = out["docx"]
    total01 = [r for r in docx_table_after(docx, "公开01表") if r[0].strip() == "总计"]
    assert total01 and total01[-1][2] == "4754.65" and total01[-1][-1] == "4754.65"
    total03 = next(r for r in docx_table_after(docx, "公开03表") if r[1] == "合计")
    assert total03[2:5] == ["4697.70", "2334.15", "2321.25"]
    # the 205 row is the sum of its lines (the system's total is the department's)
    assert next(r for r in docx_table_after(docx, "公开03表") if r[0] == "205")[2] == "4232.51"
    total05 = next(r for r in docx_table_after(docx, "公开05表") if r[1] == "合计")
    assert total05[2:5] == ["4141.40", "2190.75", "1950.65"]
    rows06 = docx_table_after(docx, "公开06表")
    assert any("人员经费合计" in r[0] and "1873.39" in r for r in rows06)
    assert any("公用经费合计" in c for r in rows06 for c in r) and any("317.36" in r for r in rows06)
    row09 = next(r for r in docx_table_after(docx, "公开09表") if r[0] == "24.00")
    assert row09 == ["24.00", "5.00", "16.00", "0.00", "16.00", "3.00", "20.20", "3.60", "14.80", "0.00", "14.80",
                     "1.80"]


def test_a_missing_part_of_a_sangong_prior_is_named(tmp_path: Path) -> None:
    """Last year's 公务接待费 typed on 国内 only: the department has no 外事 block, so the total cannot be
    summed. The warning names the part that lacks its figure (not just the total) and never suggests 0."""
    raw = raw_input(FIXTURE)
    reception = raw["三公经费"]["公务接待"]
    reception["国内"]["上年决算"] = reception.pop("上年决算")
    result = run_cli("validate", write_yaml(tmp_path, raw))
    assert result.returncode == 0, result.stdout
    warnings = [line for line in result.stdout.splitlines() if "J-PRI-01" in line]
    assert len(warnings) == 2  # the 三公 total and the 公务接待 total the national wording compares
    assert all("三公经费.公务接待.外事.上年决算" in w for w in warnings)
    assert any("未填写“三公经费.上年决算”" in w for w in warnings)
    assert any("未填写“三公经费.公务接待.上年决算”" in w for w in warnings)
    assert "填 0" not in result.stdout and "填0" not in result.stdout



def test_validate_refuses_a_heading_that_generate_refuses(tmp_path: Path) -> None:
    """补充段落 under a heading the document does not have: validate said 0 errors while generate refused
    (the headings exist only once the template is rendered). Both now refuse it, the same way."""
    raw = raw_input(FIXTURE)
    raw["补充段落"]["政府采购情况说明"] = raw["补充段落"].pop("政府采购支出说明")
    source = write_yaml(tmp_path, raw)
    validated = run_cli("validate", source)
    generated = run_cli("generate", source, "-o", tmp_path / "out")
    for result in (validated, generated):
        assert result.returncode == 2, result.stdout + result.stderr
        message = result.stdout + result.stderr
        assert "补充段落：政府采购情况说明：文档中没有标题为“政府采购情况说明”的部分或小节" in message
        assert "政府采购支出说明" in message  # the headings there are
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_explanation_for_a_code_no_line_uses_is_a_warning(tmp_path: Path) -> None:
    """科目说明 typed under a mistyped code (2050320 for 2050302) used to vanish without a word; the
    document then printed no explanation for 中等职业教育 either."""
    raw = raw_input(FIXTURE)
    raw["科目说明"]["2050320"] = raw["科目说明"].pop("2050302")
    result = run_cli("validate", write_yaml(tmp_path, raw))
    assert result.returncode == 0, result.stdout
    line = next(line for line in result.stdout.splitlines() if "J-CAT-07" in line)
    assert "科目说明.2050320（第" in line and "不会印在名词解释中" in line
