from django import forms
from django.db.models import Q
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from accounts.widgets import Checklist
from events.forms import (
    MISSION_FILTERS,
    ORGANISATION_FILTERS,
    mission_facets,
    organisation_facets,
)
from events.models import Event, ProgrammeDay, Theme
from events.rules import linked_event_ids
from participants.models import CIVIL_SOCIETY_KINDS, Mission, Organisation, OrganisationKind

from .models import Factsheet, FactsheetStatus
from .services import RECOMMENDATION_MAX_LENGTH
from .validators import inspect_document, max_upload_bytes

ACCEPT = ".pdf,.docx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text"  # noqa: E501
AUTHOR_KINDS = (*CIVIL_SOCIETY_KINDS, OrganisationKind.NHRI, OrganisationKind.OTHER)


def _document_help_text():
    return _("PDF, Word (.docx) or OpenDocument text (.odt), at most %(limit)s.") % {
        "limit": filesizeformat(max_upload_bytes())
    }


class DocumentField(forms.FileField):
    """A factsheet document, checked by its content. `cleaned_data` keeps the upload;
    the form's `document_info` keeps what the check found."""

    def __init__(self, **kwargs):
        # lazily: the field is built when the module is imported, the text when it is shown
        kwargs.setdefault("help_text", lazy(_document_help_text, str)())
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)


def _clean_document(form, field_name="file"):
    uploaded = form.cleaned_data.get(field_name)
    if uploaded:
        form.document_info = inspect_document(uploaded)
    return uploaded


class FactsheetForm(forms.ModelForm):
    """Details of a factsheet. The user's own organisation is always an author, so the
    field lists only the co-authors.

    The events offered are those the user's organisation is linked to; the themes and
    co-authors offered are the chosen event's (its active themes; the organisations of its
    team's directory). The fields accept the themes and organisations of the teams of the
    events offered, and `clean()` says clearly when one does not belong to the chosen event.
    """

    co_authors = forms.ModelMultipleChoiceField(
        label=_("Co-authoring organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=Checklist(facets=organisation_facets, filters=ORGANISATION_FILTERS),
        help_text=_("Your own organisation is always an author. Tick any coalition partners."),
    )

    class Meta:
        model = Factsheet
        fields = ["event", "theme", "title", "language", "summary", "public"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["theme"].empty_label = _("Choose one of the themes")
        self.fields["summary"].help_text = _("A short summary, up to 2,000 characters.")
        if self.instance.pk:
            # An event is fixed once a factsheet exists: its coverage and distributions hang on it.
            del self.fields["event"]
            self.fields["co_authors"].initial = [
                organisation.pk
                for organisation in self.instance.organisations.all()
                if organisation.pk != user.organisation_id
            ]
            event = self.instance.event
            self.fields["theme"].queryset = Theme.objects.filter(team_id=event.team_id)
            self.fields["co_authors"].queryset = self._co_authors_of(
                Q(team=event.team_id) | Q(team__isnull=True)
            )
            if not self.is_bound:
                self._offer_choices_of(event)
            return
        events = Event.objects.filter(pk__in=list(linked_event_ids(user)))
        self.fields["event"].queryset = events
        self.fields["event"].empty_label = None
        self.fields["theme"].queryset = Theme.objects.filter(team__in=events.values("team"))
        self.fields["co_authors"].queryset = self._co_authors_of(
            Q(team__in=events.values("team")) | Q(team__isnull=True)
        )
        if not self.is_bound:
            # The event shown selected: the one asked for, or the first offered.
            event = events.filter(pk=self.initial.get("event")).first() or events.first()
            if event is not None:
                self._offer_choices_of(event)

    def _co_authors_of(self, teams):
        return (
            Organisation.objects.filter(teams)
            .of_kind(*AUTHOR_KINDS)
            .exclude(pk=self.user.organisation_id)
            .order_by("name")
        )

    def _themes_of(self, event):
        themes = Q(events=event, is_active=True)
        if self.instance.pk:
            # A theme retired since the factsheet was written stays available to it.
            themes |= Q(pk=self.instance.theme_id)
        return Theme.objects.filter(themes).distinct()

    def _offer_choices_of(self, event):
        self.fields["theme"].queryset = self._themes_of(event)
        self.fields["co_authors"].queryset = self._co_authors_of(
            Q(team=event.team_id) | Q(team__isnull=True)
        )

    def clean(self):
        cleaned = super().clean()
        event = self.instance.event if self.instance.pk else cleaned.get("event")
        if event is None:
            return cleaned
        theme = cleaned.get("theme")
        if theme is not None and not self._themes_of(event).filter(pk=theme.pk).exists():
            self.add_error(
                "theme",
                _("“%(theme)s” is not one of the themes of %(event)s. Choose one of its themes.")
                % {"theme": theme, "event": event},
            )
        outsiders = [
            organisation
            for organisation in cleaned.get("co_authors", [])
            if organisation.team_id not in (None, event.team_id)
        ]
        if outsiders:
            self.add_error(
                "co_authors",
                _("%(organisations)s cannot co-author a factsheet of %(event)s.")
                % {
                    "organisations": ", ".join(o.name for o in outsiders),
                    "event": str(event),
                },
            )
        # Shown again with an error, the form offers the chosen event's choices only.
        self._offer_choices_of(event)
        return cleaned


class FactsheetCreateForm(FactsheetForm):
    file = DocumentField(label=_("File"))

    class Meta(FactsheetForm.Meta):
        pass

    def clean_file(self):
        return _clean_document(self)


class FileVersionForm(forms.Form):
    file = DocumentField(label=_("New version of the file"))

    def clean_file(self):
        return _clean_document(self)


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label=_("Suggested recommendation"),
        max_length=RECOMMENDATION_MAX_LENGTH,
        # Emptying a recommendation removes it, like ticking "Delete".
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BaseRecommendationFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if index is not None:
            number = index + 1
            form.fields["text"].label = _("Recommendation %(number)s") % {"number": number}
            # New rows come after the existing ones unless the user renumbers them.
            form.fields[ORDERING_FIELD_NAME].initial = number
            form.fields[DELETION_FIELD_NAME].label = _("Remove")

    def ordered_texts(self):
        """The kept recommendations' texts, in the order the user gave."""
        forms_in_order = [
            form for form in self.ordered_forms if form.cleaned_data.get("text", "").strip()
        ]
        return [form.cleaned_data["text"] for form in forms_in_order]


RecommendationFormSet = forms.formset_factory(
    RecommendationForm,
    formset=BaseRecommendationFormSet,
    extra=3,
    can_order=True,
    can_delete=True,
    max_num=50,
    validate_max=True,
)


def recommendation_formset(data=None, *, factsheet=None):
    initial = None
    if factsheet is not None:
        initial = [{"text": rec.text} for rec in factsheet.recommendations.order_by("order", "pk")]
    return RecommendationFormSet(data, initial=initial, prefix="recommendations")


class ReviewForm(forms.Form):
    APPROVE = "approve"
    RETURN = "return"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (RETURN, _("Send back to the authors"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you send the factsheet back. The authors will see it."),
    )
    # The file version the reviewer was shown: approving is refused if a newer one came.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what the authors should change."))
        return cleaned


class MissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, mission):
        return mission.organisation.name


class FactsheetChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, factsheet):
        if factsheet.theme.name.lower() in factsheet.title.lower():
            return factsheet.title
        # the theme's name in the reader's language; the title as its authors wrote it
        return f"{factsheet.title} ({factsheet.theme})"


class DistributionForm(forms.Form):
    factsheets = FactsheetChoiceField(
        label=_("Approved factsheets"),
        queryset=Factsheet.objects.none(),
        widget=Checklist(
            facets=lambda factsheet: {"theme": (factsheet.theme_id, factsheet.theme)},
            filters={"theme": _("All themes")},
        ),
    )
    missions = MissionChoiceField(
        label=_("Missions that received them"),
        queryset=Mission.objects.none(),
        widget=Checklist(facets=mission_facets, filters=MISSION_FILTERS),
    )
    day = forms.ModelChoiceField(
        label=_("Day"),
        queryset=ProgrammeDay.objects.none(),
        required=False,
        empty_label=_("Not recorded"),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["factsheets"].queryset = (
            Factsheet.objects.for_event(event)
            .filter(status=FactsheetStatus.APPROVED)
            .select_related("theme")
            .order_by("theme__order", "title")
        )
        self.fields["missions"].queryset = Mission.objects.select_related("organisation").order_by(
            "organisation__name"
        )
        self.fields["day"].queryset = ProgrammeDay.objects.for_event(event).order_by("date")
