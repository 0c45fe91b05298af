"""The input models (what people type), one per document kind, keyed by the input's “文档”."""

from __future__ import annotations

from pydantic import BaseModel

from .juesuan import JuesuanInput
from .yusuan import YusuanInput

InputModel = JuesuanInput | YusuanInput
MODELS: dict[str, type[BaseModel]] = {"决算": JuesuanInput, "预算": YusuanInput}

__all__ = ["MODELS", "InputModel", "JuesuanInput", "YusuanInput"]
