"""Profiles: a province's (or a department's) document layout as data — settings, table specs,
glossary and the narrative template — read through a typed model and checked like input."""

from __future__ import annotations

from .load import Profile, ProfileMissing, available, find, load_folder, load_profile, set_search_path

__all__ = ["Profile", "ProfileMissing", "available", "find", "load_folder", "load_profile", "set_search_path"]
