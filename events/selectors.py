"""Reads of an event's programme: one query shape shared by the event overview, the
programme page and the programme PDF."""

from django.db.models import F, FilteredRelation, Prefetch, Q

from .models import ProgrammeDay, Session, SessionRole


def programme_days(event):
    """The days of `event` in date order, each with its host, its sessions in time order
    and, for each session, its themes, its missions present (with their organisations) and
    its people in print order (with their organisations). Six queries, whatever the size
    of the programme; `day.event` is set, so `day.number` costs nothing.

    Each role carries `event_consent`, the public consent its person's registration for the
    event chose ("" or None: the person's own choice holds, see participants.public)."""
    roles = (
        SessionRole.objects.select_related("person__organisation")
        .annotate(
            event_registration=FilteredRelation(
                "person__registrations", condition=Q(person__registrations__event=event)
            ),
            event_consent=F("event_registration__public_consent"),
        )
        .order_by("order", "pk")
    )
    Mission = Session._meta.get_field("missions_present").related_model
    missions = Mission.objects.select_related("organisation")
    sessions = Session.objects.order_by("start_time", "order", "pk").prefetch_related(
        "themes",
        Prefetch("roles", queryset=roles),
        Prefetch("missions_present", queryset=missions),
    )
    days = list(
        ProgrammeDay.objects.for_event(event)
        .select_related("host")
        .order_by("date")
        .prefetch_related(Prefetch("sessions", queryset=sessions))
    )
    for day in days:
        day.event = event
    return days


def day_contents(day):
    """What deleting `day` would take with it: its sessions in time order, and the
    numbers of their roles and of the day's check-ins (3 queries)."""
    sessions = list(day.sessions.order_by("start_time", "order", "pk"))
    return {
        "sessions": sessions,
        "roles": SessionRole.objects.filter(session__day=day).count(),
        "check_ins": day.attendances.count(),
    }


def used_theme_ids(team):
    """Ids of `team`'s themes used by an event, a session or a factsheet (1 query)."""
    themes = team.themes.filter(
        Q(events__isnull=False) | Q(sessions__isnull=False) | Q(factsheets__isnull=False)
    )
    return set(themes.values_list("pk", flat=True).distinct())
