"""Facts keys as profiles write them (performance.self_evaluations, overview.income_change): one
way to follow them, for tables, forms and charts alike."""

from __future__ import annotations

from typing import Any


def resolve(obj: Any, path: str) -> Any:
    """A dotted facts path → the object there (a mapping step by key, any other by attribute)."""
    for part in path.split("."):
        obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
    return obj
