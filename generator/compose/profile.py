"""A profile: a folder under templates/profiles/ — settings, table specs, narrative template.

Adding a province is adding a folder; nothing here knows any province by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..paths import templates_dir
from .formats import NumberFormat


class ProfileMissing(Exception):
    """The named profile does not exist; the message is Chinese."""


@dataclass(frozen=True, eq=False)  # hashed by identity: load_profile returns one object per name
class Profile:
    name: str
    folder: Path
    settings: dict[str, Any]
    tables: list[dict[str, Any]]
    glossary: list[dict[str, str]]

    def format(self, name: str) -> NumberFormat:
        return NumberFormat.from_spec(self.settings.get("formats", {}).get(name))

    @property
    def narrative(self) -> str:
        return str(self.settings.get("narrative", "narrative.j2"))

    def table(self, table_id: str) -> dict[str, Any]:
        for spec in self.tables:
            if spec["id"] == table_id:
                return spec
        raise KeyError(table_id)


def profiles_dir() -> Path:
    return templates_dir() / "profiles"


def available() -> list[str]:
    return sorted(p.name for p in profiles_dir().iterdir() if (p / "profile.yaml").exists())


@cache
def load_profile(name: str) -> Profile:
    folder = profiles_dir() / name
    if not (folder / "profile.yaml").exists():
        raise ProfileMissing(f"没有名为“{name}”的版式；现有版式：{'、'.join(available()) or '无'}")

    def read(file: str, default: Any) -> Any:
        path = folder / file
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader) if path.exists() else default

    settings = read("profile.yaml", {})
    return Profile(name, folder, settings, read(settings.get("tables", "tables.yaml"), []),
                   read(settings.get("glossary", "glossary.yaml"), []))
