"""Percentages as every page, PDF and export of the app writes them: whole numbers, rounded
half up (26 of 52 is 50%, 1 of 8 is 13%), always with the counts they come from; and file
sizes in megabytes, in the active language's number format."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


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


MEGABYTE = 1024 * 1024


def megabytes(size, *, decimal_pos=1):
    """``size`` bytes in megabytes as the active language writes numbers ("2.5" in English,
    "2,5" in French), with one decimal place; with ``decimal_pos=None`` as few as it needs
    (a limit: "10", "2.5")."""
    if decimal_pos is None:
        return number_format(Decimal(f"{size / MEGABYTE:g}"))
    # Rounded here: number_format cuts the places it does not write.
    value = (Decimal(size) / MEGABYTE).quantize(Decimal(1).scaleb(-decimal_pos), ROUND_HALF_UP)
    return number_format(value, decimal_pos=decimal_pos)
