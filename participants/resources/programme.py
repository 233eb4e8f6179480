"""django-import-export resource for an event's programme: one session per row."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources

from events.models import ProgrammeDay, Session, SessionKind, SessionRole, SessionRoleKind

from .. import transfer
from .base import SpreadsheetResourceMixin, raise_row_errors
from .widgets import ChoiceWidget, DateWidget, TextWidget, TimeWidget, cell_text, match_key

PROGRAMME_COLUMNS = {
    "date": "Date",
    "start_time": "Starts",
    "end_time": "Ends",
    "title": "Title",
    "kind": "Kind",
    "description": "Description",
    "moderators": "Moderators",
    "speakers": "Speakers",
}


class ProgrammeResource(SpreadsheetResourceMixin, resources.ModelResource):
    """Sessions of one event, matched by day, start time and title.

    A date inside the event without a programme day yet gets one. Moderators and speakers
    are exported for reading; on import those two columns are accepted and left aside,
    since people on the programme are linked to the participant list in the app.
    """

    date = fields.Field(column_name=PROGRAMME_COLUMNS["date"])
    start_time = fields.Field(
        attribute="start_time", column_name=PROGRAMME_COLUMNS["start_time"], widget=TimeWidget()
    )
    end_time = fields.Field(
        attribute="end_time", column_name=PROGRAMME_COLUMNS["end_time"], widget=TimeWidget()
    )
    title = fields.Field(
        attribute="title",
        column_name=PROGRAMME_COLUMNS["title"],
        widget=TextWidget(max_length=255, required=True),
    )
    kind = fields.Field(
        attribute="kind",
        column_name=PROGRAMME_COLUMNS["kind"],
        widget=ChoiceWidget(
            SessionKind,
            synonyms={
                "opening": SessionKind.OPENING_REMARKS,
                "dialogue": SessionKind.INTERACTIVE_DIALOGUE,
                "break-out": SessionKind.BREAKOUT_GROUP,
                "breakout": SessionKind.BREAKOUT_GROUP,
                "mock session": SessionKind.SIMULATION,
                "simulation": SessionKind.SIMULATION,
                "lunch": SessionKind.BREAK,
                "coffee break": SessionKind.BREAK,
            },
        ),
    )
    description = fields.Field(
        attribute="description", column_name=PROGRAMME_COLUMNS["description"], widget=TextWidget()
    )
    moderators = fields.Field(column_name=PROGRAMME_COLUMNS["moderators"], readonly=True)
    speakers = fields.Field(column_name=PROGRAMME_COLUMNS["speakers"], readonly=True)

    field_aliases = {
        "day": "Date",
        "start": "Starts",
        "from": "Starts",
        "end": "Ends",
        "to": "Ends",
    }
    required_columns = ("Date", "Starts", "Ends", "Title", "Kind")
    ignored_columns = ("Moderators", "Speakers")
    date_widget = DateWidget(required=True)

    class Meta:
        model = Session
        fields = tuple(PROGRAMME_COLUMNS)
        import_order = export_order = tuple(PROGRAMME_COLUMNS)
        import_id_fields = ()
        skip_diff = True

    def __init__(self, *, event=None, **kwargs):
        super().__init__(**kwargs)
        self.event = event

    def get_import_fields(self):
        return [
            field
            for field in super().get_import_fields()
            if field.column_name not in self.ignored_columns
        ]

    def before_import(self, dataset, **kwargs):
        if self.event is None:
            raise ValueError(_("Choose the event whose programme this is."))
        self.days = {day.date: day for day in self.event.days.all()}
        self.sessions = {
            (session.day.date, session.start_time, match_key(session.title)): session
            for session in Session.objects.for_event(self.event).select_related("day")
        }
        self.claimed = {}

    def _row_key(self, row):
        try:
            date = self.date_widget.clean(row.get("Date"))
            start = TimeWidget().clean(row.get("Starts"))
        except ValueError:
            return None
        return (date, start, match_key(cell_text(row.get("Title"))))

    def get_or_init_instance(self, instance_loader, row):
        session = self.sessions.get(self._row_key(row))
        if session is not None:
            return session, False
        return Session(), True

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self._new_day = None
        try:
            date = self.date_widget.clean(row.get("Date"))
        except ValueError as error:
            errors["Date"] = [str(error)]
        else:
            if not (self.event.start_date <= date <= self.event.end_date):
                errors["Date"] = [
                    _("%(date)s is outside the event (%(start)s to %(end)s).")
                    % {"date": date, "start": self.event.start_date, "end": self.event.end_date}
                ]
            elif date in self.days:
                instance.day = self.days[date]
            else:
                self._new_day = ProgrammeDay(event=self.event, date=date)
        if (
            instance.start_time
            and instance.end_time
            and "Starts" not in errors
            and "Ends" not in errors
            and instance.end_time <= instance.start_time
        ):
            errors["Ends"] = [_("A session must end after it starts.")]
        key = self._row_key(row)
        previous_line = self.claimed.get(key)
        if previous_line:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("The same session is already on line %(line)s.") % {"line": previous_line}
            )
        self.claimed[key] = self.line_of(kwargs["row_number"])
        raise_row_errors(errors)

    def compared_attributes(self):
        return ["start_time", "end_time", "title", "kind", "description", "day_id"]

    def before_save_instance(self, instance, row, **kwargs):
        if self._new_day is not None:
            self._new_day.save()
            self.days[self._new_day.date] = self._new_day
            instance.day = self._new_day

    # Export ---------------------------------------------------------------------------

    def export_queryset(self):
        return (
            Session.objects.for_event(self.event)
            .in_programme_order()
            .select_related("day")
            .prefetch_related(
                Prefetch(
                    "roles",
                    queryset=SessionRole.objects.select_related("person").order_by("order", "pk"),
                )
            )
        )

    def _people(self, session, moderators):
        texts = []
        for role in session.roles.all():
            if (role.role == SessionRoleKind.MODERATOR) != moderators:
                continue
            text = role.person.full_name
            if role.position:
                text += f" ({role.position})"
            texts.append(text)
        return "; ".join(texts)

    def dehydrate_date(self, session):
        return session.day.date.isoformat()

    def dehydrate_moderators(self, session):
        return self._people(session, moderators=True)

    def dehydrate_speakers(self, session):
        return self._people(session, moderators=False)

    def row_summary(self, row):
        return " · ".join(
            text
            for text in (
                cell_text(row.get("Date")),
                cell_text(row.get("Starts")),
                cell_text(row.get("Title")),
            )
            if text
        )


transfer.register(
    transfer.TransferKind(
        key="programme",
        label=gettext_lazy("Programme"),
        scope=transfer.EVENT,
        help_text=gettext_lazy("Sessions matched by date, start time and title."),
        make_resource=lambda *, team, event, with_contact_details: ProgrammeResource(event=event),
    )
)
