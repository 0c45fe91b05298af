"""The checks a profile needs beyond its schema: every key a table names exists in the Facts of its
kind, and every template compiles. Run when a profile is loaded (so `validate` and `generate` stop
before writing anything) and by `gongkai profile check`.

Keys are checked against the Facts *types*, not against one document's figures: a key is valid when
the dataclasses can lead to it (a list step takes any item name, a mapping step any key)."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from ..compute.juesuan_facts import JuesuanFacts
from ..compute.rollup import Row
from ..compute.values import Parts
from ..errors import InputProblem
from ..load.yaml_reader import LineIndex
from .model import (
    ClassificationTable,
    EconomicGroupsTable,
    EconomicRowsTable,
    FormCell,
    FormRepeat,
    FormTable,
    ListTable,
    RowsTable,
    SummaryTable,
    TwoSidedTable,
    UnitsTable,
)


def _unwrap(annotation: Any) -> list[Any]:
    """The types a field may hold (Optional and unions opened up)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(annotation) if arg is not type(None) for a in _unwrap(arg)]
    return [annotation]


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def key_exists(cls: Any, path: list[str]) -> bool:
    """Can a facts key (income.parts.事业收入.amount) lead somewhere in a value of type `cls`?"""
    if not path:
        return True
    head, rest = path[0], path[1:]
    for option in _unwrap(cls):
        origin = typing.get_origin(option)
        if dataclasses.is_dataclass(option):
            hints = _hints(option)  # type: ignore[arg-type]
            if head in hints and key_exists(hints[head], rest):
                return True
        elif option is Parts:
            from ..compute.values import Share

            if key_exists(Share, rest):
                return True
        elif origin is dict:
            if key_exists(typing.get_args(option)[1], rest):
                return True
        elif origin in (list, tuple):
            args = typing.get_args(option)
            if args and key_exists(args[0], rest):
                return True
        elif option is Row:
            return True  # a row's columns are data-dependent
    return False


def _columns(kind: str) -> set[str]:
    """The rollup column keys of a kind's function rows (收入.合计, 一般公共预算.基本支出 …)."""
    if kind == "预算":
        from ..compute.yusuan import budget_columns
        from ..model.yusuan import BudgetLine

        return set(budget_columns(BudgetLine.model_validate({"科目": "2010101"})))
    from ..compute.rollup import line_columns
    from ..model.juesuan import Line

    return set(line_columns(Line.model_validate({"科目": "2010101"})))


def _unit_columns(kind: str) -> set[str]:
    extra = {"人员经费", "公用经费"}
    if kind == "预算":
        extra |= {f"三公.{k}" for k in ("合计", "因公出国", "公务用车", "公务用车购置", "公务用车运行维护", "公务接待")}
    return _columns(kind) | extra


def _fact_keys(spec: Any) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(facts key, where in the spec) for every facts key a table names."""
    if isinstance(spec, SummaryTable):
        for field in ("left", "left_foot", "right_foot"):
            for r, row in enumerate(getattr(spec, field)):
                for c, key in enumerate(row[1:], start=1):
                    yield key, (field, r, c)
    elif isinstance(spec, RowsTable):
        for r, row in enumerate(spec.rows):
            for c, key in enumerate(row[1:] if spec.labels else row, start=1 if spec.labels else 0):
                yield key, ("rows", r, c)
    elif isinstance(spec, EconomicGroupsTable):
        for r, (_, key, _) in enumerate(spec.footer):
            yield key, ("footer", r, 1)
    elif isinstance(spec, TwoSidedTable):
        for field in ("left", "right_head", "right_extra"):
            for r, row in enumerate(getattr(spec, field)):
                for c, key in enumerate(row[1:], start=1):
                    yield key, (field, r, c)
        for r, row in enumerate(spec.foot):
            for c, key in enumerate(row):
                if c not in (0, 2):
                    yield key, ("foot", r, c)
    elif isinstance(spec, EconomicRowsTable):
        for c, key in enumerate(spec.total_keys):
            yield key, ("total_keys", c)
    elif isinstance(spec, ListTable | FormTable):
        yield spec.source, ("source",)


def _column_keys(spec: Any) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    """(column key, where, which set) for every column key a table names."""
    if isinstance(spec, ClassificationTable):
        for c, key in enumerate(spec.columns):
            yield key, ("columns", c), "rows"
        for c, key in enumerate(spec.include_if or []):
            yield key, ("include_if", c), "rows"
    elif isinstance(spec, SummaryTable):
        for c, key in enumerate(spec.right_columns):
            yield key, ("right_columns", c), "rows"
    elif isinstance(spec, TwoSidedTable):
        yield spec.right_column, ("right_column",), "rows"
        for c, key in enumerate(spec.right_columns or []):
            yield key, ("right_columns", c), "rows"
    elif isinstance(spec, UnitsTable):
        for c, key in enumerate(spec.columns):
            yield key, ("columns", c), "units"


def _texts(spec: Any) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Every template text of a table spec: titles, notes, labels, form cells."""
    for field in ("title", "number", "subtitle", "meta_left", "meta_right", "bookmark"):
        yield getattr(spec, field), (field,)
    for i, text in enumerate([*spec.notes, *spec.empty_text]):
        yield text, ("notes" if i < len(spec.notes) else "empty_text", i)
    if isinstance(spec, FormTable):
        for r, row in enumerate(spec.rows):
            cells = [*([row.lead] if row.lead else []), *row.header, *row.row, *row.empty] \
                if isinstance(row, FormRepeat) else row
            for c, cell in enumerate(cells):
                cell = cell if isinstance(cell, FormCell) else FormCell(text=cell)
                yield cell.text, ("rows", r, c)
                yield cell.merge, ("rows", r, c, "merge")


def check_tables(profile: Any) -> list[InputProblem]:
    from ..compute.yusuan_facts import YusuanFacts

    kind = profile.kind
    facts_type: type = {"决算": JuesuanFacts, "预算": YusuanFacts}[kind]
    columns = {"rows": _columns(kind), "units": _unit_columns(kind)}
    plain = jinja2.Environment()
    problems: list[InputProblem] = []
    indexes: dict[Path, LineIndex] = {}
    for spec in profile.tables:
        path = profile.sources.get(spec.id)
        index = indexes.setdefault(path, LineIndex(path.read_text(encoding="utf-8"))) if path else None
        position = _position(path, spec.id)

        where = _locator(path, index, position, spec.id)
        for key, loc in _fact_keys(spec):
            if key and not key_exists(facts_type, key.split(".")):
                problems.append(InputProblem(where(*loc), f"表“{spec.id}”引用的数字“{key}”不存在"
                                                          "（gongkai facts 可列出全部键）"))
        for key, loc, which in _column_keys(spec):
            if key not in columns[which]:
                known = "、".join(sorted(columns[which]))
                problems.append(InputProblem(where(*loc), f"表“{spec.id}”的列“{key}”不存在；可用的列：{known}"))
        for text, loc in _texts(spec):
            if "{" in text:
                try:
                    plain.parse(text)
                except jinja2.TemplateSyntaxError as exc:
                    problems.append(InputProblem(where(*loc), f"表“{spec.id}”的模板文字有语法错误：{exc.message}"))
    return problems


def _locator(path: Path | None, index: LineIndex | None, position: int | None, table_id: str) -> Any:
    """Turns a path inside a table spec into “file：key path（line）”."""

    def where(*keys: Any) -> str:
        loc = (position, *keys) if position is not None else keys
        return f"{path}：{index.where(loc)}" if index is not None else f"表 {table_id}"

    return where


@cache
def _positions(path: Path) -> dict[str, int]:
    from .load import read_yaml_list

    return {str(entry.get("id")): i for i, entry in enumerate(read_yaml_list(path)) if isinstance(entry, dict)}


def _position(path: Path | None, table_id: str) -> int | None:
    return _positions(path).get(table_id) if path else None


def check_templates(profile: Any, shared: Path) -> list[InputProblem]:
    """Every .j2 file along the profile's chain (and the shared macros) compiles."""
    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True)
    problems = []
    for folder in (*profile.chain, shared):
        for path in sorted(folder.glob("*.j2")):
            try:
                env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
            except jinja2.TemplateSyntaxError as exc:
                problems.append(InputProblem(f"{path}：第 {exc.lineno} 行", f"模板语法错误：{exc.message}"))
    narrative = profile.narrative
    if not any((folder / narrative).is_file() for folder in profile.chain):
        problems.append(InputProblem(f"{profile.folder / 'profile.yaml'}：narrative",
                                     f"找不到说明模板 {narrative}（应在版式文件夹或其所基于的版式中）"))
    return problems


_FIGURE = re.compile(r"^::figure\s+(\S+)", re.MULTILINE)


def check_figures(profile: Any) -> list[InputProblem]:
    """Every chart's facts keys exist in the Facts of the profile's kind, and every `::figure NAME`
    of the narrative templates names a chart of profile.yaml."""
    from ..compute.yusuan_facts import YusuanFacts

    facts_type: type = {"决算": JuesuanFacts, "预算": YusuanFacts}[profile.kind]
    figures = profile.settings.figures
    problems: list[InputProblem] = []

    def where(*loc: Any) -> str:  # the profile.yaml along the chain that holds the key
        from .load import read_yaml

        for folder in profile.chain:
            path = folder / "profile.yaml"
            node: Any = read_yaml(path)
            for key in loc:
                node = node.get(key) if isinstance(node, dict) else None
            if node is not None:
                return f"{path}：{LineIndex(path.read_text(encoding='utf-8')).where(loc)}"
        return f"{profile.folder / 'profile.yaml'}：figures.{'.'.join(map(str, loc[1:]))}"

    for name, spec in figures.items():
        keys: list[tuple[str, tuple[Any, ...]]] = [(series.change, ("figures", name, "series", i, "change"))
                                                  for i, series in enumerate(spec.series)]
        keys += [(spec.parts, ("figures", name, "parts"))] if spec.parts else []
        for key, loc in keys:
            if not key_exists(facts_type, key.split(".")):
                problems.append(InputProblem(where(*loc), f"图“{name}”引用的数字“{key}”不存在"
                                                          "（gongkai facts 可列出全部键）"))
    for folder in profile.chain:
        for path in sorted(folder.glob("*.j2")):
            text = path.read_text(encoding="utf-8")
            for match in _FIGURE.finditer(text):
                if match.group(1) not in figures:
                    line = text.count("\n", 0, match.start()) + 1
                    known = "、".join(figures) or "（没有）"
                    problems.append(InputProblem(f"{path}：第 {line} 行", f"图“{match.group(1)}”没有在 profile.yaml 的"
                                                                      f" figures 中定义；已定义：{known}"))
    return problems


def check_input_fields(profile: Any) -> list[InputProblem]:
    """Every `unprinted_inputs` and `expected_inputs` entry names fields of the input model of the
    profile's kind (“A|B” in `expected_inputs`: each of them)."""
    from ..kinds import KINDS
    from ..model.paths import field_exists
    from .load import read_yaml

    model = KINDS[profile.kind].model
    problems: list[InputProblem] = []
    for setting in ("unprinted_inputs", "expected_inputs"):
        for entry in getattr(profile.settings, setting):
            if all(field_exists(model, path) for path in entry.split("|")):
                continue
            where = f"{profile.folder / 'profile.yaml'}：{setting}"
            for folder in profile.chain:  # the profile.yaml along the chain that lists it
                file = folder / "profile.yaml"
                listed = read_yaml(file).get(setting) or []
                if entry in listed:
                    loc = (setting, listed.index(entry))
                    where = f"{file}：{LineIndex(file.read_text(encoding='utf-8')).where(loc)}"
                    break
            problems.append(InputProblem(where, f"“{entry}”不是{profile.kind}输入文件中的字段"
                                                "（用中文键名，以“.”分隔，如 三公经费.公务接待.差异原因）"))
    return problems


def check(profile: Any, shared: Path) -> list[InputProblem]:
    return (check_tables(profile) + check_figures(profile) + check_input_fields(profile)
            + check_templates(profile, shared))
