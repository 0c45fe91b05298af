"""The document kinds (决算, 预算): for each, its input model, its computation and its rules.

The rest of the program asks `kind_of(data)` instead of testing types, so a third kind is one entry
here plus its model, compute and rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .compute.core import CoreFacts
from .compute.juesuan import compute as compute_juesuan
from .compute.settings import ComputeSettings
from .compute.yusuan import compute_yusuan
from .model.juesuan import JuesuanInput
from .model.yusuan import YusuanInput


@dataclass(frozen=True)
class DocumentKind:
    name: str  # 决算 / 预算, as the input's “文档” says
    model: type[BaseModel]
    compute: Callable[[Any, ComputeSettings], CoreFacts]
    lines_key: str  # where a unit's 项 lines are in the input (for messages)


KINDS: dict[str, DocumentKind] = {
    "决算": DocumentKind("决算", JuesuanInput, compute_juesuan, "收入支出"),
    "预算": DocumentKind("预算", YusuanInput, compute_yusuan, "收支"),
}


def kind_of(data: Any) -> DocumentKind:
    return KINDS[data.doc_kind]


def compute(data: Any, settings: ComputeSettings | None = None) -> CoreFacts:
    return kind_of(data).compute(data, settings or ComputeSettings())
