"""Typed figures and the comparisons every narrative sentence is built on.

`Wan` and `Pct` are Decimals that remember what they are, so a formatter knows how to print
them without being told. They hold exact values; rounding happens at display.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..money import ratio_percent


class Wan(Decimal):
    """An amount in 万元, exact."""


class Pct(Decimal):
    """A percentage (45.2 means 45.2%), exact."""


class Points(Decimal):
    """A score or weight in 分 (performance tables), exact."""


def wan(value: Decimal) -> Wan:
    return Wan(value)


def pct(part: Decimal, whole: Decimal) -> Pct | None:
    value = ratio_percent(part, whole)
    return None if value is None else Pct(value)


def _direction(delta: Decimal) -> tuple[str, str]:
    if delta > 0:
        return "增加", "增长"
    if delta < 0:
        return "减少", "下降"
    return "持平", "持平"


@dataclass(frozen=True)
class Change:
    """This year against a base (last year's 决算, or last year's budget).

    `base` is None when there is no base (a new unit): sentences then say so instead of
    dividing by zero. `rate` is None also when the base is zero."""

    current: Wan
    base: Wan | None
    delta: Wan | None  # absolute value; the sign is in `direction`
    rate: Pct | None  # absolute value
    direction: str | None  # 增加 / 减少 / 持平
    trend: str | None  # 增长 / 下降 / 持平


def change(current: Decimal, base: Decimal | None) -> Change:
    if base is None:
        return Change(wan(current), None, None, None, None, None)
    delta = current - base
    direction, trend = _direction(delta)
    rate = pct(abs(delta), base)
    return Change(wan(current), wan(base), wan(abs(delta)), rate, direction, trend)


@dataclass(frozen=True)
class Completion:
    """An actual against its budget: 完成预算的 x%, 决算数大于/小于/等于预算数."""

    actual: Wan
    budget: Wan
    rate: Pct | None  # None when the budget is zero
    comparison: str  # 大于 / 小于 / 等于


def completion(actual: Decimal, budget: Decimal) -> Completion:
    comparison = "大于" if actual > budget else "小于" if actual < budget else "等于"
    return Completion(wan(actual), wan(budget), pct(actual, budget), comparison)


@dataclass(frozen=True)
class Share:
    """A part and its share of a whole (占 x%)."""

    label: str
    amount: Wan
    share: Pct | None
    key: str = field(default="", metadata={"flat": False})  # the source column, for the table specs


def shares(parts: list[tuple[str, str, Decimal]], whole: Decimal) -> list[Share]:
    return [Share(label, wan(amount), pct(amount, whole), key) for key, label, amount in parts]


GRADES = (("优", Decimal(90)), ("良", Decimal(80)), ("中", Decimal(60)), ("差", Decimal(0)))


def grade(score: Decimal) -> str:
    """90 (含) – 100 优, 80 (含) – 90 良, 60 (含) – 80 中, below 60 差 (seeds 000 and 002)."""
    return next(name for name, floor in GRADES if score >= floor)
