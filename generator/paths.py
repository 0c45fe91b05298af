"""Where the project's data files live (profiles, templates, catalogue, styles).

In a checkout they are the top-level `templates/` folder; an installed wheel carries the same files
as package data in `generator/templates/` (see pyproject.toml). Offices keep their own profiles in
folders of their own (`--profiles DIR`), never by replacing these.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def templates_dir() -> Path:
    installed = Path(__file__).resolve().parent / "templates"
    if (installed / "profiles").is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "templates"
