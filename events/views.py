"""Organisers' pages of an event (its form, its programme, the programme editor, deleting a
day) and of a team's themes. The event comes from `events.scoping`, the team from
`accounts.scoping`; everything below them is loaded through them, so another event's or
another team's object is a 404."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from accounts.integrity import add_errors_to_form
from accounts.scoping import TeamMixin, form_instance

from . import selectors, services
from .forms import (
    CopyProgrammeForm,
    EventForm,
    ThemeForm,
    blank_session,
    event_values,
    programme_day_changes,
    programme_day_formset,
    programme_day_formsets,
    row_changes,
    validate_programme_day,
)
from .models import Event
from .scoping import EventMixin, day_of

CHANGE_PERMISSION = "events.change_event"


class EventFormMixin:
    """Create or edit an event, its co-organisers, invited organisations, themes and days
    in one form."""

    template_name = "events/event_form.html"

    def get_event(self):
        raise NotImplementedError

    def get_forms(self, data=None):
        # The days are checked against the dates the event form is validating, on the
        # form's copy; the page keeps describing the stored event.
        event = form_instance(self.get_event())
        event_form = EventForm(data, instance=event)
        day_formset = programme_day_formset(
            data,
            event=event,
            extra=1 if event.pk else 3,
            moved_by=event_form.days_moved_by() if data is not None else datetime.timedelta(0),
        )
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
            try:
                event = self.save(
                    event_values(event_form),
                    row_changes(day_formset),
                    moved_by=event_form.days_moved_by(),
                )
            except ValidationError as error:
                add_errors_to_form(event_form, error)
            else:
                messages.success(request, _("%(event)s is saved.") % {"event": event})
                return redirect("events:programme", slug=event.slug)
        return self.render_to_response(
            self.get_context_data(form=event_form, day_formset=day_formset)
        )


class EventCreateView(TeamMixin, EventFormMixin, TemplateView):
    team_permission = "events.add_event"

    def get_event(self):
        return Event(team=self.team)

    def save(self, values, days, moved_by):
        return services.create_event(self.team, values=values, days=days)


class EventUpdateView(EventMixin, EventFormMixin, TemplateView):
    event_permission = CHANGE_PERMISSION

    def get_event(self):
        return self.event

    def save(self, values, days, moved_by):
        return services.update_event(self.event, values=values, days=days, move_days_by=moved_by)


class ProgrammeView(EventMixin, TemplateView):
    """Every day of an event with its sessions in time order, kinds, people and themes."""

    template_name = "events/programme_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(days=selectors.programme_days(self.event), **kwargs)


class ProgrammeCopyView(EventMixin, TemplateView):
    """Start an event's programme from a past event of the team: its days moved to this
    event's dates, its sessions and, if asked, their people."""

    event_permission = CHANGE_PERMISSION
    template_name = "events/programme_copy_form.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", CopyProgrammeForm(event=self.event))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = CopyProgrammeForm(request.POST, event=self.event)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        copied, left_out = services.copy_programme(
            form.cleaned_data["source"],
            to=self.event,
            with_people=form.cleaned_data["with_people"],
            by=request.user,
        )
        messages.success(
            request,
            ngettext(
                "%(count)d day copied from %(source)s.",
                "%(count)d days copied from %(source)s.",
                len(copied),
            )
            % {"count": len(copied), "source": form.cleaned_data["source"]},
        )
        if left_out:
            messages.warning(
                request,
                ngettext(
                    "%(count)d day was left out: it falls outside this event's dates or on "
                    "a day it already has (%(days)s).",
                    "%(count)d days were left out: they fall outside this event's dates or "
                    "on days it already has (%(days)s).",
                    len(left_out),
                )
                % {"count": len(left_out), "days": ", ".join(str(day) for day in left_out)},
            )
        return redirect("events:programme", slug=self.event.slug)


class ProgrammeDayEditView(EventMixin, TemplateView):
    """One day's sessions and, for each, its moderators, speakers and panellists, in one
    form saved atomically."""

    event_permission = CHANGE_PERMISSION
    template_name = "events/programme_day_form.html"

    @cached_property
    def day(self):
        return day_of(self.event, self.kwargs["day_pk"])

    def render_formsets(self, session_formset, role_formsets):
        session_forms = [(form, role_formsets[form.prefix]) for form in session_formset.forms]
        blank, blank_roles = blank_session(session_formset, event=self.event)
        return self.render_to_response(
            self.get_context_data(
                day=self.day,
                days=self.event.days.order_by("date"),
                session_formset=session_formset,
                session_forms=session_forms,
                role_formsets=role_formsets,
                blank_session=blank,
                blank_session_roles=blank_roles,
            )
        )

    def get(self, request, *args, **kwargs):
        return self.render_formsets(*programme_day_formsets(self.day))

    def post(self, request, *args, **kwargs):
        session_formset, role_formsets = programme_day_formsets(self.day, request.POST)
        if validate_programme_day(session_formset, role_formsets):
            _sessions, registered = services.save_programme_day(
                self.day,
                sessions=programme_day_changes(session_formset, role_formsets),
                by=request.user,
            )
            messages.success(request, _("The programme of %(day)s is saved.") % {"day": self.day})
            if registered:
                names = ", ".join(str(registration.person) for registration in registered)
                messages.info(
                    request,
                    ngettext(
                        "%(names)s was not registered to the event and now is.",
                        "%(names)s were not registered to the event and now are.",
                        len(registered),
                    )
                    % {"names": names},
                )
            programme = reverse("events:programme", args=[self.event.slug])
            return redirect(f"{programme}#day-{self.day.pk}")
        return self.render_formsets(session_formset, role_formsets)


class ProgrammeDayDeleteView(EventMixin, TemplateView):
    """Deleting a day: a page naming what goes with it (sessions, roles, check-ins), and
    on confirmation every row deleted with its history kept ("Deleted records")."""

    event_permission = CHANGE_PERMISSION
    template_name = "events/programme_day_confirm_delete.html"

    def get_context_data(self, **kwargs):
        day = day_of(self.event, self.kwargs["day_pk"])
        return super().get_context_data(day=day, contents=selectors.day_contents(day), **kwargs)

    def post(self, request, *args, **kwargs):
        day = day_of(self.event, kwargs["day_pk"])
        label = str(day)
        services.delete_programme_day(day)
        messages.success(
            request,
            _("%(day)s is deleted. It can be restored from “Deleted records”.") % {"day": label},
        )
        return redirect("events:programme", slug=self.event.slug)


# --- A team's themes -------------------------------------------------------------------


class ThemeListView(TeamMixin, TemplateView):
    """The team's theme catalogue: add, rename, reorder, deactivate, delete unused ones."""

    team_permission = "events.manage_themes"
    template_name = "events/theme_list.html"

    def get(self, request, *args, **kwargs):
        # Not TemplateView's get(): the URL's `team` (a slug) is not the context's team.
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        themes = list(self.team.themes.order_by("order", "name"))
        forms = kwargs.pop("forms", None) or {
            theme.pk: ThemeForm(instance=theme, prefix=f"theme-{theme.pk}") for theme in themes
        }
        used = selectors.used_theme_ids(self.team)
        rows = [(theme, forms[theme.pk], theme.pk in used) for theme in themes]
        return super().get_context_data(
            rows=rows,
            add_form=kwargs.pop("add_form", None) or ThemeForm(prefix="new", team=self.team),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "add" in request.POST:
            form = ThemeForm(request.POST, prefix="new", team=self.team)
            if form.is_valid():
                theme = services.add_theme(self.team, name=form.cleaned_data["name"])
                messages.success(request, _("%(theme)s is added.") % {"theme": theme})
                return redirect("events:theme_list", team=self.team.slug)
            return self.render_to_response(self.get_context_data(add_form=form), status=400)
        theme = get_object_or_404(self.team.themes.all(), pk=request.POST.get("theme"))
        form = ThemeForm(request.POST, instance=theme, prefix=f"theme-{theme.pk}")
        if form.is_valid():
            services.update_theme(
                theme,
                name=form.cleaned_data["name"],
                order=form.cleaned_data["order"],
                is_active=form.cleaned_data["is_active"],
            )
            messages.success(request, _("%(theme)s is saved.") % {"theme": theme})
            return redirect("events:theme_list", team=self.team.slug)
        forms = {
            other.pk: ThemeForm(instance=other, prefix=f"theme-{other.pk}")
            for other in self.team.themes.all()
        }
        forms[theme.pk] = form
        return self.render_to_response(self.get_context_data(forms=forms), status=400)


class ThemeDeleteView(TeamMixin, View):
    team_permission = "events.manage_themes"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        theme = get_object_or_404(self.team.themes.all(), pk=kwargs["pk"])
        try:
            services.delete_theme(theme)
        except services.ThemeInUse:
            messages.error(
                request,
                _(
                    "%(theme)s is used by events, sessions or factsheets and cannot be "
                    "deleted: deactivate it instead, and it will no longer be offered."
                )
                % {"theme": theme},
            )
        else:
            messages.success(request, _("%(theme)s is deleted.") % {"theme": theme})
        return redirect("events:theme_list", team=self.team.slug)
