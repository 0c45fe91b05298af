"""The flow in one place: load → compute → validate (→ build → write, see generator.build/write)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .compute import AnyFacts, compute
from .load import Loaded, load
from .validate import Report, validate
from .write.files import safe_name


def load_and_compute(path: Path) -> tuple[Loaded, AnyFacts]:
    loaded = load(path)
    return loaded, compute(loaded.data)


def check(path: Path) -> tuple[Loaded, AnyFacts, Report]:
    loaded, facts = load_and_compute(path)
    return loaded, facts, validate(loaded, facts)


@dataclass(frozen=True)
class Rendered:
    loaded: Loaded
    facts: AnyFacts
    report: Report
    outputs: dict[Path, bytes]


def output_stem(loaded: Loaded) -> str:
    data = loaded.data
    return f"{safe_name(data.department.name)}-{data.year}-{data.doc_kind}"


def render(path: Path, out_dir: Path, formats: tuple[str, ...] = ("docx", "pdf"), force: bool = False,
           charts: bool | None = None) -> Rendered:
    """load → compute → validate → build → write, in memory. Nothing touches the disk here.

    With validation errors nothing is rendered unless `force`: a wrong document is worse than none."""
    from .build import build, load_profile
    from .write.docx_writer import write_docx
    from .write.pdf_writer import write_pdf

    loaded, facts, report = check(path)
    if not report.ok and not force:
        return Rendered(loaded, facts, report, {})
    profile = load_profile(loaded.data.profile)
    document = build(loaded, facts, profile, charts=charts)
    stem = output_stem(loaded)
    outputs: dict[Path, bytes] = {}
    if "docx" in formats:
        outputs[out_dir / f"{stem}.docx"] = write_docx(document, profile.settings.get("fonts", {}))
    if "pdf" in formats:
        outputs[out_dir / f"{stem}.pdf"] = write_pdf(document)
    return Rendered(loaded, facts, report, outputs)
