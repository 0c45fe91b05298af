"""validate: consistency rules over the input and its Facts → a Report of located findings."""

from __future__ import annotations

from ..compute.facts import Facts
from ..load import Loaded, source_text
from ..load.catalogue import load_catalogue
from ..load.yaml_reader import LineIndex
from .juesuan import RULES, Context, check
from .report import Finding, Report

__all__ = ["RULES", "Finding", "Report", "validate"]


def validate(loaded: Loaded, facts: Facts) -> Report:
    data = loaded.data
    ctx = Context(data, facts, load_catalogue(data.year, "function"), load_catalogue(data.year, "economic"),
                  LineIndex(source_text(loaded.path)))
    return Report(str(loaded.path), check(ctx))
