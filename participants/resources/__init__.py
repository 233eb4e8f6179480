"""django-import-export resources: organisations, participants, the embassy roster, attendance,
an event's programme, the missions present per session. Each module declares its kinds for
the import/export pages (`participants.transfer`).

Spreadsheets from partners are messy, so every resource here:
- names its columns in plain English and accepts the usual variants of each header;
- matches existing rows the way people recognise them (names ignoring case and spaces,
  acronyms, e-mail addresses) from dictionaries loaded once per import, never one SELECT
  per row;
- reports an unchanged row as skipped, so re-importing the same file changes nothing;
- escapes cells a spreadsheet would execute when exporting to CSV/XLSX.

The package's modules: `widgets` (cell parsing), `base` (what every resource shares), then one
module per resource. Other apps import from the package itself.
"""

from .attendance import AttendanceResource
from .base import SpreadsheetResourceMixin, raise_row_errors
from .event_roster import EventRosterResource
from .mission_attendance import MissionAttendanceResource
from .organisations import OrganisationIndex, OrganisationResource
from .people import ParticipantResource, PersonIndex, RosterResource
from .programme import ProgrammeResource
from .widgets import (
    ChoiceWidget,
    DateWidget,
    GenderWidget,
    TextWidget,
    TimeWidget,
    cell_text,
    escape_formula,
    match_key,
    parse_country,
    parse_date,
    unescape_formula,
)

__all__ = [
    "AttendanceResource",
    "ChoiceWidget",
    "DateWidget",
    "EventRosterResource",
    "GenderWidget",
    "MissionAttendanceResource",
    "OrganisationIndex",
    "OrganisationResource",
    "ParticipantResource",
    "PersonIndex",
    "ProgrammeResource",
    "RosterResource",
    "SpreadsheetResourceMixin",
    "TextWidget",
    "TimeWidget",
    "cell_text",
    "escape_formula",
    "match_key",
    "parse_country",
    "parse_date",
    "raise_row_errors",
    "unescape_formula",
]
