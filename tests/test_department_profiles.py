"""A department's own profile beside the built-in ones (issue 15): data only, checked like input.

Acceptance: a profile folder outside the checkout, based on a built-in one, changes one narrative
sentence, one table's columns and three glossary entries; the document follows with no Python. A typo
in that folder gives a located error and writes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import DATA, raw_input, run_cli, write_yaml
from .documents import compact, docx_table_after, docx_text, pdf_text

TIANMEN = DATA / "tianmen-12345-2022-juesuan.yaml"
NAME = "天门市12345公共服务热线中心-2022-决算"

NARRATIVE = """{% extends "juesuan-national:narrative.j2" %}
{% block 政府采购支出说明 %}
本局{{ year }}年度政府采购支出合计{{ f.procurement.total|m }}万元，全部为服务类采购。
::figure spending 本局支出构成
{% endblock %}
"""
# A chart of its own: which facts it shows is data, like a table's columns.
SETTINGS = """name: 本局版式
based_on: juesuan-national
figures:
  spending: {kind: pie, parts: expense.parts}
"""
TABLES = """- id: 公开02
  kind: classification
  title: 收入决算表（简表）
  number: 公开02表
  meta_left: 部门：{{ dept }}
  meta_right: 金额单位：万元
  code_style: one
  widths: [12, 40, 16, 16]
  header:
    - [科目代码, 科目名称, 本年收入合计, 财政拨款收入]
  columns: [收入.合计, 收入.财政拨款收入]
"""
GLOSSARY = """- {term: 上级补助收入, drop: true}
- {term: 事业收入, text: 本局没有事业收入。}
- {term: 热线工单, text: 指市民通过12345热线反映、由热线中心受理并转办的事项。}
"""


def _department_profile(folder: Path, tables: str = TABLES, settings: str = SETTINGS) -> Path:
    profile = folder / "本局版式"
    profile.mkdir(parents=True)
    (profile / "profile.yaml").write_text(settings, encoding="utf-8")
    (profile / "narrative.j2").write_text(NARRATIVE, encoding="utf-8")
    (profile / "tables.yaml").write_text(tables, encoding="utf-8")
    (profile / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    return profile


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("department-profile")
    _department_profile(folder / "版式")
    raw = raw_input(TIANMEN)
    raw["版式"] = "./版式/本局版式"  # relative to the input file
    source = write_yaml(folder, raw, "部门.yaml")
    result = run_cli("generate", source, "-o", folder / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "out"


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_the_document_follows_the_department_profile(generated: Path, kind: str) -> None:
    path = generated / f"{NAME}.{kind}"
    text = compact(docx_text(path) if kind == "docx" else pdf_text(path))
    # one narrative block replaced, the others as the built-in profile has them
    assert "本局2022年度政府采购支出合计88.58万元，全部为服务类采购。" in text
    assert re.search(r"全部为服务类采购。图\d+本局支出构成", text)  # the department's own chart, numbered in turn
    assert "授予中小企业合同金额" not in text
    assert "2022年度一般公共预算财政拨款支出218.56万元" in text
    # one table changed (title and columns), the others kept
    assert "收入决算表（简表）" in text and "公开09表" in text
    # three glossary entries: one dropped, one reworded, one added
    assert "上级补助收入：指" not in text
    assert "事业收入：本局没有事业收入。" in text
    assert "热线工单：指市民通过12345热线反映、由热线中心受理并转办的事项。" in text


def test_the_changed_table_has_the_new_columns(generated: Path) -> None:
    rows = docx_table_after(generated / f"{NAME}.docx", "公开02表")
    assert rows[0] == ["科目代码", "科目名称", "本年收入合计", "财政拨款收入"]
    assert rows[1] == ["", "合计", "215.56", "215.56"]


@pytest.mark.parametrize(("broken", "where", "what"), [
    (TABLES.replace("收入.财政拨款收入]", "收入.财政拨款收人]"), r"tables\.yaml：第1项\.columns第2项（第 11 行）",
     "列“收入.财政拨款收人”不存在"),
    (TABLES.replace("  columns:", "  colums:"), r"tables\.yaml", "不认识的字段"),
    (TABLES.replace("kind: classification", "kind: classfication"), r"tables\.yaml(：|\n  - )第1项\.kind（第 2 行）",
     "classfication"),
])
def test_a_typo_in_the_department_profile_is_located_and_nothing_is_written(tmp_path: Path, broken: str, where: str,
                                                                          what: str) -> None:
    _department_profile(tmp_path / "版式", broken)
    raw = raw_input(TIANMEN)
    raw["版式"] = "本局版式"  # found on the search path
    source = write_yaml(tmp_path, raw, "部门.yaml")
    for command in (["validate", source], ["generate", source, "-o", tmp_path / "out"]):
        result = run_cli("--profiles", tmp_path / "版式", *command)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert re.search(where, result.stderr), result.stderr
        assert what in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_department_chart_is_drawn_in_both_formats(generated: Path) -> None:
    from docx import Document as open_docx

    # Word stores identical pictures once, so count the pictures placed, not the image parts.
    placed = len(open_docx(str(generated / f"{NAME}.docx")).inline_shapes)
    captions = re.findall(r"图\d+", compact(docx_text(generated / f"{NAME}.docx")))
    assert placed == len(captions) == 3  # the two national charts and the department's own
    assert len(re.findall(r"图\d+", compact(pdf_text(generated / f"{NAME}.pdf")))) == 3


@pytest.mark.parametrize(("settings", "where", "what"), [
    (SETTINGS.replace("expense.parts", "expense.partz"), r"profile\.yaml：figures\.spending\.parts（第 4 行）",
     "图“spending”引用的数字“expense.partz”不存在"),
    (SETTINGS.replace("kind: pie", "kind: bars"), r"profile\.yaml：figures\.spending（第 4 行）", "要写 series"),
    (SETTINGS.replace("  spending:", "  spend:"), r"narrative\.j2：第 4 行",
     "图“spending”没有在 profile.yaml 的 figures 中定义"),
])
def test_a_chart_typo_is_located_and_nothing_is_written(tmp_path: Path, settings: str, where: str, what: str) -> None:
    profile = _department_profile(tmp_path / "版式", settings=settings)
    result = run_cli("profile", "check", profile)
    assert result.returncode == 2, result.stdout + result.stderr
    assert re.search(where, result.stderr), result.stderr
    assert what in result.stderr
    raw = raw_input(TIANMEN)
    raw["版式"] = str(profile)
    source = write_yaml(tmp_path, raw, "部门.yaml")
    assert run_cli("generate", source, "-o", tmp_path / "out").returncode == 2
    assert not (tmp_path / "out").exists()


def test_a_template_syntax_error_is_located(tmp_path: Path) -> None:
    profile = _department_profile(tmp_path / "版式")
    (profile / "narrative.j2").write_text(NARRATIVE.replace("{% endblock %}", "{% endblok %}"), encoding="utf-8")
    result = run_cli("profile", "check", profile)
    assert result.returncode == 2
    assert f"{profile / 'narrative.j2'}：第 5 行" in result.stderr and "模板语法错误" in result.stderr


def test_a_budget_profile_for_a_final_accounts_file_is_refused(tmp_path: Path) -> None:
    raw = raw_input(TIANMEN)
    raw["版式"] = "yusuan-zhejiang"
    result = run_cli("generate", write_yaml(tmp_path, raw), "-o", tmp_path / "out")
    assert result.returncode == 2 and "版式“yusuan-zhejiang”用于预算" in result.stderr
    assert not (tmp_path / "out").exists()


def test_profile_new_starts_a_profile_that_checks_and_generates(tmp_path: Path) -> None:
    result = run_cli("profile", "new", "新版式", "--from", "juesuan-national", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    check = run_cli("profile", "check", tmp_path / "新版式")
    assert check.returncode == 0 and "✓" in check.stdout
    assert "政府采购支出说明" in (tmp_path / "新版式" / "narrative.j2").read_text(encoding="utf-8")
    again = run_cli("profile", "new", "新版式", "--from", "juesuan-national", "-o", tmp_path)
    assert again.returncode == 2 and "已存在" in again.stderr


def test_every_built_in_profile_checks() -> None:
    result = run_cli("profile", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("juesuan-national", "juesuan-zhejiang", "juesuan-shanghai", "yusuan-zhejiang", "yusuan-shanghai"):
        assert f"✓ {name}" in result.stdout
