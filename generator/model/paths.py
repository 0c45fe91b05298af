"""Input fields named as dotted paths of their Chinese keys (“三公经费.公务接待.差异原因”).

A profile names the input fields its wording never prints (`unprinted_inputs`) and those it needs
(`expected_inputs`); the profile check resolves each name against the input model of the profile's
kind, and validation asks whether the department filled one in, or left one out. A list is named as
a whole (“附件”, “绩效.自评表”): an item of it is not addressed on its own.
"""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from typing import Any

from pydantic import BaseModel


def _unwrap(annotation: Any) -> Any:
    """Optional[X] → X, Annotated[X, …] → X."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
    return annotation


def _field(model: type[BaseModel], key: str) -> tuple[str, Any] | None:
    """(attribute name, annotation) of the field whose key in the input is `key`."""
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return name, _unwrap(info.annotation)
    return None


def field_exists(model: type[BaseModel], path: str) -> bool:
    """Whether `path` names a field of the input model (through nested groups, not into a list)."""
    current: Any = model
    for key in path.split("."):
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return False
        found = _field(current, key)
        if found is None:
            return False
        current = found[1]
    return True


def _given(value: Any) -> bool:
    """Whether a value says something: a text, a non-zero amount or count, a true flag, or a group or
    list with such a value inside. The blanks `gongkai init` writes ("", 0) are not given."""
    if value is None:
        return False
    if isinstance(value, BaseModel):
        return any(_given(getattr(value, name)) for name in type(value).model_fields)
    if isinstance(value, dict):
        return any(_given(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_given(v) for v in value)
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal):
        return value != 0
    return True


def _value(data: BaseModel, path: str) -> Any:
    current: Any = data
    for key in path.split("."):
        if not isinstance(current, BaseModel):
            return None
        found = _field(type(current), key)
        if found is None:
            return None
        current = getattr(current, found[0])
    return current


def given(data: BaseModel, path: str) -> bool:
    """Whether the input fills in the field `path` with something other than a blank (False for a path
    the model does not have)."""
    return _given(_value(data, path))


def present(data: BaseModel, path: str) -> bool:
    """Whether the input has the field `path` at all: a zero is present (“0个” is a fact), an empty text,
    list or group is not."""
    value = _value(data, path)
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | dict):
        return bool(value)
    return value is not None
