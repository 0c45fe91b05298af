"""The narrative templates' light markup → document blocks.

    # 一级标题 / ## 二级 / ### 三级 / #### 四级     a heading as written
    #. 名词解释 / ##. …                              a heading numbered by the profile (第五部分, 一、 …)
    any other line          a paragraph (one line, one paragraph: templates join with Jinja's {%- -%})
    **粗体**                 a bold run inside a paragraph
    ::toc  ::pagebreak  ::table ID  ::tables  ::figure ID  ::form ID N  ::attable A P
    ::center / ::title / ::subtitle / ::plain / ::note / ::right TEXT   a styled paragraph

Values coming from data are `protect`ed by the Jinja environment, so a department called
"**{{ 7*7 }}#" is printed literally and can never turn into markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from markupsafe import Markup

from .tree import Block, Heading, PageBreak, Paragraph, Run, TableOfContents

# Characters with a meaning in the markup, swapped for private-use characters while parsing.
_PROTECT = {"\\": "\ue000", "*": "\ue001", "#": "\ue002", ":": "\ue003"}
_UNPROTECT = str.maketrans({v: k for k, v in _PROTECT.items()})
_STYLES = {"center", "title", "subtitle", "plain", "note", "right", "body"}
_HEADING = re.compile(r"^(#{1,4})(\.?)\s+(.*)$")
# A directive may follow text on the same line when Jinja's trim_blocks joined them; data can never
# contain "::" (colons in values are protected), so splitting there is safe.
_DIRECTIVE = re.compile(r"(?=::(?:toc|pagebreak|tables?|figure|form|attable|"
                        r"center|title|subtitle|plain|note|right|body)\b)")


def protect(value: object) -> str:
    """Jinja `finalize`: data values are inert text; trusted fragments are Markup."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    text = str(value)
    for char, stand_in in _PROTECT.items():
        text = text.replace(char, stand_in)
    return " ".join(text.splitlines())


def unprotect(text: str) -> str:
    return text.translate(_UNPROTECT)


def _runs(text: str) -> tuple[Run, ...]:
    parts = text.split("**")
    runs = [Run(unprotect(part), bold=i % 2 == 1) for i, part in enumerate(parts) if part]
    return tuple(runs)


def parse(source: str, insert: Callable[[str, str], Iterable[Block]]) -> list[Block]:
    """Blocks of `source`; `insert(kind, arg)` supplies tables and figures named by directives."""
    blocks: list[Block] = []
    lines = (part.strip() for raw in source.splitlines() for part in _DIRECTIVE.split(raw))
    for line in lines:
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading:
            text = unprotect(heading.group(3).replace("**", ""))
            blocks.append(Heading(len(heading.group(1)), text, numbered=bool(heading.group(2))))
        elif line.startswith("::"):
            name, _, arg = line[2:].partition(" ")
            if name == "toc":
                blocks.append(TableOfContents(arg or "目  录"))
            elif name == "pagebreak":
                blocks.append(PageBreak())
            elif name in _STYLES:
                blocks.append(Paragraph(_runs(arg.strip()), style=name))
            else:
                blocks.extend(insert(name, unprotect(arg.strip())))
        else:
            blocks.append(Paragraph(_runs(line)))
    return blocks
