"""django-import-export resource for an event's programme: one session per row."""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from import_export import fields, resources

from events.models import (
    DelegationPresence,
    FloorTaken,
    ProgrammeDay,
    Session,
    SessionKind,
    SessionRole,
    SessionRoleKind,
)

from .. import services, transfer
from ..models import Mission, Person, Registration, RegistrationRole
from .base import SpreadsheetResourceMixin, raise_row_errors
from .organisations import OrganisationIndex
from .widgets import (
    ChoiceWidget,
    CountryWidget,
    DateWidget,
    TextWidget,
    TimeWidget,
    cell_text,
    match_key,
    quoted_cell,
)

PROGRAMME_COLUMNS = {
    "date": gettext_noop("Date"),
    "start_time": gettext_noop("Starts"),
    "end_time": gettext_noop("Ends"),
    "title": gettext_noop("Title"),
    "kind": gettext_noop("Kind"),
    "description": gettext_noop("Description"),
    "state_under_review": gettext_noop("State under Review"),
    "sur_delegation_present": gettext_noop("SuR delegation present"),
    "sur_took_floor": gettext_noop("SuR took the floor"),
    "missions_present": gettext_noop("Missions present"),
    "moderators": gettext_noop("Moderators"),
    "speakers": gettext_noop("Speakers"),
}

# Lists in one cell: missions, people on the programme. Entries are separated by ";" or
# by line breaks; a cell with line breaks is split on them only, so a name that holds a ";"
# can be written (the export does so when one does).
LIST_SEPARATOR = re.compile(r"[;\n]")


def split_list(value):
    text = cell_text(value).replace("\r\n", "\n").replace("\r", "\n")
    items = text.split("\n") if "\n" in text.strip() else LIST_SEPARATOR.split(text)
    return [item.strip() for item in items if item.strip()]


def join_list(items):
    """The cell `split_list` reads back as `items`."""
    items = list(items)
    return ("\n" if any(";" in item for item in items) else "; ").join(items)


def split_name_and_organisation(text):
    """("Sokha Chan", "AFK") for "Sokha Chan (AFK)"; the organisation may hold brackets
    of its own ("Sokha Chan (League (Cambodia))")."""
    if not text.endswith(")"):
        return text, ""
    depth = 0
    for position in range(len(text) - 1, -1, -1):
        if text[position] == ")":
            depth += 1
        elif text[position] == "(":
            depth -= 1
            if depth == 0:
                return text[:position].strip(), text[position + 1 : -1].strip()
    return text, ""


def person_entry(person):
    if person.organisation:
        return f"{person.full_name} ({person.organisation.name})"
    return person.full_name


class ProgrammePeople:
    """A team's people by "Name (Organisation)" as the programme columns write them."""

    def __init__(self, people):
        self.by_key = {}
        self.by_name = {}
        for person in people:
            organisation = person.organisation.name if person.organisation else ""
            self.by_key.setdefault((match_key(person.full_name), match_key(organisation)), person)
            self.by_name.setdefault(match_key(person.full_name), []).append(person)

    def find(self, entry):
        """The person `entry` names; None when nobody, or several people, answer to it."""
        name, organisation = split_name_and_organisation(entry)
        person = self.by_key.get((match_key(name), match_key(organisation)))
        if person is None and not organisation:
            namesakes = self.by_name.get(match_key(name), [])
            person = namesakes[0] if len(namesakes) == 1 else None
        return person


class ProgrammeResource(SpreadsheetResourceMixin, resources.ModelResource):
    """Sessions of one event, matched by day, start time and title.

    A date inside the event without a programme day yet gets one. For a Geneva series a
    row also gives the State under Review, whether its delegation came and took the floor,
    and the missions present (names from the roster, separated by ";" or line breaks: see
    `split_list`). Moderators and speakers are people of the team's directory written
    "Name (Organisation)" and separated the same way: a cell lists them all, so a name left
    out takes the person off the session, and someone put on it who is not registered to the
    event is registered (as a speaker or moderator). An unknown mission or person refuses
    the row.
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
    state_under_review = fields.Field(
        attribute="state_under_review",
        column_name=PROGRAMME_COLUMNS["state_under_review"],
        widget=CountryWidget(),
    )
    sur_delegation_present = fields.Field(
        attribute="sur_delegation_present",
        column_name=PROGRAMME_COLUMNS["sur_delegation_present"],
        widget=ChoiceWidget(
            DelegationPresence,
            synonyms={
                "yes": DelegationPresence.PRESENT,
                "no": DelegationPresence.ABSENT,
                "absent": DelegationPresence.ABSENT,
            },
            blank=DelegationPresence.NOT_RECORDED,
        ),
    )
    sur_took_floor = fields.Field(
        attribute="sur_took_floor",
        column_name=PROGRAMME_COLUMNS["sur_took_floor"],
        widget=ChoiceWidget(FloorTaken, blank=FloorTaken.NOT_RECORDED),
    )
    missions_present = fields.Field(column_name=PROGRAMME_COLUMNS["missions_present"])
    moderators = fields.Field(column_name=PROGRAMME_COLUMNS["moderators"])
    speakers = fields.Field(column_name=PROGRAMME_COLUMNS["speakers"])

    field_aliases = {
        "day": "Date",
        "start": "Starts",
        "from": "Starts",
        "end": "Ends",
        "to": "Ends",
        "sur": "State under Review",
        "state": "State under Review",
        "missions": "Missions present",
        "moderator": "Moderators",
        "speaker": "Speakers",
        "panellists": "Speakers",
    }
    required_columns = ("Date", "Starts", "Ends", "Title", "Kind")
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

    def before_import(self, dataset, **kwargs):
        if self.event is None:
            raise ValueError(_("Choose the event whose programme this is."))
        self.days = {day.date: day for day in self.event.days.all()}
        self.sessions = {
            (session.day.date, session.start_time, match_key(session.title)): session
            for session in Session.objects.for_event(self.event).select_related("day")
        }
        self.claimed = {}
        self.user = kwargs.get("user")
        self.mission_by_pk = {
            mission.pk: mission for mission in Mission.objects.with_organisation()
        }
        self.mission_by_organisation = {
            mission.organisation_id: mission for mission in self.mission_by_pk.values()
        }
        self.missions = OrganisationIndex(
            mission.organisation for mission in self.mission_by_pk.values()
        )
        self.directory = ProgrammePeople(
            Person.objects.of_team(self.event.team).select_related("organisation").order_by("pk")
        )
        self.registered = set(
            Registration.objects.filter(event=self.event).values_list("person_id", flat=True)
        )
        self.missions_by_session = {}
        self.roles_by_session = {}
        for session in self.sessions.values():
            self.missions_by_session[session.pk] = set()
            self.roles_by_session[session.pk] = []
        for session_id, mission_id in Session.missions_present.through.objects.filter(
            session__day__event=self.event
        ).values_list("session_id", "mission_id"):
            self.missions_by_session[session_id].add(mission_id)
        roles = SessionRole.objects.for_event(self.event).select_related("person__organisation")
        for role in roles.order_by("order", "pk"):
            self.roles_by_session[role.session_id].append(role)

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
        if (
            instance.sur_delegation_present == DelegationPresence.ABSENT
            and instance.sur_took_floor == FloorTaken.YES
        ):
            errors["sur_took_floor"] = [
                _("A delegation that was not present cannot have taken the floor.")
            ]
        self._plan = self._read_missions_and_people(instance, row, errors)
        key = self._row_key(row)
        previous_line = self.claimed.get(key)
        if previous_line:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("The same session is already on line %(line)s.") % {"line": previous_line}
            )
        self.claimed[key] = self.line_of(kwargs["row_number"])
        raise_row_errors(errors)
        self.row_changes[self.line_of(kwargs["row_number"])] = self._plan.describe()

    def _read_missions_and_people(self, instance, row, errors):
        """What the row's missions and people columns ask for, compared with the session as
        it stands; unknown names go into `errors` under their column."""
        plan = SessionPlan(
            missions=self.missions_by_session.get(instance.pk, set()) if instance.pk else set(),
            roles=list(self.roles_by_session.get(instance.pk, [])) if instance.pk else [],
        )
        column = PROGRAMME_COLUMNS["missions_present"]
        if column in row:
            wanted, unknown = [], []
            for name in split_list(row[column]):
                try:
                    organisation = self.missions.find(name)
                except ValueError as error:
                    errors.setdefault(column, []).append(str(error))
                    continue
                mission = self.mission_by_organisation.get(getattr(organisation, "pk", None))
                if mission is None:
                    unknown.append(name)
                elif mission not in wanted:
                    wanted.append(mission)
            if unknown:
                errors.setdefault(column, []).append(
                    _("Not a mission of the roster: %(names)s.")
                    % {"names": "; ".join(quoted_cell(name) for name in unknown)}
                )
            plan.want_missions(wanted, known=self.mission_by_pk)
        for key, moderators in (("moderators", True), ("speakers", False)):
            column = PROGRAMME_COLUMNS[key]
            if column not in row:
                continue
            wanted, unknown = [], []
            for entry in split_list(row[column]):
                person = self.directory.find(entry)
                if person is None:
                    unknown.append(entry)
                elif person in wanted:
                    errors.setdefault(column, []).append(
                        _("%(name)s is listed twice.") % {"name": quoted_cell(entry)}
                    )
                else:
                    wanted.append(person)
            if unknown:
                errors.setdefault(column, []).append(
                    _(
                        "Nobody of this name and organisation is in the team's directory: "
                        "%(names)s. Write people as “Name (Organisation)”, or import them "
                        "with the participant list first."
                    )
                    % {"names": "; ".join(quoted_cell(entry) for entry in unknown)}
                )
            plan.want_people(wanted, moderators=moderators)
        plan.to_register = [
            person for person in plan.people_added() if person.pk not in self.registered
        ]
        return plan

    def compared_attributes(self):
        return [
            "start_time",
            "end_time",
            "title",
            "kind",
            "description",
            "day_id",
            "state_under_review",
            "sur_delegation_present",
            "sur_took_floor",
        ]

    def has_other_changes(self, instance, row):
        return self._plan.has_changes()

    def before_save_instance(self, instance, row, **kwargs):
        if self._new_day is not None:
            self._new_day.save()
            self.days[self._new_day.date] = self._new_day
            instance.day = self._new_day

    def after_save_instance(self, instance, row, **kwargs):
        """Write the session's missions and people, and register the people put on it who
        were not registered to the event (through the registration service)."""
        plan = self._plan
        if plan.missions_changed:
            instance.missions_present.set(plan.missions)
        for role in plan.roles_removed:
            role.delete()
        if plan.roles_changed():
            for order, (person, role_kind, role) in enumerate(plan.roles):
                if role is None:
                    SessionRole.objects.create(
                        session=instance, person=person, role=role_kind, order=order
                    )
                elif role.order != order:
                    role.order = order
                    role.save(update_fields=["order"])
        moderators = {
            person.pk for person, kind, _role in plan.roles if kind == SessionRoleKind.MODERATOR
        }
        for person in plan.to_register:
            if person.pk in self.registered:
                continue
            role = (
                RegistrationRole.MODERATOR if person.pk in moderators else RegistrationRole.SPEAKER
            )
            services.register_person(person, event=self.event, role=role, by=self.user)
            self.registered.add(person.pk)

    # Export ---------------------------------------------------------------------------

    def export_queryset(self):
        return (
            Session.objects.for_event(self.event)
            .in_programme_order()
            .select_related("day")
            .prefetch_related(
                Prefetch(
                    "roles",
                    queryset=SessionRole.objects.select_related("person__organisation").order_by(
                        "order", "pk"
                    ),
                ),
                Prefetch(
                    "missions_present",
                    queryset=Mission.objects.with_organisation(),
                ),
            )
        )

    def _people(self, session, moderators):
        # A person holding two speaking roles (speaker and panellist) is written once.
        entries = dict.fromkeys(
            person_entry(role.person)
            for role in session.roles.all()
            if (role.role == SessionRoleKind.MODERATOR) == moderators
        )
        return join_list(entries)

    def dehydrate_date(self, session):
        return session.day.date.isoformat()

    def dehydrate_missions_present(self, session):
        return join_list(
            sorted(mission.organisation.name for mission in session.missions_present.all())
        )

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


class SessionPlan:
    """A session's missions and people as they stand, and what a row asks of them."""

    def __init__(self, *, missions, roles):
        self.current_missions = set(missions)
        self.missions = list(missions)
        self.added_missions = []
        self.removed_missions = []
        self.current_order = [role.pk for role in roles]
        # (person, role kind, existing role or None), moderators first, in the file's order.
        self.roles = [(role.person, role.role, role) for role in roles]
        self.roles_removed = []
        self.to_register = []

    @property
    def missions_changed(self):
        return set(self.missions) != self.current_missions

    def want_missions(self, missions, *, known):
        """`missions` are the row's; `known` gives every mission by id, to name those
        the row takes away."""
        self.missions = [mission.pk for mission in missions]
        self.added_missions = [
            mission.organisation.name
            for mission in missions
            if mission.pk not in self.current_missions
        ]
        self.removed_missions = sorted(
            known[pk].organisation.name for pk in self.current_missions - set(self.missions)
        )

    def want_people(self, people, *, moderators):
        """The row lists every moderator (or every speaker) of the session, in order: a
        listed person keeps the role they hold (a panellist stays a panellist), a new one
        becomes a moderator or speaker, one left out loses the role."""

        def is_listed_kind(kind):
            return (kind == SessionRoleKind.MODERATOR) == moderators

        others = [entry for entry in self.roles if not is_listed_kind(entry[1])]
        by_person = {}
        for entry in self.roles:
            if is_listed_kind(entry[1]):
                by_person.setdefault(entry[0].pk, []).append(entry)
        listed = []
        for person in people:
            entries = by_person.pop(person.pk, None)
            if entries is None:
                kind = SessionRoleKind.MODERATOR if moderators else SessionRoleKind.SPEAKER
                entries = [(person, kind, None)]
            listed.extend(entries)
        for entries in by_person.values():
            self.roles_removed.extend(role for _person, _kind, role in entries if role)
        self.roles = [*listed, *others] if moderators else [*others, *listed]

    def people_added(self):
        return [person for person, _kind, role in self.roles if role is None]

    def roles_changed(self):
        order = [role.pk for _person, _kind, role in self.roles if role is not None]
        return bool(self.roles_removed or self.people_added()) or order != self.current_order

    def has_changes(self):
        return self.missions_changed or self.roles_changed()

    def describe(self):
        """The row's changes beyond the session's own fields, in words, for the preview."""
        changes = [
            _("marks %(mission)s present") % {"mission": name} for name in self.added_missions
        ]
        changes.extend(
            _("removes %(mission)s from the missions present") % {"mission": name}
            for name in self.removed_missions
        )
        for person, kind, role in self.roles:
            if role is None:
                changes.append(
                    _("puts %(name)s on the session as %(role)s")
                    % {"name": person_entry(person), "role": SessionRoleKind(kind).label}
                )
        for role in self.roles_removed:
            changes.append(
                _("takes %(name)s off the session (%(role)s)")
                % {"name": person_entry(role.person), "role": role.get_role_display()}
            )
        changes.extend(
            _("registers %(name)s to the event") % {"name": person_entry(person)}
            for person in self.to_register
        )
        return changes


transfer.register(
    transfer.TransferKind(
        key="programme",
        imported_into="events:programme",
        label=gettext_lazy("Programme"),
        scope=transfer.EVENT,
        help_text=gettext_lazy(
            "Sessions matched by date, start time and title. Moderators and speakers as "
            "“Name (Organisation)” from the directory, missions present by their roster "
            "name, each list separated by “;” (or one per line when a name holds a “;”)."
        ),
        make_resource=lambda *, team, event, with_contact_details: ProgrammeResource(event=event),
    )
)
