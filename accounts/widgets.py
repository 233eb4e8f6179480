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


class Checklist(forms.widgets.ChoiceWidget):
    """A many-to-many choice as a list of checkboxes, with a search box, optional filters
    and "select all shown" (static/js/checklist.js). Without JavaScript it is a plain list
    of checkboxes: the tools are rendered hidden and the script shows them.

    `facets(obj)` gives each option's filter values, `{key: (value, label)}` (for a
    mission: its type and city); `filters` names each filter's "all" choice,
    `{key: label}`. The choices of a filter are the values its options have. The options
    are rendered in Python (a template per option costs a millisecond each, and the
    programme editor shows a hundred missions per session).
    """

    template_name = "widgets/checklist.html"
    allow_multiple_selected = True
    use_fieldset = True

    def __init__(self, attrs=None, choices=(), *, facets=None, filters=None):
        super().__init__(attrs, choices)
        self.facets = facets
        self.filters = filters or {}

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        # An unticked checkbox is not sent: an absent name means "none chosen".
        return False

    def id_for_label(self, id_, index=None):
        # The legend names the group; there is no single input to point at.
        return ""

    def _options(self, name, value, attrs):
        selected = set(self.format_value(value))
        base_id = attrs.get("id", name)
        filter_values = {key: {} for key in self.filters}
        rows = []
        for index, (choice, label) in enumerate(self.choices):
            option = str(choice)
            if option == "":
                continue
            instance = getattr(choice, "instance", None)
            facets = self.facets(instance) if self.facets and instance is not None else {}
            data = []
            for key, (facet_value, facet_label) in facets.items():
                if key in filter_values and facet_value:
                    filter_values[key][str(facet_value)] = str(facet_label)
                data.append((f"data-{key}", str(facet_value)))
            option_id = f"{base_id}_{index}"
            checked = " checked" if option in selected else ""
            rows.append((flatatt(dict(data)), option_id, name, option, checked, option_id, label))
        options = format_html_join(
            "",
            '<div class="form-check checklist-option"{}><input class="form-check-input" '
            'type="checkbox" id="{}" name="{}" value="{}"{}> <label class="form-check-label" '
            'for="{}">{}</label></div>',
            rows,
        )
        filters = [
            {
                "key": key,
                "all_label": all_label,
                "choices": sorted(filter_values[key].items(), key=lambda item: item[1]),
            }
            for key, all_label in self.filters.items()
            if filter_values[key]
        ]
        return options, filters, len(selected & {row[3] for row in rows})

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        options, filters, chosen = self._options(name, value, attrs)
        return render_to_string(
            self.template_name,
            {
                "id": attrs.get("id", ""),
                "options": options,
                "filters": filters,
                "chosen": chosen,
            },
        )


class OptionalUntilFilledMixin:
    """For the forms of a formset's extra rows: an empty row is skipped, so none of its
    fields is marked required; once something is typed in it, the usual required fields
    apply (checked in `clean()`, with the field's own "required" message)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.required_when_filled = []
        if self.empty_permitted:
            for name, field in self.fields.items():
                if field.required:
                    field.required = False
                    self.required_when_filled.append(name)

    def clean(self):
        cleaned = super().clean()
        # A subclass may remove fields after this mixin's __init__ (an in-country
        # session has no State under Review): only the fields still there are required.
        for name in self.required_when_filled:
            if name not in self.fields or name in self.errors:
                continue
            if cleaned.get(name) in (None, "", [], ()):
                self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned
