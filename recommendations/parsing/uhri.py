"""OHCHR's Universal Human Rights Index (UHRI) Excel export.

Sixteen columns, named as the index writes them (two misspelt): `Text, Countries Concerned,
Reccomending Body, Document Symbol, Themes, Affected Persons, Sdgs, Document Publication Date,
UPR Reccomending States, UPR Position, Type, OHCHR Annotation Id, UPR Session, Regions
Concerned, Recommending Regions, Date of publication on UHRI`. A single value carries a "- "
prefix; a cell of several values holds one a line, each starting "- "; dates are Excel serial
numbers (the publication dates, which are not the review's and are not read); texts may hold
HTML entities. The annotation id (a UUID) is the stable key. Rows of
other bodies than the UPR (treaty bodies, special procedures) are left out, with a note.
"""

import html
import io
import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import SourceFormat
from ..places import place_label, row_place
from .base import (
    ParsedFile,
    ParsedRecommendation,
    RowError,
    clean_text,
    response_from,
    state_code,
    unknown_state,
)
from .wgreport import trim_list_punctuation

COLUMNS = (
    "Text",
    "Countries Concerned",
    "Reccomending Body",
    "Document Symbol",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "Document Publication Date",
    "UPR Reccomending States",
    "UPR Position",
    "Type",
    "OHCHR Annotation Id",
    "UPR Session",
    "Regions Concerned",
    "Recommending Regions",
    "Date of publication on UHRI",
)
ANNOTATION_ID = "OHCHR Annotation Id"
PARAGRAPH = re.compile(r"^\s*(\d{1,3}\.\d{1,3})\.?\s+")


def header_key(title):
    """Headers compared without case or spacing, and with the index's misspelling or
    without it ("Reccomending" and "Recommending" alike)."""
    key = clean_text(title).casefold().replace("reccomending", "recommending")
    return key


def is_uhri_header(row):
    keys = {header_key(cell) for cell in row if cell is not None}
    return {header_key(ANNOTATION_ID), header_key("Text")} <= keys


def parse_uhri_xlsx(data):
    """Read a UHRI export (.xlsx bytes)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return parse_uhri_rows(sheet.iter_rows(values_only=True))
    finally:
        book.close()


def values(cell):
    """A cell's values: "- France\\n- Lithuania" -> ("France", "Lithuania")."""
    if cell is None:
        return ()
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return (str(int(cell)) if float(cell).is_integer() else str(cell),)
    found = []
    for line in str(cell).splitlines():
        line = clean_text(html.unescape(line))
        line = line.removeprefix("- ").removeprefix("-").strip() if line.startswith("-") else line
        if line:
            found.append(line)
    return tuple(found)


def parse_uhri_rows(rows):
    """Read the export's rows (tuples of cell values, the header first)."""
    rows = iter(rows)
    header = next(rows, None)
    if header is None or not is_uhri_header(header):
        return ParsedFile(
            SourceFormat.UHRI,
            errors=(RowError(_("row 1"), _("This is not a Universal Human Rights Index export.")),),
        )
    index = {header_key(title): position for position, title in enumerate(header) if title}
    recommendations, errors, other_bodies, seen = [], [], 0, set()
    for number, row in enumerate(rows, start=2):
        cell = _reader(row, index)
        if not any(clean_text(value) for value in row if value is not None):
            continue
        body = " ".join(cell("Reccomending Body")).casefold()
        if body and "upr" not in body and "universal periodic review" not in body:
            other_bodies += 1
            continue
        place = row_place(number)
        location = place_label(place)
        parsed, row_errors = _read_row(cell, location, place)
        if parsed and parsed.source_key in seen:
            row_errors.append(RowError(location, _("This annotation id appears twice.")))
        errors.extend(row_errors)
        if parsed and not row_errors:
            seen.add(parsed.source_key)
            recommendations.append(parsed)
    notes = ()
    if other_bodies:
        notes = (
            ngettext(
                "%(count)s row of another body than the UPR was left out.",
                "%(count)s rows of other bodies than the UPR were left out.",
                other_bodies,
            )
            % {"count": other_bodies},
        )
    under_review = {item.state_under_review for item in recommendations}
    sessions = {item.session for item in recommendations}
    symbols = {item.document_symbol for item in recommendations}
    return ParsedFile(
        SourceFormat.UHRI,
        recommendations=tuple(recommendations),
        errors=tuple(errors),
        state_under_review=under_review.pop() if len(under_review) == 1 else "",
        session=sessions.pop() if len(sessions) == 1 else None,
        document_symbol=symbols.pop() if len(symbols) == 1 else "",
        notes=notes,
    )


def _reader(row, index):
    def cell(title):
        position = index.get(header_key(title))
        return values(row[position] if position is not None and position < len(row) else None)

    return cell


def _read_row(cell, location, place):
    errors = []
    text = clean_text(" ".join(cell("Text")))
    annotation = clean_text(" ".join(cell(ANNOTATION_ID)))
    if not text:
        errors.append(RowError(location, _("The recommendation has no text.")))
    if not annotation:
        errors.append(RowError(location, _("The row has no OHCHR annotation id.")))
    concerned = cell("Countries Concerned")
    under_review = state_code(concerned[0]) if len(concerned) == 1 else ""
    if len(concerned) != 1:
        errors.append(RowError(location, _("The row must concern exactly one State under Review.")))
    elif not under_review:
        errors.append(unknown_state(location, concerned[0]))
    states = []
    for name in cell("UPR Reccomending States"):
        code = state_code(name)
        if code:
            states.append(code)
        else:
            errors.append(unknown_state(location, name))
    if not states and not errors:
        errors.append(RowError(location, _("No recommending State was found.")))
    position = " ".join(cell("UPR Position"))
    response = response_from(position)
    if response is None:
        errors.append(RowError(location, _("Unknown position: “%(value)s”.") % {"value": position}))
    session_text = " ".join(cell("UPR Session"))
    session_digits = re.search(r"\d+", session_text)
    if errors:
        return None, errors
    paragraph = PARAGRAPH.match(text)
    symbols = cell("Document Symbol")
    return (
        ParsedRecommendation(
            text=trim_list_punctuation(text[paragraph.end() :] if paragraph else text),
            recommending_states=tuple(states),
            source_key=annotation,
            source_location=place,
            state_under_review=under_review,
            session=int(session_digits.group(0)) if session_digits else None,
            paragraph=paragraph.group(1) if paragraph else "",
            response=response,
            source_issues=cell("Themes"),
            affected_persons=cell("Affected Persons"),
            sdg_targets=tuple(_sdg(goal) for goal in cell("Sdgs")),
            document_symbol=symbols[0] if symbols else "",
        ),
        [],
    )


def _sdg(goal):
    match = re.match(r"^(\d{1,2}(?:\.[0-9a-z]{1,2})?)\b", goal)
    return match.group(1) if match else goal
