"""Field types shared by every input model.

Amounts arrive as int or Decimal (the YAML reader never produces floats), in the unit the
file declares. The loader passes that unit in the validation context and every `Money`
is converted to 万元, exactly, so the rest of the program works in one unit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, ValidationInfo

from ..money import WAN

# Every input model: unknown keys are rejected; Chinese keys (aliases) are what people type.
STRICT = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, strict=True)

UNIT_FACTORS = {"元": Decimal(1) / WAN, "万元": Decimal(1)}


def _number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"应为数字，实际为布尔值 {value}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"应为有限的数字，实际为 {value}")
        return value
    if isinstance(value, float):
        # Only reachable when a caller bypasses the YAML reader; floats are inexact for money.
        raise ValueError(f"应为精确的十进制数字，实际为浮点数 {value!r}")
    if isinstance(value, str) and _numeric_text(value):
        raise ValueError(f"应为数字，实际为文本 {value!r}（请去掉引号、空格和千分位逗号）")
    raise ValueError(f"应为数字，实际为{_kind(value)} {value!r}")


def _numeric_text(text: str) -> bool:
    try:
        Decimal(text.replace(",", "").replace("，", "").strip())
    except ArithmeticError:
        return False
    return True


def _kind(value: Any) -> str:
    return {str: "文本", list: "列表", dict: "映射", type(None): "空值"}.get(type(value), type(value).__name__)


def _non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueError(f"应为不小于 0 的金额，实际为 {value}")
    return value


def _to_wan(value: Decimal, info: ValidationInfo) -> Decimal:
    factor = (info.context or {}).get("unit_factor", Decimal(1))
    return value * factor


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"应为整数，实际为{_kind(value)} {value!r}")
    if value < 0:
        raise ValueError(f"应为不小于 0 的整数，实际为 {value}")
    return value


# An amount of money, non-negative, converted to 万元.
Money = Annotated[Decimal, BeforeValidator(_number), AfterValidator(_non_negative), AfterValidator(_to_wan)]
# A count of things: people, vehicles, batches.
Count = Annotated[int, BeforeValidator(_count)]
# A score, weight or other plain number that is not money (no unit conversion).
Score = Annotated[Decimal, BeforeValidator(_number), AfterValidator(_non_negative)]


def _text(value: Any) -> str:
    if isinstance(value, bool | int | Decimal):
        # YAML turns 2022 or 10086 into numbers; a name or text field wants the characters.
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f"应为文本，实际为{_kind(value)}")
    return value.strip()


Text = Annotated[str, BeforeValidator(_text)]
NonEmptyText = Annotated[str, BeforeValidator(_text), Field(min_length=1)]


def _code(value: Any) -> str:
    text = _text(value)
    if not text.isdigit():
        raise ValueError(f"科目编码应为数字串，实际为 {value!r}")
    return text


Code = Annotated[str, BeforeValidator(_code)]


def F(alias: str, default: Any = ..., **kw: Any) -> Any:
    """A field whose YAML key is the Chinese `alias`."""
    return Field(default, alias=alias, **kw)
