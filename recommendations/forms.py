"""Forms of the recommendation pages, one section per area. They only read input: the
services (services.py) write and hold the rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ImplementationAssessment, ImplementationLevel
from .services import check_evidence_links

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
