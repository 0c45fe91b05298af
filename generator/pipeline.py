"""The flow in one place: load → compute → validate (→ build → write, see generator.build/write)."""

from __future__ import annotations

from pathlib import Path

from .compute import compute
from .compute.facts import Facts
from .load import Loaded, load
from .validate import Report, validate


def load_and_compute(path: Path) -> tuple[Loaded, Facts]:
    loaded = load(path)
    return loaded, compute(loaded.data)


def check(path: Path) -> tuple[Loaded, Facts, Report]:
    loaded, facts = load_and_compute(path)
    return loaded, facts, validate(loaded, facts)
