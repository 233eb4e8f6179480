"""Lining up UPR Info's rows with the Working Group report they come from.

UPR Info files one row per recommending State and clause, with the paragraph number, the
parentheses and the trailing "(State);" taken out; the report has one item per paragraph,
with all its States. A row belongs to the item whose text holds the row's text, compared on
letters and digits only. Where both sources are read into one review this tells which item
a row repeats (so it is not counted twice) and where the two name different States: for
A/HRC/13/4, UPR Info files item 82.10, "(Brunei)" in the report, under Brazil.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class AttributionDifference:
    paragraph: str
    report_states: tuple
    other_state: str
    other_key: str


@dataclass(frozen=True)
class ReportMatch:
    paragraph_of: dict  # {row source key: report paragraph}
    unmatched: tuple  # rows that repeat no item of the report
    differences: tuple  # AttributionDifference


def _letters(text):
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


def match_to_report(rows, report_items):
    """Match UPR Info `rows` (ParsedRecommendation) to the report's `report_items`."""
    items = [(item, _letters(item.text)) for item in report_items]
    paragraph_of, unmatched, differences = {}, [], []
    for row in rows:
        text = _letters(row.text)
        item = next((item for item, letters in items if text and text in letters), None)
        if item is None:
            unmatched.append(row)
            continue
        paragraph_of[row.source_key] = item.paragraph
        differences.extend(
            AttributionDifference(item.paragraph, item.recommending_states, state, row.source_key)
            for state in row.recommending_states
            if state not in item.recommending_states
        )
    return ReportMatch(paragraph_of, tuple(unmatched), tuple(differences))
