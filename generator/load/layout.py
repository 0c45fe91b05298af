"""How an input model lies in a workbook. Derived from the pydantic model, so the Excel form can
never drift from the YAML form: one schema, two spellings.

- Sheet 基本信息: every single value outside lists (字段 | 键 | 值 | 说明); a dict field (车辆, 类用途 …)
  takes one row per key.
- One sheet per list of records (预算单位, 预算单位.收入支出, 绩效.自评表.指标 …), a column per value,
  nested records flattened with dots (收入.一般公共预算财政拨款). A nested list's rows name their parent
  row by its number (预算单位序号), counted from 1.
- A list of texts (部门.职责, 附件.正文) is a sheet with one 内容 column; a table inside 附件.正文 is
  written there as JSON after the marker 表格JSON:.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

KV_SHEET = "基本信息"
HELP_SHEETS = ("填写说明", "科目目录", "经济分类")
TABLE_MARK = "表格JSON:"


@dataclass(frozen=True)
class Column:
    path: tuple[str, ...]  # aliases inside the record (or from the root, on 基本信息)
    kind: str  # amount | count | int | text | bool | choice | dict | texts | json
    choices: tuple[str, ...] = ()
    description: str = ""

    @property
    def header(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True)
class Sheet:
    segments: tuple[tuple[str, bool], ...]  # (alias, is a list) from the root down to this list
    columns: tuple[Column, ...]
    texts: bool = False  # a list of texts: one 内容 column

    @property
    def name(self) -> str:
        return ".".join(alias for alias, _ in self.segments)

    @property
    def parents(self) -> tuple[str, ...]:
        """The list segments above this one: each gives a 序号 column."""
        return tuple(alias for alias, is_list in self.segments[:-1] if is_list)

    @property
    def headers(self) -> list[str]:
        if self.texts:
            return [f"{p}序号" for p in self.parents] + ["内容"]
        return [f"{p}序号" for p in self.parents] + [c.header for c in self.columns]


@dataclass
class Layout:
    kv: list[Column] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)


def _unwrap(annotation: Any) -> Any:
    """Optional[X] → X, Annotated[X, …] → X."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
    return annotation


def _scalar_kind(annotation: Any, raw: Any) -> tuple[str, tuple[str, ...]] | None:
    if typing.get_origin(annotation) is Literal:
        return "choice", tuple(str(a) for a in typing.get_args(annotation))
    if annotation is Decimal:
        return "amount", ()
    if annotation is bool:
        return "bool", ()
    if annotation is int:
        # Count (non-negative) and the year are both int; their validators tell them apart.
        return ("count" if "Count" in repr(raw) or "_count" in repr(raw) else "int"), ()
    if annotation is str:
        return "text", ()
    return None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


@cache
def layout_for(model: type[BaseModel]) -> Layout:
    layout = Layout()
    _walk(model, (), (), layout, layout.kv)
    return layout


def _walk(model: type[BaseModel], rel: tuple[str, ...], segments: tuple[tuple[str, bool], ...], layout: Layout,
          columns: list[Column]) -> None:
    """`rel`: path inside the current record (or from the root for 基本信息); `segments`: the
    absolute path of the current position, each step marked as a list or not."""
    for name, info in model.model_fields.items():
        alias = info.alias or name
        annotation = _unwrap(info.annotation)
        here = (*rel, alias)
        scalar = _scalar_kind(annotation, info.annotation)
        if scalar:
            columns.append(Column(here, scalar[0], scalar[1], info.description or ""))
        elif _is_model(annotation):
            _walk(annotation, here, (*segments, (alias, False)), layout, columns)
        elif typing.get_origin(annotation) is dict:
            columns.append(Column(here, "dict"))
        elif typing.get_origin(annotation) is list:
            (item,) = typing.get_args(annotation)
            item = _unwrap(item)
            list_segments = (*segments, (alias, True))
            if _is_model(item):
                position = len(layout.sheets)
                layout.sheets.append(Sheet(list_segments, ()))  # parents come before their children
                sheet_columns: list[Column] = []
                _walk(item, (), list_segments, layout, sheet_columns)
                layout.sheets[position] = Sheet(list_segments, tuple(sheet_columns))
            else:  # texts, or texts mixed with tables (附件.正文)
                layout.sheets.append(Sheet(list_segments, (), texts=True))
        else:
            columns.append(Column(here, "json"))
