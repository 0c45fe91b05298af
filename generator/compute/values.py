"""Typed figures and the comparisons every narrative sentence is built on.

`Wan` and `Pct` are Decimals that remember what they are, so a formatter knows how to print
them without being told. They hold exact values; rounding happens at display.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_FLOOR, Decimal

from ..money import ratio_percent, round_half_up


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
    """A part and its share of a whole (占 x%); where the document compares the part with last year,
    its change and the reason people gave; `adjusted` is the amount rounded so that the listed parts
    add up to the rounded whole (largest remainder), for profiles that print 尾差-free lists."""

    label: str
    amount: Wan
    share: Pct | None
    key: str = field(default="", metadata={"flat": False})  # the source column, for the table specs
    change: Change | None = field(default=None, metadata={"zh": "与上年相比"})
    reason: str = field(default="", metadata={"zh": "变动原因"})
    adjusted: Wan | None = field(default=None, metadata={"zh": "尾差调整后"})


class Parts(list[Share]):
    """The parts of a whole, in the document's order. `residue`: their amounts, each rounded to the
    narrative's places, do not add up to the rounded whole (a 尾差 the profile may note or adjust)."""

    def __init__(self, items: list[Share], whole: Decimal, residue: bool) -> None:
        super().__init__(items)
        self.whole = wan(whole)
        self.residue = residue


def shares(parts: list[tuple[str, str, Decimal]], whole: Decimal, places: int = 2) -> Parts:
    """Each (key, label, amount) with its share of `whole`, and the largest-remainder amounts."""
    items = [Share(label, wan(amount), pct(amount, whole), key) for key, label, amount in parts]
    return balanced(items, whole, places)


def balanced(items: list[Share], whole: Decimal, places: int) -> Parts:
    """Largest remainder: round every part down to `places`, then give the units still missing to reach
    the rounded whole to the parts with the largest remainders (ties: the larger part, then the first)."""
    unit = Decimal(1).scaleb(-places)
    rounded = [round_half_up(s.amount, places) for s in items]
    target = round_half_up(Decimal(whole), places)
    residue = bool(items) and sum(rounded, Decimal(0)) != target
    floors = [s.amount.quantize(unit, rounding=ROUND_FLOOR) for s in items]
    missing = int((target - sum(floors, Decimal(0))) / unit) if items else 0
    order = sorted(range(len(items)), key=lambda i: (-(items[i].amount - floors[i]), -items[i].amount, i))
    adjusted = list(floors)
    if 0 <= missing <= len(items):
        for i in order[:missing]:
            adjusted[i] += unit
    else:  # the parts do not make up the whole (a share of something larger): plain rounding
        adjusted = rounded
    out = [replace(s, adjusted=wan(a)) for s, a in zip(items, adjusted, strict=True)]
    return Parts(out, whole, residue)


@dataclass(frozen=True)
class GradeBand:
    name: str
    floor: Decimal  # the lowest score of the band, inclusive


# 90 (含) – 100 优, 80 (含) – 90 良, 60 (含) – 80 中, below 60 差 (seeds 000 and 002). Profiles name their own.
DEFAULT_GRADES = (GradeBand("优", Decimal(90)), GradeBand("良", Decimal(80)), GradeBand("中", Decimal(60)),
                  GradeBand("差", Decimal(0)))


def grade(score: Decimal, bands: tuple[GradeBand, ...] = DEFAULT_GRADES) -> str:
    return next((band.name for band in bands if score >= band.floor), bands[-1].name)
