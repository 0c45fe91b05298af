"""The command line speaks Chinese: every --help, click's own words and its usage errors."""

from __future__ import annotations

import re

import pytest

from .conftest import HANGZHOU, run_cli

COMMANDS = ["validate", "facts", "generate", "export", "init", "schema", "diff", "profile", "profile list",
            "profile check", "profile new"]

# Words that may stand in Chinese help: file formats, product and option values, the examples'
# command lines. Anything else in Latin letters (Usage, Options, Show this message and exit,
# default, required, PATH, INTEGER, FILE …) is English boilerplate.
ALLOWED = {
    "gongkai", "validate", "facts", "generate", "export", "init", "schema", "diff", "help", "version",
    "yaml", "yml", "xlsx", "json", "html", "docx", "pdf", "csv", "zip", "all", "text", "table", "manifest",
    "YAML", "Excel", "DOCX", "HTML", "CPU", "PDF", "CSV", "JSON", "Schema", "VS", "Code", "Word", "XLSX",
    "juesuan", "yusuan", "zhejiang", "shanghai", "national", "templates", "profiles", "output", "format",
    "profile", "list", "check", "new", "from", "year", "excel", "force", "report", "charts", "no", "jobs",
    "kind", "o", "h", "j",
}
ENGLISH_BOILERPLATE = ["Usage", "Options", "Commands", "Show this message", "Show the version", "default",
                       "required", "OPTIONS", "COMMAND", "ARGS", "PATH", "INTEGER", "TEXT", "FILE", "Error",
                       "Missing", "Invalid", "No such", "Try "]


def _latin_words(text: str) -> set[str]:
    # Option names (--format, -o) and file names in examples (部门.xlsx) are not words.
    text = re.sub(r"(?<![\w.])--?[\w-]+", " ", text)
    text = re.sub(r"\.\w+", " ", text)
    return {w for w in re.findall(r"[A-Za-z]+", text)}


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_is_chinese_with_an_example(command: str) -> None:
    args = [*command.split(), "--help"]
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    text = re.sub(r"GONGKAI_[A-Z_]+", " ", result.stdout)  # an environment variable's name is not a word
    assert text.startswith("用法: gongkai")
    assert "选项:" in text and "显示本帮助并退出。" in text and "示例：" in text
    for phrase in ENGLISH_BOILERPLATE:
        assert phrase not in text, (command, phrase)
    assert _latin_words(text) <= ALLOWED, (command, _latin_words(text) - ALLOWED)
    if not command:
        assert "命令:" in text and all(c.split()[0] in text for c in COMMANDS)


def test_generate_help_lists_every_registered_format() -> None:
    from generator.write.formats import FORMATS

    text = run_cli("generate", "--help").stdout
    assert "[" + "|".join([*FORMATS, "all"]) + "]" in text
    flat = re.sub(r"\s+", "", text)
    for spec in FORMATS.values():
        assert re.sub(r"\s+", "", spec.label) in flat


def test_version_is_chinese() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("gongkai 版本 ")


@pytest.mark.parametrize(("args", "needles"), [
    (["validate"], ["缺少参数", "文件"]),
    (["validate", HANGZHOU, "--format", "xml"], ["'--format' 的取值无效", "'xml'", "'text', 'json'"]),
    (["validate", HANGZHOU, "--formt", "json"], ["没有选项 '--formt'", "是否想输入 '--format'"]),
    (["generate", HANGZHOU, "--format", "odt"], ["取值无效", "'docx', 'pdf', 'xlsx', 'csv', 'all'"]),
    (["init", "--year", "2023", "-o", "x.yaml"], ["缺少选项", "--profile"]),
    (["init", "--profile", "juesuan-zhejiang", "--year", "二〇二三", "-o", "x.yaml"], ["不是有效的", "整数"]),
    (["nosuch"], ["没有命令 'nosuch'"]),
    (["facts", HANGZHOU, "extra"], ["多余的参数（extra）"]),
    (["generate", HANGZHOU, "-o"], ["选项 '-o' 需要"]),
    (["init", "--profile", "juesuan-mars", "--year", "2023", "-o", "x.yaml"],
     ["--profile 的取值无效", "没有名为“juesuan-mars”的版式", "juesuan-zhejiang"]),
    (["export", HANGZHOU], ["请用 --excel 输出.xlsx 或 --yaml 输出.yaml 指定输出文件"]),
])
def test_usage_errors_are_chinese(args: list[str], needles: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    err = result.stderr
    assert err.count("错误：") == 1, err
    for needle in needles:
        assert needle in err, err
    for phrase in ENGLISH_BOILERPLATE:
        assert phrase not in err, (phrase, err)
