"""compute: the input model → Facts, every figure of the document, exact. No I/O, no formatting."""

from .juesuan import compute

__all__ = ["compute"]
