"""Finding and reading profiles: the built-in ones, a department's own beside them, and inheritance.

A profile is a folder with profile.yaml (and usually tables.yaml, glossary.yaml, narrative.j2). A
department's folder can live anywhere — named in the input (`版式: ./本局版式`, relative to the input
file) or found on the search path (`--profiles DIR`, or GONGKAI_PROFILES) — and say
`based_on: <a built-in profile>`: it then changes only what differs. Settings merge key by key (a
mapping such as `formats` merges, a list replaces); tables replace by `id` (`drop: true` leaves one
out, a new id is added at the end); glossary entries replace by `term`; the narrative is the
department's own `narrative.j2` if it has one, which may `{% extends "<base name>:narrative.j2" %}`
and override single blocks.

Every file is read like input: an unknown key, a misspelt table kind, a wrong value is an
`InputError` naming the file, the key path and the line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..compose.formats import NumberFormat
from ..compute.settings import ComputeSettings
from ..compute.values import GradeBand
from ..errors import InputError, InputProblem
from ..load.messages import located_errors
from ..load.yaml_reader import LineIndex, read_yaml
from ..paths import templates_dir
from .model import GlossarySpec, Settings, TableDrop, TableSpec

TABLES: TypeAdapter[TableSpec] = TypeAdapter(TableSpec)
TABLE_KINDS = ("classification", "units", "summary", "rows", "economic_groups", "list", "twosided", "economic_rows",
               "projects", "targets", "form")
_SEARCH: list[Path] = []


def set_search_path(folders: Iterable[Path]) -> None:
    """Folders searched for profiles before the built-in ones (the command line's --profiles)."""
    _SEARCH[:] = [Path(f) for f in folders]
    load_folder.cache_clear()


def search_path() -> list[Path]:
    env = [Path(p) for p in os.environ.get("GONGKAI_PROFILES", "").split(os.pathsep) if p]
    return [*_SEARCH, *env, builtin_dir()]


def builtin_dir() -> Path:
    return templates_dir() / "profiles"


def shared_dir() -> Path:
    return templates_dir() / "shared"


def available() -> list[str]:
    names = set()
    for folder in search_path():
        if folder.is_dir():
            names |= {p.name for p in folder.iterdir() if (p / "profile.yaml").is_file()}
    return sorted(names)


class ProfileMissing(InputError):
    """No profile of that name or at that path."""


def _looks_like_path(name: str) -> bool:
    return name.startswith((".", "/", "~")) or "/" in name or "\\" in name


def find(name: str, relative_to: Path | None = None, exclude: Path | None = None) -> Path:
    """The folder of profile `name`: a path (relative to the input's folder), or a name on the search path.
    `exclude`: a folder not to return (a profile based on a built-in one of the same name)."""
    if _looks_like_path(name):
        base = relative_to.parent if relative_to is not None else Path.cwd()
        folder = (base / Path(name).expanduser()).resolve()
        if (folder / "profile.yaml").is_file():
            return folder
        message = f"在 {folder} 中找不到 profile.yaml（版式文件夹应包含 profile.yaml）"
        raise ProfileMissing("版式", [InputProblem("版式", message)])
    for root in search_path():
        folder = (root / name).resolve()
        if (folder / "profile.yaml").is_file() and folder != exclude:
            return folder
    known = "、".join(available()) or "无"
    raise ProfileMissing("版式", [InputProblem("版式", f"没有名为“{name}”的版式；现有版式：{known}"
                                               "（也可以写版式文件夹的路径，如 ./本局版式）")])


@dataclass(frozen=True, eq=False)  # hashed by identity: one object per folder, cached
class Profile:
    name: str
    folder: Path
    chain: tuple[Path, ...]  # this folder, then the folders it is based on
    names: tuple[str, ...]  # the profile names along the chain (for `{% extends "name:…" %}`)
    settings: Settings
    tables: tuple[Any, ...]  # TableSpec, merged along the chain
    glossary: tuple[GlossarySpec, ...]
    sources: dict[str, Path] = field(default_factory=dict)  # table id / "narrative" → the file it came from

    @property
    def kind(self) -> str:
        return self.settings.kind

    @property
    def narrative(self) -> str:
        return self.settings.narrative

    def format(self, name: str) -> NumberFormat:
        """A named number format of the profile (narrative_money, table_money …)."""
        return NumberFormat.from_spec(self.settings.formats.get(name))

    def table(self, table_id: str) -> Any:
        for spec in self.tables:
            if spec.id == table_id:
                return spec
        raise KeyError(table_id)

    def compute_settings(self) -> ComputeSettings:
        money = self.settings.formats.get("narrative_money")
        return ComputeSettings(
            grades=tuple(GradeBand(g.name, g.floor) for g in self.settings.grades),
            roughly_equal_points=self.settings.roughly_equal_points,
            narrative_places=money.places if money else 2,
        )


def load_profile(name: str, relative_to: Path | None = None) -> Profile:
    return load_folder(find(name, relative_to))


@cache
def load_folder(folder: Path) -> Profile:
    return _load(folder, ())


def _problems(exc: ValidationError, index: LineIndex, prefix: tuple[Any, ...] = ()) -> list[InputProblem]:
    problems = []
    for loc, message in located_errors(exc):
        # A table spec's errors carry its kind as a path step (the union's tag): not a key of the file.
        path = loc[1:] if loc and loc[0] in TABLE_KINDS else loc
        problems.append(InputProblem(index.where((*prefix, *path)), message))
    return problems


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in child.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _raw_settings(folder: Path, seen: tuple[Path, ...]) -> tuple[dict[str, Any], list[tuple[Path, dict[str, Any]]]]:
    """The merged raw settings along the chain, and each folder's own (most specific first)."""
    path = folder / "profile.yaml"
    raw = read_yaml(path)
    base_name = raw.get("based_on")
    if base_name is None:
        return raw, [(folder, raw)]
    if not isinstance(base_name, str):
        raise InputError(str(path), [InputProblem("based_on", "应为版式名称（文本）")])
    try:
        base_folder = find(base_name, path, exclude=folder)
    except ProfileMissing as exc:
        raise InputError(str(path), [InputProblem(LineIndex(path.read_text(encoding="utf-8")).where(("based_on",)),
                                                  exc.problems[0].message)]) from None
    if base_folder in seen or base_folder == folder:
        raise InputError(str(path), [InputProblem("based_on", f"版式继承出现循环：{base_name}")])
    base_raw, chain = _raw_settings(base_folder, (*seen, folder))
    merged = _merge({k: v for k, v in base_raw.items() if k not in ("name", "description")}, raw)
    merged.pop("based_on", None)
    merged["based_on"] = base_name
    if raw.get("kind") not in (None, base_raw.get("kind")):
        raise InputError(str(path), [InputProblem("kind", f"应与所基于的版式相同（{base_raw.get('kind')}），"
                                                          f"实际为 {raw.get('kind')}")])
    return merged, [(folder, raw), *chain]


def _load(folder: Path, seen: tuple[Path, ...]) -> Profile:
    merged, chain = _raw_settings(folder, seen)
    own_path = folder / "profile.yaml"
    try:
        settings = Settings.model_validate(merged)
    except ValidationError as exc:
        # Point at the file that holds the key: the department's own, or the base it came from.
        problems = []
        for loc, message in located_errors(exc):
            holder = next((f for f, raw in chain if _has(raw, loc)), chain[0][0])
            index = LineIndex((holder / "profile.yaml").read_text(encoding="utf-8"))
            problems.append(InputProblem(f"{holder / 'profile.yaml'}：{index.where(loc)}", message))
        raise InputError(str(own_path), problems) from None
    folders = tuple(f for f, _ in chain)
    names = tuple(str(r.get("name") or f.name) for f, r in chain)
    tables, sources = _tables(list(reversed(folders)))
    glossary = _glossary(list(reversed(folders)))
    profile = Profile(settings.name, folder, folders, names, settings, tuple(tables), tuple(glossary), sources)
    from .check import check  # the checks compile templates: only once a profile reads as data

    problems = check(profile, shared_dir())
    if problems:
        raise InputError(str(own_path), problems)
    return profile


def _has(raw: Any, loc: Sequence[Any]) -> bool:
    node = raw
    for key in loc:
        in_list = isinstance(node, list) and isinstance(key, int) and key < len(node)
        if (isinstance(node, dict) and key in node) or in_list:
            node = node[key]
        else:
            return False
    return True


def _list_file(folder: Path, key: str, default: str) -> Path | None:
    raw = read_yaml(folder / "profile.yaml")
    path = folder / str(raw.get(key, default))
    return path if path.is_file() else None


def _tables(folders: list[Path]) -> tuple[list[Any], dict[str, Path]]:
    """Table specs, base first: a later folder replaces a table by id, drops it, or adds one."""
    tables: list[Any] = []
    sources: dict[str, Path] = {}
    for path, raw, index in _list_files(folders, "tables", "tables.yaml"):
        problems: list[InputProblem] = []
        seen: set[str] = set()
        for i, entry in enumerate(raw):
            try:
                if isinstance(entry, dict) and entry.get("drop") is True and "kind" not in entry:
                    drop = TableDrop.model_validate(entry)
                    tables = [t for t in tables if t.id != drop.id]
                    continue
                spec = TABLES.validate_python(entry)
            except ValidationError as exc:
                problems += _problems(exc, index, (i,))
                continue
            if spec.id in seen:
                problems.append(InputProblem(index.where((i, "id")), f"表的 id“{spec.id}”在同一文件中重复出现"))
                continue
            seen.add(spec.id)
            sources[spec.id] = path
            position = next((n for n, t in enumerate(tables) if t.id == spec.id), None)
            if position is None:
                tables.append(spec)
            else:
                tables[position] = spec
        if problems:
            raise InputError(str(path), problems)
    return tables, sources


def _glossary(folders: list[Path]) -> list[GlossarySpec]:
    entries: list[GlossarySpec] = []
    for path, raw, index in _list_files(folders, "glossary", "glossary.yaml"):
        problems: list[InputProblem] = []
        for i, entry in enumerate(raw):
            try:
                spec = GlossarySpec.model_validate(entry)
            except ValidationError as exc:
                problems += _problems(exc, index, (i,))
                continue
            position = next((n for n, e in enumerate(entries) if e.term == spec.term), None)
            if spec.drop:
                entries = [e for e in entries if e.term != spec.term]
            elif position is None:
                entries.append(spec)
            else:
                entries[position] = spec
        if problems:
            raise InputError(str(path), problems)
    return entries


def _list_files(folders: list[Path], key: str, name: str) -> Iterator[tuple[Path, list[Any], LineIndex]]:
    """Each folder's list file (base first): its path, its entries and the index that locates them."""
    for folder in folders:
        path = _list_file(folder, key, name)
        if path is not None:
            text = path.read_text(encoding="utf-8")
            yield path, _yaml_list(path, text), LineIndex(text)


def read_yaml_list(path: Path) -> list[Any]:
    """A profile file that is a list (tables.yaml, glossary.yaml); an empty file is an empty list."""
    return _yaml_list(path, path.read_text(encoding="utf-8"))


def _yaml_list(path: Path, text: str) -> list[Any]:
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        return []
    from ..load.yaml_reader import parse_yaml

    data = parse_yaml(path, text)
    if not isinstance(data, list):
        raise InputError(str(path), [InputProblem("文件顶层", "应为列表（每项以“- ”开头）")])
    return data
