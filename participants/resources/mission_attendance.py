"""Missions present per session: one row per mission of the roster, one column per session,
as a Geneva organiser keeps the sheet on paper."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext
from import_export import fields, resources

from events.countries import country_code
from events.models import Session

from .. import transfer
from ..models import Mission
from .base import MarkColumnsMixin, SpreadsheetResourceMixin, raise_row_errors
from .organisations import OrganisationIndex
from .widgets import (
    CountryWidget,
    cell_text,
    escape_formula,
    match_key,
    quoted_cell,
)

MISSION_COLUMNS = {
    "mission": gettext_noop("Mission"),
    "state": gettext_noop("Recommending state"),
}


def session_column(session):
    """A session's column header: its date, start time and title, unique in the event."""
    return f"{session.day.date.isoformat()} {session.start_time:%H:%M} {session.title}"


class MissionAttendanceResource(
    MarkColumnsMixin, SpreadsheetResourceMixin, resources.ModelResource
):
    """Which missions were present at which session of an event (`Session.missions_present`).

    A row names a mission of the roster (by name or acronym; the recommending state, when
    given, must be the mission's). A mark (yes, x, 1, ✓...) under a session records the
    mission as present; an empty cell removes it. A session column may also be headed by
    the session's title or its State under Review alone, when that names one session.
    """

    mission = fields.Field(column_name=MISSION_COLUMNS["mission"])
    state = fields.Field(column_name=MISSION_COLUMNS["state"])

    field_aliases = {
        "embassy": MISSION_COLUMNS["mission"],
        "permanent mission": MISSION_COLUMNS["mission"],
        "state": MISSION_COLUMNS["state"],
        "country": MISSION_COLUMNS["state"],
    }
    required_columns = (MISSION_COLUMNS["mission"],)
    state_widget = CountryWidget()

    class Meta:
        model = Mission
        fields = ("mission", "state")
        import_id_fields = ()
        skip_diff = True

    def __init__(self, *, event, **kwargs):
        super().__init__(**kwargs)
        self.event = event
        self.sessions = list(
            Session.objects.for_event(event).in_programme_order().select_related("day")
        )
        for session in self.sessions:
            field = fields.Field(column_name=session_column(session))
            field.session = session
            self.fields[f"session_{session.pk}"] = field

    def get_export_order(self):
        return ("mission", "state", *(name for name in self.fields if name.startswith("session_")))

    def get_import_order(self):
        return self.get_export_order()

    def canonical_headers(self, header_row):
        # A header giving the title or the State under Review alone stands for its
        # session when no other session answers to it.
        by_short_name = {}
        for session in self.sessions:
            names = {match_key(session.title)}
            if session.state_under_review:
                names.add(session.state_under_review.code)
            for name in names:
                by_short_name.setdefault(name, []).append(session_column(session))
        converted = []
        for header in header_row:
            text = cell_text(header)
            columns = by_short_name.get(match_key(text)) or by_short_name.get(
                country_code(text) or None
            )
            converted.append(columns[0] if columns and len(columns) == 1 else header)
        return super().canonical_headers(converted)

    def expected_columns_text(self):
        text = super().expected_columns_text()
        if not self.sessions:
            text += " " + _("(This event has no sessions yet: import the programme first.)")
        return text

    def session_columns(self):
        return [
            (field.column_name, field.session)
            for field in self.fields.values()
            if hasattr(field, "session")
        ]

    def before_import(self, dataset, **kwargs):
        self.missions = list(Mission.objects.with_organisation())
        self.index = OrganisationIndex(mission.organisation for mission in self.missions)
        self.mission_by_organisation = {m.organisation_id: m for m in self.missions}
        self.present = set(
            Session.missions_present.through.objects.filter(
                session__day__event=self.event
            ).values_list("mission_id", "session_id")
        )
        self.to_add, self.to_remove = [], []
        self.claimed = {}

    def get_or_init_instance(self, instance_loader, row):
        try:
            organisation = self.index.find(cell_text(row.get(MISSION_COLUMNS["mission"])))
        except ValueError:
            organisation = None
        mission = self.mission_by_organisation.get(getattr(organisation, "pk", None))
        if mission is None:
            return Mission(), True
        return mission, False

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        self._changes = ([], [])
        name = cell_text(row.get(MISSION_COLUMNS["mission"]))
        if instance.pk is None:
            try:
                self.index.find(name)
            except ValueError as error:
                errors[MISSION_COLUMNS["mission"]] = [str(error)]
            else:
                errors[MISSION_COLUMNS["mission"]] = [
                    _("“%(name)s” is not a mission of the roster. Import the roster first.")
                    % {"name": quoted_cell(name)}
                    if name
                    else _("This column is required.")
                ]
            raise_row_errors(errors)
        try:
            state = self.state_widget.clean(row.get(MISSION_COLUMNS["state"]))
        except ValueError as error:
            errors[MISSION_COLUMNS["state"]] = [str(error)]
        else:
            if state and state != instance.state.code:
                errors[MISSION_COLUMNS["state"]] = [
                    _("%(mission)s is the mission of %(state)s.")
                    % {"mission": instance.organisation.name, "state": instance.state.name}
                ]
        self.claim_line(
            instance.pk,
            kwargs["row_number"],
            errors,
            _("The same mission is already on line %(line)s."),
        )
        self.read_marks(instance, row, self.session_columns(), errors)
        raise_row_errors(errors)
        added, removed = self._changes
        self.row_changes[self.line_of(kwargs["row_number"])] = [
            *(_("present at %(session)s") % {"session": session.title} for session in added),
            *(
                _("no longer present at %(session)s") % {"session": session.title}
                for session in removed
            ),
        ]

    def after_import(self, dataset, result, **kwargs):
        """Write the marks session by session, through the many-to-many relation, so each
        session's history records the change."""
        if result.has_errors() or result.has_validation_errors():
            return
        for session in self.sessions:
            added = [mission for mission, other in self.to_add if other == session]
            removed = [mission for mission, other in self.to_remove if other == session]
            if removed:
                session.missions_present.remove(*removed)
                self.import_notes.append(
                    ngettext(
                        "Removes %(count)s mission from %(session)s.",
                        "Removes %(count)s missions from %(session)s.",
                        len(removed),
                    )
                    % {"count": len(removed), "session": session.title}
                )
            if added:
                session.missions_present.add(*added)
                self.import_notes.append(
                    ngettext(
                        "Marks %(count)s mission present at %(session)s.",
                        "Marks %(count)s missions present at %(session)s.",
                        len(added),
                    )
                    % {"count": len(added), "session": session.title}
                )

    # Export ---------------------------------------------------------------------------

    def export_queryset(self):
        return Mission.objects.with_organisation().order_by("organisation__name", "pk")

    def exported_marks(self):
        marks = self.__dict__.get("_exported_marks")
        if marks is None:
            marks = self.__dict__["_exported_marks"] = set(
                Session.missions_present.through.objects.filter(
                    session__day__event=self.event
                ).values_list("mission_id", "session_id")
            )
        return marks

    def export_field(self, field, instance, **kwargs):
        session = getattr(field, "session", None)
        if session is not None:
            return _("yes") if (instance.pk, session.pk) in self.exported_marks() else ""
        name = self.get_field_name(field)
        value = instance.organisation.name if name == "mission" else str(instance.state.name)
        return escape_formula(value) if self.escape_formulae else value

    def row_summary(self, row):
        return cell_text(row.get(MISSION_COLUMNS["mission"]))


transfer.register(
    transfer.TransferKind(
        key="mission_attendance",
        imported_into="events:programme",
        label=gettext_lazy("Missions present per session"),
        scope=transfer.EVENT,
        help_text=gettext_lazy(
            "One row per mission, one column per session; yes, x or 1 marks the mission present."
        ),
        make_resource=lambda *, team, event, with_contact_details: MissionAttendanceResource(
            event=event
        ),
    )
)
