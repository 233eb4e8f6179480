"""Permissions on events, declared for `rules` (see accounts/rules.py).

Checked against an event, or against a team for what creates something in it
(`user.has_perm("events.add_event", team)`).
"""

import rules

from accounts.rules import is_organiser, is_team_member


def linked_event_ids(user):
    """Ids of the events the CSO staff member's organisation is linked to (registered,
    co-organising or invited), read once per request and cached on the user."""
    if not user.is_authenticated or not user.organisation_id:
        return frozenset()
    cached = getattr(user, "_linked_event_ids", None)
    if cached is None:
        from .models import Event

        cached = frozenset(
            Event.objects.linked_to_organisation(user.organisation_id).values_list("pk", flat=True)
        )
        user._linked_event_ids = cached
    return cached


@rules.predicate
def is_linked_cso(user, event):
    """CSO staff of an organisation linked to `event`."""
    return event is not None and event.pk in linked_event_ids(user)


can_view_event = is_team_member | is_linked_cso

rules.add_perm("events.view_event", can_view_event)
rules.add_perm("events.add_event", is_organiser)
rules.add_perm("events.change_event", is_organiser)
rules.add_perm("events.manage_themes", is_organiser)
