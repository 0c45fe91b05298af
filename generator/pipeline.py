"""The flow in one place: load → compute → validate (→ compose → write, see generator.compose and generator.write)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .compose.tree import Document
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
    document: Document | None = None
    stem: str = ""

    def publish(self, out_dir: Path) -> Path | None:
        """Writes the outputs and their manifest; an earlier, different version is kept in 历史版本.
        Returns where the earlier version went, if anywhere."""
        from .write.manifest import build_manifest, write_with_history

        assert self.document is not None
        manifest = build_manifest(self.loaded.path, self.loaded.raw, self.loaded.data.profile, self.facts,
                                  self.document, self.outputs)
        return write_with_history(out_dir, self.stem, self.outputs, manifest)


def output_stem(loaded: Loaded) -> str:
    data = loaded.data
    return f"{safe_name(data.department.name)}-{data.year}-{data.doc_kind}"


def render(path: Path, out_dir: Path, formats: tuple[str, ...] = ("docx", "pdf"), force: bool = False,
           charts: bool | None = None) -> Rendered:
    """load → compute → validate → compose → write, in memory. Nothing touches the disk here.

    With validation errors nothing is rendered unless `force`: a wrong document is worse than none.
    The PDF is laid out first, even for a DOCX alone: the DOCX's contents carry its page numbers."""
    from .compose.document import compose, load_profile
    from .write.docx_writer import write_docx
    from .write.pdf_writer import lay_out

    loaded, facts, report = check(path)
    if not report.ok and not force:
        return Rendered(loaded, facts, report, {})
    profile = load_profile(loaded.data.profile)
    document = compose(loaded, facts, profile, charts=charts)
    stem = output_stem(loaded)
    fonts = profile.settings.get("fonts", {})
    outputs: dict[Path, bytes] = {}
    if "docx" in formats or "pdf" in formats:
        laid_out = lay_out(document, fonts)
        if "docx" in formats:
            outputs[out_dir / f"{stem}.docx"] = write_docx(document, fonts, laid_out.page_numbers)
        if "pdf" in formats:
            outputs[out_dir / f"{stem}.pdf"] = laid_out.pdf()
    return Rendered(loaded, facts, report, outputs, document, stem)
