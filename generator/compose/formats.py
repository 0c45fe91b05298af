"""Number formats of a profile, as Jinja filters. Formatting only: never arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..money import WAN, format_number
from ..profiles.model import FormatSpec, PartialFormat


@dataclass(frozen=True)
class NumberFormat:
    places: int = 2
    strip_zeros: bool = False
    thousands: bool = False
    zero: str | None = None  # how a zero is shown (e.g. "" for a blank table cell); None: as a number
    scale: str = "万元"  # the unit shown: 万元 (as computed) or 元
    suffix: str = ""

    def __call__(self, value: Any) -> str:
        if value is None:
            return ""
        if not isinstance(value, Decimal | int):
            return str(value)
        amount = Decimal(value)
        if self.scale == "元":
            amount = amount * WAN
        if amount == 0 and self.zero is not None:
            return self.zero
        return format_number(amount, self.places, strip_zeros=self.strip_zeros, thousands=self.thousands) + self.suffix

    @classmethod
    def from_spec(cls, spec: FormatSpec | None) -> NumberFormat:
        return cls(**spec.model_dump()) if spec is not None else cls()

    def changed(self, spec: PartialFormat | None = None, zero: str | None = None) -> NumberFormat:
        """This format with a table's own changes (`format:`) and zero (`zero:`)."""
        fields = dict(self.__dict__)
        if spec is not None:
            fields |= {k: v for k, v in spec.model_dump().items() if v is not None}
        if zero is not None:
            fields["zero"] = zero
        return NumberFormat(**fields)
