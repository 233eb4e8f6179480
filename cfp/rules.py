"""Permissions of the call for speakers, checked against the event.

Organisers of the event's team open and edit the call, review, select and accept.
Applying is for signed-in CSO staff whose organisation is in the team's directory (see
`can_apply`): they already have an account the organisers trust, so no public form, no
e-mail confirmation and no rate limit are needed, and the application is tied to a known
organisation."""

import rules

from accounts.rules import is_organiser


@rules.predicate
def is_cso_of_team(user, event):
    organisation = getattr(user, "organisation", None)
    return event is not None and organisation is not None and organisation.team_id == event.team_id


rules.add_perm("cfp.manage_call", is_organiser)
rules.add_perm("cfp.review_applications", is_organiser)
rules.add_perm("cfp.apply", is_cso_of_team)
