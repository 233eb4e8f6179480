"""Cell-level parsing and widgets shared by every spreadsheet resource."""

import datetime
import re
import unicodedata
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy, gettext_noop
from django.utils.translation import gettext as _
from import_export import widgets

from events.countries import country_code

from ..models import (
    Gender,
)

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Prefix a spreadsheet-executable string with an apostrophe, the convention every
    spreadsheet understands as "this is text"."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unescape_formula(text):
    """Undo `escape_formula`, so that re-importing an export gives back the stored text."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def normalise_header(value):
    text = str(value or "").strip().casefold()
    return re.sub(r"[\s\-/.]+", "_", text).strip("_")


def match_key(value):
    """How names are compared: case, surrounding and repeated spaces do not matter, nor
    how an accent is encoded (one character, or a letter and a combining mark)."""
    return unicodedata.normalize("NFC", " ".join(str(value or "").split())).casefold()


# A cell quoted in an error message is cut to this many characters, so that one long cell
# cannot fill the preview with its message.
QUOTED_CELL_CHARS = 60


def quoted_cell(value):
    """The cell's text for a message: as written, cut at QUOTED_CELL_CHARS."""
    text = cell_text(value)
    return text if len(text) <= QUOTED_CELL_CHARS else text[: QUOTED_CELL_CHARS - 1] + "…"


def cell_text(value):
    if type(value) is str:
        # The common case (every CSV cell), kept short: it runs for each cell of each row.
        text = value.strip()
        return unescape_formula(text) if text[:1] == "'" else text
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # A phone number or code typed into XLSX arrives as a float.
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return unescape_formula(str(value).strip())


# Widgets -------------------------------------------------------------------------------


class TextWidget(widgets.Widget):
    """Text kept exactly as written (any script), trimmed of surrounding spaces."""

    def __init__(self, *, max_length=None, required=False, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if self.required and not text:
            raise ValueError(_("This column is required."))
        if self.max_length and len(text) > self.max_length:
            raise ValueError(
                _("At most %(limit)s characters (this has %(count)s).")
                % {"limit": self.max_length, "count": len(text)}
            )
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class EmailWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if text:
            try:
                validate_email(text)
            except ValidationError as error:
                raise ValueError(
                    _("“%(value)s” is not a valid e-mail address.") % {"value": quoted_cell(text)}
                ) from error
        return text


def in_every_language(text):
    """`text` (a lazy translation) as each of the app's languages says it."""
    found = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.append(str(text))
    return found


class ChoiceWidget(widgets.Widget):
    """A choice given by its code, its label in any of the app's languages or one of the
    usual synonyms."""

    def __init__(self, choices, *, synonyms=None, blank=None, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices
        self.blank = blank
        self._labels_language = None
        self.synonyms = synonyms or {}

    @cached_property
    def lookup(self):
        """{cell as matched: value}, built on first use: widgets are made when their
        resource class is defined, before the catalogues may be read."""
        lookup = {}
        for value, label in self.choices.choices:
            lookup[match_key(value)] = value
            lookup[match_key(value.replace("_", " "))] = value
            for translated in in_every_language(label):
                lookup[match_key(translated)] = value
        for synonym, value in self.synonyms.items():
            lookup[match_key(synonym)] = value
        return lookup

    def clean(self, value, row=None, **kwargs):
        text = match_key(cell_text(value))
        if not text:
            if self.blank is None:
                raise ValueError(_("This column is required."))
            return self.blank
        try:
            return self.lookup[text]
        except KeyError:
            allowed = ", ".join(str(label) for _value, label in self.choices.choices)
            raise ValueError(
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": quoted_cell(value), "allowed": allowed}
            ) from None

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        return self.labels().get(value, value)

    def interpretation(self, cell, value):
        """The label `cell` was read as when the cell gave a synonym ("X" for "Another
        identity"), so the preview can say so; None when it gave the code or the label."""
        text = match_key(cell_text(cell))
        if not text or not value:
            return None
        label = self.labels().get(value, value)
        if text in {match_key(value), match_key(value.replace("_", " ")), match_key(label)}:
            return None
        return label

    def labels(self):
        """Labels in the active language, translated once per export, not once per cell."""
        language = get_language()
        if self._labels_language != language:
            self._labels = {value: str(label) for value, label in self.choices.choices}
            self._labels_language = language
        return self._labels


@cache
def _translated_words(msgid):
    """`msgid` ("yes", "no") as each language writes it, ready to compare with a cell."""
    return frozenset(match_key(word) for word in in_every_language(gettext_lazy(msgid)))


GENDER_SYNONYMS = {
    "ស្រី": Gender.WOMAN,
    "ប្រុស": Gender.MAN,
    "f": Gender.WOMAN,
    "female": Gender.WOMAN,
    "w": Gender.WOMAN,
    "women": Gender.WOMAN,
    "femme": Gender.WOMAN,
    "girl": Gender.WOMAN,
    "m": Gender.MAN,
    "male": Gender.MAN,
    "men": Gender.MAN,
    "homme": Gender.MAN,
    "h": Gender.MAN,
    "boy": Gender.MAN,
    "non-binary": Gender.ANOTHER,
    "nonbinary": Gender.ANOTHER,
    "non binary": Gender.ANOTHER,
    "nb": Gender.ANOTHER,
    "x": Gender.ANOTHER,
    "other": Gender.ANOTHER,
    "another": Gender.ANOTHER,
    "diverse": Gender.ANOTHER,
    "prefer not to say": Gender.UNDISCLOSED,
    "prefers not to say": Gender.UNDISCLOSED,
    "undisclosed": Gender.UNDISCLOSED,
    "not recorded": Gender.NOT_RECORDED,
    "unknown": Gender.NOT_RECORDED,
}


class GenderWidget(ChoiceWidget):
    def __init__(self, **kwargs):
        super().__init__(Gender, synonyms=GENDER_SYNONYMS, blank=Gender.NOT_RECORDED, **kwargs)


class BooleanWidget(widgets.Widget):
    """Yes or no, in any of the app's languages (so a file exported in Khmer, "បាទ/ចាស" and
    "ទេ", reads back), or as the usual marks."""

    TRUE = {"1", "yes", "y", "true", "x", "oui", "✓", "✔", "present", "បាទ", "ចាស"}
    FALSE = {"", "0", "no", "n", "false", "non", "absent", "ទេ"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = match_key(cell_text(value))
        if text in self.TRUE or text in _translated_words(gettext_noop("yes")):
            return True
        if text in self.FALSE or text in _translated_words(gettext_noop("no")):
            return False
        raise ValueError(_("“%(value)s” is not yes or no.") % {"value": quoted_cell(value)})

    def render(self, value, obj=None, **kwargs):
        language = get_language()
        if getattr(self, "_language", None) != language:
            self._yes_no = (_("no"), _("yes"))
            self._language = language
        return self._yes_no[bool(value)]


def parse_country(value):
    """The ISO code of a country cell, in any spelling `events.countries` accepts."""
    text = cell_text(value)
    if not text:
        return ""
    code = country_code(text)
    if not code:
        raise ValueError(
            _("“%(value)s” is not a known country name or ISO code.") % {"value": quoted_cell(text)}
        )
    return code


class CountryWidget(widgets.Widget):
    """A country by its name in any of the app's languages or its ISO 3166 code (two or three
    letters); written in the active language."""

    def __init__(self, *, required=False, **kwargs):
        super().__init__(**kwargs)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        code = parse_country(value)
        if self.required and not code:
            raise ValueError(_("This column is required."))
        return code

    def render(self, value, obj=None, **kwargs):
        return str(value.name) if value else ""


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y")


def parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise ValueError(
        _("“%(value)s” is not a date: write it as 2018-11-14 or 14/11/2018.")
        % {"value": quoted_cell(text)}
    )


class DateWidget(widgets.Widget):
    def __init__(self, *, required=False, **kwargs):
        super().__init__(**kwargs)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        date = parse_date(value)
        if self.required and date is None:
            raise ValueError(_("This column is required."))
        return date

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class TimeWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.time()
        if isinstance(value, datetime.time):
            return value
        text = cell_text(value)
        if not text:
            raise ValueError(_("This column is required."))
        for time_format in ("%H:%M", "%H:%M:%S", "%H.%M", "%I:%M %p", "%I:%M%p"):
            try:
                return datetime.datetime.strptime(text.upper(), time_format).time()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is not a time: write it as 09:30.") % {"value": quoted_cell(text)}
        )

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%H:%M") if value else ""


# Shared behaviour ------------------------------------------------------------------------
