"""Facts → a flat, ordered list of (key, label, value): for `gongkai facts` and change reports."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..money import format_number
from .rollup import Row
from .values import Pct, Wan

# Labels of the small value types' fields (they are shared, so they carry no label of their own).
FIELD_LABELS = {
    "current": "本年", "base": "对比基数", "delta": "变动额", "rate": "比率", "direction": "增减",
    "trend": "升降", "actual": "决算", "budget": "预算", "comparison": "决算与预算比较",
    "amount": "金额", "share": "占比", "label": "名称", "key": "键",
}


@dataclass(frozen=True)
class FlatFact:
    key: str
    label: str
    value: Any

    @property
    def text(self) -> str:
        return display(self.value)

    @property
    def exact(self) -> str:
        """The exact value in canonical form: 320, 320.0 and 320.00 are one number, written 320."""
        if isinstance(self.value, Decimal):
            text = format(self.value.normalize(), "f")
            return "0" if text in ("-0", "0") else text
        return self.text


def display(value: Any) -> str:
    """The narrative rendering: 2 decimals with trailing zeros dropped (867.90 → 867.9)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Pct):
        return format_number(value, 2, strip_zeros=True) + "%"
    if isinstance(value, Decimal):
        return format_number(value, 2, strip_zeros=True)
    return str(value)


def flatten(obj: Any, key: str = "", label: str = "") -> Iterator[FlatFact]:
    if isinstance(obj, Row):
        for column, value in obj.values.items():
            if value != 0:
                yield FlatFact(f"{key}.{column}", f"{label}·{column}", Wan(value))
        return
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            if f.metadata.get("flat") is False:
                continue
            zh = f.metadata.get("zh") or FIELD_LABELS.get(f.name, f.name)
            yield from flatten(getattr(obj, f.name), _join(key, f.name, "."), _join(label, zh, "·"))
        return
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from flatten(v, _join(key, str(k), "."), _join(label, str(k), "·"))
        return
    if isinstance(obj, list | tuple) and not _is_leaf_tuple(obj):
        for i, item in enumerate(obj):
            name = _item_name(item, i)
            yield from flatten(item, _join(key, name, "."), _join(label, _item_label(item, name), "·"))
        return
    yield FlatFact(key, label, "、".join(obj) if isinstance(obj, list | tuple) else obj)


def _is_leaf_tuple(obj: list[Any] | tuple[Any, ...]) -> bool:
    return all(isinstance(x, str) for x in obj)


def _item_name(item: Any, index: int) -> str:
    for attr in ("code", "name", "label"):
        value = getattr(item, attr, "")
        if value:
            return str(value)
    if isinstance(item, tuple) and item:
        return str(item[1] if len(item) > 1 else item[0])
    return str(index + 1)


def _item_label(item: Any, name: str) -> str:
    for attr in ("label", "name"):
        value = getattr(item, attr, "")
        if value and value != name:
            return f"{name} {value}"
    return name


def _join(head: str, tail: str, sep: str) -> str:
    return f"{head}{sep}{tail}" if head else tail
