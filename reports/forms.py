from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.multilingual import TranslationsFormMixin
from participants.models import Registration

from .models import Achievement, ActivityReport, Testimony

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, a blank line between paragraphs, "
    "lines starting with - for a list, [text](https://example.org) for a link."
)


# The report's texts, each with its translations beside it.
NARRATIVE_FIELDS = (
    "introduction",
    "overview",
    "achievements_intro",
    "lessons_learnt",
    "way_forward",
    "contact",
)


class ActivityReportForm(TranslationsFormMixin, forms.ModelForm):
    translated_fields = NARRATIVE_FIELDS

    class Meta:
        model = ActivityReport
        fields = ["status", "language", *NARRATIVE_FIELDS]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 8}),
            "overview": forms.Textarea(attrs={"rows": 14}),
            "achievements_intro": forms.Textarea(attrs={"rows": 6}),
            "lessons_learnt": forms.Textarea(attrs={"rows": 6}),
            "way_forward": forms.Textarea(attrs={"rows": 6}),
            "contact": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "introduction": _("1. Introduction"),
            "overview": _("2.1 Overview"),
            "achievements_intro": _("2.2 Achievements: text before the list"),
            "lessons_learnt": _("2.3 Lessons learnt"),
            "way_forward": _("3. Way forward"),
            "contact": _("Contact block"),
        }
        help_texts = {
            "introduction": MARKDOWN_HELP,
            "overview": _(
                "Your own phrasing of the numbers (“some 60”) belongs here; the figures "
                "section of the report is always computed from the data."
            ),
            "contact": _("Each line is printed as typed (address, phone, e-mail, website)."),
        }


class OrderedItemForm(TranslationsFormMixin, forms.ModelForm):
    """An achievement or testimony: its text, its translations (the report's language is
    theirs) and its position in the list."""

    translated_fields = ("text",)

    class Meta:
        fields = ["text", "order"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "order": forms.NumberInput(attrs={"min": 0, "class": "order-input"}),
        }


class TestimonyForm(OrderedItemForm):
    class Meta(OrderedItemForm.Meta):
        model = Testimony
        fields = ["text", "order", "is_published"]
        labels = {"is_published": _("Print in the report")}
        widgets = {**OrderedItemForm.Meta.widgets, "text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "text": _("Testimonies are anonymous: never write who gave it."),
        }


AchievementFormSet = inlineformset_factory(
    ActivityReport,
    Achievement,
    form=OrderedItemForm,
    fields=["text", "order"],
    extra=2,
    can_delete=True,
)
TestimonyFormSet = inlineformset_factory(
    ActivityReport,
    Testimony,
    form=TestimonyForm,
    fields=["text", "order", "is_published"],
    extra=1,
    can_delete=True,
)


def next_orders(items, extra):
    """Initial `order` values for the blank forms: after the last existing item."""
    last = max((item.order for item in items), default=0)
    return [{"order": last + step} for step in range(1, extra + 1)]


class BadgeSelectionForm(forms.Form):
    """Which registrations to print badges for; none selected means all of them."""

    ids = forms.ModelMultipleChoiceField(
        queryset=Registration.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": _("Registration %(value)s is not registered for this event."),
            "invalid_pk_value": _("“%(pk)s” is not a registration number."),
        },
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].queryset = Registration.objects.for_event(event)
