"""The self-registration form of the public event page. It never lists organisations or
people: the organisation is free text, matched by the organisers' side on approval; only
the missions (public reference data) are offered as a list."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from participants.models import (
    Gender,
    Mission,
    PublicConsent,
    RegistrationRequestKind,
)

# "Not recorded" is the organisers' answer when nobody asked; a visitor is asked.
# Nothing chosen in advance: nobody's gender is assumed.
GENDER_CHOICES = [("", _("Choose"))] + [
    (value, label) for value, label in Gender.choices if value != Gender.NOT_RECORDED
]


class MissionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class SelfRegistrationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("I take part as"), choices=RegistrationRequestKind.choices, widget=forms.RadioSelect
    )
    given_name = forms.CharField(label=_("Given name"), max_length=150)
    family_name = forms.CharField(label=_("Family name"), max_length=150, required=False)
    organisation_name = forms.CharField(
        label=_("Organisation (civil society)"),
        max_length=255,
        required=False,
        help_text=_("Its full name, as it is usually written."),
    )
    mission = MissionChoiceField(
        label=_("Mission (diplomats)"),
        queryset=Mission.objects.with_organisation().order_by("organisation__name"),
        required=False,
        empty_label=_("Choose the mission"),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=GENDER_CHOICES)
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,  # the stored address's length (a form field alone allows 320)
        help_text=_("We send a link to this address: open it to confirm your request."),
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=50, required=False)
    public_consent = forms.ChoiceField(
        label=_("May your name appear on the public pages and programme?"),
        choices=PublicConsent.choices,
        initial=PublicConsent.NOT_LISTED,
        widget=forms.RadioSelect,
    )
    needs = forms.CharField(
        label=_("Accessibility or interpretation needs (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    language = forms.ChoiceField(
        label=_("Language of our e-mails to you"), choices=settings.LANGUAGES
    )
    # The honeypot: hidden by the stylesheet and from screen readers, filled only by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_bot(self):
        return bool(self.data.get("website", "").strip())

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == RegistrationRequestKind.CSO and not cleaned.get("organisation_name", "").strip():
            self.add_error("organisation_name", _("Write the name of your organisation."))
        if kind == RegistrationRequestKind.DIPLOMAT and not cleaned.get("mission"):
            self.add_error("mission", _("Choose your mission."))
        return cleaned

    def request_values(self):
        """The values a RegistrationRequest stores (participants.registration_requests)."""
        data = self.cleaned_data
        diplomat = data["kind"] == RegistrationRequestKind.DIPLOMAT
        return {
            "kind": data["kind"],
            "given_name": data["given_name"].strip(),
            "family_name": data["family_name"].strip(),
            "organisation_name": "" if diplomat else data["organisation_name"].strip(),
            "mission": data["mission"] if diplomat else None,
            "gender": data["gender"],
            "position": data["position"].strip(),
            "email": data["email"].strip(),
            "phone": data["phone"].strip(),
            "public_consent": data["public_consent"],
            "needs": data["needs"].strip(),
        }
