"""OHCHR's thematic list of recommendations (the "UPR matrix", .docx).

One Word table with the columns `Recommendation | Position | Full list of themes |
Assessment/comments on level of implementation`, "Theme: ..." rows between the
recommendations, and in each recommendation cell a last line "Source of Position:
A/HRC/43/15 - Para 121" (or "Para.3" for the addendum). The themes cell lists "- " bullets,
then "SDGs:" and "Affected persons:" sub-headings with bullets of their own. Fourth-cycle lists
name the columns differently; the columns are found by their headers' first words.
"""

import io
import re

from django.utils.translation import gettext as _

from ..models import SourceFormat
from ..places import place_label, table_row_place
from .base import (
    ParsedFile,
    ParsedRecommendation,
    RowError,
    clean_text,
    response_from,
    source_key,
    unknown_state,
)
from .wgreport import SYMBOL, recommending_states, trim_list_punctuation

ITEM = re.compile(r"^\s*(\d{1,3}\.\d{1,3})\.?\s+")
SOURCE_OF_POSITION = re.compile(r"\n?\s*Source of Position:\s*(.*)$", re.S)
SDG = re.compile(r"^(\d{1,2}(?:\.[0-9a-z]{1,2})?)\s*-")


def parse_thematic_list(data):
    """Read an OHCHR thematic list of recommendations (.docx bytes)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    rows = []
    for table in document.tables:
        rows.extend([cell.text for cell in row.cells] for row in table.rows)
    return parse_thematic_rows(rows)


def _columns(header):
    wanted = {"recommendation": "recommendation", "position": "position", "full list": "themes"}
    found = {}
    for index, title in enumerate(header):
        title = clean_text(title).casefold()
        for start, name in wanted.items():
            if title.startswith(start) and name not in found:
                found[name] = index
    return found if len(found) == len(wanted) else None


def parse_thematic_rows(rows):
    """Read the table's rows (lists of cell texts, the header first)."""
    rows = list(rows)
    columns = _columns(rows[0]) if rows else None
    if columns is None:
        return ParsedFile(
            SourceFormat.THEMATIC_LIST,
            errors=(RowError("", _("This is not an OHCHR thematic list of recommendations.")),),
        )
    recommendations, errors, symbols = [], [], []
    for number, row in enumerate(rows[1:], start=2):
        cell = row[columns["recommendation"]]
        if clean_text(cell).startswith("Theme:") or not clean_text(cell):
            continue
        place = table_row_place(number)
        location = place_label(place)
        item = ITEM.match(cell)
        if not item:
            errors.append(RowError(location, _("The recommendation has no paragraph number.")))
            continue
        body = cell[item.end() :]
        position = SOURCE_OF_POSITION.search(body)
        if position:
            symbols.append(_first_symbol(position.group(1)))
            body = body[: position.start()]
        text = clean_text(body)
        states, unknown = recommending_states(text)
        errors.extend(unknown_state(location, name) for name in unknown)
        if not states and not unknown:
            errors.append(RowError(location, _("No recommending State was found.")))
        response = response_from(row[columns["position"]])
        if response is None:
            errors.append(
                RowError(
                    location,
                    _("Unknown position: “%(value)s”.") % {"value": row[columns["position"]]},
                )
            )
            continue
        themes, sdgs, affected = split_themes(row[columns["themes"]])
        recommendations.append(
            ParsedRecommendation(
                text=trim_list_punctuation(text),
                recommending_states=states,
                source_key="",  # set below, once the report's symbol is known
                source_location=place,
                paragraph=item.group(1),
                response=response,
                source_issues=themes,
                affected_persons=affected,
                sdg_targets=sdgs,
            )
        )
    # The positions cite the report and its addendum: the report's symbol is the shortest.
    symbol = min((s for s in symbols if s), key=len, default="")
    from dataclasses import replace

    recommendations = tuple(
        replace(item, document_symbol=symbol, source_key=source_key(symbol, item.paragraph))
        for item in recommendations
    )
    return ParsedFile(
        SourceFormat.THEMATIC_LIST,
        recommendations=recommendations,
        errors=tuple(errors),
        document_symbol=symbol,
    )


def _first_symbol(text):
    match = SYMBOL.search(text)
    return match.group(0).split("/Add.")[0] if match else ""


def split_themes(cell):
    """The themes cell as (themes, SDGs, affected persons): "- " bullets under no heading,
    "SDGs:" and "Affected persons:"."""
    sections = {"themes": [], "sdgs": [], "affected": []}
    current = "themes"
    for line in str(cell or "").splitlines():
        line = clean_text(line)
        heading = line.casefold()
        if heading.startswith("sdgs:"):
            current, line = "sdgs", line[5:]
        elif heading.startswith("affected persons:"):
            current, line = "affected", line[17:]
        line = clean_text(line).removeprefix("- ").removeprefix("-").strip()
        if line:
            sections[current].append(line)
    sdgs = []
    for goal in sections["sdgs"]:
        match = SDG.match(goal)
        sdgs.append(match.group(1) if match else goal)
    return tuple(sections["themes"]), tuple(sdgs), tuple(sections["affected"])
