"""django-import-export resources: organisations, participants, the embassy roster, attendance.

Spreadsheets from partners are messy, so every resource here:
- names its columns in plain English and accepts the usual variants of each header;
- matches existing rows the way people recognise them (names ignoring case and spaces,
  acronyms, e-mail addresses) from dictionaries loaded once per import, never one SELECT
  per row;
- reports an unchanged row as skipped, so re-importing the same file changes nothing;
- escapes cells a spreadsheet would execute when exporting to CSV/XLSX.
"""

import datetime
import re

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django_countries import countries
from import_export import fields, resources, widgets

from .models import (
    AgeBand,
    Attendance,
    Gender,
    Mission,
    MissionType,
    Organisation,
    OrganisationKind,
    Person,
    Registration,
    RegistrationRole,
    Scope,
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
    """How names are compared: case, surrounding and repeated spaces do not matter."""
    return " ".join(str(value or "").split()).casefold()


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
                    _("“%(value)s” is not a valid e-mail address.") % {"value": text}
                ) from error
        return text


class ChoiceWidget(widgets.Widget):
    """A choice given by its code, its English label or one of the usual synonyms."""

    def __init__(self, choices, *, synonyms=None, blank=None, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices
        self.blank = blank
        self._labels_language = None
        self.lookup = {}
        for value, label in choices.choices:
            self.lookup[match_key(value)] = value
            self.lookup[match_key(value.replace("_", " "))] = value
            self.lookup[match_key(str(label))] = value
        for synonym, value in (synonyms or {}).items():
            self.lookup[match_key(synonym)] = value

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
                % {"value": cell_text(value), "allowed": allowed}
            ) from None

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        return self.labels().get(value, value)

    def labels(self):
        """Labels in the active language, translated once per export, not once per cell."""
        language = get_language()
        if self._labels_language != language:
            self._labels = {value: str(label) for value, label in self.choices.choices}
            self._labels_language = language
        return self._labels


GENDER_SYNONYMS = {
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
    TRUE = {"1", "yes", "y", "true", "x", "oui", "✓", "✔", "present"}
    FALSE = {"", "0", "no", "n", "false", "non", "absent"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = match_key(cell_text(value))
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("“%(value)s” is not yes or no.") % {"value": cell_text(value)})

    def render(self, value, obj=None, **kwargs):
        language = get_language()
        if getattr(self, "_language", None) != language:
            self._yes_no = (_("no"), _("yes"))
            self._language = language
        return self._yes_no[bool(value)]


COUNTRY_SYNONYMS = {
    "usa": "US",
    "united states": "US",
    "uk": "GB",
    "united kingdom": "GB",
    "republic of korea": "KR",
    "korea": "KR",
    "czech republic": "CZ",
    "eu": "EU",
    "european union": "EU",
    "russia": "RU",
    "the netherlands": "NL",
}


def parse_country(value):
    text = cell_text(value)
    if not text:
        return ""
    code = COUNTRY_SYNONYMS.get(match_key(text)) or countries.alpha2(text.upper())
    if not code:
        code = countries.by_name(text)
    if not code:
        raise ValueError(
            _("“%(value)s” is not a known country name or ISO code.") % {"value": text}
        )
    return code


class CountryWidget(widgets.Widget):
    """A country by English name or ISO 3166 code (two or three letters)."""

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
        _("“%(value)s” is not a date: write it as 2018-11-14 or 14/11/2018.") % {"value": text}
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
        raise ValueError(_("“%(value)s” is not a time: write it as 09:30.") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%H:%M") if value else ""


# Shared behaviour ------------------------------------------------------------------------


class SpreadsheetResourceMixin:
    """What every resource of the app adds to django-import-export.

    Subclasses declare `field_aliases` (header variants) and `required_columns`, and may set
    `ignored_columns`: columns their export writes for reading only.
    """

    field_aliases = {}
    required_columns = ()
    ignored_columns = ()
    # Set by the export views: CSV and XLSX get formula escaping, JSON keeps exact values.
    escape_formulae = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.import_notes = []
        self.line_numbers = None
        self._snapshot = None

    # Headers --------------------------------------------------------------------------

    def import_columns(self):
        return [field.column_name for field in self.get_import_fields()]

    def expected_columns_text(self):
        required = set(self.required_columns)
        return ", ".join(
            f"{column} ({_('required')})" if column in required else column
            for column in self.import_columns()
        )

    def canonical_headers(self, header_row):
        """Map the file's headers to this resource's column names, or refuse the file."""
        from .importing import ImportFileError

        lookup = {}
        for column in [*self.import_columns(), *self.ignored_columns]:
            lookup[normalise_header(column)] = column
        for alias, column in self.field_aliases.items():
            lookup[normalise_header(alias)] = column

        headers, unknown, seen = [], [], set()
        for position, header in enumerate(header_row, start=1):
            text = cell_text(header)
            if not text or text.startswith("__blank_"):
                headers.append(text or f"__blank_{position}")
                continue
            column = lookup.get(normalise_header(text))
            if column is None:
                unknown.append(text)
                continue
            if column in seen:
                raise ImportFileError(
                    _("The column “%(column)s” appears twice.") % {"column": column}
                )
            seen.add(column)
            headers.append(column)
        missing = [column for column in self.required_columns if column not in seen]
        if unknown or missing:
            problems = []
            if missing:
                problems.append(
                    _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
                )
            if unknown:
                problems.append(
                    _("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}
                )
            raise ImportFileError(
                " ".join(problems)
                + " "
                + _("Expected columns: %(columns)s.") % {"columns": self.expected_columns_text()}
            )
        return headers

    def canonicalise_dataset(self, dataset):
        """Give an admin upload the same header handling as the import page."""
        if dataset.headers:
            dataset.headers = self.canonical_headers(dataset.headers)

    def import_data(self, dataset, *args, **kwargs):
        from .importing import ImportFileError

        try:
            self.canonicalise_dataset(dataset)
        except ImportFileError as error:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            result.append_base_error(self.get_error_result_class()(ValueError(error.message)))
            return result
        return super().import_data(dataset, *args, **kwargs)

    def column_for_attribute(self, attribute):
        for field in self.fields.values():
            if attribute in (field.attribute, field.column_name):
                return field.column_name
        return attribute

    def line_of(self, row_number):
        if self.line_numbers:
            return self.line_numbers[row_number - 1]
        return row_number + 1

    def describe_error(self, error):
        if isinstance(error, ValidationError):
            return " ".join(error.messages)
        return str(error) or error.__class__.__name__

    def row_summary(self, row):
        texts = [cell_text(value) for value in list(row.values())[:3]]
        return " · ".join(text for text in texts if text)

    # Skipping unchanged rows without the library's per-row deepcopy and diff -------------

    def get_import_fields(self):
        # Asked for several times per row by the library; the answer never changes.
        cached = self.__dict__.get("_import_fields")
        if cached is None:
            cached = self.__dict__["_import_fields"] = super().get_import_fields()
        return cached

    def import_instance(self, instance, row, **kwargs):
        """The library's import_instance without its per-cell indirections: each column's
        widget cleans the cell, errors are collected per column."""
        setters = self.__dict__.get("_setters")
        if setters is None:
            setters = self.__dict__["_setters"] = [
                (field.column_name, field.attribute, field.widget, field.readonly)
                for field in self.get_import_fields()
                if field.attribute and "__" not in field.attribute
            ]
        errors = {}
        for column, attribute, widget, readonly in setters:
            if readonly or column not in row:
                continue
            try:
                value = widget.clean(row[column], row=row)
            except ValueError as error:
                errors[attribute] = ValidationError(str(error), code="invalid")
                continue
            if value is not None:
                setattr(instance, attribute, value)
        if errors:
            raise ValidationError(errors)

    def snapshot(self, instance):
        attributes = self.__dict__.get("_compared")
        if attributes is None:
            attributes = self.__dict__["_compared"] = self.compared_attributes()
        return tuple(getattr(instance, name) for name in attributes)

    def compared_attributes(self):
        return [
            field.attribute
            for field in self.get_import_fields()
            if field.attribute and "__" not in field.attribute
        ]

    def after_init_instance(self, instance, new, row, **kwargs):
        self._snapshot = None if new else self.snapshot(instance)

    def has_other_changes(self, instance, row):
        """Changes outside the row's own model (a registration, attendance...)."""
        return False

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or self._snapshot is None:
            return False
        return self.snapshot(instance) == self._snapshot and not self.has_other_changes(
            instance, row
        )

    # Export ---------------------------------------------------------------------------

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return escape_formula(value) if self.escape_formulae else value

    def export_resource(self, instance, selected_fields=None, **kwargs):
        # The library looks up each field's dehydrate method for every cell; resolve the
        # getters once per export instead (20,000 rows x 12 columns adds up).
        if selected_fields or type(self).export_field is not SpreadsheetResourceMixin.export_field:
            return super().export_resource(instance, selected_fields, **kwargs)
        getters = getattr(self, "_export_getters", None)
        if getters is None:
            getters = self._export_getters = [
                self._getter(field) for field in self.get_export_fields()
            ]
        escape = self.escape_formulae
        values = [getter(instance) for getter in getters]
        return [escape_formula(value) for value in values] if escape else values

    def _getter(self, field):
        method = getattr(self, field.get_dehydrate_method(self.get_field_name(field)), None)
        if callable(method):
            return method
        return field.export


def raise_row_errors(errors):
    if errors:
        raise ValidationError(errors)


# Organisations ---------------------------------------------------------------------------


class OrganisationIndex:
    """Every organisation, by name ignoring case and spaces, and by acronym."""

    def __init__(self, queryset=None):
        self.by_name = {}
        self.by_acronym = {}
        for organisation in queryset if queryset is not None else Organisation.objects.all():
            self.add(organisation)

    def add(self, organisation):
        self.by_name[match_key(organisation.name)] = organisation
        if organisation.acronym:
            self.by_acronym.setdefault(match_key(organisation.acronym), []).append(organisation)

    def find(self, text):
        """The organisation called or abbreviated `text`; raises ValueError if ambiguous."""
        key = match_key(text)
        if not key:
            return None
        if key in self.by_name:
            return self.by_name[key]
        matches = self.by_acronym.get(key, [])
        if len(matches) > 1:
            raise ValueError(
                _(
                    "“%(value)s” is the acronym of several organisations: %(names)s. "
                    "Use the full name."
                )
                % {"value": text, "names": "; ".join(o.name for o in matches)}
            )
        return matches[0] if matches else None


ORGANISATION_KIND_SYNONYMS = {
    "cso": OrganisationKind.NATIONAL_CSO,
    "ngo": OrganisationKind.NATIONAL_CSO,
    "national ngo": OrganisationKind.NATIONAL_CSO,
    "youth": OrganisationKind.YOUTH_GROUP,
    "ingo": OrganisationKind.INTERNATIONAL_NGO,
    "un": OrganisationKind.UN_AGENCY,
    "embassy": OrganisationKind.DIPLOMATIC_MISSION,
    "mission": OrganisationKind.DIPLOMATIC_MISSION,
    "igo": OrganisationKind.INTERGOVERNMENTAL,
}


class OrganisationResource(SpreadsheetResourceMixin, resources.ModelResource):
    name = fields.Field(
        attribute="name", column_name="Name", widget=TextWidget(max_length=255, required=True)
    )
    acronym = fields.Field(
        attribute="acronym", column_name="Acronym", widget=TextWidget(max_length=50)
    )
    kind = fields.Field(
        attribute="kind",
        column_name="Kind",
        widget=ChoiceWidget(
            OrganisationKind, synonyms=ORGANISATION_KIND_SYNONYMS, blank=OrganisationKind.OTHER
        ),
    )
    country = fields.Field(attribute="country", column_name="Country", widget=CountryWidget())
    scope = fields.Field(
        attribute="scope",
        column_name="National or international",
        widget=ChoiceWidget(Scope, blank=Scope.NATIONAL),
    )

    field_aliases = {"organisation": "Name", "organisation name": "Name", "type": "Kind"}
    required_columns = ("Name",)

    class Meta:
        model = Organisation
        fields = ("name", "acronym", "kind", "country", "scope")
        import_id_fields = ("name",)
        use_bulk = True
        batch_size = 1000
        skip_diff = True

    def before_import(self, dataset, **kwargs):
        self.index = OrganisationIndex()
        self.claimed = {}

    def get_or_init_instance(self, instance_loader, row):
        name = cell_text(row.get("Name"))
        organisation = self.index.by_name.get(match_key(name))
        if organisation is None and cell_text(row.get("Acronym")):
            # A renamed organisation is still recognised by its unchanged acronym.
            matches = self.index.by_acronym.get(match_key(row.get("Acronym")), [])
            organisation = matches[0] if len(matches) == 1 else None
        if organisation is not None:
            return organisation, False
        organisation = Organisation()
        return organisation, True

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        previous_line = self.claimed.get(id(instance))
        if previous_line:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("The same organisation is already on line %(line)s.") % {"line": previous_line}
            )
        self.claimed[id(instance)] = self.line_of(kwargs["row_number"])
        if not errors and not instance.pk:
            self.index.add(instance)
        raise_row_errors(errors)

    def get_bulk_update_fields(self):
        return ["name", "acronym", "kind", "country", "scope", "updated_at"]

    def before_save_instance(self, instance, row, **kwargs):
        instance.updated_at = timezone.now()


# Participants ----------------------------------------------------------------------------

PERSON_COLUMNS = {
    "given_name": "Given name",
    "family_name": "Family name",
    "gender": "Gender",
    "position": "Position",
    "organisation": "Organisation",
    "organisation_kind": "Organisation kind",
    "email": "E-mail",
    "phone": "Phone",
    "age_band": "Age band",
    "is_youth": "Youth",
    "consent_to_contact": "Consents to be contacted",
    "role": "Role",
}
CONTACT_COLUMNS = (PERSON_COLUMNS["email"], PERSON_COLUMNS["phone"])

PERSON_ALIASES = {
    "first name": "Given name",
    "first_name": "Given name",
    "given": "Given name",
    "prénom": "Given name",
    "prenom": "Given name",
    "last name": "Family name",
    "surname": "Family name",
    "nom": "Family name",
    "sex": "Gender",
    "title": "Position",
    "organization": "Organisation",
    "organisation name": "Organisation",
    "email": "E-mail",
    "email address": "E-mail",
    "e-mail address": "E-mail",
    "mail": "E-mail",
    "telephone": "Phone",
    "phone number": "Phone",
    "mobile": "Phone",
    "age": "Age band",
    "consent": "Consents to be contacted",
}


class PersonIndex:
    """People by e-mail (case-insensitive) and by name within their organisation."""

    def __init__(self, queryset=None):
        self.by_email = {}
        self.by_name = {}
        for person in queryset if queryset is not None else Person.objects.all():
            self.add(person)

    @staticmethod
    def name_key(given_name, family_name, organisation_id):
        return (match_key(given_name), match_key(family_name), organisation_id)

    def add(self, person):
        if person.email:
            self.by_email.setdefault(person.email.casefold(), person)
        key = self.name_key(person.given_name, person.family_name, person.organisation_id)
        self.by_name.setdefault(key, person)

    def find(self, *, email, given_name, family_name, organisation):
        if email and email.casefold() in self.by_email:
            return self.by_email[email.casefold()]
        person = self.by_name.get(
            self.name_key(given_name, family_name, organisation.pk if organisation else None)
        )
        # A name match with another e-mail address is someone else with the same name.
        if (
            person is not None
            and email
            and person.email
            and person.email.casefold() != email.casefold()
        ):
            return None
        return person


class ParticipantResource(SpreadsheetResourceMixin, resources.ModelResource):
    """People, and with an `event` their registration and role at it.

    Unknown organisations named in the file are created (kind from the optional
    "Organisation kind" column); existing ones are matched by name or acronym.
    """

    given_name = fields.Field(
        attribute="given_name",
        column_name=PERSON_COLUMNS["given_name"],
        widget=TextWidget(max_length=150, required=True),
    )
    family_name = fields.Field(
        attribute="family_name",
        column_name=PERSON_COLUMNS["family_name"],
        widget=TextWidget(max_length=150),
    )
    gender = fields.Field(
        attribute="gender", column_name=PERSON_COLUMNS["gender"], widget=GenderWidget()
    )
    position = fields.Field(
        attribute="position",
        column_name=PERSON_COLUMNS["position"],
        widget=TextWidget(max_length=255),
    )
    organisation = fields.Field(column_name=PERSON_COLUMNS["organisation"])
    organisation_kind = fields.Field(column_name=PERSON_COLUMNS["organisation_kind"])
    email = fields.Field(
        attribute="email", column_name=PERSON_COLUMNS["email"], widget=EmailWidget(max_length=254)
    )
    phone = fields.Field(
        attribute="phone", column_name=PERSON_COLUMNS["phone"], widget=TextWidget(max_length=50)
    )
    age_band = fields.Field(
        attribute="age_band",
        column_name=PERSON_COLUMNS["age_band"],
        widget=ChoiceWidget(AgeBand, blank=""),
    )
    is_youth = fields.Field(
        attribute="is_youth", column_name=PERSON_COLUMNS["is_youth"], widget=BooleanWidget()
    )
    consent_to_contact = fields.Field(
        attribute="consent_to_contact",
        column_name=PERSON_COLUMNS["consent_to_contact"],
        widget=BooleanWidget(),
    )
    role = fields.Field(column_name=PERSON_COLUMNS["role"])

    field_aliases = PERSON_ALIASES
    required_columns = (PERSON_COLUMNS["given_name"],)
    organisation_kind_widget = ChoiceWidget(
        OrganisationKind, synonyms=ORGANISATION_KIND_SYNONYMS, blank=OrganisationKind.OTHER
    )
    role_widget = ChoiceWidget(RegistrationRole, blank=RegistrationRole.PARTICIPANT)

    class Meta:
        model = Person
        fields = tuple(PERSON_COLUMNS)
        import_id_fields = ()
        use_bulk = True
        batch_size = 1000
        skip_diff = True

    def __init__(self, *, event=None, with_contact_details=True, **kwargs):
        super().__init__(**kwargs)
        self.event = event
        if event is None:
            self.fields.pop("role", None)
        if not with_contact_details:
            self.fields.pop("email", None)
            self.fields.pop("phone", None)

    # Import ---------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user")
        self.organisations = OrganisationIndex()
        self.people = PersonIndex()
        self.registrations = {}
        if self.event is not None:
            self.registrations = {
                registration.person_id: registration
                for registration in Registration.objects.filter(event=self.event)
            }
        self.pending_roles = []
        self.claimed = {}
        self.row_organisation = {}
        self._create_missing_organisations(dataset)

    def _create_missing_organisations(self, dataset):
        """Create, in one query, the organisations the file names that do not exist yet."""
        column = PERSON_COLUMNS["organisation"]
        if column not in (dataset.headers or []):
            return
        kind_column = PERSON_COLUMNS["organisation_kind"]
        has_kind = kind_column in dataset.headers
        new_organisations = {}
        for row in dataset.dict:
            name = cell_text(row[column])
            try:
                if not name or self.organisations.find(name) is not None:
                    continue
            except ValueError:
                continue
            key = match_key(name)
            if key in new_organisations:
                continue
            try:
                kind = self.organisation_kind_widget.clean(row[kind_column] if has_kind else None)
            except ValueError:
                kind = OrganisationKind.OTHER  # the row itself reports the bad kind
            new_organisations[key] = Organisation(name=" ".join(name.split())[:255], kind=kind)
        if new_organisations:
            created = Organisation.objects.bulk_create(new_organisations.values())
            for organisation in created:
                self.organisations.add(organisation)
            self.import_notes.append(
                ngettext(
                    "%(count)s new organisation: %(names)s.",
                    "%(count)s new organisations: %(names)s.",
                    len(created),
                )
                % {
                    "count": len(created),
                    "names": ", ".join(organisation.name for organisation in created[:20])
                    + (" …" if len(created) > 20 else ""),
                }
            )

    def _row_organisation(self, row):
        column = PERSON_COLUMNS["organisation"]
        if column not in row:
            return None, None
        try:
            return self.organisations.find(cell_text(row[column])), None
        except ValueError as error:
            return None, str(error)

    def get_or_init_instance(self, instance_loader, row):
        organisation, _error = self._row_organisation(row)
        email_column = PERSON_COLUMNS["email"]
        email = cell_text(row.get(email_column)) if email_column in row else ""
        person = self.people.find(
            email=email,
            given_name=cell_text(row.get(PERSON_COLUMNS["given_name"])),
            family_name=cell_text(row.get(PERSON_COLUMNS["family_name"])),
            organisation=organisation,
        )
        if person is not None:
            return person, False
        return Person(), True

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)

        organisation_column = PERSON_COLUMNS["organisation"]
        if organisation_column in row:
            organisation, error = self._row_organisation(row)
            if error:
                errors[organisation_column] = [error]
            else:
                instance.organisation = organisation
        kind_column = PERSON_COLUMNS["organisation_kind"]
        if kind_column in row:
            try:
                self.organisation_kind_widget.clean(row[kind_column])
            except ValueError as error:
                errors[kind_column] = [str(error)]
        self._row_role = None
        if self.event is not None:
            try:
                self._row_role = self.role_widget.clean(row.get(PERSON_COLUMNS["role"]))
            except ValueError as error:
                errors[PERSON_COLUMNS["role"]] = [str(error)]

        previous_line = self.claimed.get(id(instance))
        line = self.line_of(kwargs["row_number"])
        if previous_line:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("The same person is already on line %(line)s.") % {"line": previous_line}
            )
        else:
            self.claimed[id(instance)] = line
        if not errors and instance.pk is None:
            self.people.add(instance)
        raise_row_errors(errors)

    def has_other_changes(self, instance, row):
        if self.event is None:
            return False
        registration = self.registrations.get(instance.pk)
        return registration is None or registration.role != self._row_role

    def compared_attributes(self):
        return [*super().compared_attributes(), "organisation_id"]

    def get_bulk_update_fields(self):
        names = [
            field.attribute
            for field in self.get_import_fields()
            if field.attribute and "__" not in field.attribute
        ]
        return [*names, "organisation", "updated_at"]

    def before_save_instance(self, instance, row, **kwargs):
        instance.updated_at = timezone.now()

    def after_save_instance(self, instance, row, **kwargs):
        if self.event is not None:
            self.pending_roles.append((instance, self._row_role))

    def after_import(self, dataset, result, **kwargs):
        """Create or update the registrations once every person has a primary key."""
        if self.event is None or not self.pending_roles:
            return
        new_registrations, changed_registrations = [], []
        for person, role in self.pending_roles:
            registration = self.registrations.get(person.pk)
            if registration is None:
                new_registrations.append(
                    Registration(
                        event=self.event, person=person, role=role, registered_by=self.user
                    )
                )
            elif registration.role != role:
                registration.role = role
                changed_registrations.append(registration)
        Registration.objects.bulk_create(new_registrations, batch_size=1000)
        Registration.objects.bulk_update(changed_registrations, ["role"], batch_size=1000)

    # Export ---------------------------------------------------------------------------

    # Columns read straight from the database for exports: (value path, renderer).
    def export_columns(self, prefix=""):
        def text(value):
            return "" if value is None else value

        choice = {
            "gender": self.fields["gender"].widget.render,
            "age_band": self.fields["age_band"].widget.render,
            "organisation_kind": self.organisation_kind_widget.render,
            "role": self.role_widget.render,
        }
        boolean = self.fields["is_youth"].widget.render
        paths = {
            "organisation": (f"{prefix}organisation__name", text),
            "organisation_kind": (f"{prefix}organisation__kind", choice["organisation_kind"]),
            "role": ("role" if prefix else "event_role", choice["role"]),
            "gender": (f"{prefix}gender", choice["gender"]),
            "age_band": (f"{prefix}age_band", choice["age_band"]),
            "is_youth": (f"{prefix}is_youth", boolean),
            "consent_to_contact": (f"{prefix}consent_to_contact", boolean),
        }
        return [
            paths.get(name, (f"{prefix}{name}", text))
            for name in (self.get_field_name(field) for field in self.get_export_fields())
        ]

    def export(self, queryset=None, **kwargs):
        """Rows from `values_list`, not model instances: 20,000 people export in a second
        instead of several. Same columns and rendering as the field-by-field path."""
        if queryset is None:
            queryset = self.export_queryset()
        if not isinstance(queryset, QuerySet) or kwargs.get("export_fields"):
            return super().export(queryset=queryset, **kwargs)
        # An event's list is read from its registrations: one join, no subquery per row.
        columns = self.export_columns(prefix="person__" if queryset.model is Registration else "")
        dataset = tablib.Dataset(headers=self.get_export_headers())
        renderers = [renderer for _path, renderer in columns]
        escape = self.escape_formulae
        rows = queryset.values_list(*(path for path, _renderer in columns))
        for values in rows.iterator(chunk_size=2000):
            row = [render(value) for render, value in zip(renderers, values, strict=True)]
            dataset.append([escape_formula(value) for value in row] if escape else row)
        return dataset

    def dehydrate_organisation(self, person):
        return person.organisation.name if person.organisation else ""

    def dehydrate_organisation_kind(self, person):
        if person.organisation is None:
            return ""
        return self.organisation_kind_widget.render(person.organisation.kind)

    def dehydrate_role(self, person):
        registration = next(iter(person.registrations.filter(event=self.event)), None)
        return self.role_widget.render(registration.role if registration else "")

    def export_queryset(self):
        queryset = Person.objects.select_related("organisation")
        if self.event is None:
            return queryset
        return Registration.objects.filter(event=self.event).order_by(
            "person__family_name", "person__given_name", "person__pk"
        )

    def row_summary(self, row):
        name = " ".join(
            cell_text(row.get(PERSON_COLUMNS[key])) for key in ("given_name", "family_name")
        ).strip()
        organisation = cell_text(row.get(PERSON_COLUMNS["organisation"]))
        return f"{name} · {organisation}" if organisation else name


# The embassy roster ----------------------------------------------------------------------

ROSTER_COLUMNS = {
    "mission": "Mission",
    "state": "State",
    "mission_type": "Mission type",
    "city": "City",
    "focal_point": "Focal point",
}


class RosterResource(ParticipantResource):
    """Missions of recommending states and their diplomats, one diplomat per row.

    A row without a name updates (or creates) the mission alone, so a mission nobody from
    has been named yet still has its line in the roster.
    """

    mission = fields.Field(column_name=ROSTER_COLUMNS["mission"])
    state = fields.Field(column_name=ROSTER_COLUMNS["state"])
    mission_type = fields.Field(column_name=ROSTER_COLUMNS["mission_type"])
    city = fields.Field(column_name=ROSTER_COLUMNS["city"])
    focal_point = fields.Field(column_name=ROSTER_COLUMNS["focal_point"])

    field_aliases = {
        **PERSON_ALIASES,
        "embassy": ROSTER_COLUMNS["mission"],
        "country": ROSTER_COLUMNS["state"],
        "recommending state": ROSTER_COLUMNS["state"],
        "type": ROSTER_COLUMNS["mission_type"],
    }
    required_columns = (ROSTER_COLUMNS["mission"], ROSTER_COLUMNS["state"])
    state_widget = CountryWidget(required=True)
    mission_type_widget = ChoiceWidget(
        MissionType,
        synonyms={
            "permanent mission": MissionType.PERMANENT_MISSION,
            "non-resident": MissionType.NON_RESIDENT,
            "non resident": MissionType.NON_RESIDENT,
            "from abroad": MissionType.NON_RESIDENT,
        },
        blank=MissionType.EMBASSY,
    )
    city_widget = TextWidget(max_length=100)
    focal_point_widget = BooleanWidget()
    mission_name_widget = TextWidget(max_length=255, required=True)

    class Meta:
        model = Person
        fields = (
            "mission",
            "state",
            "mission_type",
            "city",
            "given_name",
            "family_name",
            "gender",
            "position",
            "email",
            "phone",
            "focal_point",
        )
        import_id_fields = ()
        use_bulk = False
        skip_diff = True

    def __init__(self, *, with_contact_details=True, **kwargs):
        super().__init__(event=None, with_contact_details=with_contact_details, **kwargs)
        for name in ("organisation", "organisation_kind", "age_band", "is_youth"):
            self.fields.pop(name, None)
        self.fields.pop("consent_to_contact", None)
        self.fields["given_name"].widget = TextWidget(max_length=150)

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user")
        self.organisations = OrganisationIndex()
        self.people = PersonIndex()
        self.missions = {mission.organisation_id: mission for mission in Mission.objects.all()}
        self.claimed = {}

    def _mission_organisation(self, row):
        try:
            return self.organisations.find(cell_text(row.get(ROSTER_COLUMNS["mission"])))
        except ValueError:
            return None

    def get_or_init_instance(self, instance_loader, row):
        organisation = self._mission_organisation(row)
        self._mission_only = not (
            cell_text(row.get(PERSON_COLUMNS["given_name"]))
            or cell_text(row.get(PERSON_COLUMNS["family_name"]))
        )
        if organisation is None or self._mission_only:
            return Person(), True
        person = self.people.find(
            email=cell_text(row.get(PERSON_COLUMNS["email"])),
            given_name=cell_text(row.get(PERSON_COLUMNS["given_name"])),
            family_name=cell_text(row.get(PERSON_COLUMNS["family_name"])),
            organisation=organisation,
        )
        if person is None:
            return Person(), True
        return person, False

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        if not self._mission_only:
            try:
                SpreadsheetResourceMixin.import_instance(self, instance, row, **kwargs)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
            if not instance.given_name and PERSON_COLUMNS["given_name"] not in errors:
                errors[PERSON_COLUMNS["given_name"]] = [_("This column is required.")]
        self._mission_changed = False
        self._mission_created = False
        self._mission = None
        self._focal_point = False
        try:
            name = self.mission_name_widget.clean(row.get(ROSTER_COLUMNS["mission"]))
            organisation = self.organisations.find(name)
        except ValueError as error:
            errors[ROSTER_COLUMNS["mission"]] = [str(error)]
            raise_row_errors(errors)
        if organisation is None:
            organisation = Organisation(
                name=" ".join(name.split()), kind=OrganisationKind.DIPLOMATIC_MISSION
            )
        elif not organisation.is_diplomatic:
            errors[ROSTER_COLUMNS["mission"]] = [
                _("“%(name)s” is a %(kind)s, not a diplomatic mission.")
                % {"name": organisation.name, "kind": organisation.get_kind_display()}
            ]
        mission = self.missions.get(organisation.pk) if organisation.pk else None
        if mission is None:
            mission = Mission(organisation=organisation)
            self._mission_changed = True
        self._mission_created = mission.pk is None
        values = {}
        for column, attribute, widget in (
            (ROSTER_COLUMNS["state"], "state", self.state_widget),
            (ROSTER_COLUMNS["mission_type"], "mission_type", self.mission_type_widget),
            (ROSTER_COLUMNS["city"], "city", self.city_widget),
        ):
            if column not in row:
                continue
            try:
                values[attribute] = widget.clean(row[column])
            except ValueError as error:
                errors[column] = [str(error)]
        for attribute, value in values.items():
            if str(getattr(mission, attribute) or "") != str(value or ""):
                setattr(mission, attribute, value)
                self._mission_changed = True
        if ROSTER_COLUMNS["focal_point"] in row and not self._mission_only:
            try:
                self._focal_point = self.focal_point_widget.clean(
                    row[ROSTER_COLUMNS["focal_point"]]
                )
            except ValueError as error:
                errors[ROSTER_COLUMNS["focal_point"]] = [str(error)]
        if not self._mission_only:
            previous_line = self.claimed.get(id(instance))
            if previous_line:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    _("The same person is already on line %(line)s.") % {"line": previous_line}
                )
            self.claimed[id(instance)] = self.line_of(kwargs["row_number"])
            if instance.organisation_id and instance.organisation_id != organisation.pk:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    _("This person belongs to %(name)s, not to this mission.")
                    % {"name": instance.organisation}
                )
            if (
                self._focal_point
                and mission.focal_point_id != instance.pk
                or (not self._focal_point and instance.pk and mission.focal_point_id == instance.pk)
            ):
                self._mission_changed = True
        self._mission = mission
        raise_row_errors(errors)

    def has_other_changes(self, instance, row):
        return self._mission_changed

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if self._mission_only and not import_validation_errors:
            return not self._mission_changed
        return super().skip_row(instance, original, row, import_validation_errors)

    def compared_attributes(self):
        return SpreadsheetResourceMixin.compared_attributes(self)

    def save_instance(self, instance, is_create, row, **kwargs):
        mission = self._mission
        organisation = mission.organisation
        if organisation.pk is None:
            organisation.save()
            self.organisations.add(organisation)
            mission.organisation = organisation
        if mission.pk is None:
            mission.save()
            self.missions[organisation.pk] = mission
        if self._mission_only:
            mission.save()
            return
        instance.organisation = organisation
        is_new_person = instance.pk is None
        instance.save()
        if is_new_person:
            self.people.add(instance)
        if self._focal_point:
            mission.focal_point = instance
        elif mission.focal_point_id == instance.pk:
            mission.focal_point = None
        mission.save()

    def after_import_row(self, row, row_result, **kwargs):
        # A mission-only row is "new" only when it creates the mission.
        if (
            self._mission_only
            and self._mission is not None
            and not self._mission_created
            and row_result.import_type == row_result.IMPORT_TYPE_NEW
        ):
            row_result.import_type = row_result.IMPORT_TYPE_UPDATE

    # Export ---------------------------------------------------------------------------

    def export_rows(self):
        """Every mission with its diplomats; a mission without any gets one blank line."""
        missions = Mission.objects.select_related("organisation").order_by("organisation__name")
        people_by_organisation = {}
        for person in Person.objects.filter(
            organisation__in=[mission.organisation_id for mission in missions]
        ).order_by("family_name", "given_name", "pk"):
            people_by_organisation.setdefault(person.organisation_id, []).append(person)
        for mission in missions:
            diplomats = people_by_organisation.get(mission.organisation_id) or [None]
            for person in diplomats:
                yield RosterLine(mission=mission, person=person)

    def export(self, queryset=None, **kwargs):
        return super().export(queryset=list(self.export_rows()), **kwargs)

    def export_field(self, field, instance, **kwargs):
        name = self.get_field_name(field)
        mission = instance.mission
        person = instance.person
        if name == "mission":
            value = mission.organisation.name
        elif name == "state":
            value = str(mission.state.name) if mission.state else ""
        elif name == "mission_type":
            value = mission.get_mission_type_display()
        elif name == "city":
            value = mission.city
        elif name == "focal_point":
            value = (
                ""
                if person is None
                else self.focal_point_widget.render(mission.focal_point_id == person.pk)
            )
        elif person is None:
            value = ""
        else:
            value = field.export(person)
        return escape_formula(value) if self.escape_formulae else value

    def row_summary(self, row):
        person = " ".join(
            cell_text(row.get(PERSON_COLUMNS[key])) for key in ("given_name", "family_name")
        ).strip()
        mission = cell_text(row.get(ROSTER_COLUMNS["mission"]))
        return f"{mission} · {person}" if person else mission


class RosterLine:
    def __init__(self, *, mission, person):
        self.mission = mission
        self.person = person


# Attendance per day ----------------------------------------------------------------------

ATTENDANCE_IDENTITY = ("given_name", "family_name", "organisation", "email")


class AttendanceResource(SpreadsheetResourceMixin, resources.ModelResource):
    """Who came on which day of an event: one row per registration, one column per day.

    A mark (yes, x, 1, ✓...) records attendance; an empty cell removes it, so a corrected
    sheet corrects the figures. People must already be registered for the event.
    """

    given_name = fields.Field(column_name=PERSON_COLUMNS["given_name"])
    family_name = fields.Field(column_name=PERSON_COLUMNS["family_name"])
    organisation = fields.Field(column_name=PERSON_COLUMNS["organisation"])
    email = fields.Field(column_name=PERSON_COLUMNS["email"])

    field_aliases = PERSON_ALIASES
    required_columns = (PERSON_COLUMNS["given_name"],)
    mark_widget = BooleanWidget()

    class Meta:
        model = Registration
        fields = ATTENDANCE_IDENTITY
        import_id_fields = ()
        use_bulk = True
        skip_diff = True

    def __init__(self, *, event, with_contact_details=True, **kwargs):
        super().__init__(**kwargs)
        self.event = event
        self.days = list(event.days.order_by("date"))
        for day in self.days:
            field = fields.Field(column_name=day.date.isoformat())
            field.day = day
            self.fields[f"day_{day.pk}"] = field
        if not with_contact_details:
            del self.fields["email"]

    def get_export_order(self):
        return tuple(self.fields)

    def get_import_order(self):
        return tuple(self.fields)

    def canonical_headers(self, header_row):
        # Day columns may come as dates (XLSX) or as 14/11/2018: read them as dates.
        by_date = {day.date: day.date.isoformat() for day in self.days}
        converted = []
        for header in header_row:
            try:
                date = parse_date(header)
            except ValueError:
                date = None
            converted.append(by_date.get(date, header) if date else header)
        return super().canonical_headers(converted)

    def expected_columns_text(self):
        text = super().expected_columns_text()
        if not self.days:
            text += " " + _("(This event has no programme days yet: add them first.)")
        return text

    def day_columns(self):
        return [
            (field.column_name, field.day)
            for field in self.fields.values()
            if hasattr(field, "day")
        ]

    def before_import(self, dataset, **kwargs):
        self.user = kwargs.get("user")
        registrations = Registration.objects.filter(event=self.event).select_related(
            "person__organisation"
        )
        self.registration_by_person = {}
        people = []
        for registration in registrations:
            self.registration_by_person[registration.person_id] = registration
            people.append(registration.person)
        self.people = PersonIndex(people)
        self.organisations = OrganisationIndex(
            {person.organisation for person in people if person.organisation}
        )
        self.present = set(
            Attendance.objects.for_event(self.event).values_list("registration_id", "day_id")
        )
        self.to_add, self.to_remove = [], []
        self.claimed = {}

    def get_or_init_instance(self, instance_loader, row):
        try:
            organisation = self.organisations.find(
                cell_text(row.get(PERSON_COLUMNS["organisation"]))
            )
        except ValueError:
            organisation = None
        person = self.people.find(
            email=cell_text(row.get(PERSON_COLUMNS["email"])),
            given_name=cell_text(row.get(PERSON_COLUMNS["given_name"])),
            family_name=cell_text(row.get(PERSON_COLUMNS["family_name"])),
            organisation=organisation,
        )
        if person is None:
            return Registration(event=self.event), True
        return self.registration_by_person[person.pk], False

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        self._changes = ([], [])
        if instance.pk is None:
            errors[NON_FIELD_ERRORS] = [
                _(
                    "Nobody with this name (and organisation or e-mail) is registered for "
                    "this event. Import them with the participant list first."
                )
            ]
            raise_row_errors(errors)
        previous_line = self.claimed.get(instance.pk)
        if previous_line:
            errors[NON_FIELD_ERRORS] = [
                _("The same person is already on line %(line)s.") % {"line": previous_line}
            ]
        self.claimed[instance.pk] = self.line_of(kwargs["row_number"])
        for column, day in self.day_columns():
            if column not in row:
                continue
            try:
                present = self.mark_widget.clean(row[column])
            except ValueError:
                errors[column] = [
                    _("“%(value)s” is not a mark: write yes, x or 1, or leave empty.")
                    % {"value": cell_text(row[column])}
                ]
                continue
            was_present = (instance.pk, day.pk) in self.present
            if present and not was_present:
                self._changes[0].append(day)
            elif was_present and not present:
                self._changes[1].append(day)
        raise_row_errors(errors)

    def compared_attributes(self):
        return []

    def has_other_changes(self, instance, row):
        return bool(self._changes[0] or self._changes[1])

    def save_instance(self, instance, is_create, row, **kwargs):
        added, removed = self._changes
        self.to_add.extend(
            Attendance(registration=instance, day=day, recorded_by=self.user) for day in added
        )
        self.to_remove.extend((instance.pk, day.pk) for day in removed)

    def after_import(self, dataset, result, **kwargs):
        Attendance.objects.bulk_create(self.to_add, batch_size=1000)
        by_day = {}
        for registration_id, day_id in self.to_remove:
            by_day.setdefault(day_id, []).append(registration_id)
        for day_id, registration_ids in by_day.items():
            Attendance.objects.filter(day_id=day_id, registration_id__in=registration_ids).delete()

    # Export ---------------------------------------------------------------------------

    def export_queryset(self):
        return (
            Registration.objects.filter(event=self.event)
            .select_related("person__organisation")
            .prefetch_related(
                Prefetch("attendances", queryset=Attendance.objects.only("registration", "day"))
            )
            .order_by("person__family_name", "person__given_name", "pk")
        )

    def export_field(self, field, instance, **kwargs):
        person = instance.person
        day = getattr(field, "day", None)
        if day is not None:
            present = any(attendance.day_id == day.pk for attendance in instance.attendances.all())
            return _("yes") if present else ""
        name = self.get_field_name(field)
        if name == "organisation":
            value = person.organisation.name if person.organisation else ""
        else:
            value = getattr(person, name)
        return escape_formula(value) if self.escape_formulae else value

    def row_summary(self, row):
        return " ".join(
            cell_text(row.get(PERSON_COLUMNS[key])) for key in ("given_name", "family_name")
        ).strip()
