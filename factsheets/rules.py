"""Permissions on factsheets (see accounts/rules.py).

CSO staff write the factsheets of their organisation for the events it is linked to and see
only those; the event team's organisers review, delete and distribute them; report
administrators read them. Checked on a factsheet (or, for what happens at an event level,
on the event).

`Factsheet.objects.visible_to(user)` is the same rule as `factsheets.view_factsheet`,
written as a query for lists; a test keeps the two in agreement.
"""

import rules

from accounts.rules import is_organiser, is_team_member, team_roles
from events.rules import is_linked_cso, linked_event_ids


def _event(obj):
    return getattr(obj, "event", obj)


@rules.predicate
def is_author(user, factsheet):
    """CSO staff of one of the factsheet's authoring organisations, for an event their
    organisation is linked to (an organisation no longer linked to the event loses sight
    of it). Reads `factsheet.organisations`: prefetch it where factsheets come in lists."""
    if factsheet is None or not user.organisation_id:
        return False
    if factsheet.event_id not in linked_event_ids(user):
        return False
    return any(
        organisation.pk == user.organisation_id for organisation in factsheet.organisations.all()
    )


@rules.predicate
def is_event_team_member(user, obj):
    return obj is not None and is_team_member(user, _event(obj))


@rules.predicate
def is_event_organiser(user, obj):
    return obj is not None and is_organiser(user, _event(obj))


@rules.predicate
def may_see_some_factsheets(user):
    """A team member or CSO staff: someone for whom the factsheet list has a use."""
    return bool(team_roles(user)) or bool(user.organisation_id)


@rules.predicate
def is_cso_staff(user):
    return bool(user.organisation_id)


@rules.predicate
def without_object(user, obj):
    return obj is None


# On a factsheet. Without an object (the main navigation), `view_factsheet` says whether
# the user has factsheets to look at at all.
rules.add_perm(
    "factsheets.view_factsheet",
    is_event_team_member | is_author | (without_object & may_see_some_factsheets),
)
rules.add_perm("factsheets.change_factsheet", is_author)
rules.add_perm("factsheets.review_factsheet", is_event_organiser)
rules.add_perm("factsheets.delete_factsheet", is_event_organiser)
# Object-less: the factsheet list (everyone with a team or an organisation) and the
# "New factsheet" page (CSO staff; the events offered are those linked to their organisation).
rules.add_perm("factsheets.list_factsheets", may_see_some_factsheets)
rules.add_perm("factsheets.write_factsheets", is_cso_staff)
# On an event:
rules.add_perm("factsheets.add_factsheet", is_linked_cso)
rules.add_perm("factsheets.view_coverage", is_team_member)
rules.add_perm("factsheets.distribute", is_organiser)
