from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.views.generic import DetailView, ListView

from factsheets.models import Factsheet
from participants.models import Attendance, Registration
from reports.stats import event_figures

from .models import Event, ProgrammeDay, Session, SessionRole


def _count_per_event(queryset, event_path="event", distinct_field="pk"):
    """A subquery counting `queryset` rows per event: no join fan-out on the event list."""
    rows = (
        queryset.filter(**{event_path: OuterRef("pk")})
        .order_by()
        .values(event_path)
        .annotate(n=Count(distinct_field, distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


class DashboardView(LoginRequiredMixin, ListView):
    template_name = "events/event_list.html"
    context_object_name = "events"

    def get_queryset(self):
        return (
            Event.objects.visible_to(self.request.user)
            .with_organisers()
            .annotate(
                day_count=_count_per_event(ProgrammeDay.objects.all()),
                registration_count=_count_per_event(Registration.objects.all()),
                participant_count=_count_per_event(
                    Attendance.objects.all(), "day__event", "registration__person"
                ),
                factsheet_count=_count_per_event(Factsheet.objects.all()),
            )
        )


class EventDetailView(LoginRequiredMixin, DetailView):
    """The event overview: its programme and its figures (reports.stats)."""

    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).with_organisers()

    def get_context_data(self, **kwargs):
        roles = SessionRole.objects.select_related("person__organisation").order_by("order", "pk")
        sessions = Session.objects.order_by("start_time", "order", "pk").prefetch_related(
            "themes", Prefetch("roles", queryset=roles)
        )
        days = list(
            ProgrammeDay.objects.for_event(self.object)
            .select_related("host")
            .order_by("date")
            .prefetch_related(Prefetch("sessions", queryset=sessions))
        )
        for day in days:
            day.event = self.object  # `day.number` reads it: no query per day.
        return super().get_context_data(days=days, figures=event_figures(self.object), **kwargs)
