"""`{{ date|day_and_month }}`: "14 Nov", as the language writes it (accounts/languages.py)."""

from django import template

from accounts.languages import day_and_month as format_day_and_month

register = template.Library()


@register.filter
def day_and_month(value):
    if not value:
        return ""
    return format_day_and_month(value)
