"""Malformed inputs (tests/bad_inputs/, listed in its README.md) through the REAL command line.

The contract for every bad input: `gongkai validate FILE` and `gongkai generate FILE -o OUT` exit with
the documented code (2: the input cannot be read; 1: it reads but the validator finds errors), say so
in Chinese naming the file and the place (YAML path and line, or Sheet!Cell for Excel), never print a
Python traceback, and write no output file.

Every case runs `validate` (except one about `generate FOLDER`); about a third of the YAML cases
and every Excel case also run `generate`.
Cases are either corpus files (most are `_valid-juesuan.yaml` with one thing changed, the line numbers
kept) or built at test time: edits of a real example, workbooks made with openpyxl, a directory, a
missing file.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from .conftest import HANGZHOU, ROOT, raw_input, run_cli, write_yaml
from .documents import compact, docx_text, pdf_text

BAD = Path(__file__).resolve().parent / "bad_inputs"
CJK = re.compile(r"[\u4e00-\u9fff]")

# A needle is a text that must occur in the output; a tuple of texts means "one of these".
Needle = str | tuple[str, ...]
# A builder makes the input in tmp_path; it returns the path and values for "{line}" in the needles.
Builder = Callable[[Path], tuple[Path, dict[str, str]]]


@dataclass(frozen=True)
class Case:
    id: str
    source: str | Builder  # a file name in tests/bad_inputs/, or a builder
    code: int  # expected exit code
    needles: tuple[Needle, ...]
    absent: tuple[str, ...] = ()  # texts that must not occur (Python leaking into the message)
    commands: tuple[str, ...] = ("validate",)
    xfail: str = ""  # a known misbehaviour of the program, reported to the maintainer

    def build(self, tmp_path: Path) -> tuple[Path, dict[str, str]]:
        if isinstance(self.source, str):
            return BAD / self.source, {}
        return self.source(tmp_path)


# ------------------------------------------------------------------ builders


def _directory(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    folder = tmp_path / "a-folder.yaml"
    folder.mkdir()
    return folder, {}


def _missing(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    return tmp_path / "no-such-file.yaml", {}


def _edited_example(old: str, new: str) -> Builder:
    """The Hangzhou example with one exact text replaced; {line} is the line of the replacement."""

    def build(tmp_path: Path) -> tuple[Path, dict[str, str]]:
        text = HANGZHOU.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} should occur once in {HANGZHOU.name}"
        line = text[: text.index(old)].count("\n") + 1
        path = tmp_path / f"edited-{HANGZHOU.name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return path, {"line": str(line)}

    return build


def _hangzhou_economic_off_by_one(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """raw_input/write_yaml: the second unit's first economic line one yuan too high (J-ECO-02)."""
    raw = raw_input()
    raw["预算单位"][1]["基本支出经济分类"][0]["金额"] += 1
    path = write_yaml(tmp_path, raw)
    lines = path.read_text(encoding="utf-8").splitlines()
    keys = [i for i, text in enumerate(lines, start=1) if text.strip() == "基本支出经济分类:"]
    # A field is located at the line of its own key.
    return path, {"line": str(keys[1])}


def _random_xlsx(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "random.xlsx"
    path.write_bytes(bytes((i * 97 + 13) % 256 for i in range(2048)))
    return path, {}


def _empty_workbook(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "empty.xlsx"
    Workbook().save(path)  # one empty sheet called "Sheet"
    return path, {}


def _minimal_workbook(path: Path, kv: dict[str, object] | None = None, amount: object = 1000) -> Path:
    """A hand-made workbook in the layout of generator/load/layout.py, equal to _valid-juesuan.yaml.

    基本信息 rows: 2 文档, 3 年度, 4 金额单位, 5 部门.名称, … (value in column C)."""
    values: dict[str, object] = {"文档": "决算", "年度": 2022, "金额单位": "元", "部门.名称": "示例局",
                                 "无上年数据": "是", "机关运行经费.年初预算": 100, "机关运行经费.决算": 100,
                                 "版式": "juesuan-zhejiang"}
    values.update(kv or {})
    wb = Workbook()
    info = wb.active
    info.title = "基本信息"
    info.append(["字段", "键", "值", "说明"])
    for field, value in values.items():
        info.append([field, None, value])
    units = wb.create_sheet("预算单位")
    units.append(["名称", "性质"])
    units.append(["示例局（本级）", "行政"])
    lines = wb.create_sheet("预算单位.收入支出")
    lines.append(["预算单位序号", "科目", "收入.一般公共预算财政拨款", "支出.基本支出",
                  "财政拨款支出.一般公共预算.基本支出"])
    lines.append([1, "2010301", 1000, amount, 1000])  # 支出.基本支出 is D2
    economic = wb.create_sheet("预算单位.基本支出经济分类")
    economic.append(["预算单位序号", "科目", "金额"])
    economic.append([1, "30101", 1000])
    budget = wb.create_sheet("年初预算")
    budget.append(["科目", "一般公共预算", "用途"])
    budget.append(["2010301", 1000, "保障机关运行"])
    wb.save(path)
    return path


def _workbook(name: str, **kw: object) -> Builder:
    def build(tmp_path: Path) -> tuple[Path, dict[str, str]]:
        return _minimal_workbook(tmp_path / name, **kw), {}  # type: ignore[arg-type]

    return build


@cache
def _exporter_available() -> bool:
    return run_cli("export", "--help").returncode == 0


def _exported_and_dirtied(sheet: str, header: str, value: object) -> Builder:
    """The Hangzhou example exported to Excel, then one cell of the first data row changed.
    `header`: the lowest header cell of the column (e.g. 基本支出（元）). {cell} is the changed cell
    (e.g. 收入支出!L4), {row} its row as 收入支出!第4行."""

    def build(tmp_path: Path) -> tuple[Path, dict[str, str]]:
        if not _exporter_available():
            pytest.skip("exporter not available")
        path = tmp_path / "hangzhou.xlsx"
        result = run_cli("export", HANGZHOU, "--excel", path)
        assert result.returncode == 0, result.stdout + result.stderr
        wb = load_workbook(path)
        ws = wb[sheet]
        first = ws[ws.freeze_panes].row  # the header rows are frozen: data starts below them
        column = next(c.column_letter for row in ws.iter_rows(max_row=first - 1) for c in row
                      if str(c.value or "").rstrip(" *") == header)
        ws[f"{column}{first}"] = value
        wb.save(path)
        return path, {"cell": f"{sheet}!{column}{first}", "row": f"{sheet}!第{first}行"}

    return build


# ------------------------------------------------------------------ the cases

G = ("validate", "generate")


CASES: list[Case] = [
    # YAML syntax
    Case("syntax-bad-indent", "syntax-bad-indent.yaml", 2, ("第 8 行", "YAML 格式错误")),
    Case("syntax-unclosed-quote", "syntax-unclosed-quote.yaml", 2, ("第 7 行", "引号")),
    Case("syntax-unclosed-quote-eof", "syntax-unclosed-quote-eof.yaml", 2, ("第 20 行", "引号没有闭合")),
    Case("syntax-tab-indent", "syntax-tab-indent.yaml", 2, ("第 7 行", "Tab")),
    Case("syntax-stray-colon", "syntax-stray-colon.yaml", 2, ("第 11 行", "YAML 格式错误"), commands=G),
    Case("duplicate-key", "duplicate-key.yaml", 2, ("第 8 行", "名称", "重复"), commands=G),
    # a list where a mapping belongs
    Case("top-level-list", "top-level-list.yaml", 2, ("文件顶层", "应为键值映射", "列表"), commands=G),
    Case("department-is-list", "department-is-list.yaml", 2, ("部门（第 6 行）", "应为键值映射", "列表")),
    Case("unit-item-is-list", "unit-item-is-list.yaml", 2, ("预算单位第1项（第 10 行）", "应为键值映射")),
    # wrong types
    Case("year-chinese-numerals", "year-chinese-numerals.yaml", 2, ("年度（第 4 行）", "应为整数", "二〇二二"),
         commands=G),
    Case("unit-kind-enterprise", "unit-kind-enterprise.yaml", 2,
         ("预算单位第1项.性质（第 11 行）", "企业", "行政", "事业", "参公"), absent=(" or ",)),
    Case("amount-is-mapping", "amount-is-mapping.yaml", 2,
         ("预算单位第1项.基本支出经济分类第1项.金额（第 18 行）", "应为数字")),
    # amounts
    Case("amount-chinese-text", "amount-chinese-text.yaml", 2,
         ("预算单位第1项.收入支出第1项.收入.一般公共预算财政拨款（第 14 行）", "应为数字", "一万")),
    Case("amount-garbled-text", "amount-garbled-text.yaml", 2,
         ("预算单位第1项.收入支出第1项.支出.基本支出（第 15 行）", "应为数字", "12,34x")),
    Case("amount-nan", "amount-nan.yaml", 2, ("预算单位第1项.基本支出经济分类第1项.金额（第 18 行）", "有限的数字")),
    Case("amount-inf", "amount-inf.yaml", 2, ("机关运行经费.决算（第 21 行）", "有限的数字"), commands=G),
    Case("amount-negative", "amount-negative.yaml", 2, ("年初预算第1项.一般公共预算（第 20 行）", "不小于 0")),
    # unknown and missing fields
    Case("unknown-field-typo", "unknown-field-typo.yaml", 2,
         ("预算单为（第 9 行）", "不认识的字段", "预算单位", "缺少必填项")),
    Case("unknown-field-sangong", "unknown-field-sangong.yaml", 2, ("三公经费.国外接待（第 23 行）", "不认识的字段"),
         commands=G),
    Case("missing-department-name", "missing-department-name.yaml", 2, ("部门.名称", "缺少必填项")),
    Case("units-empty-list", "units-empty-list.yaml", 2, ("预算单位（第 9 行）", "至少应有 1 项"), commands=G),
    Case("missing-document-kind", "missing-document-kind.yaml", 2, ("文档", "决算", "预算"), absent=("None",)),
    Case("missing-money-unit", "missing-money-unit.yaml", 2, ("金额单位", "元", "万元"), absent=("None",)),
    Case("money-unit-qianyuan", "money-unit-qianyuan.yaml", 2, ("金额单位（第 5 行）", "千元", "万元")),
    Case("document-juesuanshu", "document-juesuanshu.yaml", 2, ("文档（第 3 行）", "决算书", "决算、预算")),
    Case("year-without-catalogue", "year-without-catalogue.yaml", 2, ("年度", "2015", "科目目录"), commands=G),
    Case("profile-unknown", "profile-unknown.yaml", 2, ("版式", "juesuan-mars", "juesuan-zhejiang")),
    # the validator's findings (exit 1)
    Case("code-not-in-catalogue", "code-not-in-catalogue.yaml", 1,
         ("J-CAT-02", "预算单位第1项.收入支出第1项.科目（第 13 行）", "2010377")),
    Case("code-kuan-in-lines", "code-kuan-in-lines.yaml", 1,
         ("J-CAT-01", "预算单位第1项.收入支出第1项.科目（第 13 行）", "20103")),
    Case("code-kuan-missing", "code-kuan-missing.yaml", 1,
         ("J-CAT-04", "预算单位第1项.收入支出第1项.科目（第 13 行）", "20198")),
    Case("code-duplicate", "code-duplicate.yaml", 1,
         ("J-DUP-01", "预算单位第1项.收入支出第2项.科目（第 14 行）", "2010301")),
    Case("totals-unbalanced", "totals-unbalanced.yaml", 1,
         ("J-BAL-01", "预算单位第1项.名称（第 10 行）", "1,100.00 元", "1,000.00 元"), commands=G),
    Case("economic-mismatch", "economic-mismatch.yaml", 1,
         ("J-ECO-02", "预算单位第1项.基本支出经济分类（第 17 行）", "999.00 元"), commands=G),
    Case("procurement-sme-over", "procurement-sme-over.yaml", 1,
         ("J-PRC-01", "政府采购.货物.中小企业（第 23 行）", "200.00 元")),
    Case("score-over-weight", "score-over-weight.yaml", 1,
         ("J-PRF-02", "绩效.自评表第1项.指标第1项.得分（第 27 行）", "101")),
    Case("budget-project-unknown-unit", "budget-project-unknown-unit.yaml", 1,
         ("Y-PRJ-01", "项目第1项.单位（第 23 行）", "示例局（不存在的单位）"), commands=G),
    # not data at all
    Case("empty-file", "empty.yaml", 2, ("文件是空的",), commands=G),
    Case("comments-only", "comments-only.yaml", 2, ("文件顶层", "应为键值映射")),
    Case("random-bytes-yaml", "random-bytes.yaml", 2, ("二进制",), commands=G),
    Case("encoding-gbk", "encoding-gbk.yaml", 2, ("UTF-8", "GBK")),
    Case("encoding-utf16", "encoding-utf16.yaml", 2, ("UTF-8",)),
    Case("directory", _directory, 2, ("文件夹",)),
    # `generate FOLDER` is a batch over the folder's inputs: an empty folder must say there is nothing in it.
    Case("empty-folder-generate", _directory, 2, (("文件夹", "没有", ".yaml"),), commands=("generate",)),
    Case("missing-file", _missing, 2, ("找不到该文件",), commands=G),
    # a real example with one thing broken
    Case("hangzhou-amount-text",
         _edited_example("        支出: {基本支出: 470617}", "        支出: {基本支出: 四十七万}"), 2,
         ("预算单位第2项.收入支出第3项.支出.基本支出（第 {line} 行）", "应为数字", "四十七万")),
    Case("hangzhou-score-over-weight", _edited_example("得分: 7.8", "得分: 12"), 1,
         ("J-PRF-02", "绩效.自评表第1项.指标第2项.得分（第 {line} 行）", "受理单质量差错率"), commands=G),
    Case("hangzhou-economic-off-by-one", _hangzhou_economic_off_by_one, 1,
         ("J-ECO-02", "预算单位第2项.基本支出经济分类（第 {line} 行）", "杭州市信访事务保障中心")),
    # Excel (always both commands)
    Case("xlsx-random-bytes", _random_xlsx, 2, ("Excel",), commands=G),
    Case("xlsx-empty-workbook", _empty_workbook, 2, ("基本信息", "工作表"), commands=G),
    Case("xlsx-document-kind", _workbook("kind.xlsx", kv={"文档": "决算书"}), 2, ("基本信息!C2", "决算书"),
         commands=G),
    Case("xlsx-text-in-amount", _workbook("amount.xlsx", amount="一万"), 2,
         ("预算单位.收入支出!D2", "预算单位第1项.收入支出第1项.支出.基本支出", "应为数字", "一万"), commands=G),
    Case("xlsx-required-cell-blank", _workbook("blank.xlsx", kv={"部门.名称": None}), 2,
         (("基本信息!C5", "基本信息!第5行"), "部门"), commands=G),
    Case("xlsx-exported-text-in-amount", _exported_and_dirtied("收入支出", "基本支出（元）", "一万"), 2,
         ("{cell}", "应为数字", "一万"), commands=G),
    Case("xlsx-exported-required-emptied", _exported_and_dirtied("预算单位", "名称", None), 2,
         (("{cell}", "{row}"), "名称"), commands=G),
]


def _params() -> list[object]:
    params = []
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
        for command in case.commands:
            params.append(pytest.param(case, command, id=f"{command}-{case.id}", marks=marks))
    return params


def _fill(needle: Needle, values: dict[str, str]) -> tuple[str, ...]:
    options = (needle,) if isinstance(needle, str) else needle
    filled = []
    for option in options:
        for key, value in values.items():
            option = option.replace("{" + key + "}", value)
        filled.append(option)
    return tuple(filled)


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int, path: Path,
                         needles: list[tuple[str, ...]], absent: tuple[str, ...]) -> None:
    output = result.stdout + result.stderr
    shown = f"exit {result.returncode}\n{output}"
    assert "Traceback" not in output, shown
    assert result.returncode == code, shown
    assert str(path) in output, f"the message should name the file {path}\n{shown}"
    message = output.replace(str(path), "")  # what is said about the file, without its name
    assert CJK.search(message), f"the message should be in Chinese\n{shown}"
    for options in needles:
        assert any(option in message for option in options), f"expected {' or '.join(options)!r}\n{shown}"
    for text in absent:
        assert text not in message, f"{text!r} should not be in the message\n{shown}"


@pytest.mark.parametrize(("case", "command"), _params())
def test_bad_input_fails_cleanly(case: Case, command: str, tmp_path: Path) -> None:
    path, values = case.build(tmp_path)
    cwd = tmp_path / "cwd"  # validate must not write anything either (e.g. a default output/ folder)
    cwd.mkdir()
    out = tmp_path / "out"
    args = ("validate", path) if command == "validate" else ("generate", path, "-o", out)
    result = run_cli(*args, cwd=cwd)
    assert_clean_failure(result, case.code, path, [_fill(n, values) for n in case.needles], case.absent)
    assert not out.exists() or not any(out.iterdir()), f"files written: {sorted(out.iterdir())}"
    assert not any(cwd.iterdir()), f"files written: {sorted(cwd.iterdir())}"


# ------------------------------------------------------------------ controls and bookkeeping


def test_the_base_of_the_corpus_is_valid() -> None:
    """Most corpus files are this one with one change: each fails only for the reason it is about."""
    result = run_cli("validate", BAD / "_valid-juesuan.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 个错误，0 个警告" in result.stdout


def test_the_base_workbook_is_valid(tmp_path: Path) -> None:
    """The hand-made workbook of the Excel cases is read without errors before it is dirtied."""
    result = run_cli("validate", _minimal_workbook(tmp_path / "base.xlsx"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 个错误" in result.stdout


def test_the_corpus_readme_lists_every_case_and_file() -> None:
    readme = (BAD / "README.md").read_text(encoding="utf-8")
    missing = [c.id for c in CASES if f"`{c.id}`" not in readme]
    missing += [p.name for p in BAD.iterdir() if p.name != "README.md" and f"`{p.name}`" not in readme]
    assert not missing, missing
    assert len(CASES) >= 40


# ------------------------------------------------------------------ not a bad input: template syntax in data


def test_template_syntax_in_the_department_name_is_printed_literally(tmp_path: Path) -> None:
    raw = raw_input()
    name = "测试{{ 7*7 }}<script>alert(1)</script>{%部门"
    raw["部门"]["名称"] = name
    out = tmp_path / "out"
    result = run_cli("generate", write_yaml(tmp_path, raw), "-o", out, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    docx = next(out.glob("*.docx"))
    pdf = next(out.glob("*.pdf"))
    for text in (compact(docx_text(docx)), compact(pdf_text(pdf))):
        assert compact(name) in text
        assert "测试49" not in text
        assert "&lt;script" not in text and "&#" not in text  # not escaped twice


# ------------------------------------------------------------------ hostile and unlucky inputs (issue 14)
# Numbers YAML 1.1 would misread, amounts that do not fit exactly, invisible characters, merge keys,
# and inputs built to exhaust memory or time: each refused at once, naming the limit and the place.
# The large ones are made at test time, never committed.


def _base_text() -> str:
    return (BAD / "_valid-juesuan.yaml").read_text(encoding="utf-8")


def _appended(name: str, tail: Callable[[], str]) -> Builder:
    """The valid base with `tail()` appended (an extra top-level key: the limits are met first)."""

    def build(tmp_path: Path) -> tuple[Path, dict[str, str]]:
        path = tmp_path / name
        base = _base_text()
        path.write_text(base + tail(), encoding="utf-8")
        return path, {"line": str(base.count("\n") + 1)}

    return build


def _deep_block() -> str:
    return "其他:\n" + "".join("  " * i + "层:\n" for i in range(1, 1000)) + "  " * 1000 + "值: 1\n"


def _billion_laughs() -> str:
    lines = ['笑0: &a0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    lines += [f"笑{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def _fifty_mb_text() -> str:
    return "职责概述: " + "长" * (50 * 1024 * 1024 // 3) + "\n"


def _many_values() -> str:
    return "其他:\n" + "- 1\n" * 150_000


def _fifo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)  # nobody writes to it: reading it would wait for ever
    return path, {}


def _fifo_xlsx(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "pipe.xlsx"
    os.mkfifo(path)
    return path, {}


def _dev_zero(_tmp_path: Path) -> tuple[Path, dict[str, str]]:
    return Path("/dev/zero"), {}  # endless zeros: reading it would fill the memory


HOSTILE_CASES: list[Case] = [
    # numbers as YAML 1.2 reads them: no octal, hex or base 60; booleans only true/false
    Case("amount-hex", "amount-hex.yaml", 2,
         ("预算单位第1项.基本支出经济分类第1项.金额（第 18 行）", "十六进制", "0x3E8"), commands=G),
    Case("amount-leading-zero", "amount-leading-zero.yaml", 2, ("金额（第 18 行）", "以 0 开头", "0100")),
    Case("amount-base60", "amount-base60.yaml", 2, ("金额（第 18 行）", "16:40", "十进制")),
    Case("bool-yes", "bool-yes.yaml", 2, ("无上年数据（第 22 行）", "true 或 false", "yes"), commands=G),
    # amounts that do not fit exactly: an error, never rounded, never InvalidOperation
    Case("amount-34-digits", "amount-34-digits.yaml", 2, ("金额（第 18 行）", "小数最多 6 位")),
    Case("amount-41-digits", "amount-41-digits.yaml", 2, ("机关运行经费.决算（第 21 行）", "整数部分最多 15 位"),
         commands=G),
    Case("amount-1e400", "amount-1e400.yaml", 2, ("机关运行经费.决算（第 21 行）", "整数部分最多 15 位"),
         absent=("InvalidOperation",), commands=G),
    # invisible characters in a text: refused where they are (the DOCX could not hold them)
    Case("text-control-char", "text-control-char.yaml", 2, ("部门.名称（第 7 行）", "U+000B"),
         absent=("XML compatible",), commands=G),
    Case("text-nul", "text-nul.yaml", 2, ("部门.职责第1项（第 8 行）", "U+0000"), commands=G),
    Case("text-bidi-override", "text-bidi-override.yaml", 2, ("部门.名称（第 7 行）", "U+202E"),
         absent=("\u202e",), commands=G),
    # merge keys follow the spec: an override after `<<` is fine, a key given twice is not
    Case("merge-key-real-duplicate", "merge-key-real-duplicate.yaml", 2, ("第 21 行", "决算", "重复")),
    Case("alias-recursive", "alias-recursive.yaml", 2, ("部门.职责", "第 8 行", "循环引用"), commands=G),
    Case("yaml-python-tag", "yaml-python-tag.yaml", 2, ("第 23 行", "不支持", "标签"), absent=("注入",), commands=G),
    Case("yaml-two-documents", "yaml-two-documents.yaml", 2, ("第 23 行", "只能有一份数据")),
    # limits: each refusal says which limit and where
    Case("nesting-1000-deep", _appended("deep.yaml", _deep_block), 2, ("嵌套层数", "50 层"),
         absent=("RecursionError",), commands=G),
    Case("nesting-flow-deep", _appended("deep-flow.yaml", lambda: "其他: " + "[" * 5000 + "]" * 5000 + "\n"),
         2, ("第 {line} 行", "嵌套层数过多")),
    Case("billion-laughs", _appended("laughs.yaml", _billion_laughs), 2, ("别名", "100,000 个值"), commands=G),
    Case("values-over-limit", _appended("many.yaml", _many_values), 2, ("其他第", "100,000 个")),
    Case("text-50-mb", _appended("huge-text.yaml", _fifty_mb_text), 2,
         ("文件大小", "20.0 MB", "第 {line} 行（“职责概述”）", "20,000 个字符"), commands=G),
    Case("text-over-field-limit", _edited_example("    - 承担市政府的信访事项复查复核具体办理工作。",
                                                  "    - 承担" + "复查复核" * 6_000 + "。"), 2,
         ("部门.职责第6项（第 {line} 行）", "24,003 个字符", "20,000 个字符")),
    Case("text-total-over-limit",
         _appended("long-texts.yaml", lambda: "其他:\n" + "".join(f"  - {'长' * 19_000}\n" for _ in range(30))), 2,
         ("文件顶层", "570,", "500,000 个字符的上限")),
    Case("fifo-input", _fifo, 2, ("管道",), commands=G),
    Case("fifo-xlsx-input", _fifo_xlsx, 2, ("管道",)),
    Case("dev-zero-input", _dev_zero, 2, ("设备文件",), commands=G),
]
CASES += HOSTILE_CASES  # for the README check; _params() above has already run


@pytest.mark.parametrize(("case", "command"), [
    pytest.param(case, command, id=f"{command}-{case.id}") for case in HOSTILE_CASES for command in case.commands])
def test_hostile_input_fails_cleanly(case: Case, command: str, tmp_path: Path) -> None:
    test_bad_input_fails_cleanly(case, command, tmp_path)
