"""Reads a YAML input file into plain Python data, safely and exactly.

- Numbers with a fraction become Decimal, never float (the YAML spec would give a float).
- A key given twice in one mapping is an error (PyYAML would silently keep the last one).
- Encoding problems, syntax errors and an empty file become `InputError`s in Chinese.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, InputProblem
from .messages import format_path

# libyaml's parser when installed (several times faster); our constructors run on top of either.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DecimalLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that keeps decimal fractions exact and refuses duplicate keys."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = loader.construct_scalar(node).replace("_", "")
    try:
        return Decimal(text)  # ".inf"/".nan" parse to non-finite Decimals; the model refuses them
    except InvalidOperation:
        lowered = text.lower().lstrip("+-")
        return Decimal("NaN") if lowered == ".nan" else Decimal(("-" if text.startswith("-") else "") + "Infinity")


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"键“{key}”在同一层重复出现", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_DecimalLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def decode(path: Path, raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        hint = "文件可能是 GBK 编码，请在编辑器中另存为 UTF-8" if _looks_gbk(raw) else "文件不是文本文件或编码无法识别"
        raise InputError(str(path), [InputProblem(f"第 {exc.start} 字节", f"应为 UTF-8 编码的文本；{hint}")]) from None


def _looks_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gbk")
    except UnicodeDecodeError:
        return False
    return True


def read_yaml(path: Path) -> dict[str, Any]:
    """The file's top-level mapping; raises InputError for anything that is not one."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), [InputProblem("", "找不到该文件，请检查路径")]) from None
    except IsADirectoryError:
        raise InputError(str(path), [InputProblem("", "这是一个文件夹，应为 YAML 文件")]) from None
    except OSError as exc:
        raise InputError(str(path), [InputProblem("", f"无法读取文件：{exc.strerror}")]) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(str(path), [InputProblem("", "文件是 UTF-16 编码；请在编辑器中另存为 UTF-8 编码后重试")])
    if b"\x00" in raw:
        raise InputError(str(path), [InputProblem("", "应为 YAML 文本文件，实际内容是二进制数据")])
    text = decode(path, raw)
    if not text.strip():
        raise InputError(str(path), [InputProblem("", "文件是空的，应为包含部门数据的 YAML 映射")])
    data = parse_yaml(path, text)
    if not isinstance(data, dict):
        found = {list: "列表", str: "一段文本", type(None): "空内容"}.get(type(data), type(data).__name__)
        raise InputError(str(path), [InputProblem("文件顶层", f"应为键值映射（如“年度: 2022”），实际为{found}")])
    return _prune(data)


def parse_yaml(path: Path, text: str) -> Any:
    """YAML text → plain data with exact decimals; syntax errors become located InputErrors."""
    try:
        return yaml.load(text, Loader=_DecimalLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        quote = _unclosed_quote(text, mark.line if mark else None)
        if quote is not None:
            # A quote left open swallows the lines after it; the parser only trips later on.
            problem = InputProblem(f"第 {quote + 1} 行",
                                   "YAML 格式错误：引号没有闭合（这一行的引号缺少配对的结束引号）")
            raise InputError(str(path), [problem]) from None
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        raise InputError(str(path), [InputProblem(where, f"YAML 格式错误：{_yaml_problem(exc)}")]) from None
    except yaml.YAMLError as exc:
        raise InputError(str(path), [InputProblem("", f"YAML 格式错误：{exc}")]) from None


def _prune(node: Any) -> Any:
    """A key left empty (`差异原因:`) means “not given”, as an empty cell does in Excel."""
    if isinstance(node, dict):
        return {k: _prune(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [_prune(v) for v in node]
    return node


def _unclosed_quote(text: str, error_line: int | None) -> int | None:
    """The first line, up to the error, whose double quotes do not pair up (comments aside)."""
    lines = text.splitlines()
    last = min(len(lines) - 1, error_line if error_line is not None else len(lines) - 1)
    for number, line in enumerate(lines[: last + 1]):
        content = line.split(" #", 1)[0] if '"' not in line.split(" #", 1)[0][:1] else line
        if content.lstrip().startswith("#"):
            continue
        if content.replace('\\"', "").count('"') % 2 == 1:
            return number
    return None


_YAML_PROBLEMS = {
    "mapping values are not allowed": "此处不允许出现“键: 值”（可能缺少缩进或冒号后缺少空格）",
    "tab character": "不能用 Tab 缩进，请改用空格",
    "did not find expected <document start>": "文件结构有误（可能多了缩进或多余的内容）",
    "block sequence entries are not allowed": "此处不允许出现列表项“- ”（可能缩进不一致）",
    "could not find expected ':'": "缺少冒号“:”",
    "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请改用空格",
    "expected <block end>, but found": "缩进不一致",
    "found undefined alias": "引用了未定义的锚点",
    "while scanning a quoted scalar": "引号没有闭合",
    "found unexpected end of stream": "引号没有闭合",
    "expected ',' or ']'": "方括号“[”没有闭合",
    "expected ',' or '}'": "花括号“{”没有闭合",
    "did not find expected key": "缩进不一致，或缺少“键: 值”中的冒号",
    "did not find expected '-' indicator": "列表项（以“- ”开头）的缩进不一致",
    "found unknown escape character": "双引号中的反斜杠“\\”转义无效，请改用单引号或去掉反斜杠",
    "found character that cannot start any token": "此处有不能开始一个值的字符（如 @、` 或 Tab）",
    "expected <document start>": "文件结构有误（可能多了缩进或多余的内容）",
}


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = str(exc.problem or "")
    for english, chinese in _YAML_PROBLEMS.items():
        if english in problem or english in str(exc.context or ""):
            return chinese
    return f"格式不正确（{problem}）" if problem else "格式不正确"


class LineIndex:
    """Locates a value of a YAML file for messages: its path and the line it starts on."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._composed = False
        self._root: yaml.Node | None = None

    def _tree(self) -> yaml.Node | None:
        # Composed on the first message only: a clean file never pays for a second parse.
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self._source, Loader=_BaseLoader) if self._source else None
            except yaml.YAMLError:
                self._root = None
        return self._root

    def where(self, keys: tuple[Any, ...]) -> str:
        line = self.line(keys)
        return format_path(keys) + (f"（第 {line} 行）" if line else "")

    def line(self, keys: tuple[Any, ...]) -> int | None:
        """1-based line of the deepest part of `keys` that exists; None if none does."""
        node, line = self._tree(), None
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == str(key)), None)
                if pair is None:
                    return line
                line, node = pair[0].start_mark.line + 1, pair[1]  # the line of the key itself
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                return line
        return line
