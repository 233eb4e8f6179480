"""`{{ value|percent }}`: a percentage as the language writes it (accounts/languages.py)."""

from django import template

from accounts.languages import format_percent

register = template.Library()


@register.filter
def percent(value):
    if value is None or value == "":
        return ""
    return format_percent(value)
