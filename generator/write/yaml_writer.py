"""Raw input → YAML text: exact decimals, codes kept as quoted text, Chinese unescaped.

`skeleton` builds the blank form of `gongkai init`: every field of the model, with a comment
saying what it takes."""

from __future__ import annotations

import re
import typing
from decimal import Decimal
from typing import Any

import yaml
from pydantic import BaseModel

from ..load.layout import _is_model, _scalar_kind, _unwrap


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    return dumper.represent_scalar("tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int", text)


_Dumper.add_representer(Decimal, _decimal)
# The reader takes YAML 1.2 numbers (1e3 without a dot included), PyYAML's dumper quotes only what
# YAML 1.1 would: text that looks like a 1.2 number is quoted too, so it comes back as text.
_Dumper.add_implicit_resolver("tag:yaml.org,2002:float",
                              re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
                              list("-+.0123456789"))


def dump_yaml(raw: dict[str, Any], header: str = "") -> str:
    body = yaml.dump(raw, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    return header + body


_HINTS = {"amount": "金额（按“金额单位”）", "score": "数字（按填写的样子印出，如 94.20）", "count": "整数",
          "int": "整数", "bool": "true / false", "text": "文本", "code": "科目编码（加引号，如 \"2010301\"）"}


def skeleton(model: type[BaseModel], values: dict[str, Any], leave_out: frozenset[str] = frozenset()) -> str:
    """A blank, commented YAML form of the model: every field with a hint, one empty record per list.
    `leave_out`: dotted keys of fields the profile never prints (its `unprinted_inputs`), not offered."""
    lines: list[str] = []
    _form(model, values, "", 0, lines, first_prefix="", leave_out=leave_out)
    return "\n".join(lines) + "\n"


def _form(model: type[BaseModel], values: dict[str, Any], path: str, depth: int, lines: list[str],
          first_prefix: str, leave_out: frozenset[str] = frozenset()) -> None:
    pad = "  " * depth
    n = 0  # fields written so far: the list item's "- " goes before the first one written
    for name, info in model.model_fields.items():
        alias = info.alias or name
        key = f"{path}.{alias}" if path else alias
        if key in leave_out:
            continue
        lead = pad + (first_prefix if n == 0 else " " * len(first_prefix))
        n += 1
        annotation = _unwrap(info.annotation)
        scalar = _scalar_kind(annotation, info.annotation, info.metadata)
        if scalar:
            kind, choices = scalar
            shown = values.get(key, {"amount": 0, "count": 0, "bool": "false"}.get(kind, ""))
            hint = ("可选：" + " / ".join(choices)) if choices else _HINTS.get(kind, "")
            lines.append(f"{lead}{alias}: {shown}".rstrip() + f"  # {hint}{_about(info)}")
        elif _is_model(annotation):
            lines.append(f"{lead}{alias}:" + (f"  # {info.description}" if info.description else ""))
            _form(annotation, values, key, depth + 1 + len(first_prefix) // 2, lines, "", leave_out)
        elif typing.get_origin(annotation) is dict:
            lines.append(f"{lead}{alias}: {{}}  # 键: 值，如 {{\"201\": …}}{_about(info)}")
        elif typing.get_origin(annotation) is list:
            (item,) = typing.get_args(annotation)
            item = _unwrap(item)
            lines.append(f"{lead}{alias}:" + (f"  # {info.description}" if info.description else ""))
            inner = depth + 1 + len(first_prefix) // 2
            if _is_model(item):
                _form(item, values, key, inner, lines, "- ", leave_out)
            else:
                lines.append("  " * inner + '- ""  # 文本，每项一行')


def _about(info: Any) -> str:
    """The model's description of the field, after the hint: the same explanation the Excel form gives."""
    return f"。{info.description}" if info.description else ""
