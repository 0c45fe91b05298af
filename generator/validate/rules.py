"""The rule registry: every consistency rule of every document kind, with a stable id.

A rule sees the input (to locate a finding at the value a person typed), the Facts (to compare with
what the document will print) and the profile (its grade names, glossary, wording switches). Amounts
in messages are in the file's own unit, so the person can find the number they typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..load import Locator, to_file_unit
from ..load.catalogue import Catalogue
from ..money import format_number
from .report import Finding, Severity


@dataclass
class Context:
    data: Any  # the input model of either kind; a rule registered for a kind reads only what it has
    facts: Any  # the Facts of that kind
    function: Catalogue
    economic: Catalogue
    locator: Locator
    profile: Any  # generator.profiles.Profile
    lines_key: str = "收入支出"  # where a unit's 项 lines are: 收入支出 (决算) or 收支 (预算)

    def at(self, *keys: Any) -> str:
        return self.locator.where(tuple(keys))

    def money(self, amount: Decimal) -> str:
        """An amount as the person typed it: in the file's unit, 2 decimals."""
        return f"{format_number(to_file_unit(amount, self.data.unit), 2, thousands=True)} {self.data.unit}"

    def finding(self, rule: str, severity: Severity, loc: str, message: str, expected: str = "",
                actual: str = "", hint: str = "") -> Finding:
        return Finding(rule, severity, loc, message, expected, actual, hint)


Check = Callable[[Context], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    kinds: frozenset[str]  # the document kinds it applies to: 决算, 预算
    check: Check


RULES: dict[str, Rule] = {}


def rule(rule_id: str, title: str, kinds: tuple[str, ...] = ("决算",)) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, title, frozenset(kinds), fn)
        return fn
    return register


def rules_for(kind: str) -> list[Rule]:
    return [r for r in RULES.values() if kind in r.kinds]


def run(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for r in rules_for(ctx.data.doc_kind):
        findings.extend(r.check(ctx))
    return findings
