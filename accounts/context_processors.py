"""What the navigation bar of every page needs to know about the user, computed once per
request and only when a template uses it (htmx fragments never do)."""

from django.utils.functional import SimpleLazyObject

from .languages import language_menu_names
from .models import Team
from .rules import team_roles


def _teams_of(request):
    cached = getattr(request, "_nav_teams", None)
    if cached is None:
        user = request.user
        teams = (
            Team.objects.all()
            if user.is_superuser
            else Team.objects.filter(pk__in=team_roles(user))
        )
        cached = request._nav_teams = list(teams.only("name", "slug"))
    return cached


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        # The teams of the user (every team for a superuser): the Teams menu.
        "nav_teams": SimpleLazyObject(lambda: _teams_of(request)),
        # Factsheets: for CSO staff (their organisation's) and for team members.
        "nav_shows_factsheets": SimpleLazyObject(
            lambda: bool(user.is_superuser or user.organisation_id or team_roles(user))
        ),
    }


def language_menu(request):
    """The language menu of every page (templates/_language_menu.html)."""
    return {"language_menu": language_menu_names()}
