"""Uptake: the services that confirm and reject, the figures, and the pages."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import TeamRole
from events.models import EventFormat
from factsheets.models import FactsheetStatus
from recommendations import services, stats
from recommendations.models import Closeness, UptakeLink, UptakeRejection
from tests import factories
from tests.races import POSTGRES_ONLY, race

pytestmark = pytest.mark.django_db


@pytest.fixture
def uptake():
    """A review of Cambodia linked to an in-country event with two factsheets (three
    suggestions), four recommendations made by Brazil, Norway, France and Japan. Norway's
    mission checked in at the event; France's received a factsheet; Brazil and Japan
    neither. Known links: suggestion 1 fully by Norway's recommendation, suggestion 2 in
    part by Brazil's."""
    team = factories.TeamFactory()
    organiser = factories.member(TeamRole.ORGANISER, team)
    event = factories.EventFactory(team=team)
    day = factories.ProgrammeDayFactory(event=event)
    cso_a = factories.OrganisationFactory(team=team, name="Alpha CSO")
    cso_b = factories.OrganisationFactory(team=team, name="Beta CSO")
    land = factories.FactsheetFactory(
        event=event, title="Land", organisations=[cso_a], status=FactsheetStatus.APPROVED
    )
    media = factories.FactsheetFactory(
        event=event, title="Media", organisations=[cso_a, cso_b], status=FactsheetStatus.APPROVED
    )
    s1 = factories.SuggestedRecommendationFactory(
        factsheet=land, text="Impose a moratorium on evictions until the land law applies"
    )
    s2 = factories.SuggestedRecommendationFactory(
        factsheet=land, text="Protect land rights defenders from harassment"
    )
    s3 = factories.SuggestedRecommendationFactory(
        factsheet=media, text="Liberalise the ownership of electronic media"
    )
    review = factories.ReviewFactory(team=team, state_under_review="KH", cycle=3)
    services.link_review_to_event(review, event, by=organiser)
    norway = factories.RecommendationFactory(
        review=review, text="Adopt a moratorium on evictions (Norway)", states=["NO"]
    )
    brazil = factories.RecommendationFactory(
        review=review, text="Develop a policy to protect human rights defenders", states=["BR"]
    )
    france = factories.RecommendationFactory(
        review=review, text="Respect freedom of expression", states=["FR"]
    )
    joint = factories.RecommendationFactory(
        review=review, text="Submit reports to the treaty bodies", states=["JP", "BR"]
    )
    mission_no = factories.MissionFactory(state="NO", organisation__name="Embassy of Norway")
    mission_fr = factories.MissionFactory(state="FR", organisation__name="Embassy of France")
    diplomat = factories.PersonFactory(team=team, organisation=mission_no.organisation)
    registration = factories.RegistrationFactory(event=event, person=diplomat)
    factories.AttendanceFactory(registration=registration, day=day)
    factories.DistributionFactory(factsheet=media, mission=mission_fr, event=event)
    services.confirm_uptake(s1, norway, closeness=Closeness.FULL, note="", by=organiser)
    services.confirm_uptake(s2, brazil, closeness=Closeness.PARTIAL, note="policy", by=organiser)
    return {
        "team": team,
        "organiser": organiser,
        "event": event,
        "review": review,
        "land": land,
        "media": media,
        "suggested": (s1, s2, s3),
        "made": {"norway": norway, "brazil": brazil, "france": france, "joint": joint},
    }


# --- Services -------------------------------------------------------------------------


def test_confirm_uptake_twice_keeps_one_link_and_updates_it(uptake):
    s1 = uptake["suggested"][0]
    norway = uptake["made"]["norway"]

    services.confirm_uptake(
        s1, norway, closeness=Closeness.PARTIAL, note="only evictions", by=uptake["organiser"]
    )
    services.confirm_uptake(
        s1, norway, closeness=Closeness.PARTIAL, note="only evictions", by=uptake["organiser"]
    )

    link = UptakeLink.objects.get(suggested=s1, recommendation=norway)
    assert (link.closeness, link.note, link.confirmed_by) == (
        "partial",
        "only evictions",
        uptake["organiser"],
    )
    assert UptakeLink.objects.filter(suggested=s1).count() == 1


def test_reject_uptake_removes_the_link_and_is_idempotent(uptake):
    s1 = uptake["suggested"][0]
    norway = uptake["made"]["norway"]

    services.reject_uptake(s1, norway, note="not the same", by=uptake["organiser"])
    services.reject_uptake(s1, norway, note="not the same", by=uptake["organiser"])

    assert not UptakeLink.objects.filter(suggested=s1).exists()
    assert UptakeRejection.objects.filter(suggested=s1, recommendation=norway).count() == 1


def test_confirm_after_reject_removes_the_rejection(uptake):
    s3 = uptake["suggested"][2]
    france = uptake["made"]["france"]
    services.reject_uptake(s3, france, by=uptake["organiser"])

    services.confirm_uptake(s3, france, closeness=Closeness.FULL, by=uptake["organiser"])

    assert not UptakeRejection.objects.filter(suggested=s3).exists()
    assert UptakeLink.objects.filter(suggested=s3, recommendation=france).exists()


def test_confirm_uptake_refuses_a_suggestion_of_an_unlinked_event(uptake):
    other = factories.SuggestedRecommendationFactory(
        factsheet=factories.FactsheetFactory(event=factories.EventFactory(team=uptake["team"]))
    )

    with pytest.raises(ValidationError, match="not linked to this review"):
        services.confirm_uptake(
            other, uptake["made"]["norway"], closeness=Closeness.FULL, by=uptake["organiser"]
        )

    assert not UptakeLink.objects.filter(suggested=other).exists()


def test_confirm_uptake_refuses_an_unknown_closeness(uptake):
    s3 = uptake["suggested"][2]

    with pytest.raises(ValidationError):
        services.confirm_uptake(
            s3, uptake["made"]["france"], closeness="maybe", by=uptake["organiser"]
        )

    assert not UptakeLink.objects.filter(suggested=s3).exists()


# --- Figures ---------------------------------------------------------------------------


def test_uptake_figures_on_known_matches(uptake):
    figures = stats.uptake_figures(uptake["review"])

    assert figures.recommendations == 4
    assert [(row.response, row.count) for row in figures.by_response] == [("supported", 4)]
    assert (figures.taken_up, figures.fully, figures.partly) == (stats.Proportion(2, 3), 1, 1)
    assert [(row.name, row.taken_up, row.fully, row.partly) for row in figures.by_factsheet] == [
        ("Land", stats.Proportion(2, 2), 1, 1),
        ("Media", stats.Proportion(0, 1), 0, 0),
    ]
    assert [(row.name, row.taken_up) for row in figures.by_organisation] == [
        ("Alpha CSO", stats.Proportion(2, 3)),
        ("Beta CSO", stats.Proportion(0, 1)),
    ]
    assert [row.taken_up for row in figures.by_theme] == [stats.Proportion(2, 3)]
    assert figures.reflecting == stats.Proportion(2, 4)


def test_uptake_figures_by_state_with_attended_and_received(uptake):
    figures = stats.uptake_figures(uptake["review"])

    assert [(row.code, row.reflecting, row.attended, row.received) for row in figures.by_state] == [
        ("BR", stats.Proportion(1, 2), False, False),
        ("NO", stats.Proportion(1, 1), True, False),
        ("FR", stats.Proportion(0, 1), False, True),
        ("JP", stats.Proportion(0, 1), False, False),
    ]


def test_pre_session_effect_compares_reached_and_other_states(uptake):
    attended, received, reached = stats.uptake_figures(uptake["review"]).effect

    assert (attended.reached.states, attended.reached.reflecting) == (1, stats.Proportion(1, 1))
    # Brazil, France, Japan: Brazil's two recommendations (one joint with Japan), France's.
    assert (attended.not_reached.states, attended.not_reached.reflecting) == (
        3,
        stats.Proportion(1, 3),
    )
    assert (received.reached.states, received.reached.reflecting) == (1, stats.Proportion(0, 1))
    assert (reached.reached.states, reached.reached.reflecting) == (2, stats.Proportion(1, 2))
    assert (reached.not_reached.states, reached.not_reached.reflecting) == (
        2,
        stats.Proportion(1, 2),
    )


def test_geneva_mission_present_at_the_review_session_counts_as_attended():
    team = factories.TeamFactory()
    event = factories.EventFactory(team=team, format=EventFormat.GENEVA, country_under_review="")
    day = factories.ProgrammeDayFactory(event=event)
    session = factories.SessionFactory(day=day, state_under_review="KH")
    other_session = factories.SessionFactory(day=day, state_under_review="TH")
    review = factories.ReviewFactory(team=team, state_under_review="KH")
    services.link_review_to_event(review, event, session=session, by=None)
    factories.RecommendationFactory(review=review, states=["NO", "SE"])
    session.missions_present.add(factories.MissionFactory(state="NO"))
    other_session.missions_present.add(factories.MissionFactory(state="SE"))
    session.missions_present.add(factories.MissionFactory(state="KH"))

    figures = stats.uptake_figures(review)

    assert {row.code: row.attended for row in figures.by_state} == {"NO": True, "SE": False}


def test_uptake_figures_query_count_is_constant(uptake, django_assert_num_queries):
    review = uptake["review"]
    with CaptureQueriesContext(connection) as few:
        stats.uptake_figures(review)
    for _number in range(15):
        suggested = factories.SuggestedRecommendationFactory(factsheet=uptake["land"])
        made = factories.RecommendationFactory(review=review, states=["DE", "IT"])
        services.confirm_uptake(suggested, made, closeness=Closeness.FULL, by=None)

    with django_assert_num_queries(len(few)):
        figures = stats.uptake_figures(review)

    assert figures.recommendations == 19


def test_uptake_figures_of_an_empty_review():
    figures = stats.uptake_figures(factories.ReviewFactory())

    assert (figures.has_recommendations, figures.suggestions, figures.taken_up.percent) == (
        False,
        0,
        0,
    )


# Serialized rollback as the other threaded tests: a plain transactional flush would
# re-create the content types that the next serialized test restores (a duplicate key).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@POSTGRES_ONLY
def test_two_simultaneous_confirmations_make_one_link_and_no_error():
    team = factories.TeamFactory()
    event = factories.EventFactory(team=team)
    suggested = factories.SuggestedRecommendationFactory(
        factsheet=factories.FactsheetFactory(event=event)
    )
    review = factories.ReviewFactory(team=team)
    services.link_review_to_event(review, event, by=None)
    made = factories.RecommendationFactory(review=review)
    _results, errors = race(
        [
            lambda: services.confirm_uptake(suggested, made, closeness=Closeness.FULL, by=None)
            for _ in range(2)
        ]
    )

    assert errors == []
    assert UptakeLink.objects.filter(suggested=suggested, recommendation=made).count() == 1
