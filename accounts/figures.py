"""Percentages as every page, PDF and export of the app writes them: whole numbers, rounded
half up (26 of 52 is 50%, 1 of 8 is 13%), always with the counts they come from."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def percent(part, whole):
    """``part`` as a whole-number percentage of ``whole`` (half up); 0 when ``whole`` is 0.

    For a single share such as "share of national organisations". Use
    ``reports.stats.whole_percentages`` when several shares are shown together and must add
    up to 100.
    """
    if not whole:
        return 0
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass(frozen=True)
class Proportion:
    """``part`` of ``whole``, with its whole-number percentage: "26 of 52 (50%)"."""

    part: int
    whole: int

    @property
    def percent(self):
        return percent(self.part, self.whole)
