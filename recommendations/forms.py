"""Forms of the recommendation pages, one section per area. They only read input: the
services (services.py) write and hold the rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from events.models import Event, EventFormat, Session

from .models import ActionCategory, ImplementationAssessment, ImplementationLevel, Response, Review
from .regions import RegionalGroup
from .services import check_evidence_links

# Reviews: the review form (its fields and the pre-session events held before it) and the
# review page's filters.

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def event_choices(team):
    """What a review may be linked to: each of the team's events, except that a Geneva
    series is linked through its session on the review's State (one review per session).
    Values are `event-<pk>` and `session-<pk>`; returns `(choices, {value: (event, session)})`."""
    events = list(Event.objects.filter(team=team).order_by("-start_date", "title"))
    sessions = (
        Session.objects.filter(day__event__team=team, day__event__format=EventFormat.GENEVA)
        .exclude(state_under_review="")
        .select_related("day__event")
        .order_by("day__date", "start_time", "order")
    )
    sessions_of = {}
    for session in sessions:
        sessions_of.setdefault(session.day.event_id, []).append(session)
    choices, targets = [], {}
    for event in events:
        if not event.is_geneva:
            value = f"event-{event.pk}"
            choices.append((value, _("%(event)s (%(dates)s)") % _event_label(event)))
            targets[value] = (event, None)
            continue
        for session in sessions_of.get(event.pk, ()):
            value = f"session-{session.pk}"
            choices.append(
                (
                    value,
                    _("%(event)s (%(dates)s), session on %(state)s")
                    % {**_event_label(event), "state": session.state_under_review.name},
                )
            )
            targets[value] = (event, session)
    return choices, targets


def _event_label(event):
    return {"event": event.title, "dates": event.dates}


def link_value(link):
    return f"session-{link.session_id}" if link.session_id else f"event-{link.event_id}"


class ReviewForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("Pre-session events held before the review"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "A Geneva series is linked through its session on this State. An event already "
            "linked to another review of the same State moves to this one."
        ),
    )

    class Meta:
        model = Review
        fields = [
            "state_under_review",
            "cycle",
            "wg_session",
            "review_date",
            "wg_report_symbol",
            "addendum_symbol",
        ]
        widgets = {"review_date": DATE_INPUT}

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.team = team
        choices, self.event_targets = event_choices(team)
        self.fields["events"].choices = choices
        self.fields["cycle"].widget.attrs.update(min=1, max=4)
        if self.instance.pk and not self.is_bound:
            self.initial["events"] = [link_value(link) for link in self.instance.event_links.all()]

    def _get_validation_exclusions(self):
        # The team is not a field, but one review per team, State and cycle is the form's
        # message to give, not a server error.
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("team")
        return exclusions

    def linked_events(self):
        """The chosen `(event, session or None)` pairs."""
        return [self.event_targets[value] for value in self.cleaned_data["events"]]

    def review_values(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


YES_NO = [("", _("Any")), ("yes", _("Yes")), ("no", _("No"))]
NO_ASSESSMENT = "none"


class RecommendationFilterForm(forms.Form):
    """The review page's filters, read from the query string. Choices come from the review:
    the States that made its recommendations, the themes its recommendations carry."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    state = forms.ChoiceField(label=_("Recommending State"), required=False)
    group = forms.ChoiceField(
        label=_("Regional group"),
        required=False,
        choices=[("", _("Any group")), *RegionalGroup.choices],
    )
    theme = forms.TypedChoiceField(label=_("Theme"), required=False, coerce=int, empty_value=None)
    response = forms.ChoiceField(
        label=_("Response"), required=False, choices=[("", _("Any response")), *Response.choices]
    )
    category = forms.TypedChoiceField(
        label=_("Action category"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any category")), *ActionCategory.choices],
    )
    matched = forms.ChoiceField(
        label=_("Reflects a CSO suggestion"), required=False, choices=YES_NO
    )
    level = forms.ChoiceField(
        label=_("Implementation"),
        required=False,
        choices=[
            ("", _("Any level")),
            *ImplementationLevel.choices,
            (NO_ASSESSMENT, _("Not assessed")),
        ],
        help_text=_("The latest assessment of any organisation."),
    )

    def __init__(self, *args, state_codes=(), themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Any State"))] + sorted(
            ((code, countries.name(code)) for code in state_codes), key=lambda c: c[1]
        )
        self.fields["theme"].choices = [("", _("Any theme"))] + [
            (theme.pk, str(theme)) for theme in themes
        ]

    def filters(self):
        """The chosen filters as `review_page`'s keyword arguments; an invalid value (a
        hand-edited query string) is left out rather than refused."""
        values = {}
        for name in self.fields:
            field = self[name]
            try:
                value = self.fields[name].clean(field.data)
            except forms.ValidationError:
                continue
            if value not in ("", None):
                values[name] = value
        return {
            "search": values.get("q", "").strip(),
            "state": values.get("state", ""),
            "regional_group": values.get("group", ""),
            "theme": values.get("theme"),
            "response": values.get("response", ""),
            "action_category": values.get("category"),
            "matched": {"yes": True, "no": False}.get(values.get("matched")),
            "level": values.get("level", ""),
        }


# Imports ---------------------------------------------------------------------------------


class RecommendationImportForm(forms.Form):
    """The upload page: the file, and what to import from it into which review. The file's
    format is read from its content (recommendations.parsing.sniff)."""

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A UPR Info database export (.xls or CSV), a Working Group report or its "
            "addendum (PDF), an OHCHR thematic list (.docx) or a Universal Human Rights "
            "Index export (.xlsx)."
        ),
    )
    review = forms.ModelChoiceField(
        label=_("Into the review"),
        queryset=None,
        required=False,
        empty_label=_("The review of each State and cycle in the file (created if missing)"),
    )
    state_under_review = forms.ChoiceField(
        label=_("State under Review"),
        required=False,
        help_text=_(
            "For a file with many States (a UPR Info export): import only this State. "
            "Needed for a thematic list, which does not name its State."
        ),
    )
    cycle = forms.TypedChoiceField(
        label=_("Cycle"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Every cycle in the file")), *((n, str(n)) for n in range(1, 5))],
    )
    addendum = forms.FileField(
        label=_("Addendum (responses)"),
        required=False,
        help_text=_("With a Working Group report: its addendum, which gives the responses."),
    )
    event = forms.ModelChoiceField(
        label=_("Pre-session event"),
        queryset=None,
        required=False,
        empty_label=_("No event"),
        help_text=_("Link the review to a pre-session event of your team held before it."),
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = team.reviews.order_by("state_under_review", "-cycle")
        self.fields["event"].queryset = team.events.order_by("-start_date")
        self.fields["state_under_review"].choices = [
            ("", _("Every State in the file")),
            *countries,
        ]

    def clean(self):
        cleaned = super().clean()
        review = cleaned.get("review")
        if review is not None:
            state, cycle = cleaned.get("state_under_review"), cleaned.get("cycle")
            if state and state != review.state_under_review.code:
                self.add_error("state_under_review", _("The review chosen is of another State."))
            if cycle and cycle != review.cycle:
                self.add_error("cycle", _("The review chosen is of another cycle."))
        return cleaned

    def options(self):
        """What the import is asked to do, as the session keeps it until the confirmation."""
        data = self.cleaned_data
        return {
            "review_id": data["review"].pk if data.get("review") else None,
            "state_under_review": data.get("state_under_review") or "",
            "cycle": data.get("cycle"),
            "event_id": data["event"].pk if data.get("event") else None,
        }


# Assessments -------------------------------------------------------------------------------


class EvidenceLinksField(forms.CharField):
    """Web addresses, one a line, as a list of http(s) addresses."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def clean(self, value):
        text = super().clean(value)
        try:
            return check_evidence_links(text.splitlines()) if text else []
        except ValidationError as error:
            raise ValidationError(error.message_dict["links"]) from None


class AssessmentForm(forms.ModelForm):
    """An organisation's assessment of one recommendation. The organisation is never a
    field: it is the signed-in CSO staff member's own."""

    links = EvidenceLinksField(
        label=_("Links to evidence"),
        required=False,
        help_text=_("Web addresses (http:// or https://), one a line."),
    )

    class Meta:
        model = ImplementationAssessment
        fields = ["level", "assessed_on", "evidence", "links", "responsible_institution", "source"]
        widgets = {
            "level": forms.RadioSelect,
            "assessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "evidence": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "level": {"required": _("Choose a level of implementation.")},
            "assessed_on": {"required": _("Say when the assessment was made.")},
        }
        help_texts = {
            "evidence": _("What shows the level: laws adopted, budgets, cases, reports."),
            "responsible_institution": _(
                "The authority in charge of implementing it, for example a ministry."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = ImplementationLevel.choices
        if not self.instance.pk:
            self.initial.setdefault("assessed_on", timezone.localdate())

    def clean_links(self):
        # A ModelForm would otherwise try the JSON field's own cleaning on the list.
        return self.cleaned_data["links"]

    def assessment_values(self):
        """The cleaned values, as the services take them."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
