"""上海市普陀区财政局 2024 年度部门决算 (shared/references), profile juesuan-shanghai, read back from DOCX and PDF.

Every expected string below is typed from the published document (putuo-caizhengju-2024-juesuan.pdf), not
produced by the code. Where the published document contradicts its own tables, the test asserts the consistent
figure and names the published mistake in a comment (the input file says the same next to the value).
Amounts in sentences follow the profile's format (trailing zeros dropped: the document itself writes both
“6.2万元” and “10.00 万元”); table cells are as published (2,946.25).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document

from .conftest import DATA, run_cli
from .documents import compact, docx_tables, docx_text, office_pdf, pdf_text

PUTUO = DATA / "putuo-caizhengju-2024-juesuan.yaml"
NAME = "上海市普陀区财政局-2024-决算"
TITLES = ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
          "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
          "国有资本经营预算财政拨款收入支出决算表"]

# 第三部分 情况说明: the figures the document computes (totals, shares, changes, completion rates, counts).
SENTENCES = [
    # 一、收入支出决算总体情况说明
    "上海市普陀区财政局2024年度收入支出总计2995.39万元",
    "与2023年度相比，收入支出总计减少56.95万元，下降1.87%",
    # 二、收入决算情况说明
    "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%",
    # 三、支出决算情况说明
    "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%",
    # 四、published: “财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出总计持平” — its own 财政拨款收入支出
    # 决算总表 prints 总计 2,961.68, and 持平 is impossible (2023 一般公共预算财政拨款支出 was 3,003.19); the prior
    # figure is unknown, so the sentence has no comparison.
    "上海市普陀区财政局2024年度财政拨款收入支出总计2961.68万元。",
    # 五（一）
    "一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%",
    "与2023年度相比，一般公共预算财政拨款支出减少63.14万元，下降2.10%",
    # 五（二）published “一般公共服务支出（类）2106.66万元，占71.73%”: 2106.66 / 2940.05 = 71.65%.
    "一般公共服务支出（类）2106.66万元，占71.65%",
    # published “326.72万元” (the sum of its four 项); the 类 total of the two summary tables and the one consistent
    # with 本年支出合计 2,940.05 is 326.71 (the share rounds to 11.11% either way).
    "社会保障和就业支出（类）326.71万元，占11.11%",
    "卫生健康支出（类）60.99万元，占2.07%",
    "住房保障支出（类）445.69万元，占15.16%",
    # 五（三）published 年初预算 2993.92 while its 11 项 add up to 2993.93: 2993.92 is the system figure.
    "年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%",
    "行政运行（项）。主要用于：局本部人员经费及公用经费等的基本支出。年初预算为1560.05万元，支出决算为1511.89万元",
    "一般行政管理事务（项）。主要用于：局财政业务指导与宣传等基本支出。年初预算为10万元，支出决算为10万元",
    "信息化建设（项）。主要用于：信息化系统日常维护费等支出。年初预算为135.9万元，支出决算为135.25万元",
    "财政委托业务支出（项）。主要用于：委托中介机构开展各类审计及绩效评价工作。年初预算为450.52万元，"
    "支出决算为449.52万元",
    "行政单位离退休（项）。主要用于：退休人员经费支出。年初预算为85.55万元，支出决算为84.65万元",
    "机关事业单位基本养老保险缴费支出（项）。主要用于：在职人员的基本养老保险支出。年初预算为161.62万元，"
    "支出决算为160.75万元",
    "机关事业单位职业年金缴费支出（项）。主要用于：在职人员的职业年金缴费支出。年初预算为80.81万元，"
    "支出决算为80.38万元",
    "其他行政事业单位养老支出（项）。主要用于：退休人员经费支出。年初预算为0.94万元，支出决算为0.94万元",
    "行政单位医疗（项）。主要用于：在职人员基本医疗保险费。年初预算为62.29万元，支出决算为60.99万元",
    "住房公积金（项）。主要用于：缴纳在职人员住房公积金。年初预算为187.75万元，支出决算为187.19万元",
    "购房补贴（项）。主要用于：缴纳在职人员住房购房补贴。年初预算为258.5万元，支出决算为258.5万元",
    # 六（published “……退休费、个人农业生产补贴”: the 0.31 of its own table is in the 30309 奖励金 row）
    "一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2152.26万元",
    "其他工资福利支出、退休费、奖励金；公用经费184.65万元",
    # 七 published “完成预算的0%” beside its own two-decimal percentages (100.00%, 1.40%); also “因公出国（境）费
    # 决算为0.00万元，完成预算的0%” for an item without budget (0 / 0): no rate is given there.
    "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0万元，完成预算的0.00%",
    "公务接待费支出决算为0万元，完成预算的0.00%",
    "2024年度“三公”经费财政拨款支出决算数与2023年度持平",
    "因公出国（境）费支出决算持平；公务用车购置及运行维护费支出决算持平；公务接待费支出决算持平",
    # 十、预算绩效管理情况
    "编报绩效目标的2024年度项目4个，涉及预算金额598.42万元",
    "绩效跟踪评价的2024年度项目4个，涉及预算金额598.42万元",
    "绩效自评的2024年度项目4个，涉及预算金额598.42万元，平均得分99.43分",
    "绩效评级为“优”的项目4个；绩效评级为“良”的项目0个；绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个",
    "绩效自评中共发现问题0个，已经完成整改的0个，正在整改的0个",
    # 十一、其他重要事项的情况说明
    "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%",
    # published total 251.25 while 4.79 + 246.47 = 251.26: 251.25 is the system figure.
    "政府采购金额（以合同签订为准）为251.25万元，其中：货物采购金额4.79万元、工程采购金额0万元、服务采购金额246.47万元",
    "面向中小企业预留政府采购项目预算金额246.47万元，面向小微企业预留政府采购项目预算金额0万元",
    "在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额246.47万元",
    "在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额4.79万元",
    "共有车辆0辆，其中：部级领导干部用车0辆",
    "其他用车0辆。单价100万元（含）以上设备（不含车辆）2台（套）",
]

# 第二部分: rows of the 9 tables, as their non-empty cells, typed from the published tables.
ROWS: dict[str, list[list[str]]] = {
    "收入支出决算总表": [
        ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"],
        ["八、其他收入", "6.20", "八、社会保障和就业支出", "326.71"],
        ["九、卫生健康支出", "60.99"],
        ["十九、住房保障支出", "445.69"],
        ["二十四、债务还本支出"],
        ["二十五、债务付息支出"],
        ["二十六、抗疫特别国债安排的支出"],
        ["本年收入合计", "2,946.25", "本年支出合计", "2,940.05"],
        ["年初结转和结余", "49.14", "年末结转和结余", "55.34"],
        ["总计", "2,995.39", "总计", "2,995.39"],
    ],
    "收入决算表": [
        ["合计", "2,946.25", "2,940.05", "6.20"],
        ["201", "一般公共服务支出", "2,112.86", "2,106.66", "6.20"],
        ["201", "06", "财政事务", "2,112.86", "2,106.66", "6.20"],
        ["201", "06", "01", "行政运行", "1,511.90", "1,511.89", "0.01"],
        ["201", "06", "02", "一般行政管理事务", "16.19", "10.00", "6.19"],
        # published 326.72 here (= its four 项), 326.71 in the two summary tables: 326.71 adds up to 本年收入合计.
        ["208", "社会保障和就业支出", "326.71", "326.71"],
        ["208", "05", "行政事业单位养老支出", "326.71", "326.71"],
        ["210", "卫生健康支出", "60.99", "60.99"],
        ["221", "住房保障支出", "445.69", "445.69"],
        ["221", "02", "住房改革支出", "445.69", "445.69"],
    ],
    "支出决算表": [
        ["合计", "2,940.05", "2,336.91", "603.14"],
        ["201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
        ["201", "06", "财政事务", "2,106.66", "1,503.52", "603.14"],
        ["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37"],
        ["208", "社会保障和就业支出", "326.71", "326.71"],  # published 326.72
        ["208", "05", "行政事业单位养老支出", "326.71", "326.71"],  # published 326.72
        ["210", "11", "行政事业单位医疗", "60.99", "60.99"],
        ["221", "住房保障支出", "445.69", "445.69"],
    ],
    "财政拨款收入支出决算总表": [
        ["一、一般公共预算财政拨款", "2,940.05", "一、一般公共服务支出", "2,106.66", "2,106.66"],
        ["八、社会保障和就业支出", "326.71", "326.71"],
        ["九、卫生健康支出", "60.99", "60.99"],
        ["十九、住房保障支出", "445.69", "445.69"],
        ["本年收入合计", "2,940.05", "本年支出合计", "2,940.05", "2,940.05"],
        ["年初财政拨款结转和结余", "21.63", "年末财政拨款结转和结余", "21.63", "21.63"],
        ["一、一般公共预算财政拨款", "21.63"],
        ["总计", "2,961.68", "总计", "2,961.68", "2,961.68"],
    ],
    "一般公共预算财政拨款支出决算表": [
        ["201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
        ["201", "06", "财政事务", "2,106.66", "1,503.52", "603.14"],
        ["208", "社会保障和就业支出", "326.71", "326.71"],  # published 326.72
        ["208", "05", "行政事业单位养老支出", "326.71", "326.71"],  # published 326.72
        ["210", "卫生健康支出", "60.99", "60.99"],
        ["221", "住房保障支出", "445.69", "445.69"],
        ["221", "02", "住房改革支出", "445.69", "445.69"],
        ["合计", "2,940.05", "2,336.91", "603.14"],
    ],
    "一般公共预算财政拨款基本支出决算表": [
        ["301", "工资福利支出", "2,082.85", "302", "商品和服务支出", "171.07"],
        ["303", "对个人和家庭的补助", "69.41", "302", "15", "会议费"],
        ["303", "09", "奖励金", "0.31", "302", "29", "福利费", "42.77"],
        ["310", "资本性支出", "13.58"],
        ["310", "02", "办公设备购置", "13.58"],
        ["人员经费合计", "2,152.26", "公用经费合计", "184.65"],
    ],
    # only 公务接待费 had a budget: 预算数 of 合计 and of 公务接待费, every 决算数 empty
    "财政拨款“三公”经费支出决算表": [["0.95", "0.95"]],
    "政府性基金预算财政拨款收入支出决算表": [["合计"]],
    "国有资本经营预算财政拨款收入支出决算表": [["合计"]],
}


@pytest.fixture(scope="module")
def out(example_outputs: Callable[[Path], Path]) -> Path:
    return example_outputs(PUTUO)  # no --force: the file validates without errors


@pytest.fixture(scope="module")
def texts(out: Path) -> dict[str, str]:
    return {"docx": compact(docx_text(out / f"{NAME}.docx")), "pdf": compact(pdf_text(out / f"{NAME}.pdf"))}


def _docx_tables(path: Path) -> list[list[list[str]]]:
    """Each table's rows as their non-empty cells; a merged cell counts once."""
    tables = []
    for table in Document(str(path)).tables:
        rows = []
        for row in table.rows:
            seen: list[object] = []
            cells = []
            for cell in row.cells:
                if any(cell._tc is s for s in seen):
                    continue
                seen.append(cell._tc)
                if cell.text.strip():
                    cells.append(cell.text.strip())
            rows.append(cells)
        tables.append(rows)
    return tables


def _pdf_tables(path: Path) -> dict[str, list[list[str]]]:
    """Each table's lines (from its title line to its note) as whitespace-separated cells, from pdftotext -layout."""
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = [line.split() for line in text.splitlines()]
    tables: dict[str, list[list[str]]] = {}
    current: str | None = None
    for cells in lines:
        if len(cells) == 1 and cells[0] in TITLES:
            current = cells[0]
            tables[current] = []
        elif current is not None:
            tables[current].append(cells)
            if cells and cells[0].startswith("注："):
                current = None
    return tables


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_narrative_figures(texts: dict[str, str], suffix: str) -> None:
    text = texts[suffix]
    missing = [s for s in SENTENCES if s not in text]
    assert not missing, missing


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_published_mistakes_are_not_reproduced(texts: dict[str, str], suffix: str) -> None:
    text = texts[suffix]
    for wrong in ["0.3万元", "财政拨款收入支出总计持平", "71.73%", "326.72", "2993.93", "2,993.93", "251.26",
                  "退休费、个人农业生产补贴"]:
        assert wrong not in text, wrong
    # the three departments of the 单位构成 and the template's statements for the empty tables
    for needle in ["上海市普陀区财政局财政所预算不单列，并入本级", "上海市普陀区国库收付中心预算不单列，并入本级",
                   "说明：上海市普陀区财政局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。",
                   "说明：上海市普陀区财政局本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。",
                   "上海市普陀区财政局2024年度无“三公”经费财政拨款支出。"]:
        assert needle in text, needle


def test_docx_tables(out: Path) -> None:
    tables = _docx_tables(out / f"{NAME}.docx")
    assert len(tables) == 1 + len(TITLES)
    assert tables[0][1:] == [["1", "上海市普陀区财政局（本级）"],
                             ["2", "上海市普陀区财政局财政所", "预算不单列，并入本级"],
                             ["3", "上海市普陀区国库收付中心", "预算不单列，并入本级"]]
    for title, rows in zip(TITLES, tables[1:], strict=True):
        missing = [r for r in ROWS[title] if r not in rows]
        assert not missing, (title, missing)
    # the 收入支出决算总表 has one row per 类 of 2024 (26, 债务还本支出 and 债务付息支出 included)
    classes = [row[2] for row in docx_tables(out / f"{NAME}.docx")[1] if "、" in row[2]]
    assert len(classes) == 26 and classes[23:25] == ["二十四、债务还本支出", "二十五、债务付息支出"]


def test_pdf_tables(out: Path) -> None:
    tables = _pdf_tables(out / f"{NAME}.pdf")
    assert list(tables) == TITLES
    for title, rows in tables.items():
        missing = [r for r in ROWS[title] if r not in rows]
        assert not missing, (title, missing)


def test_validates_with_the_system_totals_as_rounding_only() -> None:
    result = run_cli("validate", str(PUTUO), "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == 0
    # the one figure the document really lacks: a usable 2023 财政拨款收入支出总计
    warnings = [f for f in report["findings"] if f["severity"] == "warning"]
    assert [(w["rule"], "财政拨款收入总计" in w["message"]) for w in warnings] == [("J-PRI-01", True)]
    accepted = {f["location"].split("（")[0]: (f["actual"], f["expected"]) for f in report["findings"]
                if f["rule"] == "J-CTL-02"}
    assert accepted["核对数.科目合计.208.本年支出合计"] == ("326.71 万元", "326.72 万元")
    assert accepted["核对数.年初预算"] == ("2,993.92 万元", "2,993.93 万元")
    assert accepted["核对数.政府采购总额"] == ("251.25 万元", "251.26 万元")
    assert accepted["核对数.经济分类.302"] == ("171.07 万元", "171.09 万元")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by `make test`")
def test_docx_opens_in_libreoffice(out: Path, tmp_path: Path) -> None:
    text = compact(pdf_text(office_pdf(out / f"{NAME}.docx", tmp_path)))
    for needle in ["2,995.39", "占71.65%", "完成年初预算的98.20%"]:
        assert needle in text, needle
