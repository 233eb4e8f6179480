from django import forms
from django.db.models import Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Shared with the programme editor (events), which may not import this app.
from accounts.widgets import (  # noqa: F401
    PersonChoiceField,
    PersonPickerWidget,
    QuickSelect,
    QuickSelectMultiple,
    person_label,
    position_at_the_time,
)
from events.models import ProgrammeDay

from .models import (
    DIPLOMATIC_KINDS,
    Gender,
    Mission,
    Organisation,
    OrganisationKind,
    Person,
    PublicConsent,
    Registration,
    RegistrationRole,
)
from .selectors import possible_duplicates


class OrganisationForm(forms.ModelForm):
    """An organisation of `team`'s directory (or, edited by a superuser, a shared one)."""

    class Meta:
        model = Organisation
        fields = ["name", "acronym", "kind", "country", "scope"]

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team if team is not None else self.instance.team

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        # Names are unique within a team's directory (and among shared organisations).
        same_owner = (
            Organisation.objects.shared()
            if self.team is None
            else Organisation.objects.of_team(self.team)
        )
        others = same_owner.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("An organisation with this name already exists."))
        return name


class UniqueEmailMixin:
    """The e-mail address is unique within the team's directory (the database's
    `person_email_unique_ci_per_team`). The team is not a field of the form, so the model's
    own check would skip that constraint: it is asked here, to show on the e-mail field."""

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip()
        taken = (
            Person.objects.of_team(self.team)
            .alias(email_key=Lower("email"))
            .filter(email_key=Lower(Value(email)))
            .exclude(pk=self.instance.pk)
        )
        if email and taken.exists():
            raise forms.ValidationError(
                _("A person with this e-mail address already exists."), code="email_taken"
            )
        return email


class PersonForm(UniqueEmailMixin, forms.ModelForm):
    """A person, their organisation (picked, or created inline) and, for a new person of an
    event, the role they are registered with. Possible duplicates are flagged before a new
    person is saved; the organiser confirms to save anyway. An e-mail address of someone
    else of the team is refused outright (the database allows it once per team)."""

    new_organisation_name = forms.CharField(
        label=_("New organisation"),
        required=False,
        max_length=255,
        help_text=_("Only if the organisation is not in the list above."),
    )
    new_organisation_acronym = forms.CharField(
        label=_("Acronym of the new organisation"), required=False, max_length=50
    )
    new_organisation_kind = forms.ChoiceField(
        label=_("Kind of the new organisation"),
        choices=[("", "---------"), *OrganisationKind.choices],
        required=False,
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("This is a different person: save anyway"), required=False
    )

    class Meta:
        model = Person
        fields = [
            "given_name",
            "family_name",
            "gender",
            "position",
            "organisation",
            "email",
            "phone",
            "age_band",
            "is_youth",
            "consent_to_contact",
            "public_consent",
        ]

    field_order = [
        "given_name",
        "family_name",
        "gender",
        "position",
        "organisation",
        "new_organisation_name",
        "new_organisation_acronym",
        "new_organisation_kind",
    ]

    def __init__(self, *args, team, event=None, show_contact=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team
        self.event = event
        # Whether the duplicate warnings may show e-mail addresses.
        self.show_contact = show_contact
        self.duplicates = []
        self.fields["organisation"].queryset = Organisation.objects.available_to(team).order_by(
            "name"
        )
        self.fields["organisation"].widget = QuickSelect(
            choices=self.fields["organisation"].choices
        )
        if "public_consent" in self.fields:
            # Left out of a post (an older form, an import): the stored choice stays, and a
            # new person is "not listed", the safe default.
            self.fields["public_consent"].required = False
            self.fields["public_consent"].widget = forms.RadioSelect(choices=PublicConsent.choices)
        if event is not None and self.instance.pk is None:
            self.fields["role"] = forms.ChoiceField(
                label=_("Registered to this event as"),
                choices=RegistrationRole.choices,
                initial=RegistrationRole.PARTICIPANT,
            )

    # Whether a person of the same name in another organisation counts as a duplicate.
    duplicates_in_any_organisation = False
    # Whether each possible duplicate is offered with "Check in this person instead".
    offers_check_in = False

    @property
    def is_new(self):
        return self.instance.pk is None

    def clean_public_consent(self):
        return (
            self.cleaned_data.get("public_consent")
            or self.instance.public_consent
            or PublicConsent.NOT_LISTED
        )

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        new_name = (cleaned.get("new_organisation_name") or "").strip()
        if new_name:
            if organisation is not None:
                self.add_error(
                    "new_organisation_name",
                    _("Pick an organisation from the list or create a new one, not both."),
                )
            elif Organisation.objects.of_team(self.team).filter(name__iexact=new_name).exists():
                self.add_error(
                    "new_organisation_name",
                    _("%(name)s already exists: pick it from the list.") % {"name": new_name},
                )
            if not cleaned.get("new_organisation_kind"):
                self.add_error("new_organisation_kind", _("Say what kind of organisation this is."))
        if self.is_new and not self.errors:
            email = cleaned.get("email", "")
            if new_name and not self.duplicates_in_any_organisation:
                # A brand-new organisation has no people yet: only the e-mail can match.
                candidates = possible_duplicates(
                    team=self.team, given_name="", family_name="", email=email
                )
            else:
                candidates = possible_duplicates(
                    team=self.team,
                    given_name=cleaned.get("given_name", ""),
                    family_name=cleaned.get("family_name", ""),
                    organisation=organisation,
                    email=email,
                    any_organisation=self.duplicates_in_any_organisation,
                )
            self.duplicates = list(candidates[:5])
            if self.duplicates and not cleaned.get("confirm_not_duplicate"):
                self.add_error(
                    None,
                    _(
                        "This person may already exist: check the people listed below. If "
                        "this is someone else, tick “This is a different person” and save "
                        "again."
                    ),
                )
        return cleaned

    def new_organisation(self):
        """The organisation to create with this person, unsaved, or None."""
        name = (self.cleaned_data.get("new_organisation_name") or "").strip()
        if not name:
            return None
        return Organisation(
            team=self.team,
            name=name,
            acronym=self.cleaned_data.get("new_organisation_acronym", ""),
            kind=self.cleaned_data["new_organisation_kind"],
        )


class WalkInForm(PersonForm):
    """The short form of the registration desk: a new person, registered and checked in.
    Someone of the same name (in any organisation) or e-mail already in the team's
    directory is offered instead: checked in, and registered first if need be."""

    duplicates_in_any_organisation = True
    offers_check_in = True

    class Meta(PersonForm.Meta):
        fields = [
            "given_name",
            "family_name",
            "gender",
            "organisation",
            "position",
            "email",
            "phone",
            "consent_to_contact",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Short labels: the desk's form sits in a narrow column.
        self.fields["new_organisation_name"].help_text = _("If not in the list.")
        del self.fields["new_organisation_acronym"]


class MissionForm(forms.ModelForm):
    """A recommending state's mission and the name of its organisation (shared reference
    data: the same for every team)."""

    name = forms.CharField(
        label=_("Name"),
        max_length=255,
        help_text=_("As it should be printed, for example “Embassy of Sweden”."),
    )
    acronym = forms.CharField(label=_("Acronym"), max_length=50, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(kind.value, kind.label) for kind in DIPLOMATIC_KINDS],
        initial=DIPLOMATIC_KINDS[0],
    )

    class Meta:
        model = Mission
        fields = ["state", "mission_type", "city"]

    field_order = ["name", "acronym", "kind", "state", "mission_type", "city"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            organisation = self.instance.organisation
            for name in ("name", "acronym", "kind"):
                self.initial.setdefault(name, getattr(organisation, name))

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = Organisation.objects.shared().filter(name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.organisation_id)
        if others.exists():
            raise forms.ValidationError(_("A mission or shared organisation has this name."))
        return name

    def _get_validation_exclusions(self):
        # The organisation is set by the service (`save_mission`), not by this form.
        exclude = super()._get_validation_exclusions()
        exclude.add("organisation")
        return exclude


class DiplomatForm(UniqueEmailMixin, forms.ModelForm):
    make_focal_point = forms.BooleanField(
        label=_("Make this diplomat the mission's focal point"), required=False
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("This is a different person: save anyway"), required=False
    )

    class Meta:
        model = Person
        fields = ["given_name", "family_name", "gender", "position", "email", "phone"]

    def __init__(self, *args, mission, team, show_contact=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.mission = mission
        self.team = team
        self.show_contact = show_contact
        self.duplicates = []

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            self.duplicates = list(
                possible_duplicates(
                    team=self.team,
                    given_name=cleaned.get("given_name", ""),
                    family_name=cleaned.get("family_name", ""),
                    organisation=self.mission.organisation,
                    email=cleaned.get("email", ""),
                )[:5]
            )
            if self.duplicates and not cleaned.get("confirm_not_duplicate"):
                self.add_error(
                    None,
                    _(
                        "This diplomat may already be on the roster. If this is someone else, "
                        "tick “This is a different person” and save again."
                    ),
                )
        return cleaned


class RegistrationForm(forms.ModelForm):
    """Register someone already known to the app to an event."""

    person = PersonChoiceField(label=_("Person"))

    class Meta:
        model = Registration
        fields = ["person", "role", "public_consent"]

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.instance.event = event
        self.fields["public_consent"].choices = _event_consent_choices()
        # Only the event's team's people can be picked, found or named back.
        person = self.fields["person"]
        person.queryset = Person.objects.of_team(event.team_id).select_related("organisation")
        person.widget.search_url = reverse("participants:person_search", args=[event.slug])

    def clean_person(self):
        person = self.cleaned_data["person"]
        if Registration.objects.filter(event=self.event, person=person).exists():
            raise forms.ValidationError(_("This person is already registered for this event."))
        return person


def _event_consent_choices():
    return [("", _("As the person chose for every event")), *PublicConsent.choices]


class RegistrationConsentForm(forms.ModelForm):
    """How the person may be shown publicly at this one event (empty: their own choice)."""

    class Meta:
        model = Registration
        fields = ["public_consent"]
        widgets = {"public_consent": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public_consent"].choices = _event_consent_choices()


class BulkCheckInForm(forms.Form):
    registrations = forms.ModelMultipleChoiceField(
        queryset=Registration.objects.none(),
        error_messages={"required": _("Tick at least one person to check in.")},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"].queryset = Registration.objects.for_event(event)


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    organisation_kind = forms.ChoiceField(
        label=_("Organisation kind"),
        choices=[("", _("All kinds")), *OrganisationKind.choices],
        required=False,
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", _("All genders")), *Gender.choices], required=False
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("All roles")), *RegistrationRole.choices],
        required=False,
    )
    day = forms.ModelChoiceField(
        label=_("Attended on"),
        queryset=ProgrammeDay.objects.none(),
        required=False,
        empty_label=_("Any day"),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = ProgrammeDay.objects.for_event(event).order_by("date")

    def filters(self):
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


# --- Self-registration requests -----------------------------------------------------------


class RegistrationRequestApprovalForm(forms.Form):
    """Approving a request: a new person, or one of the possible duplicates (the organiser
    chooses; with duplicates there is no default)."""

    NEW = "new"

    person = forms.ChoiceField(label=_("Register as"), widget=forms.RadioSelect)

    def __init__(self, *args, duplicates, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = {str(person.pk): person for person in duplicates}
        choices = [
            (
                str(person.pk),
                _("Use the existing person: %(person)s") % {"person": _person_label(person)},
            )
            for person in duplicates
        ]
        choices.append((self.NEW, _("Create a new person")))
        self.fields["person"].choices = choices
        if not duplicates:
            self.fields["person"].initial = self.NEW

    def chosen_person(self):
        """The existing person chosen, or None for a new one."""
        return self.duplicates.get(self.cleaned_data["person"])


def _person_label(person):
    parts = [person.full_name]
    if person.organisation_id:
        parts.append(person.organisation.short_name)
    if person.email:
        parts.append(person.email)
    return " · ".join(parts)
