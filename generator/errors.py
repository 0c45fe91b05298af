"""Errors the user sees. Every message is Chinese and names where the problem is."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class InputProblem:
    """One thing wrong with an input file, located precisely enough to fix it."""

    location: str  # e.g. "预算单位[0].收入支出[3].支出.基本支出" or "Sheet!C12"
    message: str  # what was expected and what was found, in Chinese

    def render(self) -> str:
        return f"{self.location}：{self.message}" if self.location else self.message


@dataclass
class InputError(Exception):
    """The input cannot be read into the model. Exit code 2, never a traceback."""

    file: str
    problems: list[InputProblem] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"输入文件有误：{self.file}"]
        lines += [f"  - {p.render()}" for p in self.problems]
        return "\n".join(lines)
