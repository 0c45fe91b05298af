"""A second department through juesuan-shanghai: 上海市浦江区教育局 (tests/fixtures, invented, facts only).

Issue 12 is checked against other departments' documents made from the same template. This one has what the
Putuo 财政局 lacks: several units (行政 and 事业, one “预算不单列，并入本级”), 上级补助, 事业, 经营 and 其他收入,
经营支出, carry-overs, 政府性基金 spending, all four “三公” items, 持平 against the prior year and the budget.
Every expected figure below was computed by hand from the file's facts (Decimal, ROUND_HALF_UP), not taken
from the program's output. The layout part checks the template's page structure: each part and each of the 9
tables starts a page of its own, and no page is left empty (in our PDF and in LibreOffice's rendering of the DOCX).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from docx import Document

from .conftest import ROOT, raw_input, run_cli, write_yaml
from .documents import compact, docx_text, office_pdf, pdf_text
from .pages import FOOTER, nearly_empty, page_texts

PUJIANG = ROOT / "tests" / "fixtures" / "pujiang-jiaoyuju-2024-juesuan.yaml"
NAME = "上海市浦江区教育局-2024-决算"
DEPT = "上海市浦江区教育局"

SENTENCES = [
    # 一、收入 6971.50 + 年初结转和结余 82.00 = 7053.50；上年 6800.20：+253.30，253.30 / 6800.20 = 3.72%
    f"{DEPT}2024年度收入支出总计7053.5万元。与2023年度相比，收入支出总计增加253.3万元，增长3.72%。"
    "主要原因：第一中学实验楼改造项目实施，教师培训规模扩大。",
    # 二、6331 / 6971.5 = 90.81%；40 → 0.57%；535 → 7.67%；48 → 0.69%；17.5 → 0.25%；附属单位上缴收入为 0，不列
    "本年收入合计6971.5万元，其中：财政拨款收入6331万元，占90.81%；上级补助收入40万元，占0.57%；事业收入535万元，"
    "占7.67%；经营收入48万元，占0.69%；其他收入17.5万元，占0.25%。",
    # 三、5121 / 6985 = 73.31%；1822 → 26.08%；42 → 0.60%
    "本年支出合计6985万元，其中：基本支出5121万元，占73.31%；项目支出1822万元，占26.08%；经营支出42万元，占0.60%。",
    # 四、6331 + 22 = 6353，上年 6353：持平，不写原因
    f"{DEPT}2024年度财政拨款收入支出总计6353万元。与2023年度相比，财政拨款收入支出总计持平。五、",
    # 五（一）6263 / 6985 = 89.66%；6410.35 − 6263 = 147.35，/ 6410.35 = 2.30%
    "一般公共预算财政拨款支出6263万元，占本年支出合计的89.66%。与2023年度相比，一般公共预算财政拨款支出减少147.35万元，"
    "下降2.30%。",
    # 五（二）5192 / 6263 = 82.90%；709.5 → 11.33%；129.5 → 2.07%；232 → 3.70%
    "主要用于以下方面：教育支出（类）5192万元，占82.90%；社会保障和就业支出（类）709.5万元，占11.33%；"
    "卫生健康支出（类）129.5万元，占2.07%；住房保障支出（类）232万元，占3.70%。",
    # 五（三）12 个项的年初预算相加 6245；6263 / 6245 = 100.29%
    "一般公共预算财政拨款支出年初预算为6245万元，支出决算为6263万元，完成年初预算的100.29%。决算数大于预算数的主要原因：",
    "1、教育支出（类）教育管理事务（款）行政运行（项）。主要用于：局机关人员经费和日常运转经费。年初预算为830万元，"
    "支出决算为820万元。决算数小于预算数的主要原因：年中人员退休，人员经费相应减少。",
    # 312 = 一般公共预算项目支出（含使用上年结转 12）
    "年初预算为300万元，支出决算为312万元。决算数大于预算数的主要原因：使用上年结转资金完成招生考试信息系统升级。",
    # 预决算持平：不说明原因
    "教师进修（项）。主要用于：教育学院人员经费及全区教师培训。年初预算为600万元，支出决算为600万元。"
    "决算数与预算数持平。6、",
    # 2080505：60 + 55 + 190 + 18 = 323；2080506：30 + 27.5 + 95 + 9 = 161.5；2101102：22 + 75 + 7.5 = 104.5
    "机关事业单位基本养老保险缴费支出（项）。主要用于：在职人员基本养老保险缴费。年初预算为330万元，支出决算为323万元。",
    "年初预算为165万元，支出决算为161.5万元。",
    "事业单位医疗（项）。主要用于：事业单位在职人员基本医疗保险缴费。年初预算为110万元，支出决算为104.5万元。",
    "12、住房保障支出（类）住房改革支出（款）住房公积金（项）。",
    # 六、人员经费 765 + 614.5 + 2965 + 166.5 = 4511；公用经费 265 + 50 + 235 + 60 = 610
    "一般公共预算财政拨款基本支出5121万元。其中：人员经费4511万元，主要包括：基本工资、津贴补贴、奖金、绩效工资、"
    "机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、住房公积金、其他工资福利支出、退休费、生活补助；"
    "公用经费610万元，主要包括：办公费、水费、电费、邮电费、物业管理费、差旅费、维修（护）费、培训费、公务接待费、"
    "工会经费、福利费、公务用车运行维护费、其他交通费用、其他商品和服务支出、办公设备购置。",
    # 七（一）预算 6 + 25 + 12 + 2 = 45；决算 4.8 + 35.1 + 1.2 = 41.1，41.1 / 45 = 91.33%；4.8 / 6 = 80.00%；
    # 35.1 / 37 = 94.86%；1.2 / 2 = 60.00%
    "“三公”经费财政拨款支出年初预算为45万元，支出决算为41.1万元，完成预算的91.33%，其中：因公出国（境）费决算为4.8万元，"
    "完成预算的80.00%；公务用车购置及运行维护费支出决算为35.1万元，完成预算的94.86%；公务接待费支出决算为1.2万元，"
    "完成预算的60.00%。2024年度“三公”经费支出决算数小于预算数的主要原因：厉行节约，严格控制公务用车运行和公务接待支出。",
    # 上年 3.5 + 11.2 + 1.2 = 15.9：+25.2，25.2 / 15.9 = 158.49%；1.3 / 3.5 = 37.14%；23.9 / 11.2 = 213.39%；
    # 公务接待费持平
    "2024年度“三公”经费财政拨款支出决算数比2023年度增加25.2万元，增长158.49%，其中：因公出国（境）费支出决算增加1.3万元，"
    "增长37.14%；公务用车购置及运行维护费支出决算增加23.9万元，增长213.39%；公务接待费支出决算持平。"
    "因公出国（境）费支出增加的主要原因是本年新增一个基础教育交流团组。"
    "公务用车购置及运行维护费支出增加的主要原因是按规定更新一辆超过使用年限的应急保障用车。（二）",
    # 七（二）4.8 / 41.1 = 11.68%；35.1 / 41.1 = 85.40%；1.2 / 41.1 = 2.92%
    "因公出国（境）费支出决算4.8万元，占11.68%；公务用车购置及运行维护费支出决算35.1万元，占85.40%；"
    "公务接待费支出决算1.2万元，占2.92%。",
    "全年安排因公出国（境）团组1个、累计3人次。",
    "公务用车购置支出为24.5万元。主要用于更新一辆超过使用年限的应急保障用车，共购置公务用车1辆。",
    "公务用车运行维护支出10.6万元。",
    f"2024年，{DEPT}所属各预算单位开支财政拨款的公务用车保有量为4辆。",
    # 国内 1.0 + 外宾 0.2；批次 12 + 1，人次 96 + 5
    "国内公务接待支出1.2万元（含外宾接待支出0.2万元）。主要用于接待外省市教育考察交流，共接待13批次、101人次，"
    "其中：接待外宾1批次、5人次。",
    # 八
    "政府性基金预算财政拨款收入80万元，支出85万元，支出具体情况如下：1、其他支出（类）彩票公益金安排的支出（款）"
    "用于教育事业的彩票公益金支出（项）。主要用于：资助家庭经济困难学生和更新校园体育设施。年初预算为90万元，"
    "支出决算为85万元。决算数小于预算数的主要原因：部分体育设施更新项目按合同进度支付。",
    # 九
    f"{DEPT}2024年度无国有资本经营预算财政拨款收入和支出。",
    # 十
    "本部门建立了如下预算绩效管理制度：浦江区教育局预算绩效管理办法、浦江区教育系统项目支出绩效评价实施细则，"
    "建立了“事前评估、事中监控、事后评价”全过程的预算绩效管理工作机制；全过程绩效管理实施情况：编报绩效目标的2024年度项目"
    "25个，涉及预算金额1142万元；绩效跟踪评价的2024年度项目8个，涉及预算金额620万元；绩效自评的2024年度项目25个，"
    "涉及预算金额1142万元，平均得分92.6分（其中，绩效评级为“优”的项目18个；绩效评级为“良”的项目6个；"
    "绩效评级为“合格”的项目1个；绩效评级为“不合格”的项目0个。绩效自评中共发现问题5个，已经完成整改的3个，"
    "正在整改的2个）。",
    # 十一（一）265，上年 265：持平
    "机关运行经费支出265万元，与2023年度持平。（二）",
    # 十一（二）120.5 + 300 + 210.3 = 630.8
    f"{DEPT}2024年度政府采购金额（以合同签订为准）为630.8万元，其中：货物采购金额120.5万元、工程采购金额300万元、"
    "服务采购金额210.3万元。",
    "面向中小企业预留政府采购项目预算金额450万元，面向小微企业预留政府采购项目预算金额250万元。",
    "在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额80万元。",
    # 十一（三）1 + 1 + 2 = 4
    f"截至2024年12月31日，{DEPT}共有车辆4辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车1辆、"
    "应急保障用车1辆、执法执勤用车0辆、特种专业技术用车2辆、离退休干部用车0辆、其他用车0辆。"
    "单价100万元（含）以上设备（不含车辆）3台（套）。",
    # 第四部分：本部门的收入内容
    "主要是：学费、培训费收入等。", "主要是：场地租赁收入等。", "主要是：利息收入等。",
    # 空表说明
    f"说明：{DEPT}本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。",
]

# Table rows (non-empty cells), summed by hand from the units' lines.
ROWS = [
    ["5", "上海市浦江区教育事务中心", "预算不单列，并入本级"],  # 第一部分 单位构成
    ["五、事业收入", "535.00", "五、教育支出", "5,829.00"],
    ["本年收入合计", "6,971.50", "本年支出合计", "6,985.00"],
    ["年初结转和结余", "82.00", "年末结转和结余", "68.50"],
    ["总计", "7,053.50", "总计", "7,053.50"],
    ["205", "教育支出", "5,820.50", "5,180.00", "40.00", "535.00", "48.00", "17.50"],
    ["205", "02", "99", "其他普通教育支出", "337.00", "180.00", "115.00", "42.00"],
    ["本年收入合计", "6,331.00", "本年支出合计", "6,348.00", "6,263.00", "85.00"],
    ["总计", "6,353.00", "总计", "6,353.00", "6,263.00", "90.00"],
    ["合计", "6,263.00", "5,121.00", "1,142.00"],
    ["人员经费合计", "4,511.00", "公用经费合计", "610.00"],
    ["45.00", "41.10", "6.00", "4.80", "37.00", "35.10", "25.00", "24.50", "12.00", "10.60", "2.00", "1.20"],
    ["229", "60", "04", "用于教育事业的彩票公益金支出", "10.00", "80.00", "85.00", "85.00", "5.00"],
]

# What the department does not have, or what the template's rules leave out.
ABSENT = ["附属单位上缴收入0", "上缴上级支出0", "对附属单位补助支出0", "持平。主要原因", "持平的主要原因",
          "公务接待费支出持平的主要原因", f"说明：{DEPT}本年度没有政府性基金", f"{DEPT}2024年度无政府性基金",
          "无“三公”经费财政拨款支出", "无机关运行经费支出", "XX", "……"]

# Each part and each table begins a page of its own (the template and the Putuo document).
PAGE_OPENERS = [f"第二部分{DEPT}2024年度部门决算表一、收入支出决算总表", "二、收入决算表", "三、支出决算表",
                "四、财政拨款收入支出决算总表", "五、一般公共预算财政拨款支出决算表",
                "六、一般公共预算财政拨款基本支出决算表", "七、财政拨款“三公”经费支出决算表",
                "八、政府性基金预算财政拨款收入支出决算表", "九、国有资本经营预算财政拨款收入支出决算表",
                f"第三部分{DEPT}2024年度部门决算情况说明", "第四部分名词解释"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pujiang")
    result = run_cli("generate", str(PUJIANG), "-o", str(folder))  # no --force
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.fixture(scope="module")
def texts(out: Path) -> dict[str, str]:
    return {"docx": compact(docx_text(out / f"{NAME}.docx")), "pdf": compact(pdf_text(out / f"{NAME}.pdf"))}


def test_validates_without_errors() -> None:
    result = run_cli("validate", str(PUJIANG), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == 0
    # the one warning is the code the 2024 catalogue lacks, named in the file
    assert [(f["rule"], "2296004" in f["message"]) for f in report["findings"] if f["severity"] == "warning"] \
        == [("J-CAT-05", True)]


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_narrative_figures(texts: dict[str, str], suffix: str) -> None:
    text = texts[suffix]
    missing = [s for s in SENTENCES if compact(s) not in text]
    assert not missing, missing
    present = [s for s in ABSENT if s in text]
    assert not present, present


def test_docx_tables(out: Path) -> None:
    rows = []
    for table in Document(str(out / f"{NAME}.docx")).tables:
        for row in table.rows:
            seen: list[object] = []
            cells = []
            for cell in row.cells:
                if not any(cell._tc is s for s in seen):
                    seen.append(cell._tc)
                    if cell.text.strip():
                        cells.append(cell.text.strip())
            rows.append(cells)
    missing = [r for r in ROWS if r not in rows]
    assert not missing, missing


def test_pdf_tables(out: Path) -> None:
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(out / f"{NAME}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in text.splitlines()]
    missing = [r for r in ROWS if r not in rows]
    assert not missing, missing


def _page_structure(pdf: Path) -> None:
    pages = [compact(FOOTER.sub("", page)) for page in page_texts(pdf)]
    for opener in PAGE_OPENERS:
        assert any(page.startswith(opener) for page in pages), opener
    assert not nearly_empty(page_texts(pdf))


def test_pdf_parts_and_tables_start_pages(out: Path) -> None:
    _page_structure(out / f"{NAME}.pdf")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by `make test`")
def test_docx_parts_and_tables_start_pages(out: Path, tmp_path: Path) -> None:
    """The DOCX as LibreOffice lays it out: the page break before a table that needs the other orientation
    is its new section, not an empty page before it."""
    _page_structure(office_pdf(out / f"{NAME}.docx", tmp_path))


def _texts(folder: Path) -> list[str]:
    return [compact(docx_text(folder / f"{NAME}.docx")), compact(pdf_text(folder / f"{NAME}.pdf"))]


def _findings(source: Path) -> list[dict[str, str]]:
    result = run_cli("validate", str(source), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    findings: list[dict[str, str]] = json.loads(result.stdout)["findings"]
    return findings


def _where(finding: dict[str, str]) -> str:
    return finding["location"].split("（")[0]


def test_fields_the_template_has_no_place_for_are_named(tmp_path: Path) -> None:
    """A reason per “三公” item, an attachment, “其他需要说明的情况”: the Shanghai template has no sentence for
    them. Validation says so (J-USE-01) instead of letting them vanish, and asks for the one reason the template
    prints when the “三公” total is over budget (J-SG-01 at 三公经费.差异原因, not at each item).
    Performance given only in part (its systems): the sentence says what it has, no “；。”."""
    raw = raw_input(PUJIANG)
    sangong = raw["三公经费"]
    del sangong["差异原因"]
    sangong["公务接待"]["国内"]["决算"] = Decimal("10.00")  # 4.8 + 35.1 + 10.2 = 50.1 > 45
    sangong["公务接待"]["差异原因"] = "承接全市教育工作现场会"
    raw["附件"] = [{"标题": "项目绩效评价报告", "正文": ["评价结论为优"]}]
    raw["说明"]["其他需要说明的情况"] = "本部门无其他需要说明的情况"
    raw["绩效"] = {"管理制度": ["浦江区教育局预算绩效管理办法"]}
    source = write_yaml(tmp_path, raw, "部门.yaml")
    findings = _findings(source)
    unprinted = [f for f in findings if f["rule"] == "J-USE-01"]
    assert sorted(map(_where, unprinted)) == ["三公经费.公务接待.差异原因", "说明.其他需要说明的情况", "附件"]
    assert all(f["severity"] == "warning" and "juesuan-shanghai" in f["message"] for f in unprinted)
    over = [f for f in findings if f["rule"] == "J-SG-01"]
    assert [_where(f) for f in over] == ["三公经费.差异原因"]
    assert (over[0]["expected"], over[0]["actual"]) == ("不超过 45.00 万元，或填写“三公经费.差异原因”", "50.10 万元")
    generated = run_cli("generate", str(source), "-o", str(tmp_path / "out"))
    assert generated.returncode == 0, generated.stdout + generated.stderr
    for text in _texts(tmp_path / "out"):
        # the total over budget: 50.1 / 45 = 111.33%; no reason was given for it, so none is printed
        assert "支出决算为50.1万元，完成预算的111.33%" in text
        assert "公务接待费支出决算为10.2万元，完成预算的510.00%" in text
        assert "“三公”经费支出决算数大于预算数" not in text
        for unprinted_text in ["承接全市教育工作现场会", "项目绩效评价报告", "本部门无其他需要说明的情况"]:
            assert unprinted_text not in text
        assert (f"{DEPT}2024年度预算绩效管理工作开展情况如下：本部门建立了如下预算绩效管理制度："
                "浦江区教育局预算绩效管理办法。十一、") in text


def test_missing_facts_leave_no_broken_sentence(tmp_path: Path) -> None:
    """What the department leaves out is named by validation, and the sentence that needs it goes without it:
    - a 项 without its reason: “年初预算为……，支出决算为……。” and no “主要原因：” followed by nothing
      (J-RSN-01, for the 政府性基金 项 as for the 一般公共预算 ones);
    - only last year's “三公” total known: the total is compared (41.1 − 15.9 = 25.2, 158.49%), no “其中：” is left
      open, and each item the template compares is named (J-PRI-01);
    - no performance facts at all: the heading of 十 stays, with no “开展情况如下：。” (J-USE-02 names the six);
    - money spent abroad with 团组 at 0: printed as typed, with a warning (J-SG-02)."""
    raw = raw_input(PUJIANG)
    for budget in raw["年初预算"]:
        if budget["科目"] in ("2050101", "2296004"):
            del budget["差异原因"]
    sangong = raw["三公经费"]
    vehicles = sangong["公务用车"]
    for item in (sangong["因公出国"], vehicles["购置"], vehicles["运行维护"], sangong["公务接待"]):
        del item["上年决算"]
    sangong["上年决算"] = Decimal("15.90")
    sangong["因公出国"]["团组"] = 0
    del raw["绩效"]
    source = write_yaml(tmp_path, raw, "部门.yaml")
    findings = _findings(source)
    by_rule: dict[str, list[dict[str, str]]] = {}
    for f in findings:
        by_rule.setdefault(f["rule"], []).append(f)
    assert sorted(f["message"].split()[1] for f in by_rule["J-RSN-01"]) == ["2050101", "2296004"]
    assert sorted(map(_where, by_rule["J-PRI-01"])) == ["三公经费.公务接待", "三公经费.公务用车", "三公经费.因公出国"]
    assert [(_where(f), f["expected"]) for f in by_rule["J-SG-02"]] \
        == [("三公经费.因公出国.团组", "大于 0（因公出国（境）费 4.80 万元）")]
    needed = [f["message"] for f in by_rule["J-USE-02"]]
    assert len(needed) == 6 and "“绩效.自评汇总”或“绩效.自评结果”" in needed[4]
    generated = run_cli("generate", str(source), "-o", str(tmp_path / "out"))  # warnings only: no --force
    assert generated.returncode == 0, generated.stdout + generated.stderr
    for text in _texts(tmp_path / "out"):
        assert "年初预算为830万元，支出决算为820万元。2、教育支出（类）" in text
        assert "年初预算为90万元，支出决算为85万元。九、国有资本经营预算财政拨款收入支出决算情况说明" in text
        assert "主要原因：2、" not in text and "主要原因：九、" not in text
        assert "2024年度“三公”经费财政拨款支出决算数比2023年度增加25.2万元，增长158.49%。（二）" in text
        assert "全年安排因公出国（境）团组0个、累计3人次" in text
        assert "十、预算绩效管理情况十一、其他重要事项的情况说明" in text
        assert "开展情况如下" not in text


def test_counts_that_do_not_add_up_are_warned(tmp_path: Path) -> None:
    """Grades that do not add up to the projects, problems that do not add up (J-PRF-06), SME awards counted by
    reservation that differ from those counted by kind (J-PRC-03): warnings, so that a published document
    transcribed with such a slip still generates."""
    raw = raw_input(PUJIANG)
    raw["绩效"]["自评汇总"]["等次"]["优"] = 17  # 17 + 6 + 1 = 24 of 25 projects
    raw["绩效"]["发现问题"]["已整改"] = 2  # 2 + 2 of 5
    raw["政府采购"]["其他项目中小企业中标"] = Decimal("90.00")  # 450 + 90 = 540; by kind 80 + 300 + 150 = 530
    found = {(f["rule"], _where(f), f["severity"], f["expected"], f["actual"])
             for f in _findings(write_yaml(tmp_path, raw, "部门.yaml")) if f["rule"] in ("J-PRF-06", "J-PRC-03")}
    assert found == {("J-PRF-06", "绩效.自评汇总.等次", "warning", "25", "24"),
                     ("J-PRF-06", "绩效.发现问题.发现", "warning", "4", "5"),
                     ("J-PRC-03", "政府采购.其他项目中小企业中标", "warning", "530.00 万元", "540.00 万元")}


def test_a_profile_naming_a_field_the_input_does_not_have_is_located(tmp_path: Path) -> None:
    profile = tmp_path / "本局版式"
    profile.mkdir()
    (profile / "profile.yaml").write_text("name: 本局版式\nbased_on: juesuan-shanghai\nunprinted_inputs:\n"
                                          "  - 附件\n  - 三公经费.公务接待.差异原由\nexpected_inputs:\n"
                                          "  - 绩效.自评汇总|绩效.自评结论\n", encoding="utf-8")
    result = run_cli("profile", "check", str(profile))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{profile / 'profile.yaml'}：unprinted_inputs第2项（第 5 行）" in result.stderr
    assert "“三公经费.公务接待.差异原由”不是决算输入文件中的字段" in result.stderr
    assert f"{profile / 'profile.yaml'}：expected_inputs第1项（第 7 行）" in result.stderr
    assert "“绩效.自评汇总|绩效.自评结论”不是决算输入文件中的字段" in result.stderr


def test_init_offers_only_what_the_template_prints(tmp_path: Path) -> None:
    """`gongkai init` for juesuan-shanghai leaves out the fields its template has no place for; the file of
    another profile still offers them."""
    shanghai, national = tmp_path / "上海.yaml", tmp_path / "全国.yaml"
    for profile, out in (("juesuan-shanghai", shanghai), ("juesuan-national", national)):
        result = run_cli("init", "--profile", profile, "--year", "2024", "-o", str(out))
        assert result.returncode == 0, result.stdout + result.stderr
    blank = yaml.safe_load(shanghai.read_text(encoding="utf-8"))
    assert "附件" not in blank and "科目说明" not in blank
    assert set(blank["三公经费"]["公务接待"]) == {"预算", "国内", "外事", "上年决算", "开支内容", "变动原因"}
    assert set(blank["三公经费"]["公务用车"]["购置"]) == {"预算", "决算", "上年决算", "开支内容", "购置数量"}
    # the template's reasons: one for the 三公 budget variance, one per item for the change on last year
    assert "差异原因" in blank["三公经费"] and "变动原因" not in blank["三公经费"]
    assert "变动原因" in blank["三公经费"]["公务用车"] and "差异原因" not in blank["三公经费"]["公务用车"]
    assert set(blank["机关运行经费"]) == {"决算", "上年决算", "变动原因"}
    assert {"部门评价", "财政评价", "自评覆盖资金"}.isdisjoint(blank["绩效"])
    assert {"管理制度", "工作机制", "绩效目标", "绩效跟踪", "自评汇总", "发现问题"} <= set(blank["绩效"])
    other = yaml.safe_load(national.read_text(encoding="utf-8"))
    assert "附件" in other and "差异原因" in other["三公经费"]["公务接待"]
