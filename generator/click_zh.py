"""click in Chinese: its own words (用法, 选项, 命令, --help, --version, usage errors).

click marks its messages for gettext (`_()` and `ngettext()`, bound in each of its modules when it is
imported) but ships no translations, and gettext picks a language from the environment, which on a
server is often C. So the functions click bound are replaced by lookups in the table below, whatever
the locale. A message missing from the table stays as click wrote it; tests/test_cli_help.py fails
when that happens in any help text or usage error.

Metavars that click does not translate ([OPTIONS], COMMAND [ARGS]..., PATH, INTEGER) are set by the
command and group classes here and by `metavar=` on each parameter in cli.py.
"""

from __future__ import annotations

import importlib
import unicodedata
from typing import Any

import click

MESSAGES: dict[str, str] = {
    "Usage:": "用法:",  # click adds a space after it, and “选项:”/“命令:” end with ASCII colons too
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项 {name}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such command '{name}'.": "没有命令“{name}”。",
    "Invalid value: {message}": "取值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在允许的范围内（{range}）。",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} 不是有效的是/否值；可用：{states}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 无法执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带取值。",
    "Invalid start character for option ({option})": "选项的开头字符无效（{option}）",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Aborted!": "已中断",
    "unknown error": "未知错误",
    "Value must be an iterable.": "取值应为多个值。",
    "Do you want to continue?": "是否继续？",
    "Error: invalid input": "错误：输入无效",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Repeat for confirmation": "请再输入一次以确认",
    "Press any key to continue...": "按任意键继续……",
}

# (singular, plural) → Chinese, which has one form.
PLURALS: dict[tuple[str, str], str] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): "多余的参数（{args}）",
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        "需要 {nargs} 个值，实际给了 {len} 个。",
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        "是否想输入 {possibilities}？",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): "{value!r} 不是可选值（{choices}）之一。",
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        "{value!r} 不符合格式 {formats}。",
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."): "需要 {len_type} 个值，实际给了 {len_value} 个。",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        "选项 {name!r} 需要 {nargs} 个取值。",
}

_CLICK_MODULES = ("core", "exceptions", "types", "decorators", "formatting", "parser", "termui", "utils")


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    # click fills both spellings' fields ({choice} and {choices} …), so the one Chinese form fits both.
    return PLURALS.get((singular, plural), singular if n == 1 else plural)


def display_width(text: str) -> int:
    """Columns a terminal gives the text: a Chinese character takes two (click counts one, which
    misaligns the option table when a metavar is Chinese)."""
    from click._compat import strip_ansi

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in strip_ansi(text))


def install() -> None:
    """Replaces the gettext functions each click module bound at import with the lookups above, and
    click's width measure of the help tables with one that knows Chinese characters are wide."""
    import click.formatting

    click.formatting.term_len = display_width  # type: ignore[assignment]
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


class _Integer(click.types.IntParamType):
    name = "整数"  # click puts the type's name into its message: “'二〇二三' 不是有效的整数。”


INT = _Integer()


class _Seconds(click.FloatRange):
    """A positive number of seconds; click shows a range as “x>0”, which says less than 大于 0."""

    name = "秒数"

    def __init__(self) -> None:
        super().__init__(min=0, min_open=True)

    def _describe_range(self) -> str:
        return "大于 0"


SECONDS = _Seconds()


class Command(click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


class Group(click.Group):
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)
