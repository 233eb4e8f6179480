"""Forms of the recommendation pages, one section per area. They only read input: the
services (services.py) write and hold the rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import ImplementationAssessment, ImplementationLevel
from .services import check_evidence_links

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
