"""load: input files → the validated input model (Decimal money in 万元, codes as text)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from ..errors import InputError, InputProblem
from ..model import MODELS, InputModel
from ..model.types import UNIT_FACTORS
from .catalogue import CatalogueMissing, load_catalogue
from .limits import MAX_YAML_BYTES, read_bounded, require_regular_file
from .messages import located_errors
from .text_check import check_texts
from .yaml_reader import LineIndex, decode, read_yaml_text


class Locator(Protocol):
    """Turns a path into the data (('预算单位', 0, '名称')) into a place a person can find."""

    def where(self, keys: tuple[Any, ...]) -> str: ...


@dataclass(frozen=True)
class Loaded:
    path: Path
    data: InputModel
    raw: dict[str, Any]  # as read, before validation (the file's own unit and values)
    locator: Locator


def load(path: Path | str) -> Loaded:
    """A YAML or Excel input, validated into the model; InputError (Chinese, located) otherwise."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):  # .xls: read only to say what to do with it
        from .excel import read_workbook  # openpyxl only when an Excel file is given

        require_regular_file(path, " Excel ")
        raw, cells = read_workbook(path)
        return Loaded(path, validate_raw(raw, path, cells), raw, cells)
    raw, text = read_yaml_text(path)
    index = LineIndex(text)
    return Loaded(path, validate_raw(raw, path, index), raw, index)


def validate_raw(raw: dict[str, Any], path: Path, locator: Locator | None = None) -> InputModel:
    check_texts(raw, str(path), locator)
    kind = raw.get("文档")
    if kind not in MODELS:
        where = locator.where(("文档",)) if locator else "文档"
        found = "未填写" if kind is None else repr(kind)
        raise InputError(str(path), [InputProblem(where, f"应为 {'、'.join(MODELS)} 之一，实际为{found}")])
    unit = raw.get("金额单位")
    if unit not in UNIT_FACTORS:
        where = locator.where(("金额单位",)) if locator else "金额单位"
        found = "未填写" if unit is None else repr(unit)
        raise InputError(str(path), [InputProblem(where, f"应为 元 或 万元，实际为{found}")])
    try:
        model: InputModel = MODELS[kind].model_validate(raw, context={"unit_factor": UNIT_FACTORS[unit]})  # type: ignore[assignment]
    except ValidationError as exc:
        locator = locator or LineIndex(source_text(path))
        problems = [InputProblem(locator.where(loc), message) for loc, message in located_errors(exc)]
        raise InputError(str(path), problems) from None
    try:
        load_catalogue(model.year, "function")
        load_catalogue(model.year, "economic")
    except CatalogueMissing as exc:
        raise InputError(str(path), [InputProblem("年度", str(exc))]) from None
    _check_profile(model, path, locator)
    return model


def _check_profile(model: InputModel, path: Path, locator: Locator | None) -> None:
    """The profile named in the input exists, reads without error and is made for this kind of document."""
    from ..profiles import ProfileMissing, load_profile

    where = locator.where(("版式",)) if locator else "版式"
    try:
        profile = load_profile(model.profile, path)
    except ProfileMissing as exc:
        raise InputError(str(path), [InputProblem(where, exc.problems[0].message)]) from None
    if profile.kind != model.doc_kind:
        raise InputError(str(path), [InputProblem(where, f"版式“{model.profile}”用于{profile.kind}，"
                                                         f"而本文件是{model.doc_kind}（“文档”）；请换用{model.doc_kind}版式")])


def source_text(path: Path) -> str:
    try:
        return decode(path, read_bounded(path, MAX_YAML_BYTES, " YAML "))
    except (OSError, InputError):
        return ""


def to_file_unit(amount: Decimal, unit: str) -> Decimal:
    """万元 (internal) → the unit the file declared, exactly."""
    return amount / UNIT_FACTORS[unit]
