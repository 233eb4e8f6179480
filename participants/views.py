from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView

from events.models import Event, ProgrammeDay

from . import selectors, services
from .forms import (
    BulkCheckInForm,
    DiplomatForm,
    OrganisationForm,
    ParticipantFilterForm,
    PersonForm,
    RegistrationForm,
    WalkInForm,
    person_label,
    position_at_the_time,
)
from .models import Mission, Organisation, Person, Registration, RegistrationRole

# The desk lists this many registrations at once; the search narrows down the rest.
DESK_ROWS = 50


def _event_for(request, slug):
    return get_object_or_404(Event.objects.visible_to(request.user), slug=slug)


def _day_for(event, day_pk):
    """A day of `event`; a day of another event is a 404."""
    day = get_object_or_404(ProgrammeDay.objects.for_event(event), pk=day_pk)
    day.event = event
    return day


class EventScopedMixin:
    """Loads the event of the URL through Event.objects.visible_to (after permission checks)."""

    @cached_property
    def event(self):
        return _event_for(self.request, self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, **kwargs)


# --- Participants of an event -------------------------------------------------------------


class RegistrationListView(LoginRequiredMixin, PermissionRequiredMixin, EventScopedMixin, ListView):
    permission_required = "participants.view_registration"
    template_name = "participants/registration_list.html"
    context_object_name = "registrations"
    paginate_by = 50

    @cached_property
    def filter_form(self):
        return ParticipantFilterForm(self.request.GET or None, event=self.event)

    def get_queryset(self):
        filters = self.filter_form.filters()
        return selectors.participant_list(
            self.event,
            query=filters.get("q", ""),
            organisation_kind=filters.get("organisation_kind", ""),
            gender=filters.get("gender", ""),
            role=filters.get("role", ""),
            day=filters.get("day"),
            include_email=self.request.user.has_perm("participants.view_contact_details"),
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_form=self.filter_form,
            days=list(self.filter_form.fields["day"].queryset),
            query_string=query.urlencode(),
            **kwargs,
        )


class PersonCreateView(LoginRequiredMixin, PermissionRequiredMixin, EventScopedMixin, CreateView):
    """A new person, registered to the event with a role, in one form."""

    permission_required = ("participants.add_person", "participants.add_registration")
    form_class = PersonForm
    template_name = "participants/person_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "event": self.event}

    def form_valid(self, form):
        try:
            services.register_new_person(
                form.save(commit=False),
                event=self.event,
                role=form.cleaned_data["role"],
                by=self.request.user,
                new_organisation=form.new_organisation(),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(person)s is registered to %(event)s.")
            % {"person": form.instance, "event": self.event},
        )
        return redirect("participants:registration_list", slug=self.event.slug)


class PersonDetailView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    permission_required = "participants.view_person"
    template_name = "participants/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.select_related("organisation").prefetch_related(
            Prefetch(
                "registrations",
                queryset=Registration.objects.select_related("event")
                .prefetch_related("attendances__day")
                .order_by("-event__start_date"),
            ),
            "session_roles__session__day__event",
        )


class PersonUpdateView(LoginRequiredMixin, PermissionRequiredMixin, UpdateView):
    permission_required = "participants.change_person"
    form_class = PersonForm
    template_name = "participants/person_form.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.select_related("organisation")

    def form_valid(self, form):
        services.save_person(form.save(commit=False), new_organisation=form.new_organisation())
        messages.success(self.request, _("%(person)s is saved.") % {"person": form.instance})
        return redirect("participants:person_detail", pk=form.instance.pk)


@login_required
@permission_required("participants.view_person", raise_exception=True)
@require_GET
def person_search(request):
    """People matching the typed text, as pickable options (the person picker's htmx)."""
    typed = request.GET.get("q") or next(
        (value for key, value in request.GET.items() if key.endswith("_search")), ""
    )
    people = []
    if len(typed.strip()) >= 2:
        people = selectors.search_people(
            Person.objects.select_related("organisation"),
            typed,
            include_email=request.user.has_perm("participants.view_contact_details"),
        ).order_by("family_name", "given_name")[:10]
    options = [
        {
            "person": person,
            "label": person_label(person),
            "position": position_at_the_time(person),
        }
        for person in people
    ]
    return render(
        request,
        "participants/_person_search_results.html",
        {"options": options, "typed": typed.strip()},
    )


class RegistrationCreateView(
    LoginRequiredMixin, PermissionRequiredMixin, EventScopedMixin, CreateView
):
    """Register someone already known to the app (picked by search) to the event."""

    permission_required = "participants.add_registration"
    form_class = RegistrationForm
    template_name = "participants/registration_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "event": self.event}

    def form_valid(self, form):
        try:
            registration = services.register_person(
                form.cleaned_data["person"],
                event=self.event,
                role=form.cleaned_data["role"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error("person", error.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(person)s is registered as %(role)s.")
            % {"person": registration.person, "role": registration.get_role_display()},
        )
        return redirect("participants:registration_list", slug=self.event.slug)


# --- Organisations ------------------------------------------------------------------------


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class OrganisationDetailView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    permission_required = "participants.view_organisation"
    template_name = "participants/organisation_detail.html"
    context_object_name = "organisation"
    queryset = Organisation.objects.prefetch_related("people")


class OrganisationCreateView(LoginRequiredMixin, PermissionRequiredMixin, CreateView):
    permission_required = "participants.add_organisation"
    form_class = OrganisationForm
    template_name = "participants/organisation_form.html"

    def form_valid(self, form):
        organisation = form.save()
        messages.success(self.request, _("%(name)s is saved.") % {"name": organisation})
        return redirect(
            _safe_next(
                self.request, reverse("participants:organisation_detail", args=[organisation.pk])
            )
        )


class OrganisationUpdateView(LoginRequiredMixin, PermissionRequiredMixin, UpdateView):
    permission_required = "participants.change_organisation"
    form_class = OrganisationForm
    template_name = "participants/organisation_form.html"
    model = Organisation

    def form_valid(self, form):
        organisation = form.save()
        messages.success(self.request, _("%(name)s is saved.") % {"name": organisation})
        return redirect("participants:organisation_detail", pk=organisation.pk)


# --- Embassy roster -----------------------------------------------------------------------


class MissionListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "participants.view_mission"
    template_name = "participants/mission_list.html"
    context_object_name = "missions"

    def get_queryset(self):
        return selectors.mission_roster()


class MissionContextMixin:
    @cached_property
    def mission(self):
        return get_object_or_404(Mission.objects.with_organisation(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        days, sessions = selectors.mission_attendance(self.mission)
        kwargs.setdefault(
            "form",
            DiplomatForm(mission=self.mission)
            if self.request.user.has_perm("participants.add_person")
            else None,
        )
        return super().get_context_data(
            mission=self.mission,
            diplomats=self.mission.organisation.people.order_by("family_name", "given_name"),
            days_attended=days,
            sessions_attended=sessions,
            **kwargs,
        )


class MissionDetailView(
    LoginRequiredMixin, PermissionRequiredMixin, MissionContextMixin, DetailView
):
    permission_required = "participants.view_mission"
    template_name = "participants/mission_detail.html"

    def get_object(self, queryset=None):
        return self.mission


class DiplomatCreateView(
    LoginRequiredMixin, PermissionRequiredMixin, MissionContextMixin, FormView
):
    """Add a diplomat to a mission from the mission's page."""

    permission_required = "participants.add_person"
    form_class = DiplomatForm
    template_name = "participants/mission_detail.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mission": self.mission}

    def form_valid(self, form):
        person = services.add_diplomat(
            self.mission,
            person=form.save(commit=False),
            make_focal_point=form.cleaned_data["make_focal_point"],
        )
        messages.success(
            self.request,
            _("%(person)s is added to %(mission)s.") % {"person": person, "mission": self.mission},
        )
        return redirect("participants:mission_detail", pk=self.mission.pk)


# --- Registration desk --------------------------------------------------------------------


class DeskDayListView(LoginRequiredMixin, PermissionRequiredMixin, EventScopedMixin, ListView):
    """Pick the day to record attendance for."""

    permission_required = "participants.view_attendance"
    template_name = "participants/desk_day_list.html"
    context_object_name = "days"

    def get_queryset(self):
        return (
            ProgrammeDay.objects.for_event(self.event)
            .annotate(present=Count("attendances"))
            .order_by("date")
        )


def _desk_context(request, event, day, *, query="", walk_in_form=None):
    registrations = selectors.desk_registrations(
        day,
        query=query,
        include_email=request.user.has_perm("participants.view_contact_details"),
    )
    can_record = request.user.has_perm("participants.add_attendance")
    if walk_in_form is None and can_record:
        walk_in_form = WalkInForm(event=event, initial={"role": RegistrationRole.PARTICIPANT})
    return {
        "event": event,
        "day": day,
        "days": ProgrammeDay.objects.for_event(event).order_by("date"),
        "query": query,
        "registrations": registrations[:DESK_ROWS],
        "matching": registrations.count(),
        "desk_rows": DESK_ROWS,
        "counters": selectors.desk_counters(day),
        # One URL per action for every row (the row posts its registration): reversing
        # two URLs per row was half the time the desk took to render.
        "check_in_url": reverse("participants:check_in", args=[event.slug, day.pk]),
        "undo_url": reverse("participants:undo_check_in", args=[event.slug, day.pk]),
        "walk_in_form": walk_in_form,
        "can_record": can_record,
    }


@login_required
@permission_required("participants.view_attendance", raise_exception=True)
@require_GET
def desk(request, slug, day_pk):
    """The registration desk for one day: search, check in, undo, walk-ins, counters."""
    event = _event_for(request, slug)
    day = _day_for(event, day_pk)
    query = request.GET.get("q", "").strip()
    context = _desk_context(request, event, day, query=query)
    if request.htmx and request.htmx.target == "desk-rows":
        return render(request, "participants/_desk_rows.html", context)
    return render(request, "participants/attendance_desk.html", context)


def _desk_url(event, day, query=""):
    url = reverse("participants:desk", args=[event.slug, day.pk])
    return f"{url}?{urlencode({'q': query})}" if query else url


def _posted_registration(request, event):
    """The registration named by the POST's `registration`; another event's is a 404."""
    registration_pk = request.POST.get("registration", "")
    if not registration_pk.isdigit():
        raise Http404
    return get_object_or_404(Registration.objects.for_event(event), pk=registration_pk)


def _row_response(request, event, day, registration_pk):
    registration = get_object_or_404(selectors.desk_registrations(day), pk=registration_pk)
    return render(
        request,
        "participants/_checkin_row.html",
        {
            "event": event,
            "day": day,
            "registration": registration,
            "counters": selectors.desk_counters(day),
            "check_in_url": reverse("participants:check_in", args=[event.slug, day.pk]),
            "undo_url": reverse("participants:undo_check_in", args=[event.slug, day.pk]),
            "can_record": True,
            "with_counters": True,
        },
    )


@login_required
@permission_required("participants.add_attendance", raise_exception=True)
@require_POST
def check_in(request, slug, day_pk):
    event = _event_for(request, slug)
    day = _day_for(event, day_pk)
    registration = _posted_registration(request, event)
    services.check_in(registration, day=day, by=request.user)
    if request.htmx:
        return _row_response(request, event, day, registration.pk)
    return redirect(_desk_url(event, day, request.POST.get("q", "")))


@login_required
@permission_required("participants.delete_attendance", raise_exception=True)
@require_POST
def undo_check_in(request, slug, day_pk):
    event = _event_for(request, slug)
    day = _day_for(event, day_pk)
    registration = _posted_registration(request, event)
    services.undo_check_in(registration, day=day, by=request.user)
    if request.htmx:
        return _row_response(request, event, day, registration.pk)
    return redirect(_desk_url(event, day, request.POST.get("q", "")))


@login_required
@permission_required(
    ("participants.add_person", "participants.add_registration", "participants.add_attendance"),
    raise_exception=True,
)
@require_POST
def walk_in(request, slug, day_pk):
    """A new person, registered and checked in on the day, from the desk's short form."""
    event = _event_for(request, slug)
    day = _day_for(event, day_pk)
    form = WalkInForm(request.POST, event=event)
    if form.is_valid():
        try:
            registration = services.register_walk_in(
                form.save(commit=False),
                day=day,
                role=form.cleaned_data["role"],
                by=request.user,
                new_organisation=form.new_organisation(),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("%(person)s is registered and checked in.") % {"person": registration.person},
            )
            return redirect(_desk_url(event, day, registration.person.family_name))
    context = _desk_context(request, event, day, walk_in_form=form)
    return render(request, "participants/attendance_desk.html", context, status=200)


@login_required
@permission_required("participants.add_attendance", raise_exception=True)
@require_POST
def bulk_check_in(request, slug, day_pk):
    event = _event_for(request, slug)
    day = _day_for(event, day_pk)
    form = BulkCheckInForm(request.POST, event=event)
    query = request.POST.get("q", "")
    if form.is_valid():
        checked_in = services.bulk_check_in(
            form.cleaned_data["registrations"], day=day, by=request.user
        )
        messages.success(request, _("%(count)d people checked in.") % {"count": checked_in})
    else:
        for error in form.errors.get("registrations", []):
            messages.error(request, error)
    return redirect(_desk_url(event, day, query))


@login_required
@permission_required("participants.view_attendance", raise_exception=True)
@require_GET
def attendance_list(request, slug, day_pk):
    """Who was present on a day, and the desk's latest check-ins and undos."""
    event = _event_for(request, slug)
    day = _day_for(event, day_pk)
    return render(
        request,
        "participants/attendance_list.html",
        {
            "event": event,
            "day": day,
            "days": ProgrammeDay.objects.for_event(event).order_by("date"),
            "attendances": selectors.attendance_list(day),
            "counters": selectors.desk_counters(day),
            "activity": selectors.recent_desk_activity(day, limit=20),
        },
    )
