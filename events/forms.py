import datetime

from django import forms
from django.db import models
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.forms.models import InlineForeignKeyField
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from accounts.multilingual import TranslationsFormMixin
from accounts.widgets import (
    Checklist,
    OptionalUntilFilledMixin,
    PersonChoiceField,
    PersonPickerWidget,
    QuickSelect,
    person_label,
)

from .models import Event, ProgrammeDay, Session, SessionRole, Theme
from .services import Change

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def organisation_facets(organisation):
    """What an organisation checklist filters on: the organisation's kind."""
    return {"kind": (organisation.kind, organisation.get_kind_display())}


def mission_facets(mission):
    """What a mission checklist filters on: permanent missions in Geneva or embassies in
    the capital, and where they sit."""
    return {
        "type": (mission.mission_type, mission.get_mission_type_display()),
        "city": (mission.city, mission.city),
    }


MISSION_FILTERS = {"type": _("All types"), "city": _("All cities")}
ORGANISATION_FILTERS = {"kind": _("All kinds")}


class EventForm(TranslationsFormMixin, forms.ModelForm):
    translated_fields = ("title", "description")

    move_days = forms.BooleanField(
        label=_("Move the programme days by the same number of days"),
        required=False,
        help_text=_("When the start date changes, every day (with its sessions) moves with it."),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "language",
            "slug",
            "format",
            "status",
            "country_under_review",
            "upr_cycle",
            "review_date",
            "city",
            "start_date",
            "end_date",
            "co_organisers",
            "invited_organisations",
            "themes",
            "self_registration_open",
            "self_registration_deadline",
        ]
        widgets = {
            "self_registration_deadline": DATE_INPUT,
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "review_date": DATE_INPUT,
            "co_organisers": Checklist(facets=organisation_facets, filters=ORGANISATION_FILTERS),
            "invited_organisations": Checklist(
                facets=organisation_facets, filters=ORGANISATION_FILTERS
            ),
            "themes": Checklist,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"slug": _("The event's address. Leave empty to make it from the title.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        team = self.instance.team  # set by the view: the event's, or the new event's team
        self.fields["slug"].required = False
        # The stored start date: the form writes the new one onto its instance.
        self.stored_start = self.instance.start_date
        if not (self.instance.pk and self.instance.days.exists()):
            del self.fields["move_days"]
        for name in ("co_organisers", "invited_organisations"):
            field = self.fields[name]
            field.queryset = field.queryset.available_to(team).order_by("name")
        current = self.instance.themes.all() if self.instance.pk else Theme.objects.none()
        self.fields["themes"].queryset = offered_themes(team, current)
        if not self.instance.pk and not self.is_bound:
            # A new event starts with every active theme of its team.
            self.initial["themes"] = list(team.themes.active().values_list("pk", flat=True))

    def days_moved_by(self):
        """How far the days move with the event: the change of its start date when "move
        the days" is ticked, else nothing."""
        if not self.is_valid() or not self.cleaned_data.get("move_days"):
            return datetime.timedelta(0)
        return self.cleaned_data["start_date"] - self.stored_start

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("title"):
            cleaned["slug"] = self._unique_slug(cleaned["title"])
        return cleaned

    def _unique_slug(self, title):
        base = slugify(title)[:90] or "event"
        others = Event.objects.exclude(pk=self.instance.pk)
        slug, number = base, 2
        while others.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug


class CopyProgrammeForm(forms.Form):
    """Which past event of the team to copy the programme from, and whether with its
    people."""

    source = forms.ModelChoiceField(
        label=_("Copy the programme of"), queryset=Event.objects.none(), empty_label=None
    )
    with_people = forms.BooleanField(
        label=_("With the moderators, speakers and panellists"),
        required=False,
        help_text=_("They are registered to this event too."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = (
            Event.objects.of_team(event.team).exclude(pk=event.pk).order_by("-start_date")
        )
        self.fields["source"].label_from_instance = self.event_label

    @staticmethod
    def event_label(event):
        return _("%(event)s (%(start)s)") % {
            "event": str(event),
            "start": date_format(event.start_date),
        }


class ThemeForm(TranslationsFormMixin, forms.ModelForm):
    """A theme of the team's catalogue: its name (in the language it is written in, and its
    translations), its place in the list, whether offered."""

    translated_fields = ("name",)

    class Meta:
        model = Theme
        fields = ["name", "language", "order", "is_active"]
        widgets = {
            "name": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            "order": forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
        }

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        if team is not None:
            self.instance.team = team
            # A new theme goes after the last one; the list's order fields move it.
            del self.fields["order"]
            del self.fields["is_active"]

    def _get_validation_exclusions(self):
        # The team is not a field of the form, but the name is unique per team: check it.
        exclude = super()._get_validation_exclusions()
        exclude.discard("team")
        return exclude


def offered_themes(team, current=()):
    """The themes a form offers: `team`'s active ones, plus those already chosen (a
    deactivated theme stays on the records that have it)."""
    chosen = [theme.pk for theme in current]
    return Theme.objects.filter(
        models.Q(team=team, is_active=True) | models.Q(pk__in=chosen)
    ).order_by("order", "name")


def person_search_url(event):
    """The person search of `event`'s team, for the programme editor's pickers."""
    return reverse("participants:person_search", args=[event.slug])


class ProgrammeDayForm(forms.ModelForm):
    class Meta:
        model = ProgrammeDay
        fields = ["date", "title", "venue", "host"]
        widgets = {"date": DATE_INPUT, "host": QuickSelect}

    def __init__(self, *args, team, moved_by=datetime.timedelta(0), **kwargs):
        super().__init__(*args, **kwargs)
        self.moved_by = moved_by
        host = self.fields["host"]
        host.queryset = host.queryset.available_to(team).order_by("name")
        self.fields["title"].help_text = ""  # the section's introduction gives the example

    def clean_date(self):
        # A stored day moving with the event: its row still shows the date before the move.
        date = self.cleaned_data["date"]
        if date and self.instance.pk and self.moved_by:
            return date + self.moved_by
        return date


class BaseProgrammeDayFormSet(BaseInlineFormSet):
    """Days of an event: within its dates, one per date. A day with sessions or check-ins
    is not deleted here: its own delete page says what would go and asks to confirm."""

    def clean(self):
        super().clean()
        event = self.instance
        seen = set()
        kept_days = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data"):
                continue
            if self._should_delete_form(form):
                # A deleted form's own errors are ignored by formsets: refuse at formset level.
                if not form.instance.pk:
                    continue
                check_ins = form.instance.attendances.count()
                sessions = form.instance.sessions.count()
                if check_ins:
                    kept_days.append(
                        ngettext(
                            "%(day)s has %(count)d check-in and cannot be deleted.",
                            "%(day)s has %(count)d check-ins and cannot be deleted.",
                            check_ins,
                        )
                        % {"day": form.instance, "count": check_ins}
                    )
                elif sessions:
                    kept_days.append(
                        ngettext(
                            "%(day)s has %(count)d session: delete it with “Delete this "
                            "day” on the programme, which shows what goes with it.",
                            "%(day)s has %(count)d sessions: delete it with “Delete this "
                            "day” on the programme, which shows what goes with it.",
                            sessions,
                        )
                        % {"day": form.instance, "count": sessions}
                    )
                continue
            date = form.cleaned_data.get("date")
            if not date or form.errors:
                continue
            if (
                event.start_date
                and event.end_date
                and not (event.start_date <= date <= event.end_date)
            ):
                form.add_error(
                    "date",
                    _("The day must lie within the event (%(start)s to %(end)s).")
                    % {
                        "start": date_format(event.start_date),
                        "end": date_format(event.end_date),
                    },
                )
            elif date in seen:
                form.add_error("date", _("This event already has a day on this date."))
            seen.add(date)
        if kept_days:
            raise forms.ValidationError(kept_days)


def programme_day_formset(data=None, *, event, extra=1, moved_by=datetime.timedelta(0)):
    DayFormSet = inlineformset_factory(
        Event,
        ProgrammeDay,
        form=ProgrammeDayForm,
        formset=BaseProgrammeDayFormSet,
        extra=extra,
        can_delete=True,
    )
    return DayFormSet(
        data,
        instance=event,
        prefix="days",
        form_kwargs={"team": event.team, "moved_by": moved_by},
        queryset=ProgrammeDay.objects.for_event(event).order_by("date")
        if event.pk
        else ProgrammeDay.objects.none(),
    )


GENEVA_FIELDS = (
    "state_under_review",
    "sur_delegation_present",
    "sur_took_floor",
    "missions_present",
)


class SessionForm(OptionalUntilFilledMixin, forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "start_time",
            "end_time",
            "order",
            "kind",
            "title",
            "description",
            "themes",
            *GENEVA_FIELDS,
        ]
        widgets = {
            "start_time": TIME_INPUT,
            "end_time": TIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
            "themes": Checklist,
            "missions_present": Checklist(facets=mission_facets, filters=MISSION_FILTERS),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        # The page explains the order once; repeated under every session it is noise.
        self.fields["order"].help_text = ""
        current = self.instance.themes.all() if self.instance.pk else ()
        self.fields["themes"].queryset = offered_themes(event.team, current)
        if event.is_geneva:
            missions = self.fields["missions_present"]
            missions.queryset = missions.queryset.with_organisation()
        else:
            for name in GENEVA_FIELDS:
                del self.fields[name]


class BaseSessionFormSet(BaseInlineFormSet):
    """A day's sessions. In a Geneva series each State under Review has one session."""

    def clean(self):
        super().clean()
        event = self.instance.event
        if not event.is_geneva:
            return
        taken = set(
            Session.objects.for_event(event)
            .exclude(day=self.instance)
            .exclude(state_under_review="")
            .values_list("state_under_review", flat=True)
        )
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            state = form.cleaned_data.get("state_under_review")
            if not state:
                continue
            if state in taken:
                form.add_error(
                    "state_under_review",
                    _(
                        "%(state)s already has a session in this series: one session per "
                        "State under Review."
                    )
                    % {"state": countries.name(state)},
                )
            taken.add(state)


class SessionRoleForm(OptionalUntilFilledMixin, forms.ModelForm):
    person = PersonChoiceField(
        label=_("Person"), widget=PersonPickerWidget(attrs={"class": "form-control-sm"})
    )

    class Meta:
        model = SessionRole
        fields = ["person", "role", "position", "order"]
        widgets = {
            "person": PersonPickerWidget(attrs={"class": "form-control-sm"}),
            "role": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "position": forms.TextInput(
                attrs={"class": "form-control form-control-sm", "data-role-position": ""}
            ),
            "order": forms.NumberInput(
                attrs={"class": "form-control form-control-sm", "data-row-order": ""}
            ),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        person.queryset = event.team.people.select_related("organisation")
        person.widget.search_url = person_search_url(event)

    def has_changed(self):
        # A blank row numbered after the last one (here or by the page's script) is
        # still blank.
        return any(name != "order" for name in self.changed_data)


class BaseSessionRoleFormSet(BaseInlineFormSet):
    """A session's moderators, speakers and panellists. The blank row that "Add a person"
    copies names its index `__role__`, not `__prefix__`: the blank session it sits in
    uses `__prefix__` for the session's own index (static/js/formset.js)."""

    placeholder = "__role__"

    @property
    def empty_form(self):
        form = self.form(
            **self.get_form_kwargs(None),
            auto_id=self.auto_id,
            prefix=self.add_prefix(self.placeholder),
            empty_permitted=True,
            use_required_attribute=False,
            renderer=self.form_renderer,
        )
        self.add_fields(form, None)
        return form


SessionRoleFormSet = inlineformset_factory(
    Session,
    SessionRole,
    form=SessionRoleForm,
    formset=BaseSessionRoleFormSet,
    extra=1,
    can_delete=True,
)


def _prime_person_labels(event, role_forms):
    """Give every person picker the chosen people's names in one query (only people of
    the event's team: another team's id brings back no name), and mark the rows of people
    not registered to the event (saving registers them)."""
    chosen = {str(form["person"].value()) for form in role_forms}
    ids = [value for value in chosen if value.isdigit()]
    people = event.team.people.filter(pk__in=ids).select_related("organisation")
    labels = {str(person.pk): person_label(person) for person in people}
    registrations = event.registrations.filter(person__in=ids)
    registered = {str(pk) for pk in registrations.values_list("person", flat=True)}
    for form in role_forms:
        form.fields["person"].widget.labels = labels
        person = str(form["person"].value())
        form.not_registered = person in labels and person not in registered


def programme_day_formsets(day, data=None):
    """The programme editor's formsets for `day`: its sessions, and for each session form
    (keyed by its prefix) the formset of its moderators, speakers and panellists."""
    SessionFormSet = inlineformset_factory(
        ProgrammeDay,
        Session,
        form=SessionForm,
        formset=BaseSessionFormSet,
        extra=1,
        can_delete=True,
    )
    sessions = (
        Session.objects.filter(day=day)
        .order_by("start_time", "order", "pk")
        .prefetch_related("themes", "missions_present")
    )
    session_formset = SessionFormSet(
        data, instance=day, prefix="sessions", queryset=sessions, form_kwargs={"event": day.event}
    )
    role_formsets = {
        form.prefix: session_role_formset(form, data, event=day.event)
        for form in session_formset.forms
    }
    _prime_person_labels(
        day.event, [role_form for formset in role_formsets.values() for role_form in formset.forms]
    )
    return session_formset, role_formsets


def session_role_formset(session_form, data=None, *, event):
    """The roles of the session of `session_form`; its blank row comes after the last."""
    session = session_form.instance
    formset = SessionRoleFormSet(
        data,
        instance=session,
        prefix=f"{session_form.prefix}-roles",
        form_kwargs={"event": event},
        queryset=SessionRole.objects.filter(session=session).order_by("order", "pk")
        if session.pk
        else SessionRole.objects.none(),
    )
    # Read lazily, when the blank row is built: after the stored rows are fetched.
    last = max((role.order for role in formset.get_queryset()), default=0)
    formset.initial_extra = [{"order": last + 1}]
    return formset


def blank_session(session_formset, *, event):
    """The blank session and its blank roles that "Add a session" copies."""
    form = session_formset.empty_form
    return form, session_role_formset(form, event=event)


def validate_programme_day(session_formset, role_formsets):
    """True when the sessions and the roles of every kept session are valid. A new session
    left empty while people were added to it gets an error rather than losing them."""
    valid = session_formset.is_valid()
    for form in session_formset.forms:
        if session_formset._should_delete_form(form):
            continue
        role_formset = role_formsets[form.prefix]
        if not role_formset.is_valid():
            valid = False
        if form.instance.pk is None and not form.has_changed() and role_formset.has_changed():
            form.add_error(
                None, _("Fill in this session's times, kind and title before adding people.")
            )
            valid = False
    return valid


# --- From validated forms to the services' values ------------------------------------------


def _is_dropped(formset, form):
    return formset.can_delete and formset._should_delete_form(form)


def _is_blank_extra(form):
    return form.instance.pk is None and not form.has_changed()


def _values(form):
    """The cleaned fields of `form`, without an inline formset's link to its parent (the
    service sets it)."""
    return {
        name: form.cleaned_data[name]
        for name, field in form.fields.items()
        if name in form._meta.fields and not isinstance(field, InlineForeignKeyField)
    }


def row_changes(formset, children=None):
    """`Change`s from a validated model formset: deleted rows, changed or new rows (blank
    extra forms left out). `children` maps a form's prefix to its child formset's changes."""
    changes = []
    for form in formset.forms:
        obj = form.instance if form.instance.pk else None
        if _is_dropped(formset, form):
            if obj is not None:
                changes.append(Change(obj=obj, delete=True))
            continue
        if _is_blank_extra(form):
            continue
        changes.append(
            Change(
                obj=obj,
                values=_values(form),
                children=tuple(children[form.prefix]) if children else (),
            )
        )
    return changes


def event_values(event_form):
    """The fields of a validated `EventForm`, many-to-many ones as lists."""
    return {
        name: list(value) if name in ("co_organisers", "invited_organisations", "themes") else value
        for name, value in _values(event_form).items()
    }


def programme_day_changes(session_formset, role_formsets):
    """The sessions of validated programme-editor formsets, each with its roles."""
    roles = {prefix: row_changes(formset) for prefix, formset in role_formsets.items()}
    return row_changes(session_formset, children=roles)
