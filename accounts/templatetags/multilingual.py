from django import template

from accounts.multilingual import text_in

register = template.Library()


@register.filter
def localized(obj, field):
    """`{{ event|localized:"description" }}`: the field in the active language, or as
    written when it has no translation into it."""
    return text_in(obj, field).text
