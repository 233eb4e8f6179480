"""Permissions on factsheets (see accounts/rules.py).

CSO staff write the factsheets of their organisation for the events it is linked to and see
only those; the event team's organisers review and distribute them; report administrators
read them.
"""

import rules

from accounts.rules import is_organiser, is_team_member
from events.rules import is_linked_cso


def _event(obj):
    return getattr(obj, "event", obj)


@rules.predicate
def is_author(user, factsheet):
    """CSO staff of one of the factsheet's authoring organisations."""
    return bool(user.organisation_id) and any(
        organisation.pk == user.organisation_id for organisation in factsheet.organisations.all()
    )


@rules.predicate
def is_event_team_member(user, obj):
    return is_team_member(user, _event(obj))


@rules.predicate
def is_event_organiser(user, obj):
    return is_organiser(user, _event(obj))


rules.add_perm("factsheets.view_factsheet", is_event_team_member | is_author)
rules.add_perm("factsheets.change_factsheet", is_author)
rules.add_perm("factsheets.review_factsheet", is_event_organiser)
rules.add_perm("factsheets.delete_factsheet", is_event_organiser)
# On an event:
rules.add_perm("factsheets.add_factsheet", is_linked_cso)
rules.add_perm("factsheets.view_coverage", is_team_member)
rules.add_perm("factsheets.distribute", is_organiser)
