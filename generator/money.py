"""Decimal arithmetic and number formatting. No float ever touches an amount.

Values are kept exact (Decimal) through every computation; rounding is 四舍五入
(ROUND_HALF_UP) and happens only when a number is displayed.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

ZERO = Decimal(0)
HUNDRED = Decimal(100)
WAN = Decimal(10000)


def ratio_percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole × 100, exact to 28 digits; None when whole is zero (no ratio exists)."""
    if whole == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        return part * HUNDRED / whole


def round_half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(
    value: Decimal,
    places: int = 2,
    *,
    strip_zeros: bool = False,
    thousands: bool = False,
) -> str:
    """Rounds half-up to `places` and renders; strip_zeros turns 867.90 into 867.9 and 706.00 into 706."""
    rounded = round_half_up(value, places)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0.00"
    text = f"{rounded:,.{places}f}" if thousands else f"{rounded:.{places}f}"
    if strip_zeros and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
