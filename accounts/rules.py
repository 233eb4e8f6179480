"""Who may do what in a team: the predicates every app's `rules.py` builds on.

Each app declares its own permissions with `rules.add_perm(...)` in its `rules.py`
(discovered at start-up by `rules.apps.AutodiscoverRulesConfig`), always checked against an
object: `user.has_perm("events.change_event", event)`. An object answers for its team
through `team_id` (events, people, organisations) or is the team itself. Superusers pass
every check (Django's `has_perm`).

A user's roles are read once per request: `team_roles(user)` caches them on the user object,
so permission checks in a loop cost no query per row.
"""

from typing import NamedTuple

import rules

from .models import Membership, Team, TeamRole


class TeamRef(NamedTuple):
    """What the navigation needs of a team: read with the roles, in the same query."""

    pk: int
    name: str
    slug: str


def _read_memberships(user):
    rows = (
        Membership.objects.active()
        .filter(user=user)
        .order_by("team__name")
        .values_list("team_id", "role", "team__name", "team__slug")
    )
    user._team_roles = {}
    user._team_refs = []
    for team_id, role, name, slug in rows:
        user._team_roles[team_id] = role
        user._team_refs.append(TeamRef(team_id, name, slug))


def forget_memberships(user):
    """Drop the cached memberships of `user` (after changing them)."""
    user.__dict__.pop("_team_roles", None)
    user.__dict__.pop("_team_refs", None)


def team_roles(user):
    """`{team_id: role}` for the active memberships of `user`, cached on the user object."""
    if not user.is_authenticated:
        return {}
    if getattr(user, "_team_roles", None) is None:
        _read_memberships(user)
    return user._team_roles


def teams_of(user):
    """The teams of `user`'s active memberships, by name (`TeamRef`s), from the same
    cached query as `team_roles`."""
    if not user.is_authenticated:
        return []
    if getattr(user, "_team_refs", None) is None:
        _read_memberships(user)
    return user._team_refs


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
