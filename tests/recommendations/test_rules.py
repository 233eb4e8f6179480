"""Who sees and changes reviews: the rules and `Review.objects.visible_to`, in agreement."""

import datetime

import pytest

from accounts.models import TeamRole
from events.models import EventFormat
from recommendations.models import (
    ImplementationAssessment,
    ImplementationLevel,
    Recommendation,
    Review,
)
from recommendations.services import link_review_to_event
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    team_a = factories.TeamFactory(slug="team-a")
    team_b = factories.TeamFactory(slug="team-b")
    event = factories.EventFactory(team=team_a, country_under_review="KH")
    review = Review.objects.create(team=team_a, state_under_review="KH", cycle=3)
    link_review_to_event(review, event, by=None)
    unlinked = Review.objects.create(team=team_a, state_under_review="SI", cycle=3)
    recommendation = Recommendation.objects.create(
        review=review, text="Adopt a law (Brazil)", source_key="A/HRC/1/1 1.1"
    )
    registered = factories.OrganisationFactory(team=team_a)
    factories.RegistrationFactory(
        event=event, person=factories.PersonFactory(team=team_a, organisation=registered)
    )
    other = factories.OrganisationFactory(team=team_a)
    users = {
        "organiser_a": factories.organiser(team_a),
        "organiser_b": factories.organiser(team_b),
        "report_admin_a": factories.member(TeamRole.REPORT_ADMINISTRATOR, team_a),
        "cso_registered": factories.cso_staff(registered),
        "cso_other": factories.cso_staff(other),
    }
    assessment = ImplementationAssessment.objects.create(
        recommendation=recommendation,
        organisation=registered,
        assessed_on=datetime.date(2024, 5, 1),
        level=ImplementationLevel.PARTIALLY_IMPLEMENTED,
    )
    return {
        "review": review,
        "unlinked": unlinked,
        "recommendation": recommendation,
        "assessment": assessment,
        "team_a": team_a,
        **users,
    }


@pytest.mark.parametrize(
    ("perm", "obj", "allowed"),
    [
        ("view_review", "review", {"organiser_a", "report_admin_a", "cso_registered"}),
        ("view_review", "unlinked", {"organiser_a", "report_admin_a"}),
        ("change_review", "review", {"organiser_a"}),
        ("match_uptake", "review", {"organiser_a"}),
        ("export_review", "review", {"organiser_a", "report_admin_a"}),
        ("add_assessment", "recommendation", {"cso_registered"}),
        ("change_assessment", "assessment", {"cso_registered"}),
        ("import_recommendations", "team_a", {"organiser_a"}),
    ],
    ids=[
        "view",
        "view-unlinked",
        "change",
        "match",
        "export",
        "add-assessment",
        "change-assessment",
        "import",
    ],
)
def test_permissions_by_role(world, perm, obj, allowed):
    roles = ("organiser_a", "organiser_b", "report_admin_a", "cso_registered", "cso_other")

    granted = {
        role for role in roles if world[role].has_perm(f"recommendations.{perm}", world[obj])
    }

    assert granted == allowed


def test_visible_to_agrees_with_view_review(world):
    for role in ("organiser_a", "organiser_b", "report_admin_a", "cso_registered", "cso_other"):
        user = world[role]

        by_rule = {
            review.pk
            for review in Review.objects.all()
            if user.has_perm("recommendations.view_review", review)
        }

        assert set(Review.objects.visible_to(user).values_list("pk", flat=True)) == by_rule, role


def test_a_geneva_session_links_the_review_of_its_state(world):
    geneva = factories.EventFactory(
        team=world["team_a"], format=EventFormat.GENEVA, country_under_review=""
    )
    session = factories.SessionFactory(day__event=geneva, state_under_review="SI")

    link = link_review_to_event(world["unlinked"], geneva, session=session, by=None)

    assert (link.session, str(link.state_under_review)) == (session, "SI")
    with pytest.raises(Exception, match="another State under Review"):
        link_review_to_event(world["review"], geneva, session=session, by=None)
