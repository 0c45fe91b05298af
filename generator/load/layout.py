"""How an input model lies in a workbook a finance officer fills in. Derived from the pydantic model,
so the form can never drift from the YAML: a field the model gains appears in the form, with its
description as the explanation, without a line here.

- 基本信息: every single value outside lists, one row each: 分组 | 项目 | 内容 | 说明. 分组 names the
  nested record (三公经费 · 公务用车 · 购置), 项目 the field with its unit (预算（元）).
- One sheet per list of records (预算单位, 收入支出, 自评表指标 …): a column per value, nested records
  as two- or three-level headers (收入 → 一般公共预算财政拨款（元）). A row of a nested list names its
  parent record by the parent's name (the 预算单位 column, chosen from a dropdown), not by a number.
- A dict (类用途, 车辆) is a sheet with a key column and a value column; a dict of records (核对数 ·
  科目合计) has the key column and a column per field of the record.
- A list of texts (部门 · 职责) is a sheet with one 内容 column; a list of paragraphs and tables
  (附件 · 正文) has a 类型 column (段落 / 表头 / 表格行 / 表注) and the table's cells across.

Only labels and grouping are hand-written below (HINTS), and each falls back to the field's own
alias. The reader (load/excel.py) and the writer (write/excel_writer.py) both work from this layout.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..model import types as model_types
from ..model.paths import _unwrap  # one reading of Optional[X] / Annotated[X] for every model walk

KV_SHEET = "基本信息"
INSTRUCTIONS_SHEET = "填写说明"
CHECK_SHEET = "核对"
FUNCTION_SHEET = "科目目录"
ECONOMIC_SHEET = "经济分类"
HELP_SHEETS = (INSTRUCTIONS_SHEET, CHECK_SHEET, FUNCTION_SHEET, ECONOMIC_SHEET)
TABLE_MARK = "表格JSON:"  # a table inside 附件 · 正文 in the earlier form: JSON after this marker
SHEETS_PROPERTY = "gongkai表格工作表"  # the form's sheets when it was made (a custom property of the workbook)
GROUP_SEPARATOR = " · "
ROOT_GROUP = "总体"
PARAGRAPH = "段落"
TYPE_COLUMN = "类型"
TEXT_COLUMN = "内容"

# ---------------------------------------------------------------- hints (labels and grouping only)

# Sheet names where the last alias alone would be vague or taken twice.
SHEET_NAMES = {
    "部门.职责": "部门职责",
    "预算单位.核对数.科目合计": "科目核对数",
    "绩效.自评表.资金": "自评表资金",
    "绩效.自评表.指标": "自评表指标",
    "附件.正文": "附件正文",
    "项目.项目说明.正文": "项目说明正文",
}
# The two column labels of a dict sheet, and whether its keys are codes from a catalogue.
DICT_COLUMNS: dict[str, tuple[str, str, str]] = {  # alias → (key label, value label, key lookup)
    "车辆": ("车辆类型", "数量", ""),
    "类用途": ("类", "用途", FUNCTION_SHEET),
    "项用途": ("项", "用途", FUNCTION_SHEET),
    "科目名称": ("科目", "名称", FUNCTION_SHEET),
    "科目合计": ("科目", "本年支出合计", FUNCTION_SHEET),
}
# Code fields choose from the function catalogue unless named here.
ECONOMIC_CODES = {("EconomicLine", "科目")}
# Text fields that name a 预算单位: a dropdown of the units' names (a warning, not a stop, if typed).
UNIT_NAMES = {("Project", "单位"), ("ProjectResult", "预算单位"), ("SelfEvaluation", "预算单位")}
# Row types of a table inside 附件 · 正文 (the table model's aliases otherwise).
TABLE_ROW_LABELS = {"表头": "表头", "行": "表格行", "注": "表注"}
# Shown only when it has a value: an internal note of the bundled examples, not a fact of a department.
INTERNAL = {"示例说明"}
UNIT_SUFFIX = re.compile(r"[（(]\s*(万元|元)\s*[）)]$")


def header_text(text: Any) -> str:
    """A header or label as the layout spells it: without the required mark, the unit, spaces."""
    cleaned = re.sub(r"\s+", "", str(text or "")).rstrip("*＊")
    return UNIT_SUFFIX.sub("", cleaned)


def header_unit(text: Any) -> str | None:
    cleaned = re.sub(r"\s+", "", str(text or "")).rstrip("*＊")
    match = UNIT_SUFFIX.search(cleaned)
    return match.group(1) if match else None


# ---------------------------------------------------------------- the layout


@dataclass(frozen=True)
class Field:
    path: tuple[str, ...]  # aliases inside the record (from the root on 基本信息)
    kind: str  # amount | score | count | int | text | code | bool | choice | json
    choices: tuple[str, ...] = ()
    description: str = ""
    required: bool = False
    lookup: str = ""  # a dropdown: 科目目录 / 经济分类 / 预算单位 (the units' names)
    optional_parent: tuple[str, ...] = ()  # the optional record it is in (上年): required only when that is filled
    internal: bool = False  # shown only when it has a value (INTERNAL)
    may_be_absent: bool = False  # its default is None: left blank, it is unknown (not zero)

    @property
    def label(self) -> str:
        return self.path[-1]

    @property
    def group(self) -> tuple[str, ...]:
        return self.path[:-1]

    def header(self, unit: str) -> str:
        """The leaf label people read: the field, its unit for an amount, * when it must be filled."""
        label = self.label + (f"（{unit}）" if self.kind == "amount" else "")
        return label + (" *" if self.required else "")


@dataclass(frozen=True)
class Parent:
    alias: str  # the parent list's alias (预算单位)
    sheet: str  # the parent's sheet
    key: str | None  # alias of the field that names a parent record (名称); None: its position (序号)

    @property
    def label(self) -> str:
        return self.sheet if self.key else f"{self.sheet}序号"


@dataclass(frozen=True)
class Sheet:
    name: str
    segments: tuple[tuple[str, bool], ...]  # (alias, is a list) from the root down to this list/dict
    kind: Literal["records", "texts", "paragraphs", "dict"]
    fields: tuple[Field, ...] = ()  # records: the columns; dict: key and value; paragraphs: the table's parts
    parents: tuple[Parent, ...] = ()
    description: str = ""
    key: str | None = None  # the field a child row names this record by
    required: bool = False  # the list needs at least one record
    record_values: bool = False  # dict: each value is a record (科目合计 → a row of system totals), one column a field
    shorthand: str = ""  # record_values: the field a bare value stands for (科目合计 201: 2753.16 → 本年支出合计)

    @property
    def path(self) -> str:
        return ".".join(alias for alias, _ in self.segments)

    @property
    def alias(self) -> str:
        return self.segments[-1][0]

    @property
    def depth(self) -> int:
        """Header rows: the deepest nesting of a column."""
        return max([len(f.path) for f in self.fields] + [1]) if self.kind == "records" else 1

    def field(self, path: tuple[str, ...]) -> Field | None:
        return next((f for f in self.fields if f.path == path), None)


@dataclass
class Layout:
    kv: list[Field] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)

    def sheet_at(self, path: str) -> Sheet | None:
        return next((s for s in self.sheets if s.path == path), None)

    def children(self, sheet: Sheet) -> list[Sheet]:
        return [s for s in self.sheets if s.parents and s.parents[-1].sheet == sheet.name]


# ---------------------------------------------------------------- reading the model


def _metadata(annotation: Any, extra: list[Any] | tuple[Any, ...] = ()) -> list[Any]:
    """The validators attached to a field, wherever pydantic left them (its own metadata for X,
    inside Annotated for Optional[X] and for list/dict items)."""
    found = list(extra)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        args = typing.get_args(annotation)
        found += list(args[1:])
        found += _metadata(args[0])
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found += _metadata(arg)
    return found


def _has(metadata: list[Any], marker: Any) -> bool:
    """Is every validator of a shared type (Money, Count, Code) attached? Equality, not identity:
    pydantic copies the validator objects."""
    wanted = list(typing.get_args(marker)[1:])
    return all(any(m == w for m in metadata) for w in wanted)


def _scalar_kind(annotation: Any, raw: Any, extra: list[Any] | tuple[Any, ...] = ()
                 ) -> tuple[str, tuple[str, ...]] | None:
    """(kind, choices) of a single value, or None for a record, list or dict."""
    metadata = _metadata(raw, extra)
    if typing.get_origin(annotation) is Literal:
        return "choice", tuple(str(a) for a in typing.get_args(annotation))
    if annotation is Decimal:
        return ("amount" if _has(metadata, model_types.Money) else "score"), ()
    if annotation is bool:
        return "bool", ()
    if annotation is int:
        return ("count" if _has(metadata, model_types.Count) else "int"), ()
    if annotation is str:
        return ("code" if _has(metadata, model_types.Code) else "text"), ()
    return None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _alias(name: str, info: FieldInfo) -> str:
    return info.alias or name


def _key_field(model: type[BaseModel]) -> str | None:
    """The field other rows name a record by: its first required text."""
    for name, info in model.model_fields.items():
        annotation = _unwrap(info.annotation)
        if info.is_required() and annotation is str and not _has(_metadata(info.annotation, info.metadata),
                                                                  model_types.Code):
            return _alias(name, info)
    return None


@cache
def layout_for(model: type[BaseModel]) -> Layout:
    layout = Layout()
    _walk(model, (), (), (), layout, layout.kv, ())
    taken = {KV_SHEET, *HELP_SHEETS}
    named = []
    for sheet in layout.sheets:  # names: the hint, the last alias, or more of the path until unique
        aliases = [a for a, _ in sheet.segments]
        name = SHEET_NAMES.get(sheet.path) or aliases[-1]
        n = 2
        while name in taken:
            name = "".join(aliases[-n:])
            n += 1
        taken.add(name)
        named.append(name)
    renamed = dict(zip((s.name for s in layout.sheets), named, strict=True))
    layout.sheets = [
        Sheet(renamed[s.name], s.segments, s.kind, s.fields,
              tuple(Parent(p.alias, renamed[p.sheet], p.key) for p in s.parents), s.description, s.key, s.required,
              s.record_values, s.shorthand)
        for s in layout.sheets]
    return layout


def _walk(model: type[BaseModel], rel: tuple[str, ...], segments: tuple[tuple[str, bool], ...],
          parents: tuple[Parent, ...], layout: Layout, fields: list[Field], optional_parent: tuple[str, ...]) -> None:
    """`rel`: the path inside the current record (from the root on 基本信息); `segments`: where the
    current position is, from the root, each step marked as a list or not; `parents`: the list
    records above it."""
    for name, info in model.model_fields.items():
        alias = _alias(name, info)
        annotation = _unwrap(info.annotation)
        here = (*rel, alias)
        description = (info.description or "").strip()
        scalar = _scalar_kind(annotation, info.annotation, info.metadata)
        if scalar:
            kind, choices = scalar
            lookup = ""
            if kind == "code":
                lookup = ECONOMIC_SHEET if (model.__name__, alias) in ECONOMIC_CODES else FUNCTION_SHEET
            elif kind == "text" and (model.__name__, alias) in UNIT_NAMES:
                lookup = "预算单位"
            fields.append(Field(here, kind, choices, description, info.is_required(), lookup, optional_parent,
                                alias in INTERNAL, not info.is_required() and info.default is None))
        elif _is_model(annotation):
            optional = optional_parent or (here if type(None) in typing.get_args(info.annotation) else ())
            _walk(annotation, here, (*segments, (alias, False)), parents, layout, fields, optional)
        elif typing.get_origin(annotation) is dict:
            _, value_type = typing.get_args(annotation)
            key_label, value_label, key_lookup = DICT_COLUMNS.get(alias, ("键", "值", ""))
            key_field = Field((key_label,), "code" if key_lookup else "text", (), "", True, key_lookup)
            if _is_model(_unwrap(value_type)):  # a record per key: its fields across
                value_fields: list[Field] = []
                _walk(_unwrap(value_type), (), (), parents, Layout(), value_fields, ())
                layout.sheets.append(Sheet(f"{len(layout.sheets)}", (*segments, (alias, False)), "dict",
                                           (key_field, *value_fields), parents, description, record_values=True,
                                           shorthand=value_label))
                continue
            value_kind = _scalar_kind(_unwrap(value_type), value_type) or ("json", ())
            dict_fields = (key_field, Field((value_label,), value_kind[0], value_kind[1], "", True))
            layout.sheets.append(Sheet(f"{len(layout.sheets)}", (*segments, (alias, False)), "dict", dict_fields,
                                       parents, description))
        elif typing.get_origin(annotation) is list:
            (item,) = typing.get_args(annotation)
            item_type = _unwrap(item)
            list_segments = (*segments, (alias, True))
            required = any(getattr(m, "min_length", 0) for m in info.metadata)
            if _is_model(item_type):
                position = len(layout.sheets)
                key = _key_field(item_type)
                layout.sheets.append(Sheet(f"{position}", list_segments, "records", (), parents, description, key,
                                           required))  # parents come before their children
                own: list[Field] = []
                me = Parent(alias, f"{position}", key)
                _walk(item_type, (), list_segments, (*parents, me), layout, own, ())
                layout.sheets[position] = Sheet(f"{position}", list_segments, "records", tuple(own), parents,
                                                description, key, required)
            elif typing.get_origin(item) in (typing.Union, types.UnionType):
                table = next((a for a in typing.get_args(item) if _is_model(_unwrap(a))), None)
                layout.sheets.append(Sheet(f"{len(layout.sheets)}", list_segments, "paragraphs",
                                           _table_parts(_unwrap(table)) if table else (), parents, description))
            else:
                layout.sheets.append(Sheet(f"{len(layout.sheets)}", list_segments, "texts", (), parents, description))
        else:
            fields.append(Field(here, "json", (), description, info.is_required(), "", optional_parent))


def _table_parts(model: type[BaseModel]) -> tuple[Field, ...]:
    """The row types of a table inside a list of paragraphs: one per field of the table model."""
    parts = []
    for name, info in model.model_fields.items():
        alias = _alias(name, info)
        annotation = _unwrap(info.annotation)
        kind = "text"
        if typing.get_origin(annotation) is list:
            (item,) = typing.get_args(annotation)
            kind = "rows" if typing.get_origin(_unwrap(item)) is list else "cells"
        parts.append(Field((alias,), kind, (), (info.description or "").strip(), info.is_required()))
    return tuple(parts)


def row_type_label(part: Field) -> str:
    return TABLE_ROW_LABELS.get(part.label, part.label)
