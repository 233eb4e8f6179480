"""What every parser returns: plain frozen dataclasses, no database (the choices come from
the models module, whose classes the parsers never query).

A parser reads one file and returns a `ParsedFile`: its recommendations, and the rows it
could not read (`RowError`, naming the row or page and the problem). The import service
refuses a file with any row error, so a parser reports every problem it finds instead of
stopping at the first.
"""

import datetime
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext as _

from accounts.languages import label_colon
from events.countries import country_code

from ..models import Response

# The words each source uses for a response, by match key (see `response_from`).
RESPONSE_WORDS = {
    "accepted": Response.SUPPORTED,
    "supported": Response.SUPPORTED,
    "noted": Response.NOTED,
    "rejected": Response.NOTED,
    "not supported": Response.NOTED,
    "partially accepted": Response.SUPPORTED_IN_PART,
    "partially supported": Response.SUPPORTED_IN_PART,
    "supported in part": Response.SUPPORTED_IN_PART,
    "supported/noted": Response.SUPPORTED_IN_PART,
    "pending": Response.PENDING,
    "no response": Response.PENDING,
    "": Response.PENDING,
}


@dataclass(frozen=True)
class RowError:
    location: str
    message: str

    def __str__(self):
        if not self.location:
            return self.message
        return f"{label_colon(self.location)} {self.message}"


# Slots: an export of a hundred thousand rows keeps as many of these in memory.
@dataclass(frozen=True, slots=True)
class ParsedRecommendation:
    text: str
    recommending_states: tuple  # ISO 3166 alpha-2 codes, in the order of the source
    source_key: str
    source_location: str  # "row:12", "table_row:3", "page:14:93.1": see places.py
    state_under_review: str = ""  # ISO code
    session: int | None = None
    paragraph: str = ""
    response: str = Response.PENDING
    source_issues: tuple = ()
    affected_persons: tuple = ()
    action_category: int | None = None
    sdg_targets: tuple = ()
    document_symbol: str = ""


@dataclass(frozen=True)
class ParsedFile:
    format: str
    recommendations: tuple = ()
    errors: tuple = ()
    state_under_review: str = ""
    session: int | None = None
    review_date: datetime.date | None = None
    document_symbol: str = ""
    # For an addendum: `{paragraph: response}`, applied to a report already read.
    responses: dict = field(default_factory=dict)
    notes: tuple = ()


def cycle_of_session(session):
    """The UPR cycle of Working Group session `session`: 1-12 first cycle, 13-26 second,
    27-40 third, 41 on fourth."""
    if session is None:
        return None
    session = int(session)
    if session <= 12:
        return 1
    if session <= 26:
        return 2
    if session <= 40:
        return 3
    return 4


def clean_text(text):
    """`text` on one line: whitespace runs (newlines, double spaces) as one space."""
    # str.split() splits on the characters `\s` matches; joining is several times faster
    # than a regular expression, and a 100,000-row export cleans a million cells.
    return " ".join(str(text).split()) if text else ""


@lru_cache(maxsize=4096)
def state_code(name):
    """The ISO code of the State called `name`, or "". A bare two- or three-letter word is
    not taken for an ISO code here (sources write acronyms such as "CED" in parentheses),
    unless it is one of the spellings countries.py knows ("UK", "USA").

    Cached: an export names the same two hundred States a hundred thousand times, and the
    names index (events/countries.py) does not change while the process runs."""
    name = clean_text(name)
    if re.fullmatch(r"[A-Z]{2,3}", name):
        return country_code(name) if name.casefold() in _KNOWN_SHORT else ""
    return country_code(name)


_KNOWN_SHORT = {"uk", "usa", "us", "eu", "drc", "dprk"}


def unknown_state(location, name):
    return RowError(location, _("Unknown State name: “%(name)s”.") % {"name": name})


def response_from(word):
    """The stored response for a source's word ("Accepted", "Supported", "Noted"), or None."""
    return RESPONSE_WORDS.get(clean_text(word).casefold())


def source_key(symbol, paragraph, state=""):
    """The stable key of a recommendation without an id of its own: document symbol and
    paragraph (and the State, where one paragraph is filed once per State)."""
    return " ".join(part for part in (symbol, paragraph, state) if part)
