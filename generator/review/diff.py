"""`gongkai diff OLD NEW`: every changed input value, computed figure, sentence and table cell.

OLD and NEW are inputs (YAML or Excel: computed here) or manifests written by `generate`."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from ..errors import InputError, InputProblem, visible


@dataclass
class Changes:
    inputs: list[tuple[str, str, str]] = field(default_factory=list)  # (path, old, new); "" = absent
    facts: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)
    sentences: list[tuple[str, str]] = field(default_factory=list)  # (old, new)
    cells: list[tuple[str, str, str]] = field(default_factory=list)  # (where, old, new)

    @property
    def empty(self) -> bool:
        return not (self.inputs or self.facts or self.sentences or self.cells)


def snapshot(path: Path) -> dict[str, Any]:
    """The manifest of `path`, or, for an input file, what its manifest would say."""
    if path.suffix.lower() == ".json":
        return read_manifest(path)
    from ..compose.document import compose
    from ..compute.flatten import flatten
    from ..pipeline import load_and_compute
    from ..write.manifest import document_content, flatten_raw

    loaded, facts, profile = load_and_compute(path)
    document = compose(loaded, facts, profile, charts=False)
    return {"input": {"values": flatten_raw(loaded.raw)},
            "facts": {f.key: {"label": f.label, "text": f.text, "exact": f.exact} for f in flatten(facts)},
            "document": document_content(document)}


MAX_MANIFEST_BYTES = 200 * 1024 * 1024  # a manifest is a few hundred KB


def read_manifest(path: Path) -> dict[str, Any]:
    """A manifest written by `generate`; InputError (Chinese, located) for anything else."""
    from ..load.limits import read_bounded

    raw = read_bounded(path, MAX_MANIFEST_BYTES, " .manifest.json ")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # cut off inside a character
            problem = InputProblem(f"第 {exc.start} 字节", "JSON 格式错误：文件在此处中断，不完整")
        else:
            problem = InputProblem(f"第 {exc.start} 字节", "应为 UTF-8 编码的 JSON 文本")
        raise InputError(str(path), [problem]) from None
    except json.JSONDecodeError as exc:
        problem = InputProblem(f"第 {exc.lineno} 行第 {exc.colno} 列", "JSON 格式错误，文件可能不完整或被改动过")
        raise InputError(str(path), [problem]) from None
    except RecursionError:
        problem = InputProblem("文件顶层", "JSON 嵌套层数过多，不是 gongkai generate 写出的 .manifest.json")
        raise InputError(str(path), [problem]) from None
    missing = _not_a_manifest(data)
    if missing:
        message = ("不是 gongkai generate 写出的 .manifest.json（缺少该项或类型不对）；"
                   "请给出两个输入文件，或两份 .manifest.json")
        raise InputError(str(path), [InputProblem(missing, message)])
    return data


def _not_a_manifest(data: Any) -> str:
    """The first part a manifest must have that `data` lacks, or "" when it has them all."""
    shapes: list[tuple[str, tuple[str, ...], type[dict[str, Any]] | type[list[Any]], type]] = [
        ("input.values", ("input", "values"), dict, str),
        ("facts", ("facts",), dict, dict),
        ("document.paragraphs", ("document", "paragraphs"), list, str),
        ("document.cells", ("document", "cells"), dict, str),
    ]
    for name, keys, container, item in shapes:
        node = data
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        if not isinstance(node, container):
            return name
        items: list[Any] = list(node.values()) if isinstance(node, dict) else list(node)
        if not all(isinstance(v, item) for v in items):
            return name
    facts = data["facts"].values()
    if not all(isinstance(f.get("text", ""), str) and isinstance(f.get("label", ""), str) for f in facts):
        return "facts"
    return ""


def _mapping(old: dict[str, str], new: dict[str, str]) -> list[tuple[str, str, str]]:
    keys = list(dict.fromkeys([*old, *new]))
    return [(k, old.get(k, ""), new.get(k, "")) for k in keys if old.get(k) != new.get(k)]


def compare(old: dict[str, Any], new: dict[str, Any]) -> Changes:
    changes = Changes()
    changes.inputs = _mapping(old["input"]["values"], new["input"]["values"])
    old_facts, new_facts = old["facts"], new["facts"]
    for key in dict.fromkeys([*old_facts, *new_facts]):
        a, b = old_facts.get(key), new_facts.get(key)
        if (a or {}).get("exact") != (b or {}).get("exact"):
            label = (b or a or {}).get("label", key)
            changes.facts.append((label, (a or {}).get("text", ""), (b or {}).get("text", "")))
    a_par, b_par = old["document"]["paragraphs"], new["document"]["paragraphs"]
    matcher = difflib.SequenceMatcher(a=a_par, b=b_par, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = a_par[i1:i2], b_par[j1:j2]
        for k in range(max(len(olds), len(news))):
            changes.sentences.append((olds[k] if k < len(olds) else "", news[k] if k < len(news) else ""))
    changes.cells = _mapping(old["document"]["cells"], new["document"]["cells"])
    return changes


def render_text(changes: Changes) -> str:
    if changes.empty:
        return "两个版本没有差异。"
    out = []
    sections = [("输入数据", changes.inputs), ("计算结果", changes.facts), ("表格单元格", changes.cells)]
    for title, rows in sections:
        if rows:
            out.append(f"== {title}（{len(rows)} 处）")
            out += [f"  {visible(where)}：{visible(old) or '（无）'} → {visible(new) or '（无）'}"
                    for where, old, new in rows]
    if changes.sentences:
        out.append(f"== 说明文字（{len(changes.sentences)} 处）")
        for old, new in changes.sentences:
            out.append(f"  - 原：{visible(old) or '（无）'}")
            out.append(f"    新：{visible(new) or '（无）'}")
    return "\n".join(out)


def _inline(old: str, new: str) -> tuple[str, str]:
    """The two texts with their differing characters marked, for the HTML report."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    a, b = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            a.append(escape(old[i1:i2]))
            b.append(escape(new[j1:j2]))
        else:
            a.append(f"<del>{escape(old[i1:i2])}</del>")
            b.append(f"<ins>{escape(new[j1:j2])}</ins>")
    return "".join(a), "".join(b)


def render_html(changes: Changes, old_name: str, new_name: str) -> str:
    parts = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>修改对照</title><style>',
             "body{font-family:'Noto Sans CJK SC',sans-serif;margin:2em;} table{border-collapse:collapse;width:100%;"
             "margin-bottom:1.5em} th,td{border:1px solid #999;padding:4px 6px;vertical-align:top} th{background:#eef}"
             " del{background:#fdd;text-decoration:line-through} ins{background:#dfd;text-decoration:none}",
             f"</style></head><body><h1>修改对照</h1><p>原版本：{escape(old_name)}　新版本：{escape(new_name)}</p>"]
    if changes.empty:
        parts.append("<p>两个版本没有差异。</p>")
    for title, rows in (("输入数据", changes.inputs), ("计算结果", changes.facts), ("表格单元格", changes.cells)):
        if rows:
            parts.append(f"<h2>{title}（{len(rows)} 处）</h2><table><tr><th>位置</th><th>原</th><th>新</th></tr>")
            for where, old, new in rows:
                a, b = _inline(old, new)
                parts.append(f"<tr><td>{escape(where)}</td><td>{a}</td><td>{b}</td></tr>")
            parts.append("</table>")
    if changes.sentences:
        parts.append(f"<h2>说明文字（{len(changes.sentences)} 处）</h2><table><tr><th>原</th><th>新</th></tr>")
        for old, new in changes.sentences:
            a, b = _inline(old, new)
            parts.append(f"<tr><td>{a}</td><td>{b}</td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)
