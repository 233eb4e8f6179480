"""Small filters for the figures' sentences."""

from django import template
from django.utils.translation import gettext as _

from reports.selectors import gender_share_phrase, list_separator

register = template.Library()


@register.filter
def and_join(items):
    """ "Mozambique", "Mozambique and Togo", "Mozambique, Peru and Togo"."""
    names = [str(item) for item in items]
    if len(names) < 2:
        return "".join(names)
    return _("%(items)s and %(last)s") % {
        "items": list_separator().join(names[:-1]),
        "last": names[-1],
    }


@register.filter
def gender_share(share):
    """ "54% women": one share of a GenderSplit as a phrase (see selectors)."""
    return gender_share_phrase(share)
