"""Who may do what in a team: the predicates every app's `rules.py` builds on.

Each app declares its own permissions with `rules.add_perm(...)` in its `rules.py`
(discovered at start-up by `rules.apps.AutodiscoverRulesConfig`), always checked against an
object: `user.has_perm("events.change_event", event)`. An object answers for its team
through `team_id` (events, people, organisations) or is the team itself. Superusers pass
every check (Django's `has_perm`).

A user's roles are read once per request: `team_roles(user)` caches them on the user object,
so permission checks in a loop cost no query per row.
"""

import rules

from .models import Membership, Team, TeamRole


def team_roles(user):
    """`{team_id: role}` for the active memberships of `user`, cached on the user object."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_team_roles", None)
    if cached is None:
        cached = dict(Membership.objects.active().filter(user=user).values_list("team_id", "role"))
        user._team_roles = cached
    return cached


def team_id_of(obj):
    """The team an object belongs to: the team itself, or the object's `team_id`."""
    if isinstance(obj, Team):
        return obj.pk
    return getattr(obj, "team_id", None)


def role_in(user, obj):
    """The role of `user` in the team of `obj`, or None."""
    team_id = team_id_of(obj)
    if team_id is None:
        return None
    return team_roles(user).get(team_id)


def has_any_access(user):
    """Whether `user` has anything to see: a team, an organisation, or superuser rights."""
    return user.is_authenticated and (
        user.is_superuser or bool(team_roles(user)) or bool(user.organisation_id)
    )


@rules.predicate
def is_organiser(user, obj):
    return role_in(user, obj) == TeamRole.ORGANISER


@rules.predicate
def is_report_administrator(user, obj):
    return role_in(user, obj) == TeamRole.REPORT_ADMINISTRATOR


is_team_member = is_organiser | is_report_administrator


# Team pages: who may see the team and manage its members.
rules.add_perm("accounts.view_team", is_team_member)
rules.add_perm("accounts.manage_members", is_organiser)
