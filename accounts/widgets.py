"""Widgets and fields shared by the apps' forms: fast selects and the person picker.

They know nothing of the other apps: a form gives the picker its queryset (the team's
people) and its search URL.
"""

from django import forms
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _


def person_label(person):
    if person.organisation_id:
        return f"{person.full_name} · {person.organisation.short_name}"
    return person.full_name


def position_at_the_time(person):
    """What a programme prints under a name: position and organisation."""
    organisation = person.organisation.short_name if person.organisation_id else ""
    return ", ".join(part for part in (person.position, organisation) if part)


class QuickSelectMixin:
    """Renders the options in Python. Django renders each option through two templates,
    which costs about a millisecond per option: too slow for long lists of organisations
    on the registration desk."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, " selected" if option in selected else "", label)
                for option, label in ((str(choice), label) for choice, label in self.choices)
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)


class QuickSelect(QuickSelectMixin, forms.Select):
    pass


class QuickSelectMultiple(QuickSelectMixin, forms.SelectMultiple):
    pass


class PersonPickerWidget(forms.Widget):
    """A hidden person id and a search box that lists matching people (htmx).

    The typed search text is kept when the form comes back with an error, and the chosen
    person's name is shown from `labels` (filled by the view in one query) or looked up.
    """

    template_name = "participants/_person_picker.html"
    labels = None
    # Set by the form to the person search of its event (the search is scoped to the
    # event's team, like the field's queryset).
    search_url = ""

    def value_from_datadict(self, data, files, name):
        self.typed = data.get(f"{name}_search", "")
        return data.get(name) or None

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_search" not in data

    def label_for(self, value):
        if not value:
            return getattr(self, "typed", "")
        if self.labels is not None and str(value) in self.labels:
            return self.labels[str(value)]
        # Only from the field's own queryset (the team's people): an id of another team's
        # person must never bring back their name.
        queryset = getattr(self.choices, "queryset", None)
        person = queryset.filter(pk=value).first() if queryset is not None else None
        return person_label(person) if person else ""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        return render_to_string(
            self.template_name,
            {
                "name": name,
                "value": "" if value is None else value,
                "label": self.label_for(value),
                "attrs": attrs,
                "search_url": self.search_url,
            },
        )


class PersonChoiceField(forms.ModelChoiceField):
    widget = PersonPickerWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", None)  # the form sets its team's people
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": _("Pick a person from the search results."),
                "required": _("Search for a person and pick them from the results."),
            },
        )
        super().__init__(**kwargs)
