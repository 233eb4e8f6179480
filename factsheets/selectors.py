"""Reads about factsheets that pages and the report figures share."""

from django.db.models import Count, Prefetch, Q

from events.models import Theme
from participants.models import Mission

from .models import Distribution, Factsheet


def dissemination_counts(event):
    """(factsheets disseminated, distinct missions reached) at `event`, from the
    distribution records: distinct approved, undeleted factsheets with at least one
    Distribution at the event, and the distinct missions of those distributions.
    One query."""
    totals = (
        Distribution.objects.for_event(event)
        .counted()
        .aggregate(
            factsheets=Count("factsheet", distinct=True),
            missions=Count("mission", distinct=True),
        )
    )
    return totals["factsheets"], totals["missions"]


def coverage(event):
    """The event's themes in report order, each with `event_factsheets`: the event's
    factsheets on that theme. A theme with an empty list is a gap. A theme taken off the
    event still shows while a factsheet of the event is on it."""
    factsheets = (
        Factsheet.objects.for_event(event)
        .prefetch_related("organisations")
        .annotate(distribution_count=Count("distributions"))
        .order_by("title", "pk")
    )
    return list(
        Theme.objects.filter(
            Q(events=event) | Q(pk__in=Factsheet.objects.for_event(event).values("theme"))
        )
        .distinct()
        .order_by("order", "name")
        .prefetch_related(Prefetch("factsheets", queryset=factsheets, to_attr="event_factsheets"))
    )


def distributions_by_mission(event):
    """Missions that received factsheets at `event`, each with `received`: its
    distributions, factsheet and day included."""
    distributions = (
        Distribution.objects.for_event(event)
        .filter(factsheet__deleted_at__isnull=True)
        .select_related("factsheet__theme", "day")
        .order_by("factsheet__theme__order", "factsheet__title")
    )
    return list(
        Mission.objects.filter(distributions__event=event)
        .distinct()
        .select_related("organisation")
        .order_by("organisation__name")
        .prefetch_related(Prefetch("distributions", queryset=distributions, to_attr="received"))
    )
