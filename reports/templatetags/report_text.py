"""Small filters for the figures' sentences."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def and_join(items):
    """ "Mozambique", "Mozambique and Togo", "Mozambique, Peru and Togo"."""
    names = [str(item) for item in items]
    if len(names) < 2:
        return "".join(names)
    return _("%(items)s and %(last)s") % {"items": ", ".join(names[:-1]), "last": names[-1]}
