from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView

from accounts.integrity import add_errors_to_form
from accounts.models import Team
from accounts.redirects import safe_next_url
from accounts.rules import team_roles
from accounts.scoping import ScopedObjectMixin, TeamMixin
from events.models import Event, EventStatus
from events.scoping import EventMixin, day_of, event_view
from security.once import (
    TOKEN_FIELD,
    AlreadySubmitted,
    add_token_field,
    answer_already_submitted,
    answer_resent,
    claim_submission,
    record_result,
)

from . import selectors, services
from .badge_tokens import read_badge_token
from .calendar_tokens import calendar_path
from .forms import (
    BulkCheckInForm,
    DiplomatForm,
    MissionForm,
    OrganisationForm,
    ParticipantFilterForm,
    PersonForm,
    RegistrationConsentForm,
    RegistrationForm,
    WalkInForm,
    person_label,
    position_at_the_time,
)
from .models import Mission, Organisation, Person, Registration, RegistrationRole

# The desk lists this many registrations at once; the search narrows down the rest.
DESK_ROWS = 50

CONTACT_PERMISSION = "participants.view_contact_details"


def _sees_contact(user, obj):
    return user.has_perm(CONTACT_PERMISSION, obj)


# --- Addresses without a team ---------------------------------------------------------------


def _first_team(user):
    """The team an address without one (the roster, import and export) opens in."""
    teams = Team.objects.order_by("name")
    if not user.is_superuser:
        teams = teams.filter(pk__in=team_roles(user))
    team = teams.first()
    if team is None:
        raise Http404
    return team


@login_required
@require_GET
def in_first_team(request, url_name, **kwargs):
    """Old addresses of team pages (`/missions/`...): the same page of the user's team."""
    return redirect(url_name, team=_first_team(request.user).slug, **kwargs)


# --- Participants of an event -------------------------------------------------------------


class RegistrationListView(EventMixin, ListView):
    event_permission = "participants.view_registrations"
    template_name = "participants/registration_list.html"
    context_object_name = "registrations"
    paginate_by = 50

    @cached_property
    def filter_form(self):
        return ParticipantFilterForm(self.request.GET or None, event=self.event)

    @cached_property
    def show_contact(self):
        return _sees_contact(self.request.user, self.event)

    def get_queryset(self):
        filters = self.filter_form.filters()
        return selectors.participant_list(
            self.event,
            query=filters.get("q", ""),
            organisation_kind=filters.get("organisation_kind", ""),
            gender=filters.get("gender", ""),
            role=filters.get("role", ""),
            day=filters.get("day"),
            include_email=self.show_contact,
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_form=self.filter_form,
            days=list(self.filter_form.fields["day"].queryset),
            query_string=query.urlencode(),
            show_contact=self.show_contact,
            can_register=self.request.user.has_perm(
                "participants.manage_registrations", self.event
            ),
            **kwargs,
        )


class PersonCreateView(EventMixin, CreateView):
    """A new person of the event's team, registered to the event with a role, in one form."""

    event_permission = "participants.manage_registrations"
    form_class = PersonForm
    template_name = "participants/person_form.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "event": self.event,
            "team": self.event.team,
            "show_contact": _sees_contact(self.request.user, self.event),
        }

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        add_token_field(form)
        return form

    def post(self, request, *args, **kwargs):
        done_url = reverse("participants:registration_list", args=[self.event.slug])
        return answer_resent(request, done_url) or super().post(request, *args, **kwargs)

    def form_valid(self, form):
        done_url = reverse("participants:registration_list", args=[self.event.slug])
        try:
            with transaction.atomic():
                claim = claim_submission(form.cleaned_data[TOKEN_FIELD], user=self.request.user)
                services.register_new_person(
                    form.save(commit=False),
                    event=self.event,
                    role=form.cleaned_data["role"],
                    by=self.request.user,
                    new_organisation=form.new_organisation(),
                )
                record_result(claim, done_url)
        except AlreadySubmitted:
            messages.info(
                self.request, _("This form was already submitted; nothing more was saved.")
            )
            return redirect(done_url)
        except ValidationError as error:
            add_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(person)s is registered to %(event)s.")
            % {"person": form.instance, "event": self.event},
        )
        return redirect("participants:registration_list", slug=self.event.slug)


class PersonDetailView(ScopedObjectMixin, DetailView):
    view_permission = "participants.view_person"
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
            "session_roles__session__day__event__team",
        )

    def calendar_links(self):
        """For each event where the person has a session, the address of their own
        calendar, for the organisers to send (it works once the event is published)."""
        links, seen = [], set()
        for role in self.object.session_roles.all():
            event = role.session.day.event
            if event.pk not in seen:
                seen.add(event.pk)
                url = self.request.build_absolute_uri(calendar_path(self.object, event=event))
                links.append(
                    {"event": event, "url": url, "works": event.status == EventStatus.PUBLISHED}
                )
        return links

    def get_context_data(self, **kwargs):
        user, person = self.request.user, self.object
        show_contact = _sees_contact(user, person)
        return super().get_context_data(
            can_change=user.has_perm("participants.change_person", person),
            show_contact=show_contact,
            can_manage_privacy=user.has_perm("participants.manage_privacy", person),
            calendar_links=self.calendar_links() if show_contact else [],
            **kwargs,
        )


class PersonUpdateView(ScopedObjectMixin, UpdateView):
    view_permission = "participants.view_person"
    permission = "participants.change_person"
    form_class = PersonForm
    template_name = "participants/person_form.html"
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.select_related("organisation")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "team": self.object.team,
            "show_contact": _sees_contact(self.request.user, self.object),
        }

    def form_valid(self, form):
        try:
            services.save_person(form.save(commit=False), new_organisation=form.new_organisation())
        except ValidationError as error:
            add_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(person)s is saved.") % {"person": form.instance})
        return redirect("participants:person_detail", pk=form.instance.pk)


@event_view("participants.view_person")
@require_GET
def person_search(request, slug):
    """People of the event's team matching the typed text, as pickable options (the
    person picker's htmx)."""
    event = request.event
    typed = request.GET.get("q") or next(
        (value for key, value in request.GET.items() if key.endswith("_search")), ""
    )
    people = []
    if len(typed.strip()) >= 2:
        people = selectors.search_people(
            Person.objects.of_team(event.team_id).select_related("organisation"),
            typed,
            include_email=_sees_contact(request.user, event),
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


class RegistrationCreateView(EventMixin, CreateView):
    """Register someone of the team's directory (picked by search) to the event."""

    event_permission = "participants.manage_registrations"
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
                public_consent=form.cleaned_data["public_consent"],
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


class RegistrationConsentView(EventMixin, UpdateView):
    """How one registered person may be shown publicly at this event."""

    event_permission = "participants.manage_registrations"
    form_class = RegistrationConsentForm
    template_name = "participants/registration_consent_form.html"
    context_object_name = "registration"

    def get_object(self, queryset=None):
        return get_object_or_404(
            self.event.registrations.select_related("person__organisation"), pk=self.kwargs["pk"]
        )

    def form_valid(self, form):
        registration = services.set_event_consent(
            self.object, consent=form.cleaned_data["public_consent"]
        )
        messages.success(
            self.request,
            _("How %(person)s is shown publicly at this event was saved.")
            % {"person": registration.person},
        )
        return redirect("participants:registration_list", slug=self.event.slug)


# --- Organisations ------------------------------------------------------------------------


class OrganisationDetailView(ScopedObjectMixin, DetailView):
    view_permission = "participants.view_organisation"
    template_name = "participants/organisation_detail.html"
    context_object_name = "organisation"
    queryset = Organisation.objects.all()

    def get_context_data(self, **kwargs):
        user, organisation = self.request.user, self.object
        people = organisation.people.order_by("family_name", "given_name")
        if not user.is_superuser:
            # A shared organisation (a mission) has people in several teams: only the
            # viewer's own teams' are listed.
            people = people.filter(team__in=list(team_roles(user)))
        return super().get_context_data(
            people=people,
            can_change=user.has_perm("participants.change_organisation", organisation),
            **kwargs,
        )


class OrganisationCreateView(TeamMixin, CreateView):
    team_permission = "participants.add_organisation"
    form_class = OrganisationForm
    template_name = "participants/organisation_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "team": self.team}

    def form_valid(self, form):
        try:
            organisation = services.create_organisation(form.save(commit=False), team=self.team)
        except ValidationError as error:
            add_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s is saved.") % {"name": organisation})
        return redirect(
            safe_next_url(
                self.request, reverse("participants:organisation_detail", args=[organisation.pk])
            )
        )


class OrganisationUpdateView(ScopedObjectMixin, UpdateView):
    view_permission = "participants.view_organisation"
    permission = "participants.change_organisation"
    form_class = OrganisationForm
    template_name = "participants/organisation_form.html"
    model = Organisation

    def form_valid(self, form):
        organisation = form.save()
        messages.success(self.request, _("%(name)s is saved.") % {"name": organisation})
        return redirect("participants:organisation_detail", pk=organisation.pk)


# --- Embassy roster -----------------------------------------------------------------------


class MissionListView(TeamMixin, ListView):
    """The shared missions, with the team's diplomats and focal point at each."""

    team_permission = "participants.view_mission"
    template_name = "participants/mission_list.html"
    context_object_name = "missions"

    @cached_property
    def event(self):
        """The event the roster was opened from (`?event=<slug>`), one of the team's."""
        slug = self.request.GET.get("event")
        if not slug:
            return None
        return get_object_or_404(Event.objects.of_team(self.team), slug=slug)

    def get_queryset(self):
        return selectors.mission_roster(self.team, event=self.event)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            event=self.event,
            can_add_mission=self.request.user.has_perm("participants.add_mission", self.team),
            **kwargs,
        )


class MissionContextMixin:
    """A mission (shared reference data) seen by the URL's team: only the team's own
    diplomats and its focal point."""

    @cached_property
    def mission(self):
        return get_object_or_404(Mission.objects.with_organisation(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        days, sessions = selectors.mission_attendance(self.mission, self.team)
        can_add = self.request.user.has_perm("participants.add_person", self.team)
        kwargs.setdefault(
            "form",
            DiplomatForm(
                mission=self.mission,
                team=self.team,
                show_contact=_sees_contact(self.request.user, self.team),
            )
            if can_add
            else None,
        )
        return super().get_context_data(
            mission=self.mission,
            diplomats=self.mission.diplomats_of(self.team).order_by("family_name", "given_name"),
            days_attended=days,
            sessions_attended=sessions,
            # The mission's change history (shared data, no person in it) is for organisers.
            can_change=self.request.user.has_perm("participants.add_mission", self.team),
            **kwargs,
        )


class MissionDetailView(TeamMixin, MissionContextMixin, DetailView):
    team_permission = "participants.view_mission"
    template_name = "participants/mission_detail.html"

    def get_object(self, queryset=None):
        return self.mission


class MissionFormMixin:
    """A mission's form (create or edit), from the URL's team's embassy roster."""

    form_class = MissionForm
    template_name = "participants/mission_form.html"

    def form_valid(self, form):
        try:
            mission = services.save_mission(
                form.save(commit=False),
                name=form.cleaned_data["name"],
                acronym=form.cleaned_data["acronym"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as error:
            add_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s is saved.") % {"name": mission})
        return redirect("participants:mission_detail", team=self.team.slug, pk=mission.pk)


class MissionCreateView(TeamMixin, MissionFormMixin, CreateView):
    team_permission = "participants.add_mission"


class MissionUpdateView(TeamMixin, MissionFormMixin, UpdateView):
    team_permission = "participants.change_mission"

    def get_object(self, queryset=None):
        return get_object_or_404(Mission.objects.with_organisation(), pk=self.kwargs["pk"])


class DiplomatCreateView(TeamMixin, MissionContextMixin, FormView):
    """Add a diplomat of the team to a mission from the mission's page."""

    team_permission = "participants.add_person"
    form_class = DiplomatForm
    template_name = "participants/mission_detail.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "mission": self.mission,
            "team": self.team,
            "show_contact": _sees_contact(self.request.user, self.team),
        }

    def form_valid(self, form):
        try:
            person = services.add_diplomat(
                self.mission,
                person=form.save(commit=False),
                team=self.team,
                make_focal_point=form.cleaned_data["make_focal_point"],
            )
        except ValidationError as error:
            add_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(person)s is added to %(mission)s.") % {"person": person, "mission": self.mission},
        )
        return redirect("participants:mission_detail", team=self.team.slug, pk=self.mission.pk)


# --- Registration desk --------------------------------------------------------------------


class DeskDayListView(EventMixin, ListView):
    """Pick the day to record attendance for."""

    event_permission = "participants.view_attendance"
    template_name = "participants/desk_day_list.html"
    context_object_name = "days"

    def get_queryset(self):
        return self.event.days.annotate(present=Count("attendances")).order_by("date")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_change_event=self.request.user.has_perm("events.change_event", self.event),
            **kwargs,
        )


def _desk_context(request, event, day, *, query="", walk_in_form=None):
    show_contact = _sees_contact(request.user, event)
    # A badge's QR code, typed by a scanner: exactly that registration, or nobody.
    badge = read_badge_token(query, event=event)
    registrations = selectors.desk_registrations(
        day, query="" if badge else query, include_email=show_contact
    )
    if badge is not None:
        registrations = (
            registrations.filter(pk=badge.registration_id)
            if badge.is_valid
            else registrations.none()
        )
    shown = registrations[:DESK_ROWS]
    if badge is not None:
        shown = list(shown)
    can_record = request.user.has_perm("participants.record_attendance", event)
    if walk_in_form is None and can_record:
        walk_in_form = WalkInForm(
            event=event,
            team=event.team,
            show_contact=show_contact,
            initial={"role": RegistrationRole.PARTICIPANT},
        )
        add_token_field(walk_in_form)
    return {
        "event": event,
        "day": day,
        "days": event.days.order_by("date"),
        "query": query,
        "badge": badge,
        # The scanned person is shown ready to check in: "Check in" has the focus.
        "badge_ready": bool(badge and shown and not shown[0].is_present),
        "registrations": shown,
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


@event_view("participants.view_attendance")
@require_GET
def desk(request, slug, day_pk):
    """The registration desk for one day: search, check in, undo, walk-ins, counters."""
    event = request.event
    day = day_of(event, day_pk)
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


@event_view("participants.record_attendance")
@require_POST
def check_in(request, slug, day_pk):
    event = request.event
    day = day_of(event, day_pk)
    registration = _posted_registration(request, event)
    services.check_in(registration, day=day, by=request.user)
    if request.htmx:
        return _row_response(request, event, day, registration.pk)
    return redirect(_desk_url(event, day, request.POST.get("q", "")))


@event_view("participants.record_attendance")
@require_POST
def undo_check_in(request, slug, day_pk):
    event = request.event
    day = day_of(event, day_pk)
    registration = _posted_registration(request, event)
    services.undo_check_in(registration, day=day, by=request.user)
    if request.htmx:
        return _row_response(request, event, day, registration.pk)
    return redirect(_desk_url(event, day, request.POST.get("q", "")))


@event_view("participants.record_attendance")
@require_POST
def walk_in(request, slug, day_pk):
    """A new person of the event's team, registered and checked in on the day, from the
    desk's short form."""
    event = request.event
    day = day_of(event, day_pk)
    if "existing_person" in request.POST:
        return _check_in_known_person(request, event, day)
    form = WalkInForm(
        request.POST,
        event=event,
        team=event.team,
        show_contact=_sees_contact(request.user, event),
    )
    add_token_field(form)
    resent = answer_resent(request, _desk_url(event, day, ""))
    if resent:
        return resent
    if form.is_valid():
        try:
            with transaction.atomic():
                claim = claim_submission(form.cleaned_data[TOKEN_FIELD], user=request.user)
                registration = services.register_walk_in(
                    form.save(commit=False),
                    day=day,
                    role=form.cleaned_data["role"],
                    by=request.user,
                    new_organisation=form.new_organisation(),
                )
                record_result(claim, _desk_url(event, day, registration.person.family_name))
        except AlreadySubmitted as done:
            return answer_already_submitted(request, done, _desk_url(event, day, ""))
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("%(person)s is registered and checked in.") % {"person": registration.person},
            )
            return redirect(_desk_url(event, day, registration.person.family_name))
    context = _desk_context(request, event, day, walk_in_form=form)
    return render(request, "participants/attendance_desk.html", context, status=200)


def _check_in_known_person(request, event, day):
    """ "Check in this person instead", offered by the walk-in form for someone already in
    the team's directory (another team's id is a 404)."""
    person_pk = request.POST["existing_person"]
    if not person_pk.isdigit():
        raise Http404
    person = get_object_or_404(event.team.people.all(), pk=person_pk)
    role = request.POST.get("role")
    if role not in RegistrationRole.values:
        role = RegistrationRole.PARTICIPANT
    registration = services.check_in_known_person(person, day=day, by=request.user, role=role)
    messages.success(request, _("%(person)s is checked in.") % {"person": registration.person})
    return redirect(_desk_url(event, day, person.family_name))


@event_view("participants.record_attendance")
@require_POST
def bulk_check_in(request, slug, day_pk):
    event = request.event
    day = day_of(event, day_pk)
    form = BulkCheckInForm(request.POST, event=event)
    query = request.POST.get("q", "")
    if form.is_valid():
        checked_in = services.bulk_check_in(
            form.cleaned_data["registrations"], day=day, by=request.user
        )
        messages.success(
            request,
            ngettext("%(count)d person checked in.", "%(count)d people checked in.", checked_in)
            % {"count": checked_in},
        )
    else:
        for error in form.errors.get("registrations", []):
            messages.error(request, error)
    return redirect(_desk_url(event, day, query))


@event_view("participants.view_attendance")
@require_GET
def attendance_list(request, slug, day_pk):
    """Who was present on a day, and the desk's latest check-ins and undos."""
    event = request.event
    day = day_of(event, day_pk)
    return render(
        request,
        "participants/attendance_list.html",
        {
            "event": event,
            "day": day,
            "days": event.days.order_by("date"),
            "attendances": selectors.attendance_list(day),
            "counters": selectors.desk_counters(day),
            "activity": selectors.recent_desk_activity(day, limit=20),
        },
    )
