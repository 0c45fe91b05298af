"""The document tree: the one thing both writers read, so DOCX and PDF cannot disagree.

Small and typed on purpose (pandoc's lesson): blocks are headings, paragraphs of runs, tables
with merged header cells, figures, page breaks and a table of contents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    # body: indented body text; plain: no indent; center; note: small note under a table;
    # title / subtitle: the cover; right: right-aligned
    style: str = "body"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Heading:
    level: int  # 1–4
    text: str
    in_toc: bool = True
    numbered: bool = False  # takes the profile's number for its level (compose.sections), e.g. “三、”


@dataclass(frozen=True)
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: Align = "left"
    bold: bool = False


@dataclass(frozen=True)
class Table:
    title: str
    number: str = ""  # 公开01表
    subtitle: str = ""  # a centred line under the title, e.g. （2022年度）
    meta_left: str = ""  # 编制单位：…
    meta_right: str = ""  # 金额单位：万元
    header: tuple[tuple[Cell, ...], ...] = ()
    body: tuple[tuple[Cell, ...], ...] = ()
    widths: tuple[float, ...] = ()  # relative column widths
    notes: tuple[str, ...] = ()
    after: tuple[str, ...] = ()  # e.g. the no-data sentence under an empty table
    landscape: bool = False
    font_size: float = 9  # pt
    bookmark: str = ""  # a heading-like entry for the PDF outline
    new_page: bool = False  # 附表 start on a page of their own

    @property
    def columns(self) -> int:
        first = self.header[0] if self.header else self.body[0] if self.body else ()
        return sum(c.colspan for c in first)


@dataclass(frozen=True)
class Figure:
    png: bytes
    caption: str
    width_cm: float = 15


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class TableOfContents:
    title: str = "目  录"


Block = Heading | Paragraph | Table | Figure | PageBreak | TableOfContents


@dataclass
class Document:
    title: str  # for metadata
    subject: str
    author: str
    blocks: list[Block] = field(default_factory=list)
    date: str = ""  # ISO date for metadata, derived from the input (never the clock)
