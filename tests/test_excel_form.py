"""The Excel input form as a finance officer meets it (issue 16): opened with openpyxl, recalculated
by LibreOffice, read back by gongkai."""

from __future__ import annotations

import json
import re
import subprocess
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pydantic import BaseModel

from generator.load.layout import _is_model, _unwrap, layout_for
from generator.model.juesuan import JuesuanInput
from generator.model.yusuan import YusuanInput

from .conftest import DATA, HANGZHOU, ROOT, raw_input, run_cli, write_yaml
from .documents import docx_text

EXAMPLES = sorted(DATA.glob("*.yaml"))
SHAOXING = DATA / "shaoxing-xinfang-2021-yusuan.yaml"
FIXTURES = Path(__file__).parent / "fixtures"
DATA_SHEETS_SKIP = {"填写说明", "核对", "科目目录", "经济分类"}


def _init(tmp_path: Path, profile: str, *extra: str, year: str = "2022") -> Path:
    target = tmp_path / f"{profile}.xlsx"
    result = run_cli("init", "--profile", profile, "--year", year, "--excel", "-o", target, *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def _export(tmp_path: Path, example: Path) -> Path:
    target = tmp_path / f"{example.stem}.xlsx"
    result = run_cli("export", example, "--excel", target)
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def _header_cells(ws: Any) -> list[Any]:
    """The cells of the header rows: everything above the frozen first data row."""
    first = ws[ws.freeze_panes].row if ws.freeze_panes else 2
    return [c for row in ws.iter_rows(max_row=first - 1) for c in row if c.value is not None]


def _facts(path: Path) -> dict[str, Any]:
    result = run_cli("facts", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# ---------------------------------------------------------------- what a person reads


@pytest.mark.parametrize("profile", ["juesuan-zhejiang", "yusuan-shanghai"])
def test_headers_are_chinese_with_units_and_no_dotted_paths(profile: str, tmp_path: Path) -> None:
    book = load_workbook(_init(tmp_path, profile, "--unit", "万元"))
    seen_units = 0
    for ws in book.worksheets:
        if ws.title in DATA_SHEETS_SKIP:
            continue
        assert "." not in ws.title
        cells = _header_cells(ws) if ws.title != "基本信息" else \
            [c for row in ws.iter_rows(max_col=2) for c in row if c.value is not None]
        assert cells, ws.title
        for cell in cells:
            assert "." not in str(cell.value), (ws.title, cell.coordinate, cell.value)
            assert not re.search(r"[A-Za-z]", str(cell.value)), (ws.title, cell.coordinate, cell.value)
            assert "序号" not in str(cell.value)  # records are tied by name, not by a position number
            seen_units += "（万元）" in str(cell.value)
            assert "（元）" not in str(cell.value)
    assert seen_units > 30
    if profile.startswith("juesuan"):
        lines = book["收入支出"]
        assert [lines["D1"].value, lines["D2"].value] == ["收入", "一般公共预算财政拨款（万元）"]  # two levels
        three = [lines["Q1"].value, lines["Q2"].value, lines["Q3"].value]
        assert three == ["财政拨款支出", "一般公共预算", "基本支出（万元）"]
        assert "D1:K1" in {str(r) for r in lines.merged_cells.ranges}  # 收入 spans its eight types


@pytest.mark.parametrize("model", [JuesuanInput, YusuanInput], ids=["决算", "预算"])
def test_every_model_field_has_a_description(model: type[BaseModel]) -> None:
    """The explanations in the form come from the model: a field without a description fails here."""
    missing: list[str] = []

    def walk(m: type[BaseModel], path: str) -> None:
        for name, info in m.model_fields.items():
            here = f"{path}.{info.alias or name}".strip(".")
            if not (info.description or "").strip():
                missing.append(here)
            annotation = _unwrap(info.annotation)
            for arg in [annotation, *typing.get_args(annotation)]:
                for inner in [_unwrap(arg), *(_unwrap(a) for a in typing.get_args(_unwrap(arg)))]:
                    if _is_model(inner) and inner is not m:
                        walk(inner, here)

    walk(model, "")
    assert not missing, missing


@pytest.mark.parametrize(("profile", "model"), [("juesuan-zhejiang", JuesuanInput), ("yusuan-zhejiang", YusuanInput)])
def test_every_input_field_has_an_explanation(profile: str, model: type[BaseModel], tmp_path: Path) -> None:
    book = load_workbook(_init(tmp_path, profile))
    layout = layout_for(model)
    kv = book["基本信息"]
    explained = {}
    group = None
    for row in kv.iter_rows(min_row=2):
        group = row[0].value or group
        explained[(group, str(row[1].value).rstrip(" *"))] = row[3].value
    for field in layout.kv:
        if field.internal:
            continue
        label = field.header("元").rstrip(" *")
        group = " · ".join(field.group) or "总体"
        note = explained.get((group, label))
        assert note and field.description in note, (group, label, note)
    for sheet in layout.sheets:
        ws = book[sheet.name]
        if sheet.kind in ("records", "dict"):
            # The note is on the lowest header cell of each column; columns follow the fields.
            header = _header_cells(ws)
            leaves = [max((c for c in header if c.column == n), key=lambda c: c.row)
                      for n in sorted({c.column for c in header})]
            fields = leaves[len(sheet.parents):]
            assert len(fields) == len(sheet.fields), sheet.name
            for cell, field in zip(fields, sheet.fields, strict=True):
                assert str(cell.value).rstrip(" *") == field.header("元").rstrip(" *")
                assert cell.comment is not None and field.description in cell.comment.text, (sheet.name, cell.value)
        first = ws.cell(1, 1)
        assert first.comment is not None and (sheet.description or sheet.alias) in first.comment.text
    help_text = "\n".join(str(c.value) for row in book["填写说明"].iter_rows() for c in row if c.value)
    for field in layout.kv:
        if not field.internal:
            assert field.description in help_text, field.path
    for sheet in layout.sheets:
        assert sheet.name in help_text
        for field in sheet.fields:
            assert field.description in help_text, (sheet.name, field.path)


def test_required_cells_marked_frozen_headers_formats_and_print_setup(tmp_path: Path) -> None:
    book = load_workbook(_export(tmp_path, HANGZHOU))
    lines = book["收入支出"]
    assert lines.freeze_panes == "D4"  # three header rows; 预算单位, 科目, 名称 stay in view
    code = lines["B1"]
    assert code.value == "科目 *" and code.font.color.rgb.endswith("C00000")
    assert lines.print_title_rows.replace("$", "") == "1:3" and lines.page_setup.orientation == "landscape"
    assert lines.column_dimensions["D"].number_format == "#,##0.00"
    assert lines.column_dimensions["D"].width >= 16
    assert lines["D4"].number_format.startswith("#,##0")
    kv = book["基本信息"]
    assert kv.freeze_panes == "C2"
    name = next(row for row in kv.iter_rows(min_row=2) if row[1].value == "名称 *")
    assert name[2].value == "中共杭州市委杭州市人民政府信访局"


def test_unit_and_code_dropdowns_and_the_self_filling_name(tmp_path: Path) -> None:
    book = load_workbook(_export(tmp_path, HANGZHOU))
    lines = book["收入支出"]
    rules = {str(dv.sqref): dv.formula1 for dv in lines.data_validations.dataValidation}
    assert rules["A4:A2004"] == "'预算单位'!$A$4:$A$2004"  # a unit chosen by its name
    assert rules["B4:B2004"].startswith("'科目目录'!$E$2:$E$")  # a 科目 chosen as “编码 名称”
    assert lines["A4"].value == "中共杭州市委杭州市人民政府信访局（本级）"
    assert lines["B4"].value == "2010301 行政运行"
    assert lines["C4"].value.startswith("=IF(B4=") and "VLOOKUP" in lines["C4"].value
    catalogue = {row[4].value for row in book["科目目录"].iter_rows(min_row=2)}
    assert "2010301 行政运行" in catalogue
    economic = book["基本支出经济分类"]
    eco_rules = {str(dv.sqref): dv.formula1 for dv in economic.data_validations.dataValidation}
    assert eco_rules["B2:B2002"].startswith("'经济分类'!$E$2")
    sheets = set(book.sheetnames)
    for ws in book.worksheets:  # every dropdown points at a sheet that exists
        for dv in ws.data_validations.dataValidation:
            target = re.match(r"'([^']+)'!", dv.formula1 or "")
            assert target is None or target.group(1) in sheets, (ws.title, dv.formula1)


def test_check_sheet_gives_the_facts_totals_after_libreoffice_recalculates(tmp_path: Path) -> None:
    """The 核对 sheet's formulas, computed by LibreOffice, equal gongkai's own totals; the recalculated
    workbook still reads to the same facts (LibreOffice keeps the form)."""
    sources = {HANGZHOU: _export(tmp_path, HANGZHOU), SHAOXING: _export(tmp_path, SHAOXING)}
    out = tmp_path / "recalculated"
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), *map(str, sources.values())],
                   check=True, capture_output=True, timeout=240)
    for example, workbook in sources.items():
        recalculated = out / workbook.name
        facts = {k: v["exact"] for k, v in _facts(example).items()}
        check = load_workbook(recalculated, data_only=True)["核对"]
        lines = [(str(row[0]), row[1:]) for row in check.iter_rows(values_only=True) if row[0]]
        rows = dict(reversed(lines))  # the first row of a label (合计 ends two blocks)
        sangong = [values for label, values in lines if label == "合计"][-1]

        def same(value: Any, exact: str) -> bool:  # 元 in the workbook, 万元 in the facts
            return abs(Decimal(str(value)) / 10000 - Decimal(exact)) < Decimal("0.000001")

        if example == HANGZHOU:
            for unit in ("中共杭州市委杭州市人民政府信访局（本级）", "杭州市信访事务保障中心"):
                income, expense, income_total, expense_total, difference, basic, economic, gap = rows[unit][:8]
                assert same(income, facts[f"units.{unit}.values.收入.合计"])
                assert same(expense, facts[f"units.{unit}.values.支出.合计"])
                assert difference == 0 and gap == 0 and basic == economic and income_total == expense_total
            assert same(rows["合计"][0], facts["income.total"]) and same(rows["合计"][1], facts["expense.total"])
            assert same(rows["201 一般公共服务支出"][1], facts["function_rows.201.支出.合计"])
            assert same(rows["210 卫生健康支出"][0], facts["function_rows.210.收入.合计"])
            assert same(sangong[1], facts["sangong.actual"]) and same(sangong[0], facts["sangong.budget"])
        else:
            for code in ("205001", "205002"):
                name = facts[f"units.{code}.name"]
                total, _basic, _economic, gap, sangong = rows[name][:5]
                assert same(total, facts[f"units.{code}.values.支出.合计"]) and gap == 0
                assert same(sangong, facts[f"units.{code}.values.三公.合计"])
            assert same(rows["221 住房保障支出"][0], facts["function_rows.221.支出.合计"])
        assert _facts(recalculated) == _facts(example)


# ---------------------------------------------------------------- reading back


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_export_then_import_is_exact_for_every_field(example: Path, tmp_path: Path) -> None:
    """Every input value comes back with its type and its digits (26.00 stays 26.00, 26 stays 26)."""
    from generator.load import load

    def flat(value: Any, path: str = "") -> dict[str, tuple[str, str]]:
        if isinstance(value, dict):
            return {k: v for key, item in value.items() for k, v in flat(item, f"{path}.{key}").items()}
        if isinstance(value, list):
            return {k: v for n, item in enumerate(value) for k, v in flat(item, f"{path}[{n}]").items()}
        return {path: (type(value).__name__, str(value))}

    from generator.write.excel_writer import write_workbook
    from generator.write.yaml_writer import dump_yaml

    loaded = load(example)
    original = flat(loaded.raw)
    workbook = tmp_path / "form.xlsx"  # what `gongkai export --excel` writes (in-process: the CLI is tested above)
    workbook.write_bytes(write_workbook(loaded.raw, type(loaded.data)))
    from_excel = load(workbook)
    assert flat(from_excel.raw) == original
    back = tmp_path / "back.yaml"
    back.write_text(dump_yaml(from_excel.raw), encoding="utf-8")
    assert flat(load(back).raw) == original


def test_a_score_keeps_its_trailing_zero_through_excel(tmp_path: Path) -> None:
    """得分 7.80 (issue 14: it used to come back as 7.8, which changes the printed table)."""
    raw = raw_input()
    indicator = raw["绩效"]["自评表"][0]["指标"][1]
    assert indicator["得分"] == Decimal("7.8")
    indicator["得分"] = Decimal("7.80")
    source = write_yaml(tmp_path, raw)
    workbook = tmp_path / "in.xlsx"
    assert run_cli("export", source, "--excel", workbook).returncode == 0
    back = tmp_path / "back.yaml"
    assert run_cli("export", workbook, "--yaml", back).returncode == 0
    assert "得分: 7.80" in back.read_text(encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("generate", workbook, "-o", out, "--format", "docx")
    assert result.returncode == 0, result.stderr
    text = docx_text(next(out.glob("*.docx")))
    assert "受理单质量差错率\t≤0.5 千分比\t0.61 千分比\t10\t7.80" in text


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("legacy-form-*.xlsx")), ids=lambda p: p.stem)
def test_a_workbook_of_the_earlier_form_still_imports(fixture: Path, tmp_path: Path) -> None:
    """Made by the form before this one (dotted headers, 序号 columns): read as it is, and export
    turns it into the current form."""
    example = DATA / (fixture.stem.removeprefix("legacy-form-").replace("-2022-", "-xinfang-2022-")
                      .replace("-2021-", "-xinfang-2021-") + ".yaml")
    assert example.exists(), example
    expected = _facts(example)
    assert _facts(fixture) == expected
    current = tmp_path / "current.xlsx"
    assert run_cli("export", fixture, "--excel", current).returncode == 0
    assert "收入支出" in load_workbook(current).sheetnames or "收支" in load_workbook(current).sheetnames
    assert _facts(current) == expected


def test_people_tolerances(tmp_path: Path) -> None:
    """What people do to a form: the only unit left blank, header merges lost, names typed without
    the code's name, a formula where a name goes."""
    raw = raw_input()
    raw["预算单位"] = raw["预算单位"][:1]  # one unit: its rows may leave the unit column blank
    unit = raw["预算单位"][0]
    source = write_yaml(tmp_path, raw)
    workbook = tmp_path / "one.xlsx"
    assert run_cli("export", source, "--excel", workbook).returncode == 0
    book = load_workbook(workbook)
    lines = book["收入支出"]
    for row in range(4, 4 + len(unit["收入支出"])):
        lines[f"A{row}"] = None
    for merged in list(lines.merged_cells.ranges):  # a copy into a plain sheet loses the merges
        lines.unmerge_cells(str(merged))
    book.save(workbook)
    assert _facts(workbook) == _facts(source)


def test_duplicate_parent_names_are_told_apart(tmp_path: Path) -> None:
    """Two projects of one name (a real case in the Shaoxing budget): the form names the second
    “设备更新经费〔第2个〕”, and an ambiguous plain name is refused with what to write."""
    workbook = _export(tmp_path, SHAOXING)
    book = load_workbook(workbook)
    indicators = book["绩效指标"]
    names = [c.value for c in indicators["A"][1:] if c.value]
    assert "设备更新经费〔第2个〕" in names
    row = names.index("设备更新经费〔第2个〕") + 2
    indicators[f"A{row}"] = "设备更新经费"
    book.save(workbook)
    result = run_cli("validate", workbook)
    assert result.returncode == 2
    assert f"绩效指标!A{row}" in result.stderr and "设备更新经费〔第1个〕" in result.stderr


def test_an_amount_header_in_another_unit_is_refused(tmp_path: Path) -> None:
    workbook = _export(tmp_path, HANGZHOU)
    book = load_workbook(workbook)
    for row in book["基本信息"].iter_rows(min_row=2):
        if row[1].value == "金额单位 *":
            row[2].value = "万元"  # the figures below are still in 元
    book.save(workbook)
    result = run_cli("validate", workbook)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "单位为“元”" in result.stderr and "金额单位是“万元”" in result.stderr


def test_init_for_a_year_without_catalogue(tmp_path: Path) -> None:
    """No catalogue for 2031: the nearest earlier one fills the dropdowns, and the form says so; no
    catalogue that early: refused."""
    target = tmp_path / "future.xlsx"
    result = run_cli("init", "--profile", "juesuan-zhejiang", "--year", "2031", "--excel", "-o", target)
    assert result.returncode == 0, result.stderr
    catalogue_years = sorted(int(p.name) for p in (ROOT / "templates" / "catalogue").iterdir() if p.name.isdigit())
    nearest = max(y for y in catalogue_years if y <= 2031)
    assert "2031" in result.stdout and f"{nearest} 年度" in result.stdout
    book = load_workbook(target)
    help_text = "\n".join(str(c.value) for row in book["填写说明"].iter_rows() for c in row if c.value)
    assert f"最近的 {nearest} 年度目录" in help_text
    sheets = set(book.sheetnames)
    assert {"科目目录", "经济分类"} <= sheets
    for ws in book.worksheets:
        for dv in ws.data_validations.dataValidation:
            target_sheet = re.match(r"'([^']+)'!", dv.formula1 or "")
            assert target_sheet is None or target_sheet.group(1) in sheets
    early = run_cli("init", "--profile", "juesuan-zhejiang", "--year", "2001", "--excel", "-o", tmp_path / "old.xlsx")
    assert early.returncode == 2 and "没有 2001 年度及更早年度的科目目录" in early.stderr
    assert not (tmp_path / "old.xlsx").exists()


def test_the_table_twin_is_not_taken_for_an_input(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("generate", HANGZHOU, "-o", out, "--format", "xlsx").returncode == 0
    twin = next(out.glob("*.xlsx"))
    result = run_cli("validate", twin)
    assert result.returncode == 2 and "公开表格机读版" in result.stderr and "不是输入文件" in result.stderr


def test_a_blank_form_filled_in_by_hand_validates(tmp_path: Path) -> None:
    """The blank form from init, filled the way a person would (names from the dropdowns, 科目 as
    “编码 名称”, 是/否), gives the same facts as the same data in YAML."""
    workbook = _init(tmp_path, "juesuan-zhejiang")
    book = load_workbook(workbook)
    kv = book["基本信息"]
    group = None
    for row in kv.iter_rows(min_row=2):
        group = row[0].value or group
        typed = {("部门", "名称 *"): "示例局", ("总体", "无上年数据"): "是",
                 ("机关运行经费", "年初预算（元）"): 100, ("机关运行经费", "决算（元）"): 100}
        value = typed.get((group, row[1].value))
        if value is not None:
            row[2].value = value
    book["部门职责"]["A2"] = "负责示例工作。"
    units = book["预算单位"]
    units["A4"], units["B4"] = "示例局（本级）", "行政"
    lines = book["收入支出"]
    assert (lines["D1"].value, lines["D2"].value) == ("收入", "一般公共预算财政拨款（元）")
    assert (lines["L1"].value, lines["L2"].value) == ("支出", "基本支出（元）")
    assert [lines["Q1"].value, lines["Q2"].value, lines["Q3"].value] == ["财政拨款支出", "一般公共预算",
                                                                          "基本支出（元）"]
    lines["A4"], lines["B4"] = "示例局（本级）", "2010301 行政运行"
    lines["D4"], lines["L4"], lines["Q4"] = 1000, 1000, 1000
    economic = book["基本支出经济分类"]
    economic["A2"], economic["B2"], economic["C2"] = "示例局（本级）", "30101 基本工资", 1000
    budget = book["年初预算"]
    budget["A2"], budget["B2"], budget["E2"] = "2010301 行政运行", 1000, "保障机关运行"
    book.save(workbook)
    result = run_cli("validate", workbook)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 个错误，0 个警告" in result.stdout
    assert _facts(workbook) == _facts(ROOT / "tests" / "bad_inputs" / "_valid-juesuan.yaml")
