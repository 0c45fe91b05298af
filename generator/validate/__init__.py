"""validate: consistency rules over the input and its Facts → a Report of located findings."""

from __future__ import annotations

from typing import Any

from ..kinds import kind_of
from ..load import Loaded
from ..load.catalogue import load_catalogue
from . import catalogue_rules, juesuan, unprinted, yusuan  # noqa: F401  (each registers its rules)
from .report import Finding, Report
from .rules import RULES, Context, Rule, rules_for, run

__all__ = ["RULES", "Finding", "Report", "Rule", "rules_for", "validate"]


def validate(loaded: Loaded, facts: Any, profile: Any) -> Report:
    data = loaded.data
    ctx = Context(data, facts, load_catalogue(data.year, "function"), load_catalogue(data.year, "economic"),
                  loaded.locator, profile, lines_key=kind_of(data).lines_key)
    return Report(str(loaded.path), run(ctx))
