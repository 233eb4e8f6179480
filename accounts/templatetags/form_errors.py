"""The error summary at the top of a form page (templates/_error_summary.html): every
error of the page's forms and formsets, each linked to its field."""

from dataclasses import dataclass

from django import forms, template

register = template.Library()


@dataclass(frozen=True)
class FormError:
    label: str
    message: str
    anchor: str


def _form_errors(form):
    for message in form.non_field_errors():
        yield FormError("", message, "")
    for name, messages in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
            continue
        bound = form[name]
        for message in messages:
            yield FormError(str(bound.label or name), message, bound.auto_id or "")


def _errors(item):
    if not item:
        return
    if isinstance(item, forms.BaseForm):
        yield from _form_errors(item)
    elif isinstance(item, forms.BaseFormSet):
        if not item.is_bound:
            return
        for message in item.non_form_errors():
            yield FormError("", message, "")
        for form in item.forms:
            if item.can_delete and item._should_delete_form(form):
                continue
            yield from _form_errors(form)
    elif isinstance(item, dict):
        for value in item.values():
            yield from _errors(value)
    elif isinstance(item, (list, tuple)):
        for value in item:
            yield from _errors(value)


@register.simple_tag
def error_summary(*items):
    """The errors of `items` (forms, formsets, and lists or dicts of them), in page order."""
    return [error for item in items for error in _errors(item)]
