"""Reads for the participants pages and the registration desk.

Every function issues a fixed number of queries, whatever the number of registrations.
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower

from events.models import ProgrammeDay

from .models import Attendance, AttendanceLog, Gender, Mission, Person, Registration


def _words(query):
    return [word for word in (query or "").split() if word]


def search_registrations(registrations, query, *, include_email=True):
    """Registrations whose person matches every word of `query` in their given or family
    name (any script), organisation name or acronym, or e-mail (only for users who may
    see e-mail addresses: a search must not reveal them one letter at a time)."""
    for word in _words(query):
        match = (
            Q(person__given_name__icontains=word)
            | Q(person__family_name__icontains=word)
            | Q(person__organisation__name__icontains=word)
            | Q(person__organisation__acronym__icontains=word)
        )
        if include_email:
            match |= Q(person__email__icontains=word)
        registrations = registrations.filter(match)
    return registrations


def search_people(people, query, *, include_email=True):
    """People matching every word of `query` (name, organisation, and e-mail for users who
    may see e-mail addresses)."""
    for word in _words(query):
        match = (
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(organisation__acronym__icontains=word)
        )
        if include_email:
            match |= Q(email__icontains=word)
        people = people.filter(match)
    return people


def desk_registrations(day, *, query="", include_email=True):
    """The day's event registrations for the desk, with `is_present` for that day."""
    present = Attendance.objects.filter(registration=OuterRef("pk"), day=day)
    registrations = (
        Registration.objects.for_event(day.event_id)
        .select_related("person__organisation")
        .annotate(is_present=Exists(present))
        .order_by(Lower("person__family_name"), Lower("person__given_name"), "pk")
    )
    return search_registrations(registrations, query, include_email=include_email)


def desk_counters(day):
    """Running figures for the desk on `day`: present, women, men, other (another identity,
    prefers not to say, not recorded) and distinct diplomatic missions present."""
    gender = "registration__person__gender"
    figures = Attendance.objects.on_day(day).aggregate(
        present=Count("pk"),
        women=Count("pk", filter=Q(**{gender: Gender.WOMAN})),
        men=Count("pk", filter=Q(**{gender: Gender.MAN})),
        missions=Count("registration__person__organisation__mission", distinct=True),
    )
    figures["other"] = figures["present"] - figures["women"] - figures["men"]
    return figures


def participant_list(
    event,
    *,
    query="",
    organisation_kind="",
    gender="",
    role="",
    day=None,
    include_email=True,
):
    """The event's registrations for the participants list, filtered, with their people,
    organisations and attended days loaded in a fixed number of queries."""
    registrations = (
        Registration.objects.for_event(event)
        .select_related("person__organisation")
        .prefetch_related("attendances__day")
        .order_by(Lower("person__family_name"), Lower("person__given_name"), "pk")
    )
    if organisation_kind:
        registrations = registrations.filter(person__organisation__kind=organisation_kind)
    if gender:
        registrations = registrations.filter(person__gender=gender)
    if role:
        registrations = registrations.filter(role=role)
    if day is not None:
        registrations = registrations.filter(attendances__day=day)
    return search_registrations(registrations, query, include_email=include_email)


def attendance_list(day):
    """Who was present on `day`, by name, with who recorded them."""
    return (
        Attendance.objects.on_day(day)
        .select_related("registration__person__organisation", "recorded_by")
        .order_by(
            Lower("registration__person__family_name"),
            Lower("registration__person__given_name"),
            "pk",
        )
    )


def recent_desk_activity(day, *, limit=10):
    """The latest check-ins and undos on `day`, newest first."""
    return AttendanceLog.objects.filter(day=day).select_related("registration__person", "by")[
        :limit
    ]


def possible_duplicates(
    *,
    team,
    given_name,
    family_name,
    organisation=None,
    email="",
    exclude=None,
    any_organisation=False,
):
    """People of `team` who may be the same as the one being entered: same name (ignoring
    case) in the same organisation (in any, with `any_organisation`), or the same e-mail
    address. Never anyone of another team: the warning would show their name and e-mail."""
    match = Q()
    if given_name:
        same_name = Q(
            given_name__iexact=given_name.strip(),
            family_name__iexact=(family_name or "").strip(),
        )
        match |= same_name if any_organisation else same_name & Q(organisation=organisation)
    if email:
        match |= Q(email__iexact=email.strip())
    if not match:
        return Person.objects.none()
    people = Person.objects.of_team(team).filter(match).select_related("organisation")
    if exclude is not None and exclude.pk:
        people = people.exclude(pk=exclude.pk)
    return people


def mission_roster(team, *, event=None):
    """Missions (shared) with their organisation, and `team`'s side of them: the number of
    its diplomats there and its focal point (`team_focal_point`). Two queries.

    With `event` (one of `team`'s), only the missions of that event: one of their diplomats
    registered to it, or the mission recorded present at one of its sessions."""
    missions = Mission.objects.with_organisation()
    if event is not None:
        missions = missions.filter(
            Q(organisation__people__registrations__event=event)
            | Q(sessions_attended__day__event=event)
        ).distinct()
    missions = list(
        missions.annotate(
            diplomat_count=Count(
                "organisation__people",
                filter=Q(organisation__people__team=team),
                distinct=True,
            )
        )
    )
    focal_points = {
        person.organisation_id: person
        for person in Person.objects.of_team(team).filter(
            is_focal_point=True, organisation__mission__isnull=False
        )
    }
    for mission in missions:
        mission.team_focal_point = focal_points.get(mission.organisation_id)
    return missions


def mission_attendance(mission, team):
    """The days of `team`'s events (with the event) on which at least one of the mission's
    diplomats was checked in, and the Geneva sessions of `team`'s events where the mission
    was recorded present."""
    days = (
        ProgrammeDay.objects.filter(event__team=team)
        .annotate(
            diplomats_present=Count(
                "attendances",
                filter=Q(attendances__registration__person__organisation=mission.organisation_id),
            )
        )
        .filter(diplomats_present__gt=0)
        .select_related("event")
        .order_by("-date")
    )
    sessions = (
        mission.sessions_attended.filter(day__event__team=team)
        .select_related("day__event")
        .order_by("-day__date", "start_time")
    )
    return days, sessions
