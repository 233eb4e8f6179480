from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from participants.forms import (
    PersonChoiceField,
    PersonPickerWidget,
    QuickSelect,
    QuickSelectMultiple,
    person_label,
)
from participants.models import Mission, Organisation, Person

from .models import Event, ProgrammeDay, Session, SessionRole

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
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
        ]
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "review_date": DATE_INPUT,
            "co_organisers": QuickSelectMultiple(attrs={"class": "select-tall", "size": 8}),
        }
        help_texts = {"slug": _("The event's address. Leave empty to make it from the title.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["co_organisers"].queryset = Organisation.objects.order_by("name")
        self.fields["co_organisers"].help_text = _(
            "Ctrl-click (Cmd-click on a Mac) to pick several."
        )

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


class ProgrammeDayForm(forms.ModelForm):
    class Meta:
        model = ProgrammeDay
        fields = ["date", "title", "venue", "host"]
        widgets = {"date": DATE_INPUT, "host": QuickSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = Organisation.objects.order_by("name")
        self.fields["title"].help_text = ""  # the section's introduction gives the example


class BaseProgrammeDayFormSet(BaseInlineFormSet):
    """Days of an event: within its dates, one per date, and a day with check-ins is kept."""

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
                check_ins = form.instance.attendances.count() if form.instance.pk else 0
                if check_ins:
                    kept_days.append(
                        ngettext(
                            "%(day)s has %(count)d check-in and cannot be deleted.",
                            "%(day)s has %(count)d check-ins and cannot be deleted.",
                            check_ins,
                        )
                        % {"day": form.instance, "count": check_ins}
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
                    % {"start": event.start_date, "end": event.end_date},
                )
            elif date in seen:
                form.add_error("date", _("This event already has a day on this date."))
            seen.add(date)
        if kept_days:
            raise forms.ValidationError(kept_days)


def programme_day_formset(data=None, *, event, extra=1):
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
        queryset=ProgrammeDay.objects.for_event(event).order_by("date")
        if event.pk
        else ProgrammeDay.objects.none(),
    )


GENEVA_FIELDS = ("state_under_review", "state_under_review_took_floor", "missions_present")


class SessionForm(forms.ModelForm):
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
            "themes": forms.SelectMultiple(attrs={"class": "select-tall", "size": 6}),
            "missions_present": forms.SelectMultiple(attrs={"class": "select-tall", "size": 6}),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        # The page explains the order once; repeated under every session it is noise.
        self.fields["order"].help_text = ""
        self.fields["themes"].help_text = _("Ctrl-click (Cmd-click on a Mac) to pick several.")
        if event.is_geneva:
            self.fields["missions_present"].help_text = _(
                "Ctrl-click (Cmd-click on a Mac) to pick several."
            )
            self.fields["missions_present"].queryset = Mission.objects.with_organisation()
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


class SessionRoleForm(forms.ModelForm):
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
            "order": forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
        }


SessionRoleFormSet = inlineformset_factory(
    Session, SessionRole, form=SessionRoleForm, extra=2, can_delete=True
)


def _prime_person_labels(role_forms):
    """Give every person picker the chosen people's names in one query."""
    chosen = {str(form["person"].value()) for form in role_forms}
    ids = [value for value in chosen if value.isdigit()]
    people = Person.objects.filter(pk__in=ids).select_related("organisation")
    labels = {str(person.pk): person_label(person) for person in people}
    for form in role_forms:
        form.fields["person"].widget.labels = labels


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
    role_formsets = {}
    for form in session_formset.forms:
        role_formsets[form.prefix] = SessionRoleFormSet(
            data,
            instance=form.instance,
            prefix=f"{form.prefix}-roles",
            queryset=SessionRole.objects.filter(session=form.instance).order_by("order", "pk")
            if form.instance.pk
            else SessionRole.objects.none(),
        )
    _prime_person_labels(
        [role_form for formset in role_formsets.values() for role_form in formset.forms]
    )
    return session_formset, role_formsets


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
