"""Where the project's data files live (profiles, templates, catalogue)."""

from __future__ import annotations

import os
from pathlib import Path


def templates_dir() -> Path:
    # GONGKAI_TEMPLATES lets an office keep its own profiles outside the checkout.
    override = os.environ.get("GONGKAI_TEMPLATES")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "templates"
