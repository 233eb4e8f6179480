"""Permissions on reviews and their recommendations (see accounts/rules.py).

Organisers of the review's team import, match and edit; report administrators read and
export; CSO staff read the reviews linked to the events their organisation is linked to, and
record implementation assessments for their own organisation only. Checked on a review (an
assessment on its recommendation's review), or on the team for what creates a review.

`Review.objects.visible_to(user)` is the same rule as `recommendations.view_review`, written
as a query for lists.
"""

import rules

from accounts.rules import is_organiser, is_team_member
from events.rules import linked_event_ids


def _review(obj):
    """The review an object belongs to (a review, a recommendation, an assessment)."""
    if obj is None:
        return None
    if hasattr(obj, "recommendation"):
        obj = obj.recommendation
    return getattr(obj, "review", obj)


@rules.predicate
def is_review_team_member(user, obj):
    review = _review(obj)
    return review is not None and is_team_member(user, review)


@rules.predicate
def is_review_organiser(user, obj):
    review = _review(obj)
    return review is not None and is_organiser(user, review)


@rules.predicate
def is_linked_cso(user, obj):
    """CSO staff of an organisation linked to one of the events held before the review.
    Reads the review's event links: prefetch `event_links` where reviews come in lists."""
    review = _review(obj)
    if review is None or not user.organisation_id:
        return False
    events = linked_event_ids(user)
    return any(link.event_id in events for link in review.event_links.all())


@rules.predicate
def is_assessing_organisation(user, assessment):
    """CSO staff of the organisation that made the assessment."""
    return (
        assessment is not None
        and bool(user.organisation_id)
        and assessment.organisation_id == user.organisation_id
    )


can_view_review = is_review_team_member | is_linked_cso

# On a review (or on one of its recommendations):
rules.add_perm("recommendations.view_review", can_view_review)
rules.add_perm("recommendations.change_review", is_review_organiser)
rules.add_perm("recommendations.match_uptake", is_review_organiser)
rules.add_perm("recommendations.export_review", is_review_team_member)
rules.add_perm("recommendations.add_assessment", is_linked_cso)
# On an assessment:
rules.add_perm("recommendations.change_assessment", is_linked_cso & is_assessing_organisation)
# On a team:
rules.add_perm("recommendations.import_recommendations", is_organiser)

# Advocacy targeting, on a team: the "States to approach" page, its exports and the brief.
# Team members only: it joins the recommendations with the team's roster (which missions
# came to its pre-sessions, which received a factsheet), across all its events.
rules.add_perm("recommendations.view_targeting", is_team_member)
rules.add_perm("recommendations.add_review", is_organiser)
