"""Field types shared by every input model.

Amounts arrive as int or Decimal (the YAML reader never produces floats), in the unit the
file declares. The loader passes that unit in the validation context and every `Money`
is converted to 万元, exactly, so the rest of the program works in one unit.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, ValidationInfo

from ..money import WAN

# Every input model: unknown keys are rejected; Chinese keys (aliases) are what people type.
STRICT = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, strict=True)

UNIT_FACTORS = {"元": Decimal(1) / WAN, "万元": Decimal(1)}


# Amounts and scores are kept exact: every sum of up to ten million of them fits the 28 digits of
# Decimal's context. A value that would not (1.0e+400, 41 digits, 34 significant digits) is refused,
# never rounded.
MAX_INTEGER_DIGITS = 15  # 999 万亿 — far beyond any department's budget, in 元 or 万元
MAX_DECIMAL_PLACES = 6
_PLACES = Decimal(1).scaleb(-MAX_DECIMAL_PLACES)

# Forms YAML 1.1 would have read as numbers (the reader keeps them as text): say what they are.
_NOT_DECIMAL = (
    (re.compile(r"[-+]?0[0-9_]+(\.[0-9]*)?"), "以 0 开头的数字有歧义（YAML 1.1 会当作八进制），请去掉开头的 0"),
    (re.compile(r"[-+]?0[xX][0-9a-fA-F_]+"), "十六进制写法不被接受，请写成十进制数字"),
    (re.compile(r"[-+]?0[oObB][0-7_]+"), "八进制或二进制写法不被接受，请写成十进制数字"),
    (re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?"),
     "“时:分”形式（YAML 1.1 会当作六十进制数字）不被接受，请写成十进制数字"),
    (re.compile(r"(?=.*_)[-+]?[0-9][0-9_]*(\.[0-9_]*)?"), "数字中不能有下划线，请去掉“_”"),
)


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else f"{text[:20]}…{text[-8:]}"


def _number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"应为数字，实际为布尔值 {value}")
    if isinstance(value, int):
        return _exact(Decimal(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"应为有限的数字，实际为 {value}")
        return _exact(value)
    if isinstance(value, float):
        # Only reachable when a caller bypasses the YAML reader; floats are inexact for money.
        raise ValueError(f"应为精确的十进制数字，实际为浮点数 {value!r}")
    if isinstance(value, str):
        for form, hint in _NOT_DECIMAL:
            if form.fullmatch(value.strip()):
                raise ValueError(f"应为十进制数字，实际为 {_shown(value)}：{hint}")
        if _numeric_text(value):
            raise ValueError(f"应为数字，实际为文本 {_shown(value)!r}（请去掉引号、空格和千分位逗号）")
    raise ValueError(f"应为数字，实际为{_kind(value)} {_shown(value)!r}")


def _exact(value: Decimal) -> Decimal:
    """`value` when it fits the exact range; ValueError (never rounding) when it does not."""
    if value and value.adjusted() >= MAX_INTEGER_DIGITS:
        raise ValueError(f"数字过大：整数部分最多 {MAX_INTEGER_DIGITS} 位，实际为 {_shown(value)}"
                         f"（整数部分 {value.adjusted() + 1} 位）")
    if value != value.quantize(_PLACES):
        raise ValueError(f"小数最多 {MAX_DECIMAL_PLACES} 位（不会替您四舍五入），实际为 {_shown(value)}")
    return value


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


MAX_COUNT = 10**9  # people, vehicles, batches: a count this large is a typing mistake


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"应为整数，实际为{_kind(value)} {_shown(value)!r}")
    if value < 0:
        raise ValueError(f"应为不小于 0 的整数，实际为 {value}")
    if value >= MAX_COUNT:
        raise ValueError(f"应为小于 {MAX_COUNT:,} 的整数，实际为 {_shown(value)}")
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
