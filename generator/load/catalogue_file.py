"""Reads a catalogue file strictly (templates/catalogue/<year>/<kind>.yaml, shape in README.md there).

Every key must be known, every entry must say where it was seen (`source`), codes must have the length of
their level and sit under their parent, and each problem names the file and the line. The YAML node tree
is walked directly (not the constructed data) because only the nodes know their lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..errors import InputError, InputProblem

UNVERIFIED = "unverified"
LEVELS = {1: "类", 2: "款", 3: "项"}
CODE_LENGTH = {1: 3, 2: 5, 3: 7}
DEEPEST = {"function": 3, "economic": 2}
GROUPS = ("人员经费", "公用经费")
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class CatalogueError(InputError):
    """A catalogue or sources file that cannot be used: exit 2, every problem with its line."""

    def __str__(self) -> str:
        lines = [f"科目目录文件有误：{self.file}"]
        lines += [f"  - {p.render()}" for p in self.problems]
        return "\n".join(lines)


@dataclass(frozen=True)
class Node:
    """One 类, 款 or 项 as the file gives it."""

    code: str
    name: str
    source: tuple[str, ...]  # "<document> <part>" items; () = unverified
    glossary: str
    glossary_source: tuple[str, ...]
    group: str
    children: tuple[Node, ...]
    line: int


@dataclass(frozen=True)
class SourceDocument:
    """A document a `source` may name (templates/catalogue/sources.yaml)."""

    key: str  # "seed 000", "reference <name>-2024"
    title: str
    year: int
    file: str  # relative to the shared folder beside the repository
    parts: tuple[str, ...]


class _Problems:
    def __init__(self) -> None:
        self.items: list[InputProblem] = []

    def add(self, node: yaml.Node | None, message: str) -> None:
        where = f"第 {node.start_mark.line + 1} 行" if node is not None else ""
        self.items.append(InputProblem(where, message))


def _compose(path: Path) -> yaml.MappingNode:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(str(path), [InputProblem("", f"无法读取文件：{exc}")]) from None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        raise CatalogueError(str(path), [InputProblem(where, f"YAML 格式错误：{exc.problem or exc}")]) from None
    if not isinstance(root, yaml.MappingNode):
        raise CatalogueError(str(path), [InputProblem("文件顶层", "应为键值映射")])
    return root


def _fields(node: yaml.MappingNode, allowed: tuple[str, ...], what: str, problems: _Problems) -> dict[str, yaml.Node]:
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if key not in allowed:
            problems.add(key_node, f"{what}中有未知的键“{key}”；可用的键：{'、'.join(allowed)}")
        elif key in fields:
            problems.add(key_node, f"键“{key}”在同一层重复出现")
        else:
            fields[key] = value_node
    return fields


def _text(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) and node.tag == _STR else None


# ------------------------------------------------------------------ sources.yaml


@cache
def source_documents(path: Path) -> dict[str, SourceDocument]:
    """The documents of a sources.yaml, checked (unknown keys, missing fields, empty parts)."""
    root = _compose(path)
    problems = _Problems()
    documents: dict[str, SourceDocument] = {}
    for key_node, doc in root.value:
        key = key_node.value
        if not isinstance(doc, yaml.MappingNode):
            problems.add(key_node, f"文档“{key}”应为键值映射（title、year、file、parts）")
            continue
        fields = _fields(doc, ("title", "year", "file", "parts"), f"文档“{key}”", problems)
        missing = [k for k in ("title", "year", "file", "parts") if k not in fields]
        if missing:
            problems.add(key_node, f"文档“{key}”缺少 {'、'.join(missing)}")
            continue
        year = fields["year"]
        parts = fields["parts"]
        if not (isinstance(year, yaml.ScalarNode) and year.tag == _INT):
            problems.add(year, f"year 应为年度数字，实际为“{getattr(year, 'value', '')}”")
            continue
        if not isinstance(parts, yaml.MappingNode) or not parts.value:
            problems.add(parts, "parts 应为“部分: 说明”的映射，且不能为空")
            continue
        labels = tuple(k.value for k, _ in parts.value)
        bad = [k for k, _ in parts.value if " " in k.value]
        for k in bad:
            problems.add(k, f"部分名称“{k.value}”不能含空格（来源写作“文档 部分”，以空格分隔）")
        documents[key] = SourceDocument(key, _text(fields["title"]) or "", int(year.value),
                                        _text(fields["file"]) or "", labels)
    if problems.items:
        raise CatalogueError(str(path), problems.items)
    return documents


def _source(node: yaml.Node | None, field: str, documents: dict[str, SourceDocument],
            problems: _Problems, owner: yaml.Node, label: str) -> tuple[str, ...]:
    example = "应为文档列表，如 [seed 000 公开03]，或 unverified（未在任何文档中见到）"
    if node is None:
        problems.add(owner, f"{label} 缺少 {field}：{example}")
        return ()
    if isinstance(node, yaml.ScalarNode):
        if node.value == UNVERIFIED:
            return ()
        problems.add(node, f"{label} 的 {field} {example}，实际为“{node.value}”")
        return ()
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        problems.add(node, f"{label} 的 {field} {example}")
        return ()
    items: list[str] = []
    for item in node.value:
        value = _text(item)
        if value is None:
            problems.add(item, f"{field} 的每一项应为“文档 部分”文本，实际为“{getattr(item, 'value', '')}”")
            continue
        if value == UNVERIFIED:
            problems.add(item, f"{field} 列表中不能写 unverified：已有来源就不是未核实")
            continue
        document, _, part = value.rpartition(" ")
        if document not in documents:
            known = "、".join(documents)
            problems.add(item, f"来源“{value}”中的文档“{document}”不在 sources.yaml 中；已知文档：{known}")
        elif part not in documents[document].parts:
            known = "、".join(documents[document].parts)
            problems.add(item, f"来源“{value}”中的“{part}”不是文档“{document}”的部分；可用：{known}")
        elif value in items:
            problems.add(item, f"来源“{value}”重复")
        else:
            items.append(value)
    return tuple(items)


# ------------------------------------------------------------------ <year>/<kind>.yaml


def read_catalogue_file(path: Path, year: int, kind: str, documents: dict[str, SourceDocument]) -> tuple[Node, ...]:
    """The file's 类 in file order, each with its 款 and 项; CatalogueError listing every problem."""
    root = _compose(path)
    problems = _Problems()
    fields = _fields(root, ("year", "kind", "classes"), "文件顶层", problems)
    year_node, kind_node, classes = fields.get("year"), fields.get("kind"), fields.get("classes")
    if not (isinstance(year_node, yaml.ScalarNode) and year_node.value == str(year)):
        found = year_node.value if isinstance(year_node, yaml.ScalarNode) else "未填写"
        problems.add(year_node or root, f"year 应为 {year}（与所在文件夹一致），实际为“{found}”")
    if _text(kind_node) != kind:
        found = kind_node.value if isinstance(kind_node, yaml.ScalarNode) else "未填写"
        problems.add(kind_node or root, f"kind 应为 {kind}（与文件名一致），实际为“{found}”")
    nodes: tuple[Node, ...] = ()
    if classes is None:
        problems.add(root, "缺少 classes（类的列表）")
    else:
        nodes = _entries(classes, 1, None, kind, documents, problems, {})
    if problems.items:
        raise CatalogueError(str(path), problems.items)
    return nodes


def _entries(seq: yaml.Node, level: int, parent: str | None, kind: str, documents: dict[str, SourceDocument],
             problems: _Problems, seen: dict[str, int]) -> tuple[Node, ...]:
    what = LEVELS[level]
    if not isinstance(seq, yaml.SequenceNode):
        problems.add(seq, f"{'classes' if level == 1 else 'children'} 应为{what}的列表")
        return ()
    allowed = ["code", "name", "source", "glossary", "glossary_source"]
    if kind == "economic" and level == 1:
        allowed.append("group")
    if level < DEEPEST[kind]:
        allowed.append("children")
    out: list[Node] = []
    previous = ""
    for item in seq.value:
        if not isinstance(item, yaml.MappingNode):
            problems.add(item, f"{what}应为键值映射（code、name、source……）")
            continue
        fields = _fields(item, tuple(allowed), f"{what}", problems)
        code = _code(fields.get("code"), level, parent, problems, item)
        label = f"{what} {code}" if code else what
        if code in seen:
            problems.add(fields["code"], f"编码 {code} 重复出现（第 {seen[code]} 行已有）")
        elif code:
            seen[code] = fields["code"].start_mark.line + 1
        if code and level > 1 and previous and code <= previous:
            problems.add(fields["code"], f"{what}应按编码顺序排列：{code} 不应排在 {previous} 之后")
        previous = code or previous
        name = _name(fields.get("name"), label, problems, item)
        source = _source(fields.get("source"), "source", documents, problems, item, label)
        glossary = ""
        glossary_source: tuple[str, ...] = ()
        if "glossary" in fields:
            glossary = _text(fields["glossary"]) or ""
            if _text(fields["glossary"]) is None:
                problems.add(fields["glossary"], f"{label} 的 glossary 应为文本")
        if glossary:
            glossary_source = _source(fields.get("glossary_source"), "glossary_source", documents, problems, item,
                                      label)
        elif "glossary_source" in fields:
            problems.add(fields["glossary_source"], f"{label} 没有 glossary，不应有 glossary_source")
        group = ""
        if "group" in allowed:
            group = _text(fields.get("group")) or ""
            if group not in GROUPS:
                problems.add(fields.get("group", item), f"{label} 的 group 应为 {' 或 '.join(GROUPS)}，实际为“{group}”")
        children: tuple[Node, ...] = ()
        if "children" in fields:
            children = _entries(fields["children"], level + 1, code, kind, documents, problems, seen)
        out.append(Node(code, name, source, glossary, glossary_source, group, children, item.start_mark.line + 1))
    return tuple(out)


def _code(node: yaml.Node | None, level: int, parent: str | None, problems: _Problems, owner: yaml.Node) -> str:
    what = LEVELS[level]
    if node is None:
        problems.add(owner, f"{what}缺少 code（编码）")
        return ""
    if not isinstance(node, yaml.ScalarNode):
        problems.add(node, f"{what}的 code 应为带引号的编码文本")
        return ""
    code = node.value
    if node.tag != _STR:
        problems.add(node, f"{what}的 code 应加引号写成文本，如 \"{code}\"（不加引号会被读成数字）")
        return ""
    if not code.isascii() or not code.isdigit() or len(code) != CODE_LENGTH[level]:
        problems.add(node, f"{what}级编码应为 {CODE_LENGTH[level]} 位数字，实际为“{code}”（{len(code)} 位）")
        return ""
    if parent and not code.startswith(parent):
        upper = LEVELS[level - 1]
        problems.add(node, f"{what} {code} 不属于所在的{upper} {parent}：{what}级编码应以 {parent} 开头")
        return ""
    return code


def _name(node: yaml.Node | None, label: str, problems: _Problems, owner: yaml.Node) -> str:
    name = _text(node)
    if name is None or not name.strip():
        problems.add(node or owner, f"{label} 缺少 name（名称）")
        return ""
    if name != name.strip() or "(" in name or ")" in name:
        problems.add(node, f"{label} 的名称“{name}”应使用全角括号（），且首尾不留空格")
    return name
