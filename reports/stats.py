"""The figures of one event, computed from the data alone.

Every figure the report, the PDF and the event overview show comes from here; nothing is
typed in. Each function runs a fixed number of aggregate queries, whatever the number of
participants: counting happens in the database (``values`` + ``annotate`` + ``Count``), and
Python only shapes the handful of aggregate rows that come back. (The Geneva figures also
read one row per speaking role and per session: the size of the programme, never of the
attendance.)

Who counts (the definitions behind "54% women, 46% men" and "51% women, 49% men"):

* **Participant**: a person with at least one ``Attendance`` (a check-in) at the event.
  Registered people who never checked in are not participants. Diplomats, UN staff,
  speakers and organisers who checked in all count: the report's "70 representatives from
  national CSOs, UN agencies, EU, and Recommending states" on day 2 is everyone present.
  Each person counts once per day, and once for the whole event however many days they
  attended.
* **Speaker**: a person holding a speaking ``SessionRole`` (``events.models.SPEAKING_ROLES``:
  speaker, panellist, presenter, opening remarks) in a session of the event, or of the day.
  Moderators are not speakers. A person speaking in several sessions counts once.
  Speakers need no check-in: the programme is the record.
* **Gender split**: counts per ``participants.models.Gender`` category, in that order, and
  whole-number percentages of everyone counted (every category, "not recorded" included,
  so a share is never inflated by leaving people out). Percentages use the largest-remainder
  method and add up to exactly 100 (or are all 0 when nobody is counted).
* **Mission present** (one definition per format, used by every figure, tile, column and
  list of the event):

  - *In-country pre-session*: a ``participants.Mission`` is present on a day when at least
    one person of its organisation checked in that day.
  - *Geneva series*: the record is the per-session attendance ``Session.missions_present``.
    A mission is present at a session when it is listed there, on a day when it is present
    at one of that day's sessions, at the series when it is present at one session.
    Check-ins of diplomats are not used. The State under Review's own mission is never
    counted at its own session: its delegation is recorded apart
    (``Session.sur_delegation_present``) and stays out of the mission counts and averages.
* **Themes covered**: themes of the event (``Event.themes``, picked from its team's
  catalogue) discussed in one of its sessions or covered by one of its approved
  factsheets, in the catalogue's order.
* **Factsheets disseminated**: ``factsheets.selectors.dissemination_counts``: distinct approved,
  undeleted factsheets with a ``factsheets.Distribution`` at the event, and the number of
  distinct missions that received at least one.

Geneva series (``geneva_figures``; the figures UPR Info publishes per series):

* **Session of the series**: a session with a State under Review. The formset allows one
  per State, so States and sessions are the same count.
* **CSO that took the floor**: a civil-society organisation (``CIVIL_SOCIETY_KINDS``) with a
  person in a speaking role in a session of the series. An organisation speaking in two
  sessions counts once. National and international follow ``Organisation.scope``:
  "33 national (63%) and 19 international organisations".
* **Represented by women**: a CSO that took the floor is represented by women when at least
  one of its speakers in that series is a woman, whichever session they spoke in. An
  organisation that sent a man to one session and a woman to another is represented by
  women, once: "26 of 52 represented by women (50%)".
* **NHRIs and other speaker kinds**: read from the kind of the speakers' organisations
  (``OrganisationKind.NHRI``), per session: "NHRIs took part in the sessions on X and Y".
* **Missions**: distinct missions present at any session of the event (the Geneva
  definition above: the same missions as the list and the cover). The **average per
  session** is the mission attendances (one mission at one session) divided by the
  sessions of the series.
* **The State under Review's delegation**: per session, present / not present / not
  recorded, and took the floor: yes / no / not recorded. Each share is over the sessions
  where the value was recorded ("the delegations of 10 of 11 States under Review attended
  their session", "8 of 10 took the floor (80%)"); the figures say how many were not
  recorded instead of counting them as "no".
* **Averages** are printed as a person writes them: a whole number, unless the mean is
  below 10 and its tenth is not zero ("38", "9", "2.5"); the exact value (two decimal
  places) goes with it, for a tooltip. See ``Average``.
* **Counts go beside every percentage**: ``Proportion`` carries both.

The public API (stable; other modules build on it): ``event_figures`` and the dataclasses it
returns, plus the small functions below it, each usable alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from accounts.figures import Proportion, percent
from events.models import (
    DelegationPresence,
    Event,
    FloorTaken,
    ProgrammeDay,
    Session,
    SessionRole,
    Theme,
)
from factsheets.models import FactsheetStatus
from factsheets.selectors import dissemination_counts
from participants.models import (
    CIVIL_SOCIETY_KINDS,
    Attendance,
    Gender,
    Mission,
    OrganisationKind,
    Person,
    Scope,
)

__all__ = [
    "GENDER_LABELS",
    "Average",
    "GenevaSession",
    "Proportion",
    "SpeakingOrganisation",
    "NO_ORGANISATION",
    "ORGANISATION_KIND_LABELS",
    "Breakdown",
    "DayFigures",
    "EventFigures",
    "GenderSplit",
    "GenevaFigures",
    "MissionPresence",
    "NhriPresence",
    "Share",
    "attendance_by_day",
    "event_figures",
    "geneva_figures",
    "geneva_sessions",
    "missions_present",
    "organisation_kinds",
    "organisation_kinds_by_day",
    "participant_count",
    "participants_gender",
    "participants_gender_by_day",
    "percent",
    "programme_days",
    "speakers_gender",
    "speakers_gender_by_day",
    "themes_covered",
    "whole_percentages",
]

# The organisation-kind key of people without an organisation.
NO_ORGANISATION = "none"
NO_ORGANISATION_LABEL = _("No organisation")
# Breakdowns count people, so their labels are plural ("54% women").
GENDER_LABELS = {
    Gender.WOMAN: _("Women"),
    Gender.MAN: _("Men"),
    Gender.ANOTHER: _("Another identity"),
    Gender.UNDISCLOSED: _("Prefer not to say"),
    Gender.NOT_RECORDED: _("Not recorded"),
}
ORGANISATION_KIND_LABELS = {
    **dict(OrganisationKind.choices),
    NO_ORGANISATION: NO_ORGANISATION_LABEL,
}


# --- Percentages ---------------------------------------------------------------------------


def whole_percentages(counts):
    """Whole-number percentages of ``counts`` (a dict key -> count) that add up to 100.

    Largest-remainder method: every share is first rounded down, then the points still
    missing go to the shares with the largest remainders (ties: the larger count, then the
    earlier key). All shares are 0 when the total is 0. Keys keep their order.

    >>> whole_percentages({"a": 1, "b": 1, "c": 1})
    {'a': 34, 'b': 33, 'c': 33}
    """
    total = sum(counts.values())
    if total == 0:
        return dict.fromkeys(counts, 0)
    floors = {key: count * 100 // total for key, count in counts.items()}
    missing = 100 - sum(floors.values())
    order = {key: index for index, key in enumerate(counts)}
    by_remainder = sorted(
        counts,
        key=lambda key: (-(counts[key] * 100 % total), -counts[key], order[key]),
    )
    for key in by_remainder[:missing]:
        floors[key] += 1
    return floors


# --- Value objects -------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """One category of a breakdown: its key (a choices value), label, count and percentage."""

    key: str
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class Breakdown:
    """Counts and whole-number percentages (adding up to 100) over a set of categories.

    ``shares`` holds every category, in the order of its choices, zero counts included;
    ``nonzero`` only those with at least one person.
    """

    shares: tuple[Share, ...]

    @property
    def total(self):
        return sum(share.count for share in self.shares)

    @property
    def nonzero(self):
        return tuple(share for share in self.shares if share.count)

    def get(self, key):
        """The share for ``key``; a zero share when the key is unknown."""
        for share in self.shares:
            if share.key == key:
                return share
        return Share(key=key, label=str(key), count=0, percent=0)

    def count(self, key):
        return self.get(key).count

    def percent(self, key):
        return self.get(key).percent

    @classmethod
    def from_counts(cls, counts, labels):
        """Build from ``counts`` (key -> count) over ``labels`` (key -> label, in order).

        Keys missing from ``labels`` are appended, labelled with the key itself.
        """
        ordered = {key: counts.get(key, 0) for key in labels}
        for key, count in counts.items():
            ordered.setdefault(key, count)
        percentages = whole_percentages(ordered)
        return cls(
            shares=tuple(
                Share(key=key, label=labels.get(key, key), count=count, percent=percentages[key])
                for key, count in ordered.items()
            )
        )


@dataclass(frozen=True)
class GenderSplit(Breakdown):
    """A ``Breakdown`` over ``participants.models.Gender``."""

    @property
    def women(self):
        return self.get(Gender.WOMAN)

    @property
    def men(self):
        return self.get(Gender.MAN)

    @classmethod
    def from_gender_counts(cls, counts):
        return cls.from_counts(counts, GENDER_LABELS)


@dataclass(frozen=True)
class MissionPresence:
    """A mission present at the event, with the ids of the days it was present on."""

    mission: Mission
    day_ids: frozenset[int]

    @property
    def name(self):
        return self.mission.organisation.name


@dataclass(frozen=True)
class DayFigures:
    """The figures of one programme day."""

    day: ProgrammeDay
    attendance: int
    organisation_kinds: Breakdown
    participants_gender: GenderSplit
    speakers_gender: GenderSplit
    missions: tuple[Mission, ...]

    @property
    def mission_names(self):
        return tuple(mission.organisation.name for mission in self.missions)


@dataclass(frozen=True)
class Average:
    """The mean of ``total`` over ``count``, and how a person would write it.

    ``rounded`` is a whole number, unless the mean is below 10 and its tenth is not zero
    (then one decimal place): 38.42 -> 38, 9.04 -> 9, 2.5 -> 2.5. ``exact`` has two
    decimal places, for the tooltip. Both are 0 when ``count`` is 0.
    """

    total: int
    count: int

    @property
    def value(self):
        return Decimal(self.total) / self.count if self.count else Decimal(0)

    @property
    def exact(self):
        return self.value.quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def rounded(self):
        tenths = self.value.quantize(Decimal("0.1"), ROUND_HALF_UP)
        if tenths >= 10 or tenths == tenths.to_integral_value():
            return self.value.quantize(Decimal(1), ROUND_HALF_UP)
        return tenths

    def __str__(self):
        return str(self.rounded)


@dataclass(frozen=True)
class SpeakingOrganisation:
    """The organisation of a speaker, as the series' figures read it."""

    pk: int
    name: str
    kind: str
    scope: str

    @property
    def kind_label(self):
        return ORGANISATION_KIND_LABELS.get(self.kind, self.kind)

    @property
    def is_civil_society(self):
        return self.kind in CIVIL_SOCIETY_KINDS

    @property
    def is_nhri(self):
        return self.kind == OrganisationKind.NHRI


@dataclass(frozen=True)
class GenevaSession:
    """One session of a Geneva series, for the per-session table.

    ``organisations`` are the speakers' organisations in speaking order (each once);
    ``speakers_gender`` counts each speaker once; ``missions`` the missions present, the
    State under Review's own mission left out.
    """

    session: Session
    organisations: tuple[SpeakingOrganisation, ...]
    speakers_gender: GenderSplit
    missions: int

    @property
    def state(self):
        return self.session.state_under_review

    @property
    def csos(self):
        return tuple(org for org in self.organisations if org.is_civil_society)

    @property
    def other_organisations(self):
        return tuple(org for org in self.organisations if not org.is_civil_society)

    @property
    def women_speakers(self):
        return Proportion(self.speakers_gender.women.count, self.speakers_gender.total)

    @property
    def delegation_present(self):
        return self.session.sur_delegation_present

    @property
    def took_floor(self):
        return self.session.sur_took_floor


@dataclass(frozen=True)
class NhriPresence:
    """A national human rights institution that spoke, and the States of its sessions."""

    name: str
    states: tuple


@dataclass(frozen=True)
class GenevaFigures:
    """The figures of a Geneva series; the definitions are in the module docstring.

    * ``csos_took_floor``: distinct CSOs with a speaker; ``national`` and
      ``represented_by_women`` are shares of them (``Proportion``), ``international`` the
      rest; ``cso_speakers_gender`` the gender split of the people who spoke for them.
    * ``nhris``: NHRIs that spoke, by name, each with its States; ``nhri_states`` the
      States of every session an NHRI spoke in, in programme order.
    * ``missions``: distinct missions present; ``average_missions_per_session`` an
      ``Average`` of mission attendances over ``sessions``.
    * ``states_under_review``: the States of the series; ``delegations_present`` and
      ``took_floor`` are ``Proportion`` of the sessions where the value was recorded, the
      ``*_not_recorded`` counts say how many were not.
    * ``sessions_table``: a ``GenevaSession`` per session, in programme order.
    """

    csos_took_floor: int
    national: Proportion
    represented_by_women: Proportion
    cso_speakers_gender: GenderSplit
    nhris: tuple[NhriPresence, ...]
    nhri_states: tuple
    missions: int
    sessions: int
    average_missions_per_session: Average
    states_under_review: int
    delegations_present: Proportion
    delegations_not_recorded: int
    took_floor: Proportion
    took_floor_not_recorded: int
    sessions_table: tuple[GenevaSession, ...]

    @property
    def national_csos(self):
        return self.national.part

    @property
    def national_share(self):
        return self.national.percent

    @property
    def nhri_state_names(self):
        return tuple(state.name for state in self.nhri_states)

    @property
    def international_csos(self):
        return self.csos_took_floor - self.national.part

    @property
    def women_share(self):
        return self.represented_by_women.percent


@dataclass(frozen=True)
class EventFigures:
    """Every figure of one event. Build it with ``event_figures(event)``.

    ``days`` are in date order; ``missions`` are ordered by name; ``themes`` follow the
    report's order. ``geneva`` is ``None`` unless the event is a Geneva series.
    """

    event: Event
    days: tuple[DayFigures, ...]
    participants: int
    organisation_kinds: Breakdown
    participants_gender: GenderSplit
    speakers_gender: GenderSplit
    missions: tuple[MissionPresence, ...]
    themes: tuple[Theme, ...]
    factsheets_disseminated: int
    missions_reached: int
    geneva: GenevaFigures | None

    def day(self, number):
        """The figures of the event's ``number``-th day (1 for the first)."""
        return self.days[number - 1]

    @property
    def mission_names(self):
        return tuple(presence.name for presence in self.missions)

    @property
    def organisation_kind_rows(self):
        """For a table: (share for the whole event, (that kind's share on each day, ...)),
        for every organisation kind with at least one participant."""
        return tuple(
            (share, tuple(day.organisation_kinds.get(share.key) for day in self.days))
            for share in self.organisation_kinds.nonzero
        )


# --- Selectors: one aggregate query each ---------------------------------------------------


def programme_days(event):
    """The event's days in date order (1 query)."""
    days = list(ProgrammeDay.objects.for_event(event).order_by("date"))
    for day in days:
        day.event = event  # `day.number` reads the event: no query per day.
    return days


def attendance_by_day(event):
    """{day id: distinct persons checked in that day} (1 query; days nobody attended are absent)."""
    rows = (
        Attendance.objects.for_event(event)
        .values("day")
        .annotate(people=Count("registration__person", distinct=True))
        .order_by()
    )
    return {row["day"]: row["people"] for row in rows}


def participant_count(event):
    """Distinct persons checked in on at least one day of the event (1 query)."""
    return _participants(event).aggregate(people=Count("pk", distinct=True))["people"]


def _participants(event):
    return Person.objects.filter(registrations__attendances__day__event=event)


def _people_counts(queryset, field, person_field):
    rows = queryset.values(field).annotate(people=Count(person_field, distinct=True)).order_by()
    return {row[field]: row["people"] for row in rows}


def _people_counts_by_day(queryset, day_field, field, person_field):
    rows = (
        queryset.values(day_field, field)
        .annotate(people=Count(person_field, distinct=True))
        .order_by()
    )
    by_day = defaultdict(dict)
    for row in rows:
        by_day[row[day_field]][row[field]] = row["people"]
    return by_day


def _kind_counts(counts):
    return {(kind or NO_ORGANISATION): people for kind, people in counts.items()}


def organisation_kinds(event):
    """Participants of the whole event by the kind of their organisation (1 query)."""
    counts = _people_counts(_participants(event), "organisation__kind", "pk")
    return Breakdown.from_counts(_kind_counts(counts), ORGANISATION_KIND_LABELS)


def organisation_kinds_by_day(event):
    """{day id: Breakdown of that day's participants by organisation kind} (1 query)."""
    by_day = _people_counts_by_day(
        Attendance.objects.for_event(event),
        "day",
        "registration__person__organisation__kind",
        "registration__person",
    )
    return {
        day_id: Breakdown.from_counts(_kind_counts(counts), ORGANISATION_KIND_LABELS)
        for day_id, counts in by_day.items()
    }


def participants_gender(event):
    """Gender split of the participants of the whole event (1 query)."""
    counts = _people_counts(_participants(event), "gender", "pk")
    return GenderSplit.from_gender_counts(counts)


def participants_gender_by_day(event):
    """{day id: gender split of that day's participants} (1 query)."""
    by_day = _people_counts_by_day(
        Attendance.objects.for_event(event),
        "day",
        "registration__person__gender",
        "registration__person",
    )
    return {day_id: GenderSplit.from_gender_counts(counts) for day_id, counts in by_day.items()}


def speakers_gender(event):
    """Gender split of the speakers of the whole event (1 query)."""
    counts = _people_counts(
        SessionRole.objects.for_event(event).speaking(), "person__gender", "person"
    )
    return GenderSplit.from_gender_counts(counts)


def speakers_gender_by_day(event):
    """{day id: gender split of the people speaking that day} (1 query)."""
    by_day = _people_counts_by_day(
        SessionRole.objects.for_event(event).speaking(), "session__day", "person__gender", "person"
    )
    return {day_id: GenderSplit.from_gender_counts(counts) for day_id, counts in by_day.items()}


def _session_missions(event):
    """Mission attendances of a Geneva series: (session, mission) links of the event, the
    State under Review's own mission left out (the Geneva definition of "present")."""
    return (
        Session.missions_present.through.objects.filter(session__day__event=event)
        .exclude(mission__state=F("session__state_under_review"))
        .order_by()
    )


def missions_present(event):
    """Missions present at the event, by name, each with the days it was present (2 queries).

    "Present" follows the event's format (see the module docstring): check-ins for an
    in-country pre-session, the sessions' recorded attendance for a Geneva series.
    """
    if event.is_geneva:
        rows = _session_missions(event).values_list("mission", "session__day").distinct()
    else:
        rows = (
            Attendance.objects.for_event(event)
            .filter(registration__person__organisation__mission__isnull=False)
            .values_list("registration__person__organisation__mission", "day")
            .distinct()
            .order_by()
        )
    day_ids = defaultdict(set)
    for mission_id, day_id in rows:
        day_ids[mission_id].add(day_id)
    missions = (
        Mission.objects.with_organisation().filter(pk__in=day_ids).order_by("organisation__name")
    )
    return tuple(
        MissionPresence(mission=mission, day_ids=frozenset(day_ids[mission.pk]))
        for mission in missions
    )


def themes_covered(event):
    """The event's themes discussed in its sessions or covered by its approved factsheets
    (1 query)."""
    return tuple(
        event.themes.filter(
            Q(sessions__day__event=event)
            | Q(factsheets__event=event, factsheets__status=FactsheetStatus.APPROVED)
        )
        .distinct()
        .order_by("order", "name")
    )


def _speaker_rows(event):
    """(session id, person id, gender, SpeakingOrganisation or None) of every speaking role
    of the event, in programme order (1 query; one row per role, not per participant)."""
    rows = (
        SessionRole.objects.for_event(event)
        .speaking()
        .values_list(
            "session",
            "person",
            "person__gender",
            "person__organisation",
            "person__organisation__name",
            "person__organisation__kind",
            "person__organisation__scope",
        )
        .order_by("session__day__date", "session__start_time", "session__order", "session", "order")
    )
    return [
        (
            session_id,
            person_id,
            gender,
            SpeakingOrganisation(pk=org_id, name=name, kind=kind, scope=scope) if org_id else None,
        )
        for session_id, person_id, gender, org_id, name, kind, scope in rows
    ]


def _series_sessions(event):
    """The sessions of the series in programme order, each with ``mission_count`` (1 query)."""
    return list(
        Session.objects.for_event(event)
        .exclude(state_under_review="")
        .select_related("day")
        .annotate(
            mission_count=Count(
                "missions_present",
                filter=~Q(missions_present__state=F("state_under_review")),
                distinct=True,
            )
        )
        .in_programme_order()
    )


def geneva_sessions(event, speaker_rows=None):
    """A ``GenevaSession`` per session of the series, in programme order (2 queries, 1 when
    ``speaker_rows`` from ``_speaker_rows`` are given)."""
    if speaker_rows is None:
        speaker_rows = _speaker_rows(event)
    organisations = defaultdict(dict)
    genders = defaultdict(dict)
    for session_id, person_id, gender, organisation in speaker_rows:
        genders[session_id][person_id] = gender
        if organisation is not None:
            organisations[session_id].setdefault(organisation.pk, organisation)
    return tuple(
        GenevaSession(
            session=session,
            organisations=tuple(organisations[session.pk].values()),
            speakers_gender=GenderSplit.from_gender_counts(_tally(genders[session.pk].values())),
            missions=session.mission_count,
        )
        for session in _series_sessions(event)
    )


def _tally(values):
    counts = defaultdict(int)
    for value in values:
        counts[value] += 1
    return counts


def _recorded(values, yes, not_recorded):
    """(Proportion of ``yes`` among the recorded values, how many were not recorded)."""
    recorded = [value for value in values if value != not_recorded]
    return (
        Proportion(sum(value == yes for value in recorded), len(recorded)),
        len(values) - len(recorded),
    )


def geneva_figures(event):
    """The figures of a Geneva series (3 queries); see the module docstring and
    ``GenevaFigures`` for the definitions."""
    speaker_rows = _speaker_rows(event)
    table = geneva_sessions(event, speaker_rows)

    cso_genders = {}
    csos = {}
    women_csos = set()
    for _session, person_id, gender, organisation in speaker_rows:
        if organisation is None or not organisation.is_civil_society:
            continue
        csos[organisation.pk] = organisation
        cso_genders[person_id] = gender
        if gender == Gender.WOMAN:
            women_csos.add(organisation.pk)
    national = sum(org.scope == Scope.NATIONAL for org in csos.values())

    nhris = {}
    nhri_states = []
    for row in table:
        for organisation in row.organisations:
            if organisation.is_nhri:
                nhris.setdefault(organisation.name, []).append(row.state)
                if row.state not in nhri_states:
                    nhri_states.append(row.state)

    distinct_missions = _session_missions(event).aggregate(
        missions=Count("mission", distinct=True)
    )["missions"]
    delegations = [row.delegation_present for row in table]
    floors = [row.took_floor for row in table]
    delegations_present, delegations_not_recorded = _recorded(
        delegations, DelegationPresence.PRESENT, DelegationPresence.NOT_RECORDED
    )
    took_floor, took_floor_not_recorded = _recorded(floors, FloorTaken.YES, FloorTaken.NOT_RECORDED)
    return GenevaFigures(
        csos_took_floor=len(csos),
        national=Proportion(national, len(csos)),
        represented_by_women=Proportion(len(women_csos), len(csos)),
        cso_speakers_gender=GenderSplit.from_gender_counts(_tally(cso_genders.values())),
        nhris=tuple(
            NhriPresence(name=name, states=tuple(states)) for name, states in sorted(nhris.items())
        ),
        nhri_states=tuple(nhri_states),
        missions=distinct_missions,
        sessions=len(table),
        average_missions_per_session=Average(sum(row.missions for row in table), len(table)),
        states_under_review=len({row.state.code for row in table}),
        delegations_present=delegations_present,
        delegations_not_recorded=delegations_not_recorded,
        took_floor=took_floor,
        took_floor_not_recorded=took_floor_not_recorded,
        sessions_table=table,
    )


# --- Everything at once --------------------------------------------------------------------


def event_figures(event):
    """All figures of ``event`` as an ``EventFigures``, in a fixed number of queries."""
    days = programme_days(event)
    attendance = attendance_by_day(event)
    kinds_by_day = organisation_kinds_by_day(event)
    participants_by_day = participants_gender_by_day(event)
    speakers_by_day = speakers_gender_by_day(event)
    missions = missions_present(event)
    empty_kinds = Breakdown.from_counts({}, ORGANISATION_KIND_LABELS)
    empty_gender = GenderSplit.from_gender_counts({})
    day_figures = tuple(
        DayFigures(
            day=day,
            attendance=attendance.get(day.pk, 0),
            organisation_kinds=kinds_by_day.get(day.pk, empty_kinds),
            participants_gender=participants_by_day.get(day.pk, empty_gender),
            speakers_gender=speakers_by_day.get(day.pk, empty_gender),
            missions=tuple(p.mission for p in missions if day.pk in p.day_ids),
        )
        for day in days
    )
    disseminated, reached = dissemination_counts(event)
    return EventFigures(
        event=event,
        days=day_figures,
        participants=participant_count(event),
        organisation_kinds=organisation_kinds(event),
        participants_gender=participants_gender(event),
        speakers_gender=speakers_gender(event),
        missions=missions,
        themes=themes_covered(event),
        factsheets_disseminated=disseminated,
        missions_reached=reached,
        geneva=geneva_figures(event) if event.is_geneva else None,
    )
