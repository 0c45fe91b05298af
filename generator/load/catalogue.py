"""The year-versioned classification catalogue (templates/catalogue/<year>/*.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..paths import templates_dir


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    level: int  # 1 = 类, 2 = 款, 3 = 项
    parent: str | None
    order: int  # position in the catalogue; the fixed order of the summary tables for 类
    glossary: str = ""
    group: str = ""  # economic classification: 人员经费 or 公用经费


@dataclass(frozen=True)
class Catalogue:
    year: int
    kind: str  # function | economic
    entries: dict[str, Entry] = field(default_factory=dict)

    def get(self, code: str) -> Entry | None:
        return self.entries.get(code)

    def classes(self) -> list[Entry]:
        return sorted((e for e in self.entries.values() if e.level == 1), key=lambda e: e.order)

    def name(self, code: str) -> str:
        entry = self.entries.get(code)
        return entry.name if entry else ""


class CatalogueMissing(Exception):
    """No catalogue for the year; the message is Chinese."""


def _walk(nodes: list[dict[str, Any]], level: int, parent: str | None, out: dict[str, Entry], group: str) -> None:
    for node in nodes:
        code = str(node["code"])
        node_group = node.get("group", group)
        out[code] = Entry(code, node["name"], level, parent, len(out), node.get("glossary", "") or "", node_group)
        _walk(node.get("children", []) or [], level + 1, code, out, node_group)


@cache
def load_catalogue(year: int, kind: str) -> Catalogue:
    path = catalogue_path(year, kind)
    if not path.exists():
        available = ", ".join(sorted(p.name for p in path.parent.parent.iterdir() if p.is_dir()))
        raise CatalogueMissing(f"没有 {year} 年度的科目目录（{path}）；现有年度：{available or '无'}")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    entries: dict[str, Entry] = {}
    _walk(data["classes"], 1, None, entries, "")
    return Catalogue(year, kind, entries)


def catalogue_path(year: int, kind: str) -> Path:
    return templates_dir() / "catalogue" / str(year) / f"{kind}.yaml"


def available_years() -> list[int]:
    root = catalogue_path(0, "function").parent.parent  # wherever catalogue_path looks
    return sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit()
                  and (p / "function.yaml").exists() and (p / "economic.yaml").exists())


def nearest_year(year: int) -> int | None:
    """The year itself when it has a catalogue, else the nearest earlier year that has one (a form
    for next year is made before its catalogue is bundled); None when there is none that early."""
    earlier = [y for y in available_years() if y <= year]
    return earlier[-1] if earlier else None
