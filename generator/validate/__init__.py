"""validate: consistency rules over the input and its Facts → a Report of located findings."""

from __future__ import annotations

from ..compute import AnyFacts
from ..load import Loaded
from ..load.catalogue import load_catalogue
from ..model.yusuan import YusuanInput
from .juesuan import RULES, Context, check
from .report import Finding, Report
from .yusuan import YRULES

__all__ = ["RULES", "YRULES", "Finding", "Report", "validate"]


def validate(loaded: Loaded, facts: AnyFacts) -> Report:
    data = loaded.data
    budget = isinstance(data, YusuanInput)
    ctx = Context(data, facts, load_catalogue(data.year, "function"), load_catalogue(data.year, "economic"),
                  loaded.locator, lines_key="收支" if budget else "收入支出")
    return Report(str(loaded.path), check(ctx, YRULES if budget else RULES))
