"""Sections of the composed document: the department's omissions and own paragraphs, then numbers.

Headings the template marks as numbered (`##. 政府采购支出说明`) get their number from the profile
(`numbering`: 第一部分, 一、, （一）, 1.) only after a department has left parts out, so the parts after
an omitted one are numbered as they stand. A department names a section by its heading text, with or
without its number; a name that matches no heading is an input error listing the headings there are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..errors import InputError, InputProblem
from .tree import Block, Heading, Paragraph, Run

_NUMERALS = "一二三四五六七八九"
# A number a person may copy with the title: 第三部分 / 十一、 / （二） / 3. / 3、
_LEADING_NUMBER = re.compile(
    r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[.、．])\s*")


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一."""
    tens, ones = divmod(n, 10)
    text = ("" if tens == 0 else "十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return text + (_NUMERALS[ones - 1] if ones else "")


def _key(title: str) -> str:
    return _LEADING_NUMBER.sub("", title).strip().rstrip("。.")


def _section_end(blocks: Sequence[Block], start: int) -> int:
    level = blocks[start].level  # type: ignore[union-attr]
    for i in range(start + 1, len(blocks)):
        block = blocks[i]
        if isinstance(block, Heading) and block.level <= level:
            return i
    return len(blocks)


def _find(blocks: Sequence[Block], title: str) -> int | None:
    want = _key(title)
    return next((i for i, b in enumerate(blocks) if isinstance(b, Heading) and _key(b.text) == want), None)


def _unknown(field: str, title: str, blocks: Sequence[Block]) -> InputProblem:
    headings = "、".join(_key(b.text) for b in blocks if isinstance(b, Heading))
    return InputProblem(f"{field}：{title}", f"文档中没有标题为“{title}”的部分或小节；可用的标题：{headings}")


def omit(blocks: list[Block], titles: Sequence[str], file: str) -> list[Block]:
    """Leaves out each named section: its heading and everything up to the next heading of its level."""
    problems = []
    for title in titles:
        start = _find(blocks, title)
        if start is None:
            problems.append(_unknown("省略", title, blocks))
            continue
        blocks = [*blocks[:start], *blocks[_section_end(blocks, start):]]
    if problems:
        raise InputError(file, problems)
    return blocks


def append(blocks: list[Block], extra: Mapping[str, Sequence[str]], file: str) -> list[Block]:
    """Adds the department's paragraphs at the end of each named section (before its next heading)."""
    problems = []
    for title, paragraphs in extra.items():
        start = _find(blocks, title)
        if start is None:
            problems.append(_unknown("补充段落", title, blocks))
            continue
        end = _section_end(blocks, start)
        blocks = [*blocks[:end], *(Paragraph((Run(text),)) for text in paragraphs), *blocks[end:]]
    if problems:
        raise InputError(file, problems)
    return blocks


def number(blocks: list[Block], formats: Mapping[int, str]) -> list[Block]:
    """Numbered headings get “第三部分 ”, “一、”, “（二）”, “3. ” … counted within their parent."""
    counters = [0, 0, 0, 0, 0]
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading) and block.numbered:
            counters[block.level] += 1
            for deeper in range(block.level + 1, len(counters)):
                counters[deeper] = 0
            fmt = formats.get(block.level, "")
            n = counters[block.level]
            prefix = fmt.replace("{cn}", chinese(n)).replace("{n}", str(n))
            block = replace(block, text=prefix + block.text)
        elif isinstance(block, Heading):
            for deeper in range(block.level + 1, len(counters)):
                counters[deeper] = 0
        out.append(block)
    return out
