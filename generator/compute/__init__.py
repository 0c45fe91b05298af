"""compute: the input model → Facts, every figure of the document, exact. No I/O, no formatting."""

from __future__ import annotations

from .core import CoreFacts
from .juesuan_facts import JuesuanFacts
from .yusuan_facts import YusuanFacts

AnyFacts = JuesuanFacts | YusuanFacts

__all__ = ["AnyFacts", "CoreFacts", "JuesuanFacts", "YusuanFacts"]
