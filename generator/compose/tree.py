"""The document tree: the one thing both writers read, so DOCX and PDF cannot disagree.

Small and typed on purpose (pandoc's lesson): blocks are headings, paragraphs of runs, tables
with merged header cells, figures, page breaks and a table of contents. The tree stays flat; the
two questions of page layout that both writers must answer alike (where the front matter ends,
which headings travel with the table they introduce) are answered here, once.
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
    # A form's head: its body rows before the items of its last list (the indicators). They stay on
    # one page with the title and the first items, as a statement's first rows do: a page never ends
    # with a form's title and head and not one indicator under them.
    head_rows: int = 0

    @property
    def columns(self) -> int:
        first = self.header[0] if self.header else self.body[0] if self.body else ()
        return sum(c.colspan for c in first)

    @property
    def repeated(self) -> int:
        """How many rows are repeated at the top of each page the table continues on: the header,
        or, for a form without one (a self-evaluation table), its first row (项目名称), so that a
        continuation page still says which project it is about."""
        return len(self.header) if self.header else min(1, len(self.body))


@dataclass(frozen=True)
class Image:
    """One drawing in two forms: vector for the PDF, a 300 ppi raster for the DOCX (Word, WPS and
    previews all show a PNG; not all show SVG)."""

    svg: bytes
    png: bytes


@dataclass(frozen=True)
class Figure:
    image: Image
    caption: str  # the only title of the chart: the drawing carries none
    width_cm: float = 15


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class TableOfContents:
    title: str = "目  录"


Block = Heading | Paragraph | Table | Figure | PageBreak | TableOfContents


def front_end(blocks: list[Block]) -> int:
    """Where the body starts: after the table of contents and the page break that ends it (after the
    cover's page break when there are no contents; 0 when there is no front matter). The cover and
    the contents carry no page number; the body is numbered from 1, as in published documents."""
    toc = [i for i, b in enumerate(blocks) if isinstance(b, TableOfContents)]
    breaks = [i for i, b in enumerate(blocks) if isinstance(b, PageBreak)]
    if toc:
        end = toc[-1] + 1
        return end + 1 if end < len(blocks) and isinstance(blocks[end], PageBreak) else end
    return breaks[0] + 1 if breaks else 0


def units(blocks: list[Block]) -> list[list[Block]]:
    """The blocks in the units that must not be parted by a page break or a change of page
    orientation: headings directly followed by a table go with it (onto its landscape page, onto
    the new page it starts); every other block is a unit of its own."""
    out: list[list[Block]] = []
    pending: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            pending.append(block)
            continue
        if isinstance(block, Table):
            out.append([*pending, block])
        else:
            out += [[h] for h in pending] + [[block]]
        pending = []
    out += [[h] for h in pending]
    return out


@dataclass
class Document:
    title: str  # for metadata
    subject: str
    author: str
    blocks: list[Block] = field(default_factory=list)
    date: str = ""  # ISO date for metadata, derived from the input (never the clock)
