"""Reads a YAML input file into plain Python data, safely and exactly.

- YAML 1.2 rules for what is a number: decimal integers and decimal fractions only. YAML 1.1 (what
  PyYAML implements) reads `0100` as octal 64, `0x3E8` as 1000, `16:40` as 1000 (base 60) and `NO`,
  `yes`, `on` as booleans; here those stay the text typed, so a text field keeps its characters and
  an amount field says it wants a decimal number. Booleans are only true/false; dates stay text.
- Numbers with a fraction become Decimal, never float (the YAML spec would give a float).
- A key given twice in one mapping is an error (PyYAML would silently keep the last one); a key
  given after a merge (`<<: *base`) overrides the merged one, as the YAML spec says.
- The file's size, nesting depth and (alias-expanded) number of values are bounded (limits.py).
- Encoding problems, syntax errors and an empty file become `InputError`s in Chinese.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import yaml

from ..errors import InputError, InputProblem
from .limits import MAX_TEXT_CHARS, MAX_YAML_BYTES, read_bounded
from .messages import format_path
from .yaml_shape import check_shape

# libyaml's parser when installed (several times faster); our constructors run on top of either.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_MERGE = "tag:yaml.org,2002:merge"
# Leading zeros are refused in numbers: YAML 1.1 would read 0100 as octal 64, a person as 100.
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_SPECIAL = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class _Yaml12Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader with YAML 1.2 core-schema scalars (minus octal and hex), exact decimals,
    spec merge keys and duplicate keys refused."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"),
                                    ["~", "n", "N", ""])
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                    list("tTfF"))
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(f"^{_INT.pattern}$"), list("-+0123456789"))
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:float",
                                    re.compile(f"^(?:{_FLOAT.pattern}|{_SPECIAL.pattern})$"), list("-+.0123456789"))
_Yaml12Loader.add_implicit_resolver(_MERGE, re.compile(r"^<<$"), ["<"])


def _scalar_error(node: yaml.Node, message: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | Decimal:
    text = loader.construct_scalar(node)
    if not _INT.fullmatch(text):  # only reachable through an explicit !!int tag
        raise _scalar_error(node, f"“{text}”不是十进制整数")
    # Python refuses to convert more than 4,300 digits to int; the model says how big an amount may be.
    return int(text) if len(text) <= 1000 else Decimal(text)


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = loader.construct_scalar(node)
    if _SPECIAL.fullmatch(text):  # non-finite Decimals: the model refuses them with its own message
        return Decimal("NaN") if "n" in text.lower() else Decimal(("-" if text.startswith("-") else "") + "Infinity")
    if not _FLOAT.fullmatch(text):  # only reachable through an explicit !!float tag
        raise _scalar_error(node, f"“{text}”不是十进制数字")
    return Decimal(text)


def _construct_bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
    text = loader.construct_scalar(node)
    if text not in _BOOLS:  # only reachable through an explicit !!bool tag
        raise _scalar_error(node, f"“{text}”不是布尔值（应为 true 或 false）")
    return _BOOLS[text]


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    merged: dict[Any, Any] = {}
    result: dict[Any, Any] = {}
    seen_merge = False
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE:
            if seen_merge:
                raise _scalar_error(key_node, "键“<<”在同一层重复出现")
            seen_merge = True
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    raise _scalar_error(source, "合并键“<<”的值应为映射（如 *锚点）或映射的列表")
                for key, value in loader.construct_object(source, deep=True).items():
                    merged.setdefault(key, value)  # the spec: an earlier mapping in the list wins
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            duplicate = key in result
        except TypeError:
            raise _scalar_error(key_node, "键应为文本，实际为列表或映射") from None
        if duplicate:
            raise _scalar_error(key_node, f"键“{key}”在同一层重复出现")
        result[key] = loader.construct_object(value_node, deep=True)
    # Keys given in this mapping override merged ones (YAML merge key spec).
    return {**merged, **result} if merged else result


_Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_Yaml12Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


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
    return read_yaml_text(path)[0]


def read_yaml_text(path: Path) -> tuple[dict[str, Any], str]:
    """The file's top-level mapping and the text it was read from (for locating messages)."""
    raw = read_bounded(path, MAX_YAML_BYTES, " YAML ", explain=_long_lines)
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
    return _prune(data), text


def parse_yaml(path: Path, text: str) -> Any:
    """YAML text → plain data with exact decimals; syntax errors become located InputErrors."""
    try:
        check_shape(text, str(path))
        return yaml.load(text, Loader=_Yaml12Loader)
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


_KEY = re.compile(r"\s*(?:-\s+)*([^\s:#'\"{\[][^:#]*?)\s*:(?:\s|$)")


def _long_lines(prefix: bytes) -> list[InputProblem]:
    """For a file over the size limit: the first line whose text alone is over the text limit,
    so the message can name the field that makes the file so big."""
    for match in re.finditer(rb"(?m)^[^\n]{%d,}" % MAX_TEXT_CHARS, prefix):
        line = match.group().decode("utf-8", "replace")
        if len(line) > MAX_TEXT_CHARS:
            number = prefix.count(b"\n", 0, match.start()) + 1
            key = _KEY.match(line[:200])
            field = f"（“{key.group(1)}”）" if key else ""
            more = "以上" if match.end() == len(prefix) else ""  # the line goes on past what was read
            return [InputProblem(f"第 {number} 行{field}",
                                 f"这一行有 {len(line):,} 个{more}字符，超过每项文本 {MAX_TEXT_CHARS:,} 个字符的上限")]
    return []


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
    "exceeded maximum nesting depth": "嵌套层数过多（方括号或花括号套得太深）",
    "could not determine a constructor for the tag": "不支持这种“!!”或“!”标签（如 !!python/…），请删除该标签",
    "but found another document": "一个文件中只能有一份数据：请删除多余的“---”及其后的内容",
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
