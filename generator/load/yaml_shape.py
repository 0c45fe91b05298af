"""Checks a YAML text's shape before anything is built from it: nesting depth and the number of
values, aliases counted as often as they are used.

PyYAML builds an alias as a reference to one object, so a billion-laughs file builds small; it is
every later walk over the data (pruning, the model, the manifest) that expands it to gigabytes. The
parser's events are counted instead: each anchor's expanded size is known when its node ends, so an
alias adds a number, and the walk stops at the first event over a limit, naming where it is.
Deep nesting is refused here too, before the recursive composer and constructors see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import InputError, InputProblem
from .limits import MAX_DEPTH, MAX_VALUES
from .messages import format_path

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class _Frame:
    mapping: bool
    anchor: str | None
    line: int
    size: int = 1  # this node and everything in it, aliases expanded
    index: int = 0  # the next list item, or the next key/value slot of a mapping (even: key)
    key: Any = None

    def place(self) -> tuple[Any, ...]:
        if not self.mapping:
            return (self.index,)
        return (self.key,) if self.index % 2 else ()


def check_shape(text: str, file: str) -> None:
    """InputError when the text nests deeper than MAX_DEPTH or holds more than MAX_VALUES values."""
    stack: list[_Frame] = []
    anchors: dict[str, int] = {}
    total = 0

    def where(line: int) -> str:
        keys = tuple(part for frame in stack for part in frame.place())
        return f"{format_path(keys)}（第 {line} 行）"

    def refuse(line: int, message: str) -> None:
        raise InputError(file, [InputProblem(where(line), message)])

    def finished(size: int) -> None:
        nonlocal total
        if stack:
            stack[-1].size += size
            stack[-1].index += 1
        else:
            total += size

    def count(size: int, line: int, alias: str | None = None) -> None:
        if total + sum(frame.size for frame in stack) + size <= MAX_VALUES:
            return
        if alias:
            refuse(line, f"别名 *{alias} 展开后有 {size:,} 个值，使整个文件超过 {MAX_VALUES:,} 个值的上限"
                         "（别名每用一次都按其全部内容计算）")
        refuse(line, f"文件中的值超过 {MAX_VALUES:,} 个的上限（部门一年的输入通常只有几千个值）")

    for event in yaml.parse(text, Loader=_BaseLoader):
        line = event.start_mark.line + 1 if event.start_mark else 0
        is_node = isinstance(event, yaml.ScalarEvent | yaml.AliasEvent | yaml.CollectionStartEvent)
        if is_node and stack and stack[-1].mapping and stack[-1].index % 2 == 0:  # a key
            stack[-1].key = event.value if isinstance(event, yaml.ScalarEvent) else "?"
        if isinstance(event, yaml.ScalarEvent):
            count(1, line)
            if event.anchor:
                anchors[event.anchor] = 1
            finished(1)
        elif isinstance(event, yaml.AliasEvent):
            if any(frame.anchor == event.anchor for frame in stack):
                refuse(line, f"别名 *{event.anchor} 引用了包含它自身的内容（循环引用）")
            size = anchors.get(event.anchor or "", 1)  # an undefined alias: the parser reports it
            count(size, line, event.anchor)
            finished(size)
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(stack) + 1 > MAX_DEPTH:
                refuse(line, f"嵌套层数超过 {MAX_DEPTH} 层的上限（部门输入通常不超过 10 层）")
            count(1, line)
            stack.append(_Frame(isinstance(event, yaml.MappingStartEvent), event.anchor, line))
        elif isinstance(event, yaml.CollectionEndEvent):
            frame = stack.pop()
            if frame.anchor:
                anchors[frame.anchor] = frame.size
            finished(frame.size)
