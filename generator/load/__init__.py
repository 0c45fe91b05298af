"""load: input files → the validated input model (Decimal money in 万元, codes as text)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError, InputProblem
from ..model.juesuan import JuesuanInput
from ..model.types import UNIT_FACTORS
from ..model.yusuan import YusuanInput
from ..paths import templates_dir
from .catalogue import CatalogueMissing, load_catalogue
from .messages import format_path, located_errors
from .yaml_reader import LineIndex, decode, read_yaml

InputModel = JuesuanInput | YusuanInput
MODELS: dict[str, type[JuesuanInput] | type[YusuanInput]] = {"决算": JuesuanInput, "预算": YusuanInput}


@dataclass(frozen=True)
class Loaded:
    path: Path
    data: InputModel
    raw: dict[str, Any]  # as read, before validation: kept for locating findings


def load(path: Path | str) -> Loaded:
    path = Path(path)
    raw = read_yaml(path)
    return Loaded(path, validate_raw(raw, path), raw)


def validate_raw(raw: dict[str, Any], path: Path) -> InputModel:
    kind = raw.get("文档")
    if kind not in MODELS:
        raise InputError(str(path), [InputProblem("文档", f"应为 {'、'.join(MODELS)} 之一，实际为 {kind!r}")])
    unit = raw.get("金额单位")
    if unit not in UNIT_FACTORS:
        raise InputError(str(path), [InputProblem("金额单位", f"应为 元 或 万元，实际为 {unit!r}")])
    try:
        model = MODELS[kind].model_validate(raw, context={"unit_factor": UNIT_FACTORS[unit]})
    except ValidationError as exc:
        index = LineIndex(source_text(path))
        problems = [InputProblem(where(loc, index), message) for loc, message in located_errors(exc)]
        raise InputError(str(path), problems) from None
    try:
        load_catalogue(model.year, "function")
        load_catalogue(model.year, "economic")
    except CatalogueMissing as exc:
        raise InputError(str(path), [InputProblem("年度", str(exc))]) from None
    profiles = templates_dir() / "profiles"
    if not (profiles / model.profile / "profile.yaml").exists():
        known = "、".join(sorted(p.name for p in profiles.iterdir() if (p / "profile.yaml").exists()))
        raise InputError(str(path), [InputProblem("版式", f"没有名为“{model.profile}”的版式；现有版式：{known}")])
    return model


def where(loc: tuple[Any, ...], index: LineIndex) -> str:
    """A location people can find: the YAML path, and the line when it is known."""
    line = index.line(loc)
    return format_path(loc) + (f"（第 {line} 行）" if line else "")


def source_text(path: Path) -> str:
    try:
        return decode(path, path.read_bytes())
    except (OSError, InputError):
        return ""


def to_file_unit(amount: Decimal, unit: str) -> Decimal:
    """万元 (internal) → the unit the file declared, exactly."""
    return amount / UNIT_FACTORS[unit]
