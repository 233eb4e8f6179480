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


# --- Organisers' pages: event editing and the programme (issue 3) --------------------------
# Events are not scoped to the organiser's organisation: an installation serves one
# organising team, who co-organise every event with changing partners, so every organiser
# may edit every event (see Event.objects.visible_to). Objects nested in an event (days,
# sessions) are always loaded through their event, so another event's day is a 404.

from django.contrib import messages  # noqa: E402
from django.contrib.auth.mixins import PermissionRequiredMixin  # noqa: E402
from django.shortcuts import get_object_or_404, redirect  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.functional import cached_property  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from django.views.generic import TemplateView  # noqa: E402

from participants.models import Mission  # noqa: E402

from . import services  # noqa: E402
from .forms import (  # noqa: E402
    EventForm,
    programme_day_formset,
    programme_day_formsets,
    validate_programme_day,
)


class EventFormView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Create or edit an event, its co-organisers and its days in one form."""

    template_name = "events/event_form.html"

    def get_event(self):
        return Event()

    def get_forms(self, data=None):
        event = self.get_event()
        event_form = EventForm(data, instance=event)
        day_formset = programme_day_formset(data, event=event, extra=1 if event.pk else 3)
        return event_form, day_formset

    def get(self, request, *args, **kwargs):
        event_form, day_formset = self.get_forms()
        return self.render_to_response(
            self.get_context_data(form=event_form, day_formset=day_formset)
        )

    def post(self, request, *args, **kwargs):
        event_form, day_formset = self.get_forms(request.POST)
        # The event form first: its dates are what the days are checked against.
        if event_form.is_valid() & day_formset.is_valid():
            event = services.save_event(event_form, day_formset=day_formset)
            messages.success(request, _("%(event)s is saved.") % {"event": event})
            return redirect("events:programme", slug=event.slug)
        return self.render_to_response(
            self.get_context_data(form=event_form, day_formset=day_formset)
        )


class EventCreateView(EventFormView):
    permission_required = ("events.add_event", "events.add_programmeday")


class EventUpdateView(EventFormView):
    permission_required = (
        "events.change_event",
        "events.add_programmeday",
        "events.change_programmeday",
        "events.delete_programmeday",
    )

    @cached_property
    def event(self):
        return get_object_or_404(
            Event.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )

    def get_event(self):
        return self.event

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, **kwargs)


class ProgrammeView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    """Every day of an event with its sessions in time order, kinds, people and themes."""

    permission_required = ("events.view_event", "events.view_session")
    template_name = "events/programme_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        sessions = Session.objects.order_by("start_time", "order", "pk").prefetch_related(
            Prefetch(
                "roles",
                queryset=SessionRole.objects.select_related("person__organisation").order_by(
                    "order", "pk"
                ),
            ),
            "themes",
            Prefetch("missions_present", queryset=Mission.objects.with_organisation()),
        )
        days = (
            ProgrammeDay.objects.for_event(self.object)
            .select_related("host")
            .prefetch_related(Prefetch("sessions", queryset=sessions))
            .order_by("date")
        )
        return super().get_context_data(days=days, **kwargs)


class ProgrammeDayEditView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """One day's sessions and, for each, its moderators, speakers and panellists, in one
    form saved atomically."""

    permission_required = (
        "events.add_session",
        "events.change_session",
        "events.delete_session",
        "events.add_sessionrole",
        "events.change_sessionrole",
        "events.delete_sessionrole",
    )
    template_name = "events/programme_day_form.html"

    @cached_property
    def day(self):
        event = get_object_or_404(
            Event.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )
        day = get_object_or_404(ProgrammeDay.objects.for_event(event), pk=self.kwargs["day_pk"])
        day.event = event
        return day

    def render_formsets(self, session_formset, role_formsets):
        session_forms = [(form, role_formsets[form.prefix]) for form in session_formset.forms]
        return self.render_to_response(
            self.get_context_data(
                event=self.day.event,
                day=self.day,
                days=ProgrammeDay.objects.for_event(self.day.event).order_by("date"),
                session_formset=session_formset,
                session_forms=session_forms,
            )
        )

    def get(self, request, *args, **kwargs):
        return self.render_formsets(*programme_day_formsets(self.day))

    def post(self, request, *args, **kwargs):
        session_formset, role_formsets = programme_day_formsets(self.day, request.POST)
        if validate_programme_day(session_formset, role_formsets):
            services.save_programme_day(
                self.day, session_formset=session_formset, role_formsets=role_formsets
            )
            messages.success(request, _("The programme of %(day)s is saved.") % {"day": self.day})
            if "save_and_continue" in request.POST:
                return redirect("events:programme_day_edit", self.day.event.slug, self.day.pk)
            programme = reverse("events:programme", args=[self.day.event.slug])
            return redirect(f"{programme}#day-{self.day.pk}")
        return self.render_formsets(session_formset, role_formsets)
