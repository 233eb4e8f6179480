"""The default theme catalogue a new team starts with: the 13 thematic areas of the
Cambodia 2018 report, in the report's order. A team edits its own copy."""

from django.db import transaction

from .models import Theme

DEFAULT_THEMES = (
    "Gender/Women's Rights",
    "Rights of the child",
    "Sexual and reproductive health and rights & sexual orientation, gender identity "
    "and expression and sex characteristics (SOGIESC) rights",
    "Public health",
    "Persons living with disabilities",
    "Land and Natural resources",
    "Anti-Drug campaign and rights of people who use drugs",
    "Elections",
    "Khmer Krom rights",
    "Labour Rights",
    "Access to Justice",
    "Fundamental Freedoms and Civic Space",
    "Rule of law",
)


@transaction.atomic
def seed_default_themes(team):
    """Give `team` the default catalogue; themes it already has (by name) are kept."""
    existing = {name.casefold() for name in team.themes.values_list("name", flat=True)}
    Theme.objects.bulk_create(
        Theme(team=team, name=name, order=order)
        for order, name in enumerate(DEFAULT_THEMES, start=1)
        if name.casefold() not in existing
    )
    return list(team.themes.all())
