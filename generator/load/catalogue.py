"""The year-versioned classification catalogue (templates/catalogue/<year>/*.yaml).

The files' shape and the meaning of `source` are in templates/catalogue/README.md; catalogue_file.py reads
them strictly (a broken file is a CatalogueError naming file and line, exit 2).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..paths import templates_dir
from .catalogue_file import CatalogueError, Node, SourceDocument, read_catalogue_file, source_documents

__all__ = ["Catalogue", "CatalogueError", "CatalogueMissing", "Entry", "catalogue_path", "load_catalogue",
           "sources"]


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    level: int  # 1 = 类, 2 = 款, 3 = 项
    parent: str | None
    order: int  # position in the catalogue; the fixed order of the summary tables for 类
    glossary: str = ""
    group: str = ""  # economic classification: 人员经费 or 公用经费
    source: tuple[str, ...] = ()  # documents that show this code with this name ("seed 000 公开03"); () = unverified
    glossary_source: tuple[str, ...] = ()  # documents the glossary text was taken from; () = unverified

    @property
    def verified(self) -> bool:
        """Seen, with this name, in at least one document (not only remembered)."""
        return bool(self.source)


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


def _walk(nodes: tuple[Node, ...], level: int, parent: str | None, out: dict[str, Entry], group: str) -> None:
    for node in nodes:
        node_group = node.group or group
        out[node.code] = Entry(node.code, node.name, level, parent, len(out), node.glossary, node_group,
                               node.source, node.glossary_source)
        _walk(node.children, level + 1, node.code, out, node_group)


@cache
def load_catalogue(year: int, kind: str) -> Catalogue:
    """The catalogue of `year`, or of the nearest earlier year that has one: a department writes
    its next budget before a release bundles that year's codes. `Catalogue.year` says which year it
    is (validation warns when it is not the document's, J-CAT-06); codes new that year are taken
    with the names the input gives, like any code the catalogue lacks. Before the earliest
    catalogue there is nothing to lean on: CatalogueMissing."""
    found = nearest_year(year)
    if found is None:
        available = "、".join(map(str, available_years()))
        raise CatalogueMissing(f"没有 {year} 年度及更早年度的科目目录（{catalogue_dir()}）；"
                               f"现有年度：{available or '无'}")
    path = catalogue_path(found, kind)
    entries: dict[str, Entry] = {}
    _walk(read_catalogue_file(path, found, kind, sources()), 1, None, entries, "")
    return Catalogue(found, kind, entries)


def sources() -> dict[str, SourceDocument]:
    """The documents a catalogue's `source` may name (templates/catalogue/sources.yaml)."""
    return source_documents(catalogue_dir() / "sources.yaml")


def catalogue_dir() -> Path:
    """The bundled catalogue, or an office's own copy named by GONGKAI_CATALOGUE (a folder laid out the same
    way: <year>/function.yaml, <year>/economic.yaml, sources.yaml), for a year's codes before a release ships them."""
    own = os.environ.get("GONGKAI_CATALOGUE")
    return Path(own) if own else templates_dir() / "catalogue"


def catalogue_path(year: int, kind: str) -> Path:
    return catalogue_dir() / str(year) / f"{kind}.yaml"


def available_years() -> list[int]:
    root = catalogue_path(0, "function").parent.parent  # wherever catalogue_path looks
    if not root.is_dir():
        return []
    return sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit()
                  and (p / "function.yaml").exists() and (p / "economic.yaml").exists())


def nearest_year(year: int) -> int | None:
    """The year itself when it has a catalogue, else the nearest earlier year that has one (a form
    for next year is made before its catalogue is bundled); None when there is none that early."""
    earlier = [y for y in available_years() if y <= year]
    return earlier[-1] if earlier else None
