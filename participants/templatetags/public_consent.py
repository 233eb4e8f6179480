"""`{% not_public_mark person event_consent %}`: the small mark internal pages and PDFs put
beside someone whose name may not be shown publicly at the event (see participants.public)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..models import PublicConsent
from ..public import consent_level

register = template.Library()


@register.simple_tag
def not_public_mark(person, event_consent=""):
    """Nothing for a person whose name is public at the event; otherwise an icon with a
    visually hidden text (and a title) that says how they appear publicly."""
    level = consent_level(person, event_consent)
    if level == PublicConsent.NAME:
        return ""
    mark = render_to_string(
        "participants/_not_public_mark.html",
        {"level": level, "label": PublicConsent(level).label},
    )
    # Our own template's output, escaped when it was rendered.
    return mark_safe(mark.strip())
