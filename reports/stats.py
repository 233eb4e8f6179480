"""The figures of one event, computed from the data alone.

Every figure the report, the PDF and the event overview show comes from here; nothing is
typed in. Each function runs a fixed number of aggregate queries, whatever the number of
participants: counting happens in the database (``values`` + ``annotate`` + ``Count``), and
Python only shapes the handful of aggregate rows that come back.

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
* **Mission present**: a ``participants.Mission`` is present on a day when at least one
  person of its organisation checked in that day.
* **Themes covered**: themes of the event (``Event.themes``, picked from its team's
  catalogue) discussed in one of its sessions or covered by one of its approved
  factsheets, in the catalogue's order.
* **Factsheets disseminated**: ``factsheets.selectors.dissemination_counts``: distinct approved,
  undeleted factsheets with a ``factsheets.Distribution`` at the event, and the number of
  distinct missions that received at least one.

The public API (stable; other modules build on it): ``event_figures`` and the dataclasses it
returns, plus the small functions below it, each usable alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from events.models import SPEAKING_ROLES, Event, ProgrammeDay, Session, SessionRole, Theme
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
    "NO_ORGANISATION",
    "ORGANISATION_KIND_LABELS",
    "Breakdown",
    "DayFigures",
    "EventFigures",
    "GenderSplit",
    "GenevaFigures",
    "MissionPresence",
    "Share",
    "attendance_by_day",
    "event_figures",
    "geneva_figures",
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


def percent(part, whole):
    """``part`` as a whole-number percentage of ``whole`` (half up); 0 when ``whole`` is 0.

    For a single share such as "share of national organisations". Use
    ``whole_percentages`` when several shares are shown together and must add up to 100.
    """
    if not whole:
        return 0
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


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
class GenevaFigures:
    """The figures of a Geneva series (one session per State under Review).

    * ``csos_took_floor``: distinct civil-society organisations (``CIVIL_SOCIETY_KINDS``)
      with a person in a speaking role in one of the series' sessions.
    * ``national_share``: whole-number percentage of those organisations that are national.
    * ``cso_speakers_gender``: gender split of the people who spoke for those organisations
      (``women_share`` is its women percentage).
    * ``missions``: distinct missions recorded present in at least one session.
    * ``average_missions_per_session``: mission attendances per State-under-Review session,
      as a ``Decimal`` with one decimal place.
    * ``states_under_review``: distinct States under Review;
      ``states_took_floor``: how many of them took the floor; ``states_took_floor_share``
      the whole-number percentage.
    """

    csos_took_floor: int
    national_csos: int
    national_share: int
    cso_speakers_gender: GenderSplit
    missions: int
    sessions: int
    average_missions_per_session: Decimal
    states_under_review: int
    states_took_floor: int
    states_took_floor_share: int

    @property
    def women_share(self):
        return self.cso_speakers_gender.women.percent


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


def missions_present(event):
    """Missions present at the event, by name, each with the days it was present (2 queries)."""
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


def geneva_figures(event):
    """The figures of a Geneva series (4 queries); see ``GenevaFigures`` for the definitions."""
    cso_roles = (
        SessionRole.objects.for_event(event)
        .filter(role__in=SPEAKING_ROLES, person__organisation__kind__in=CIVIL_SOCIETY_KINDS)
        .order_by()
    )
    scopes = dict(
        cso_roles.values("person__organisation__scope")
        .annotate(organisations=Count("person__organisation", distinct=True))
        .values_list("person__organisation__scope", "organisations")
    )
    csos = sum(scopes.values())
    national = scopes.get(Scope.NATIONAL, 0)
    cso_gender = GenderSplit.from_gender_counts(
        _people_counts(cso_roles, "person__gender", "person")
    )

    review_sessions = Session.objects.for_event(event).exclude(state_under_review="").order_by()
    sessions = review_sessions.aggregate(
        sessions=Count("pk", distinct=True),
        mission_attendances=Count("missions_present"),
        missions=Count("missions_present", distinct=True),
    )
    states = review_sessions.aggregate(
        states=Count("state_under_review", distinct=True),
        took_floor=Count(
            "state_under_review", distinct=True, filter=Q(state_under_review_took_floor=True)
        ),
    )
    average = (
        (Decimal(sessions["mission_attendances"]) / sessions["sessions"]).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )
        if sessions["sessions"]
        else Decimal("0.0")
    )
    return GenevaFigures(
        csos_took_floor=csos,
        national_csos=national,
        national_share=percent(national, csos),
        cso_speakers_gender=cso_gender,
        missions=sessions["missions"],
        sessions=sessions["sessions"],
        average_missions_per_session=average,
        states_under_review=states["states"],
        states_took_floor=states["took_floor"],
        states_took_floor_share=percent(states["took_floor"], states["states"]),
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
