"""The default theme catalogue a new team starts with: the 13 thematic areas of the
Cambodia 2018 report, in the report's order, written in English with their French and
Khmer translations from the catalogues. A team edits its own copy."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_noop

from .models import Theme

DEFAULT_THEMES = (
    gettext_noop("Gender/Women's Rights"),
    gettext_noop("Rights of the child"),
    gettext_noop(
        "Sexual and reproductive health and rights & sexual orientation, gender identity "
        "and expression and sex characteristics (SOGIESC) rights"
    ),
    gettext_noop("Public health"),
    gettext_noop("Persons living with disabilities"),
    gettext_noop("Land and Natural resources"),
    gettext_noop("Anti-Drug campaign and rights of people who use drugs"),
    gettext_noop("Elections"),
    gettext_noop("Khmer Krom rights"),
    gettext_noop("Labour Rights"),
    gettext_noop("Access to Justice"),
    gettext_noop("Fundamental Freedoms and Civic Space"),
    gettext_noop("Rule of law"),
)


@transaction.atomic
def seed_default_themes(team):
    """Give `team` the default catalogue; themes it already has (by name) are kept."""
    existing = {name.casefold() for name in team.themes.values_list("name", flat=True)}
    Theme.objects.bulk_create(
        Theme(team=team, name=name, order=order, translations=default_translations(name))
        for order, name in enumerate(DEFAULT_THEMES, start=1)
        if name.casefold() not in existing
    )
    return list(team.themes.all())


def default_translations(name):
    """`{"fr": {"name": ...}, "km": {...}}` for a default theme, from the catalogues."""
    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translated = translation.gettext(name)
        if code != settings.LANGUAGE_CODE and translated != name:
            found[code] = {"name": translated}
    return found
