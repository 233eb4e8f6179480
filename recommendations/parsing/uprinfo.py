"""UPR Info's database export: the .xls its site writes (PHPExcel) and CSV re-saves of it.

One row per recommendation and recommending State, in the columns
`SuR, Rgrp, Org, Recommendation, RS, Rgrp, Org, Response, Action, Issue, Session`. `Rgrp` and
`Org` appear twice (for the State under Review, then for the recommending State), so the
columns are read by position. Numbers come back as floats, responses are "Accepted" or
"Noted", issues are comma-separated, State names are UPR Info's short forms. There is no
paragraph number, date or cycle: the cycle follows from the session.
"""

import csv
import hashlib
import io
from functools import lru_cache

from django.utils.translation import gettext as _

from ..models import SourceFormat
from ..places import row_place
from .base import (
    ParsedFile,
    ParsedRecommendation,
    RowError,
    clean_text,
    response_from,
    state_code,
    unknown_state,
)

HEADERS = ("SuR", "Rgrp", "Org", "Recommendation", "RS", "Rgrp", "Org", "Response", "Action")
SUR, RECOMMENDATION, RS, RESPONSE, ACTION, ISSUE, SESSION = 0, 3, 4, 7, 8, 9, 10


def looks_like_header(row):
    return tuple(clean_text(cell) for cell in row[: len(HEADERS)]) == HEADERS


def parse_upr_info_xls(data):
    """Read UPR Info's .xls export (bytes)."""
    import xlrd

    # PHPExcel writes a workbook xlrd calls corrupt; its cells read correctly all the same.
    book = xlrd.open_workbook(file_contents=data, ignore_workbook_corruption=True)
    sheet = book.sheet_by_index(0)
    return parse_upr_info_rows(sheet.row_values(index) for index in range(sheet.nrows))


def parse_upr_info_csv(data):
    """Read a CSV re-save of the export (bytes, UTF-8 or Windows-1252)."""
    try:
        data.decode("utf-8-sig")
        encoding, errors = "utf-8-sig", "strict"
    except UnicodeDecodeError:
        encoding, errors = "cp1252", "replace"
    # Decoded as it is read: a StringIO of the whole text would hold four bytes a character.
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors=errors, newline="")
    return parse_upr_info_rows(csv.reader(text))


def parse_upr_info_rows(rows):
    """Read the export's rows (lists of cells, the header first)."""
    rows = iter(rows)
    header = next(rows, None)
    if header is None or not looks_like_header(header):
        return ParsedFile(
            SourceFormat.UPR_INFO,
            errors=(RowError(_("row 1"), _("This is not a UPR Info database export.")),),
        )
    recommendations, errors, seen = [], [], {}
    # Translated once: an export has a hundred thousand rows.
    row_label = _("row %(number)s")
    for number, row in enumerate(rows, start=2):
        if len(row) < 11:
            row = list(row) + [""] * (11 - len(row))
        if not "".join(map(str, row)).strip():
            continue
        location = row_label % {"number": number}
        parsed, row_errors = _read_row(row, location, row_place(number))
        errors.extend(row_errors)
        if parsed is None:
            continue
        base_key = parsed["source_key"]
        seen[base_key] = seen.get(base_key, 0) + 1
        if seen[base_key] > 1:
            # The same text twice from one State in one review: keep both, keyed apart.
            parsed["source_key"] = f"{base_key}#{seen[base_key]}"
        recommendations.append(ParsedRecommendation(**parsed))
    return ParsedFile(
        SourceFormat.UPR_INFO, recommendations=tuple(recommendations), errors=tuple(errors)
    )


def _read_row(row, location, place):
    errors = []
    text = clean_text(row[RECOMMENDATION])
    if not text:
        errors.append(RowError(location, _("The recommendation has no text.")))
    under_review = state_code(row[SUR])
    if not under_review:
        errors.append(unknown_state(location, clean_text(row[SUR])))
    recommending = state_code(row[RS])
    if not recommending:
        errors.append(unknown_state(location, clean_text(row[RS])))
    response = response_from(row[RESPONSE])
    if response is None:
        errors.append(
            RowError(location, _("Unknown response: “%(value)s”.") % {"value": row[RESPONSE]})
        )
    action = _whole_number(row[ACTION])
    if action is False or (action is not None and not 1 <= action <= 5):
        errors.append(
            RowError(
                location,
                _("The action category must be a number from 1 to 5, not “%(value)s”.")
                % {"value": row[ACTION]},
            )
        )
    session = _whole_number(row[SESSION])
    if not session:
        errors.append(
            RowError(
                location,
                _("The session must be a Working Group session number, not “%(value)s”.")
                % {"value": row[SESSION]},
            )
        )
    if errors:
        return None, errors
    issues = _issues(row[ISSUE])
    digest = hashlib.sha1(text.casefold().encode("utf-8")).hexdigest()[:16]
    return {
        "text": text,
        "recommending_states": (recommending,),
        "state_under_review": under_review,
        "session": session,
        "response": response,
        "action_category": action,
        "source_issues": issues,
        "source_location": place,
        "source_key": f"UPR Info {session} {under_review} {recommending} {digest}",
    }, []


@lru_cache(maxsize=4096)
def _issues(cell):
    """UPR Info's comma-separated issues; cached, as a few hundred combinations recur."""
    return tuple(issue for issue in (clean_text(i) for i in str(cell).split(",")) if issue)


def _whole_number(value):
    """`value` (a float from the .xls, a string from a CSV) as an int; None when empty,
    False when it is not a whole number."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else False
    value = clean_text(value)
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        return False
    return int(number) if number.is_integer() else False
