"""What a profile tells compute: the wording rules that decide a figure or a word (grade bands, the
基本持平 threshold) and the narrative's precision for 尾差-free lists. Compute stays pure: it gets
these as values, it never reads a profile itself."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .values import DEFAULT_GRADES, GradeBand


@dataclass(frozen=True)
class ComputeSettings:
    grades: tuple[GradeBand, ...] = DEFAULT_GRADES
    # A 项 whose 决算 is within this many percentage points of its 年初预算, with no reason given, is
    # “基本持平” (seed 000's 事业单位医疗, 99.52%). None: never.
    roughly_equal_points: Decimal | None = Decimal(1)
    narrative_places: int = 2  # decimals of 万元 in sentences (for the largest-remainder adjustment)
