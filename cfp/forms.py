from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from accounts.languages import label_colon
from events.models import Session
from participants.models import Gender, PublicConsent, Scope

from .models import ProposedSpeaker


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class CallForm(forms.Form):
    opens_at = forms.DateTimeField(
        label=_("Opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    deadline = forms.DateTimeField(
        label=_("Deadline"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    intro = forms.CharField(
        label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    questions = forms.CharField(
        label=_("Questions"),
        help_text=_("One question per line; every applicant answers each."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    is_open = forms.BooleanField(label=_("Open"), required=False, initial=True)

    def clean_questions(self):
        return _lines(self.cleaned_data["questions"])

    def clean(self):
        cleaned = super().clean()
        opens, deadline = cleaned.get("opens_at"), cleaned.get("deadline")
        if opens and deadline and deadline < opens:
            self.add_error("deadline", _("The deadline cannot be before the call opens."))
        return cleaned


class ApplicationForm(forms.Form):
    organisation_name = forms.CharField(label=_("Organisation"), max_length=255)
    organisation_scope = forms.ChoiceField(
        label=_("National or international organisation"), choices=Scope.choices
    )
    coalition_partners = forms.CharField(
        label=_("Coalition partners"),
        help_text=_("One organisation per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    state_under_review = LazyTypedChoiceField(
        label=_("State under Review"), choices=[], required=False
    )
    recommendations = forms.CharField(
        label=_("Recommendations you would present"),
        help_text=_("One recommendation per line."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    speaking_minutes = forms.IntegerField(
        label=_("Speaking time you ask for (minutes)"), min_value=1, max_value=240, required=False
    )
    language = forms.ChoiceField(label=_("Language for our e-mail"), choices=settings.LANGUAGES)
    contact_email = forms.EmailField(label=_("Contact e-mail"), max_length=254)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        event = call.event
        self.fields["themes"].queryset = event.themes.order_by("order", "name")
        if event.is_geneva:
            self.fields["state_under_review"].choices = [("", "---------"), *countries]
            self.fields["state_under_review"].required = True
        else:
            del self.fields["state_under_review"]
        for index, question in enumerate(call.questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question, widget=forms.Textarea(attrs={"rows": 3})
            )

    def application_values(self):
        data = self.cleaned_data
        return {
            "organisation_name": data["organisation_name"].strip(),
            "organisation_scope": data["organisation_scope"],
            "coalition_partners": "\n".join(_lines(data["coalition_partners"])),
            "state_under_review": data.get("state_under_review") or "",
            "recommendations": _lines(data["recommendations"]),
            "answers": [
                {"question": question, "answer": data[f"answer_{index}"].strip()}
                for index, question in enumerate(self.call.questions)
            ],
            "speaking_minutes": data["speaking_minutes"],
            "language": data["language"],
            "contact_email": data["contact_email"],
        }


class ProposedSpeakerForm(forms.ModelForm):
    class Meta:
        model = ProposedSpeaker
        fields = ["given_name", "family_name", "gender", "position", "email", "public_consent"]
        labels = {
            "public_consent": _("How may this speaker appear on the public pages and programme?")
        }
        help_texts = {
            "public_consent": _(
                "The speaker must agree to this choice. They can change it later by writing "
                "to the organisers."
            )
        }
        widgets = {"public_consent": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A blank first choice: an untouched extra speaker form is left out, not refused.
        self.fields["gender"].choices = [
            ("", "---------"),
            *(choice for choice in Gender.choices if choice[0] != Gender.NOT_RECORDED),
        ]
        # Not sent at all (a browser always sends the checked one): not listed.
        self.fields["public_consent"].required = False

    def has_changed(self):
        # The consent choice always has a value: alone, it does not make a speaker.
        return any(name != "public_consent" for name in self.changed_data)

    def clean_public_consent(self):
        return self.cleaned_data.get("public_consent") or PublicConsent.NOT_LISTED


SpeakerFormSet = forms.formset_factory(
    ProposedSpeakerForm, extra=1, min_num=1, max_num=6, validate_min=True, validate_max=True
)


class ScoreForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Score"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Short comment"), max_length=500, required=False)


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session):
        return f"{label_colon(session.day)} {session}"


class AcceptForm(forms.Form):
    session = SessionChoiceField(label=_("Session where they speak"), queryset=None)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = (
            Session.objects.filter(day__event=event)
            .select_related("day")
            .order_by("day__date", "start_time", "order")
        )
