"""The validation report: typed findings with a stable rule id, a location, expected and actual."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Finding:
    rule: str  # stable id, e.g. J-BAL-01
    severity: Severity
    location: str  # file-relative: YAML path with line, or Sheet!Cell
    message: str  # Chinese, says what is wrong
    expected: str = ""
    actual: str = ""
    hint: str = ""

    def render(self) -> str:
        text = f"[{SEVERITY_ZH[self.severity]} {self.rule}] {self.location}：{self.message}"
        if self.expected or self.actual:
            text += f"（应为 {self.expected or '—'}，实际为 {self.actual or '—'}）"
        if self.hint:
            text += f"\n      提示：{self.hint}"
        return text


@dataclass
class Report:
    file: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def infos(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "info"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def render(self) -> str:
        head = f"校验 {self.file}：{len(self.errors)} 个错误，{len(self.warnings)} 个警告"
        if self.infos:
            head += f"，{len(self.infos)} 条提示"
        body = [f"  {f.render()}" for f in self.errors + self.warnings + self.infos]
        return "\n".join([head, *body])

    def to_json(self) -> str:
        return json.dumps({"file": self.file, "errors": len(self.errors), "warnings": len(self.warnings),
                           "infos": len(self.infos),
                           "findings": [asdict(f) for f in self.findings]}, ensure_ascii=False, indent=2)
