"""The finance-office loop: Excel in and out, init, reports, history, diff, batch, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from .conftest import DATA, HANGZHOU, raw_input, run_cli, write_yaml

EXAMPLES = sorted(DATA.glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_yaml_to_excel_keeps_every_figure(example: Path, tmp_path: Path) -> None:
    workbook = tmp_path / "in.xlsx"
    assert run_cli("export", example, "--excel", workbook).returncode == 0
    from_yaml = json.loads(run_cli("facts", example, "--format", "json").stdout)
    from_excel = json.loads(run_cli("facts", workbook, "--format", "json").stdout)
    assert from_excel == from_yaml
    back = tmp_path / "back.yaml"
    assert run_cli("export", workbook, "--yaml", back).returncode == 0
    assert json.loads(run_cli("facts", back, "--format", "json").stdout) == from_yaml


def test_init_excel_gives_a_fillable_workbook(tmp_path: Path) -> None:
    target = tmp_path / "blank.xlsx"
    result = run_cli("init", "--profile", "juesuan-zhejiang", "--year", "2022", "--excel", "-o", target)
    assert result.returncode == 0, result.stderr
    book = load_workbook(target)
    assert book.sheetnames[:5] == ["填写说明", "基本信息", "部门职责", "单位构成", "预算单位"]
    assert {"收入支出", "基本支出经济分类", "核对", "科目目录", "经济分类"} <= set(book.sheetnames)
    lines = book["收入支出"]
    assert [c.value for c in lines[1]][:4] == ["预算单位", "科目 *", "名称", "收入"]
    assert lines["D2"].value == "一般公共预算财政拨款（元）"
    rules = [dv.formula1 for dv in book["预算单位"].data_validations.dataValidation]
    assert '"行政,事业,参公"' in rules  # 性质 is a drop-down
    catalogue = {row[0].value for row in book["科目目录"].iter_rows(min_row=2)}
    assert {"201", "20103", "2010301"} <= catalogue
    kv = {row[1].value: row[2].value for row in book["基本信息"].iter_rows(min_row=2)}
    assert kv["文档 *"] == "决算" and kv["年度 *"] == 2022 and kv["版式 *"] == "juesuan-zhejiang"


def test_init_yaml_form_names_every_missing_field(tmp_path: Path) -> None:
    target = tmp_path / "blank.yaml"
    assert run_cli("init", "--profile", "yusuan-shanghai", "--year", "2021", "-o", target).returncode == 0
    result = run_cli("validate", target)
    assert result.returncode == 2
    assert "部门.名称" in result.stderr and "缺少必填项" in result.stderr and "YAML 格式错误" not in result.stderr
    assert run_cli("init", "--profile", "yusuan-shanghai", "--year", "2021", "-o", target).returncode != 0


def test_excel_dirt_is_handled(tmp_path: Path) -> None:
    workbook = tmp_path / "in.xlsx"
    run_cli("export", HANGZHOU, "--excel", workbook)
    book = load_workbook(workbook)
    lines = book["收入支出"]
    assert lines["D2"].value == "一般公共预算财政拨款（元）"
    amount = lines["D4"].value
    lines["D4"] = f" {amount:,} "  # number stored as text, with separators and spaces
    lines["C4"] = "  "  # a blank name
    lines["B5"] = lines["B5"].value.split()[0]  # a code typed without its name: 2010308
    lines.insert_rows(6)  # an empty row in the middle
    kv = book["基本信息"]
    for row in kv.iter_rows(min_row=2):
        if row[0].value == "部门" or row[1].value == "名称 *":
            row[2].value = f"{row[2].value}   "  # trailing spaces
            break
    book.save(workbook)
    ours = json.loads(run_cli("facts", workbook, "--format", "json").stdout)
    assert ours == json.loads(run_cli("facts", HANGZHOU, "--format", "json").stdout)


def test_excel_merged_cells_and_formulas(tmp_path: Path) -> None:
    workbook = tmp_path / "in.xlsx"
    run_cli("export", HANGZHOU, "--excel", workbook)
    book = load_workbook(workbook)
    eco = book["基本支出经济分类"]
    eco["A3"] = None
    eco.merge_cells("A2:A3")  # the unit's name merged over two rows: it applies to both
    eco["C2"] = "=1+1"  # a formula openpyxl wrote: Excel never computed it
    book.save(workbook)
    result = run_cli("validate", workbook)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "基本支出经济分类!C2" in result.stderr and "公式" in result.stderr
    assert "预算单位" not in result.stderr  # the merged unit name was understood


def test_validation_reports(tmp_path: Path) -> None:
    raw = raw_input()
    raw["政府采购"]["货物"]["中小企业"] = raw["政府采购"]["货物"]["金额"] + 1
    source = write_yaml(tmp_path, raw)
    html = tmp_path / "report.html"
    assert run_cli("validate", source, "--report", html).returncode == 1
    page = html.read_text(encoding="utf-8")
    assert "J-PRC-01" in page and "政府采购.货物.中小企业" in page
    workbook = tmp_path / "in.xlsx"
    run_cli("export", HANGZHOU, "--excel", workbook)
    book = load_workbook(workbook)
    group = None
    for row in book["基本信息"].iter_rows(min_row=2):
        group = row[0].value or group  # 分组 is merged over its rows: the top cell holds it
        if group == "政府采购 · 货物" and row[1].value == "中小企业（元）":
            row[2].value = 99999999
            cell = row[2].coordinate
    book.save(workbook)
    marked = tmp_path / "marked.xlsx"
    result = run_cli("validate", workbook, "--report", marked)
    assert result.returncode == 1 and f"基本信息!{cell}" in result.stdout
    flagged = load_workbook(marked)["基本信息"][cell]
    assert flagged.comment is not None and "J-PRC-01" in flagged.comment.text
    assert flagged.fill.fgColor.rgb.endswith("F8CBAD")


def _one_number_changed(tmp_path: Path) -> Path:
    text = HANGZHOU.read_text(encoding="utf-8")
    old = ("收入: {一般公共预算财政拨款: 509840}\n        支出: {基本支出: 509840}\n"
           "        财政拨款支出: {一般公共预算: {基本支出: 509840}}")
    assert old in text
    text = text.replace(old, old.replace("509840", "609840"))
    text = text.replace('{科目: "30110", 金额: 880348}', '{科目: "30110", 金额: 980348}')
    text = text.replace("基本支出: 20393062", "基本支出: 20493062")
    path = tmp_path / "changed.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_shows_the_new_value_and_the_sentences_it_changed(tmp_path: Path) -> None:
    changed = _one_number_changed(tmp_path)
    assert run_cli("validate", changed).returncode == 0
    report = tmp_path / "diff.html"
    result = run_cli("diff", HANGZHOU, changed, "--report", report)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "预算单位[1].收入支出[6].支出.基本支出：509840 → 609840" in out
    assert "行政单位医疗" in out and "60.98" in out  # the 项 sentence: 支出决算为 50.98 → 60.98 万元
    assert "收入总计7,362.86万元" in out and "收入总计7,372.86万元" in out
    assert "公开07表" in out  # a table cell changed
    assert "<del>" in report.read_text(encoding="utf-8")


def test_history_keeps_earlier_outputs_and_manifests_compare(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("generate", HANGZHOU, "-o", out, "--format", "xlsx").returncode == 0
    stem = "中共杭州市委杭州市人民政府信访局-2022-决算"
    first = (out / f"{stem}.manifest.json").read_bytes()
    assert run_cli("generate", HANGZHOU, "-o", out, "--format", "xlsx").returncode == 0
    assert not (out / "历史版本").exists()  # same input, same output: nothing to keep
    result = run_cli("generate", _one_number_changed(tmp_path), "-o", out, "--format", "xlsx")
    assert result.returncode == 0 and "上一版已移至" in result.stdout
    kept = out / "历史版本" / stem / "第1版"
    assert (kept / f"{stem}.manifest.json").read_bytes() == first
    assert (kept / f"{stem}.xlsx").exists()  # the set as it was (the twin: no page layout, faster)
    diff = run_cli("diff", kept / f"{stem}.manifest.json", out / f"{stem}.manifest.json")
    assert "509840 → 609840" in diff.stdout


def test_batch_generates_every_good_file_and_names_the_broken_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("hangzhou-xinfang-2022-juesuan.yaml", "shanghai-xinfang-2020-yusuan.yaml"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    (folder / "坏文件.yaml").write_text("文档: 决算\n年度: [2022\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("generate", folder, "-o", out, "--jobs", "2", "--format", "docx")
    assert result.returncode == 1
    assert "坏文件.yaml" in result.stdout and "输入错误" in result.stdout and "Traceback" not in result.stderr
    written = sorted(p.name for p in out.glob("*.docx"))
    assert written == ["中共上海市委、上海市人民政府信访办公室-2020-预算.docx",
                       "中共杭州市委杭州市人民政府信访局-2022-决算.docx"]


def test_schema_for_editors() -> None:
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "JuesuanInput" and "预算单位" in schema["properties"]
    assert "收支" in json.dumps(json.loads(run_cli("schema", "--kind", "预算").stdout), ensure_ascii=False)
