"""`{% load history_links %}` then `{% if person|history_visible_to:user %}`: whether to show
the "Change history" link of a record (the same check as the history page itself)."""

from django import template

from security.history import can_see_history

register = template.Library()


@register.filter
def history_visible_to(obj, user):
    return can_see_history(user, obj)
