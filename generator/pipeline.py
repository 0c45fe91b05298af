"""The flow in one place: load → compute → validate (→ compose → write, see generator.compose and generator.write)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from .compose.tree import Document
from .kinds import compute
from .load import Loaded, load
from .profiles import Profile, load_profile
from .validate import Report, validate
from .write.files import safe_name


class Computed(NamedTuple):
    loaded: Loaded
    facts: Any  # the Facts of the input's kind (JuesuanFacts, YusuanFacts)
    profile: Profile


class Checked(NamedTuple):
    loaded: Loaded
    facts: Any
    report: Report
    profile: Profile


def load_and_compute(path: Path) -> Computed:
    """The input, read and validated into its model; its profile (which sets the wording rules that
    decide figures, such as grade bands); and every figure computed."""
    loaded = load(path)
    profile = load_profile(loaded.data.profile, loaded.path)
    return Computed(loaded, compute(loaded.data, profile.compute_settings()), profile)


def check(path: Path) -> Checked:
    loaded, facts, profile = load_and_compute(path)
    return Checked(loaded, facts, validate(loaded, facts, profile), profile)


def check_composes(checked: Checked) -> None:
    """Composes the document (without charts; nothing is laid out or written) so that `validate` refuses
    what `generate` would: the headings named in 省略 and 补充段落 exist only once the profile's template
    has been rendered. Raises the same InputError as generate (exit 2)."""
    from .compose.document import compose

    compose(checked.loaded, checked.facts, checked.profile, charts=False)


@dataclass(frozen=True)
class Rendered:
    loaded: Loaded
    facts: Any
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

    `formats`: names from generator.write.formats (or "all"); each is written by its registered writer.

    With validation errors nothing is rendered unless `force`: a wrong document is worse than none.
    The PDF is laid out once, for the PDF and for the DOCX's contents, which carry its page numbers."""
    from .compose.document import compose
    from .write import formats as output_formats

    formats = output_formats.expand(formats)
    loaded, facts, report, profile = check(path)
    if not report.ok and not force:
        return Rendered(loaded, facts, report, {})
    document = compose(loaded, facts, profile, charts=charts)
    stem = output_stem(loaded)
    job = output_formats.Job(document, {"fonts": profile.settings.fonts.model_dump()})
    outputs = output_formats.render(job, formats, out_dir, stem)
    return Rendered(loaded, facts, report, outputs, document, stem)
