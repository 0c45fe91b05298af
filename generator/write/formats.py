"""The output formats of `gongkai generate`: a name → the function that writes it.

A new format is one module with a `start(job)` function and one line in FORMATS. `start` does what
can be done at once and returns the function that finishes it; `render` finishes them in FORMATS
order.

A format that needs another one's files names it in `needs`: that format is then finished first
(and made even when it is not asked for), and its outputs reach the later writer in `job.earlier`.
Work two formats share without either one's file (the PDF's page layout, whose page numbers the
DOCX's contents carry) is done once, on first use, through `job.shared`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..compose.tree import Document

if TYPE_CHECKING:
    from .pdf_writer import LaidOut


@dataclass(frozen=True)
class Output:
    suffix: str  # appended to the file stem: ".docx", ".csv.zip"
    data: bytes


@dataclass(frozen=True)
class Job:
    """Everything a writer may need. `earlier`: outputs of the formats finished before this one."""

    document: Document
    settings: Mapping[str, Any] = field(default_factory=dict)  # the profile's settings (fonts, …)
    earlier: Mapping[str, tuple[Output, ...]] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)  # one dict for every writer of a render

    @property
    def fonts(self) -> dict[str, str]:
        return dict(self.settings.get("fonts", {}) or {})

    def laid_out(self) -> LaidOut:
        """The PDF's pages, laid out once for the PDF and for the DOCX's page numbers."""
        if "laid_out" not in self.shared:
            from .pdf_writer import lay_out

            self.shared["laid_out"] = lay_out(self.document, self.fonts)
        laid: LaidOut = self.shared["laid_out"]
        return laid


Finish = Callable[[], list[Output]]


@dataclass(frozen=True)
class Format:
    name: str
    start: str  # "module:function", imported only when the format is used
    label: str  # Chinese, for --help
    needs: tuple[str, ...] = ()
    default: bool = False  # made when no --format is given

    def begin(self, job: Job) -> Finish:
        module, _, function = self.start.partition(":")
        starter: Callable[[Job], Finish] = getattr(importlib.import_module(module), function)
        return starter(job)


# The order in which outputs are listed (and finished).
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("docx", "generator.write.formats:start_docx", "Word 文档（DOCX）", default=True),
    Format("pdf", "generator.write.formats:start_pdf", "PDF 文档", default=True),
    Format("xlsx", "generator.write.table_export:start_xlsx", "全部公开表的 Excel 机读版（每表一个工作表）"),
    Format("csv", "generator.write.table_export:start_csv", "全部公开表的 CSV 机读版（每表一个文件，打包为 .csv.zip）"),
)}
ALL = "all"


def expand(names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """What the user asked for (`all`, repeated names, nothing) → format names in FORMATS order."""
    wanted = set(names)
    if not wanted:
        wanted = {f.name for f in FORMATS.values() if f.default}
    if ALL in wanted:
        wanted = set(FORMATS)
    unknown = wanted - set(FORMATS)
    if unknown:
        raise ValueError(f"未知的输出格式：{'、'.join(sorted(unknown))}；可用：{'、'.join(FORMATS)}、{ALL}")
    return tuple(name for name in FORMATS if name in wanted)


def made(names: tuple[str, ...]) -> list[str]:
    """The formats that run for `names`, in start order: each after what it needs."""
    order: list[str] = []

    def add(name: str) -> None:
        for need in FORMATS[name].needs:
            add(need)
        if name not in order:
            order.append(name)

    for name in FORMATS:
        if name in names:
            add(name)
    return order


def render(job: Job, names: tuple[str, ...], out_dir: Path, stem: str) -> dict[Path, bytes]:
    """Runs the writers of `names` (and what they need); returns the files of `names` only."""
    order = made(names)
    finishers: dict[str, Finish] = {}
    done: dict[str, tuple[Output, ...]] = {}

    def finish(name: str) -> None:
        if name not in done:
            done[name] = tuple(finishers.pop(name)())

    for name in order:
        for need in FORMATS[name].needs:
            finish(need)
        finishers[name] = FORMATS[name].begin(replace(job, earlier=dict(done)))
    for name in FORMATS:
        if name in finishers:
            finish(name)
    return {out_dir / f"{stem}{output.suffix}": output.data for name in names for output in done[name]}


# ---------------------------------------------------------------- the document formats


def start_pdf(job: Job) -> Finish:
    return lambda: [Output(".pdf", job.laid_out().pdf())]


def start_docx(job: Job) -> Finish:
    from .docx_writer import write_docx

    return lambda: [Output(".docx", write_docx(job.document, job.fonts, job.laid_out().page_numbers))]
