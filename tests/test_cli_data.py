"""The CLI on good and bad input: exit codes, Chinese messages naming file and field, no traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import DATA, HANGZHOU, ROOT, raw_input, run_cli, write_yaml
from .documents import compact, docx_text


def assert_clean_failure(result, code: int, *needles: str) -> None:
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for needle in needles:
        assert needle in result.stderr, result.stderr


def test_validate_example_exits_0() -> None:
    result = run_cli("validate", HANGZHOU)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 个错误" in result.stdout


def test_validate_json_report_and_exit_1_on_errors(tmp_path: Path) -> None:
    raw = raw_input()
    raw["预算单位"][0]["基本支出经济分类"][0]["金额"] += 5
    result = run_cli("validate", write_yaml(tmp_path, raw), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["errors"] >= 1
    assert any(f["rule"] == "J-ECO-02" and f["severity"] == "error" for f in report["findings"])


def test_facts_json_contains_the_published_figures() -> None:
    result = run_cli("facts", HANGZHOU, "--format", "json")
    assert result.returncode == 0, result.stderr
    texts = {v["text"] for v in json.loads(result.stdout).values()}
    for figure in ["7362.86", "54.44", "0.74%", "3006.35", "40.83%", "59.17%", "93.25%", "94.83%", "4.09%", "1.08%",
                   "93.87%", "90.6%", "96.98%", "81.43%", "135.59%", "97.76%", "2671.29", "335.06", "2.85%",
                   "65.76%", "8.65%", "93.04%", "11.3%", "6.48%", "30.75%", "98.78%", "97.28%", "96.82"]:
        assert figure in texts, figure


def test_facts_table_lists_keys_and_labels() -> None:
    result = run_cli("facts", HANGZHOU)
    assert result.returncode == 0
    assert any(line.startswith("overview.income_change.rate") and "0.74%" in line and "收支总体" in line
               for line in result.stdout.splitlines())


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    assert_clean_failure(run_cli("validate", missing), 2, str(missing), "找不到该文件")


@pytest.mark.parametrize(("text", "needle"), [
    ("文档: 决算\n年度: [2022\n", "YAML 格式错误"),
    ("- 一\n- 二\n", "应为键值映射"),
    ("", "文件是空的"),
    ("文档: 决算\n文档: 预算\n", "重复"),
])
def test_unreadable_yaml(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    assert_clean_failure(run_cli("validate", path), 2, str(path), needle)


def test_gbk_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("文档: 决算\n年度: 2022\n".encode("gbk"))
    assert_clean_failure(run_cli("validate", path), 2, "UTF-8", "GBK")


def test_text_in_an_amount_names_the_field_and_line(tmp_path: Path) -> None:
    raw = raw_input()
    raw["预算单位"][0]["收入支出"][0]["支出"]["基本支出"] = "17,581,250"
    result = run_cli("validate", write_yaml(tmp_path, raw))
    assert_clean_failure(result, 2, "预算单位第1项.收入支出第1项.支出.基本支出", "应为数字", "千分位", "第 ")


def test_unknown_field(tmp_path: Path) -> None:
    raw = raw_input()
    raw["三公经费"]["公务接待"]["国外"] = {"决算": 1}
    assert_clean_failure(run_cli("validate", write_yaml(tmp_path, raw)), 2, "三公经费.公务接待.国外", "不认识的字段")


def test_wrong_type_and_missing_field(tmp_path: Path) -> None:
    raw = raw_input()
    raw["预算单位"][1]["性质"] = "企业"
    del raw["部门"]["名称"]
    result = run_cli("facts", write_yaml(tmp_path, raw))
    assert_clean_failure(result, 2, "预算单位第2项.性质", "行政", "部门.名称", "缺少必填项")


def test_nan_and_negative_amounts(tmp_path: Path) -> None:
    raw = raw_input()
    text = write_yaml(tmp_path, raw).read_text(encoding="utf-8")
    text = text.replace("年初预算: 2994500", "年初预算: .nan").replace("决算: 2786100", "决算: -5")
    path = tmp_path / "nan.yaml"
    path.write_text(text, encoding="utf-8")
    assert_clean_failure(run_cli("validate", path), 2, "机关运行经费.年初预算", "有限的数字", "机关运行经费.决算",
                         "不小于 0")


def test_prior_year_and_flag_together_are_refused(tmp_path: Path) -> None:
    raw = raw_input()
    raw["无上年数据"] = True
    assert_clean_failure(run_cli("validate", write_yaml(tmp_path, raw)), 2, "无上年数据", "只能选其一")


def test_year_before_every_catalogue(tmp_path: Path) -> None:
    raw = raw_input()
    raw["年度"] = 2015
    assert_clean_failure(run_cli("validate", write_yaml(tmp_path, raw)), 2, "年度",
                         "没有 2015 年度及更早年度的科目目录")


def test_a_year_after_the_newest_catalogue_uses_it_and_says_so(tmp_path: Path) -> None:
    """Next year's budget is written before a release bundles next year's codes: the nearest earlier
    catalogue names and checks them, with a warning naming both years; the document is for the
    year the input says."""
    raw = raw_input(DATA / "shaoxing-xinfang-2021-yusuan.yaml")
    raw["年度"] = 2031
    source = write_yaml(tmp_path, raw)
    checked = run_cli("validate", source)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    newest = max(int(p.name) for p in (ROOT / "templates" / "catalogue").iterdir() if p.name.isdigit())
    warning = rf"\[警告 J-CAT-08\] 年度（第 \d+ 行）：本项目还没有 2031 年度的科目目录，科目按最近的 {newest} 年度"
    assert re.search(warning, checked.stdout), checked.stdout
    generated = run_cli("generate", source, "-o", tmp_path / "out", "--format", "docx")
    assert generated.returncode == 0, generated.stdout + generated.stderr
    text = compact(docx_text(next((tmp_path / "out").glob("*.docx"))))
    assert "2031年市级部门收支预算总表" in text and "2525.88" in text


def test_input_is_never_modified(tmp_path: Path) -> None:
    before = HANGZHOU.read_bytes()
    run_cli("validate", HANGZHOU)
    run_cli("facts", HANGZHOU, "--format", "json")
    assert HANGZHOU.read_bytes() == before
