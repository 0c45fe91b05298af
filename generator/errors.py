"""Errors the user sees. Every message is Chinese and names where the problem is."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

# Characters that are invisible or rearrange what is shown around them (controls, bidi overrides,
# zero-width marks, line separators, unpaired surrogates): never put on a terminal as they are.
_HIDDEN = frozenset(("Cc", "Cf", "Cs", "Co", "Zl", "Zp"))


def visible(text: str) -> str:
    """`text` with hidden characters shown as \\uXXXX, for messages that quote the input."""
    if text.isprintable():
        return text
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in _HIDDEN else c for c in text)


@dataclass
class InputProblem:
    """One thing wrong with an input file, located precisely enough to fix it."""

    location: str  # e.g. "预算单位[0].收入支出[3].支出.基本支出" or "Sheet!C12"
    message: str  # what was expected and what was found, in Chinese

    def render(self) -> str:
        location = visible(self.location)
        return f"{location}：{self.message}" if location else self.message


@dataclass
class InputError(Exception):
    """The input cannot be read into the model. Exit code 2, never a traceback."""

    file: str
    problems: list[InputProblem] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"输入文件有误：{visible(self.file)}"]
        lines += [f"  - {p.render()}" for p in self.problems]
        return "\n".join(lines)

