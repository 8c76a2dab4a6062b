"""Exact number helpers: half-up (四舍五入) rounding and conversions to and from integer hundredths.

Python's built-in rounding function rounds half to even and must never touch a score; use :func:`half_up`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
CENT = Decimal("0.01")


SNAP = Decimal("1e-20")


def half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round ``value`` half away from zero (四舍五入) to ``places`` decimals.

    Thirds (judgement levels, three-judge means) are not exact in decimal; the value is first snapped to 20
    decimals so that, e.g., 2.00499…9 (a true 2.005 carrying a 1e-28 representation error) rounds up as the
    true value does. Scores never have meaningful digits that far out.
    """
    snapped = value.quantize(SNAP, rounding=ROUND_HALF_UP)
    return snapped.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def half_up_int(value: Decimal) -> int:
    """Round to a whole number, half up (e.g. award counts)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def dsum(values: Iterable[Decimal]) -> Decimal:
    """Exact sum that is a Decimal even when empty."""
    return sum(values, ZERO)


def to_cents(value: Decimal) -> int:
    """Integer hundredths of an exact value; refuses values that are not whole hundredths."""
    cents = value * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{value} is not a whole number of hundredths")
    return int(cents)


def from_cents(cents: int) -> Decimal:
    """Decimal value of integer hundredths."""
    return Decimal(cents).scaleb(-2)


ROUNDING_POINTS = ("item", "module", "part", "total")
"""Where rounding can happen: item scores, module scores, the theory/practical parts, the total."""


@dataclass(frozen=True)
class Rounding:
    """Where and how results are rounded (half-up). Default: 2 decimals at item, module, part and total.

    Rounding item scores (as a paper sheet does) makes every printed item column sum to the printed module
    score to the cent.
    """

    places: int = 2
    at: frozenset[str] = field(default_factory=lambda: frozenset(ROUNDING_POINTS))

    def apply(self, point: str, value: Decimal) -> Decimal:
        """Round ``value`` if the configuration names ``point``; otherwise return it unchanged."""
        return half_up(value, self.places) if point in self.at else value
