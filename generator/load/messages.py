"""Turns pydantic's validation errors into located Chinese messages."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

_TYPE_NAMES = {
    "int_type": "整数", "bool_type": "true 或 false", "string_type": "文本", "dict_type": "键值映射",
    "list_type": "列表", "model_type": "键值映射", "model_attributes_type": "键值映射",
    "decimal_type": "数字", "int_parsing": "整数", "bool_parsing": "true 或 false",
}


def _found(value: Any) -> str:
    if value is None:
        return "空值"
    kinds = {str: "文本", list: "列表", dict: "键值映射", bool: "布尔值", int: "整数", Decimal: "数字"}
    kind = kinds.get(type(value), "")
    shown = (str(value) if isinstance(value, Decimal) else repr(value)) if not isinstance(value, dict | list) else ""
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{kind} {shown}".strip() or type(value).__name__


def _message(err: Mapping[str, Any]) -> str:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "missing":
        return "缺少必填项"
    if kind == "invalid_key":
        return f"键应为文本（字段名），实际为{_found(value)}"
    if kind == "extra_forbidden":
        return "不认识的字段（请检查拼写，或删除该字段）"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", "、").replace(", ", "、")
        return f"应为 {expected} 之一，实际为 {_found(value)}"
    if kind in _TYPE_NAMES:
        name = _TYPE_NAMES[kind]
        return f"应为{' ' if name.isascii() or name[0].isascii() else ''}{name}，实际为{_found(value)}"
    if kind == "too_short":
        return f"至少应有 {ctx.get('min_length')} 项，实际为 {ctx.get('actual_length', 0)} 项"
    if kind == "string_too_short":
        return "不能为空"
    if kind in ("greater_than_equal", "greater_than"):
        return f"应不小于 {ctx.get('ge', ctx.get('gt'))}，实际为 {_found(value)}"
    if kind in ("less_than_equal", "less_than"):
        return f"应不大于 {ctx.get('le', ctx.get('lt'))}，实际为 {_found(value)}"
    if kind == "union_tag_invalid":
        expected = str(ctx.get("expected_tags", "")).replace("'", "").replace(", ", "、")
        return f"应为 {expected} 之一，实际为 {ctx.get('tag')!r}"
    if kind == "union_tag_not_found":
        return f"缺少“{str(ctx.get('discriminator', '')).strip(chr(39))}”"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return f"{err['msg']}（实际为 {_found(value)}）"


def located_errors(exc: ValidationError) -> list[tuple[tuple[Any, ...], str]]:
    """(raw location, Chinese message) for each error; the caller adds file and line."""
    located = []
    for err in exc.errors(include_url=False):
        loc = tuple(part for part in err["loc"] if not str(part).startswith("function-"))
        if err["type"] == "union_tag_invalid":  # the message is about the tag field itself
            loc = (*loc, str((err.get("ctx") or {}).get("discriminator", "")).strip("'"))
        located.append((loc, _message(err)))
    return located


def format_path(loc: list[Any] | tuple[Any, ...]) -> str:
    """('预算单位', 0, '收入支出', 3, '科目') → 预算单位第1项.收入支出第4项.科目 (counted from 1)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"第{part + 1}项"
        else:
            text += ("." if text else "") + str(part)
    return text or "文件顶层"
