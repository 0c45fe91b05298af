"""compute: the input model → Facts, every figure of the document, exact. No I/O, no formatting."""

from __future__ import annotations

from ..model.juesuan import JuesuanInput
from ..model.yusuan import YusuanInput
from .facts import Facts
from .juesuan import compute as compute_juesuan
from .yusuan import compute_yusuan
from .yusuan_facts import YusuanFacts

AnyFacts = Facts | YusuanFacts


def compute(data: JuesuanInput | YusuanInput) -> AnyFacts:
    if isinstance(data, YusuanInput):
        return compute_yusuan(data)
    return compute_juesuan(data)


__all__ = ["AnyFacts", "compute"]
