"""Attendance per day: one row per registration, one column per programme day."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from import_export import fields, resources

from .. import services, transfer
from ..models import (
    Attendance,
    Registration,
)
from .base import MarkColumnsMixin, SpreadsheetResourceMixin, raise_row_errors
from .organisations import OrganisationIndex
from .people import PERSON_ALIASES, PERSON_COLUMNS, PersonIndex
from .widgets import cell_text, escape_formula, parse_date

# Attendance per day ----------------------------------------------------------------------

ATTENDANCE_IDENTITY = ("given_name", "family_name", "organisation", "email")


class AttendanceResource(MarkColumnsMixin, SpreadsheetResourceMixin, resources.ModelResource):
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

    class Meta:
        model = Registration
        fields = ATTENDANCE_IDENTITY
        import_id_fields = ()
        use_bulk = True
        skip_diff = True

    def __init__(self, *, event, team=None, with_contact_details=True, **kwargs):
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
        registrations = (
            Registration.objects.filter(event=self.event)
            .select_related("person__organisation")
            .order_by("person__pk")
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
            taken=self.claimed,
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
        # By the person's id(), as the index's `taken` reads it.
        self.claim_line(
            id(instance.person),
            kwargs["row_number"],
            errors,
            _("The same person is already on line %(line)s."),
        )
        self.read_marks(instance, row, self.day_columns(), errors)
        raise_row_errors(errors)
        line = self.line_of(kwargs["row_number"])
        added, removed = self._changes
        self.row_changes[line] = [
            *(_("checks in on %(date)s") % {"date": date_format(day.date)} for day in added),
            *(
                _("removes the check-in of %(date)s") % {"date": date_format(day.date)}
                for day in removed
            ),
        ]

    def after_import(self, dataset, result, **kwargs):
        """Write the marks through the desk's services, so each imported check-in or
        removal has its AttendanceLog entry naming the importing user."""
        if result.has_errors() or result.has_validation_errors():
            return
        self.import_notes.extend(self.changes_by_day())
        for registration, day in self.to_add:
            services.check_in(registration, day=day, by=self.user)
        for registration, day in self.to_remove:
            services.undo_check_in(registration, day=day, by=self.user)

    def changes_by_day(self):
        """One sentence per day and direction: what the import does to the desk's
        check-ins, removals first, said plainly since they undo someone's work."""
        sentences = []
        for day in self.days:
            removed = sum(1 for _registration, removed_day in self.to_remove if removed_day == day)
            added = sum(1 for _registration, added_day in self.to_add if added_day == day)
            date = date_format(day.date)
            if removed:
                sentences.append(
                    ngettext(
                        "Removes the check-in of %(count)s person on %(date)s.",
                        "Removes the check-in of %(count)s people on %(date)s.",
                        removed,
                    )
                    % {"count": removed, "date": date}
                )
            if added:
                sentences.append(
                    ngettext(
                        "Checks in %(count)s person on %(date)s.",
                        "Checks in %(count)s people on %(date)s.",
                        added,
                    )
                    % {"count": added, "date": date}
                )
        return sentences

    # Export ---------------------------------------------------------------------------

    def export_queryset(self):
        return (
            Registration.objects.filter(event=self.event)
            .select_related("person__organisation")
            .prefetch_related(
                Prefetch("attendances", queryset=Attendance.objects.only("registration", "day"))
            )
            .order_by("person__family_name", "person__given_name", "person__pk")
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


transfer.register(
    transfer.TransferKind(
        key="attendance",
        imported_into="participants:desk_days",
        label=gettext_lazy("Attendance per day"),
        scope=transfer.EVENT,
        help_text=gettext_lazy("One column per programme day; yes, x or 1 marks presence."),
        make_resource=lambda *, team, event, with_contact_details: AttendanceResource(
            event=event, with_contact_details=with_contact_details
        ),
    )
)
