"""The reviews' own pages: the team's list, the review form with its events, the review
page with its filters, search, counts and charts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import EventFormat
from recommendations import selectors
from recommendations.models import (
    ImplementationAssessment,
    ImplementationLevel,
    Response,
    Review,
    ReviewEvent,
    UptakeLink,
)
from recommendations.services import link_review_to_event
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return factories.TeamFactory()


@pytest.fixture
def organiser(team):
    return factories.organiser(team)


@pytest.fixture
def review(team):
    return factories.ReviewFactory(team=team, state_under_review="KH", cycle=1)


def _texts(page):
    return [recommendation.text for recommendation in page.page]


def _page(review, **filters):
    return selectors.review_page(review, **filters)


# The review page's filters and search


@pytest.fixture
def varied(review, team):
    """Five recommendations that differ in one way each."""
    themes = list(team.themes.order_by("order")[:2])
    child = factories.RecommendationFactory(
        review=review,
        text="Protect the rights of children with disabilities",
        states=["BR", "NO"],
        action_category=5,
    )
    child.themes.set([themes[0]])
    land = factories.RecommendationFactory(
        review=review,
        text="Continue efforts on land disputes",
        states=["JP"],
        response=Response.NOTED,
        action_category=2,
    )
    land.themes.set([themes[1]])
    press = factories.RecommendationFactory(
        review=review, text="Guarantee press freedom", states=["FR"], action_category=4
    )
    torture = factories.RecommendationFactory(
        review=review, text="Ratify the Convention against Torture", states=["NG"]
    )
    organisation = factories.OrganisationFactory(team=team)
    suggested = factories.SuggestedRecommendationFactory(
        factsheet=factories.FactsheetFactory(event=factories.EventFactory(team=team))
    )
    UptakeLink.objects.create(suggested=suggested, recommendation=child)
    ImplementationAssessment.objects.create(
        recommendation=land,
        organisation=organisation,
        assessed_on=datetime.date(2012, 1, 1),
        level=ImplementationLevel.FULLY_IMPLEMENTED,
    )
    # The latest assessment counts: land is now "partially implemented".
    ImplementationAssessment.objects.create(
        recommendation=land,
        organisation=organisation,
        assessed_on=datetime.date(2013, 1, 1),
        level=ImplementationLevel.PARTIALLY_IMPLEMENTED,
    )
    ImplementationAssessment.objects.create(
        recommendation=press,
        organisation=organisation,
        assessed_on=datetime.date(2013, 1, 1),
        level=ImplementationLevel.NOT_IMPLEMENTED,
    )
    return {"themes": themes, "child": child, "land": land, "press": press, "torture": torture}


ALL = ["child", "land", "press", "torture"]
FILTER_CASES = [
    ({}, ALL),
    ({"state": "NO"}, ["child"]),
    ({"state": "JP"}, ["land"]),
    ({"regional_group": "weog"}, ["child", "press"]),
    ({"regional_group": "african"}, ["torture"]),
    ({"regional_group": "eastern_european"}, []),
    ({"response": Response.NOTED}, ["land"]),
    ({"response": Response.SUPPORTED}, ["child", "press", "torture"]),
    ({"action_category": 2}, ["land"]),
    ({"action_category": 5}, ["child"]),
    ({"matched": True}, ["child"]),
    ({"matched": False}, ["land", "press", "torture"]),
    ({"level": ImplementationLevel.PARTIALLY_IMPLEMENTED}, ["land"]),
    ({"level": ImplementationLevel.FULLY_IMPLEMENTED}, []),
    ({"level": ImplementationLevel.NOT_IMPLEMENTED}, ["press"]),
    ({"level": "none"}, ["child", "torture"]),
    ({"search": "press freedom"}, ["press"]),
    ({"search": "CONVENTION torture"}, ["torture"]),
    ({"search": "press torture"}, []),
    ({"response": Response.SUPPORTED, "regional_group": "weog", "matched": False}, ["press"]),
]


@pytest.mark.parametrize(
    ("filters", "expected"), FILTER_CASES, ids=[str(case[0]) for case in FILTER_CASES]
)
def test_review_page_filter_narrows(review, varied, filters, expected):
    result = _page(review, **filters)

    assert _texts(result) == [varied[name].text for name in expected]
    assert (result.total, result.shown) == (4, len(expected))


def test_review_page_theme_filter(review, varied):
    result = _page(review, theme=varied["themes"][1].pk)

    assert _texts(result) == [varied["land"].text]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_review_page_search_stems_words_on_postgresql(review, varied):
    result = _page(review, search="protecting disability right")

    assert _texts(result) == [varied["child"].text]


def test_review_page_counts_and_charts_follow_the_filters(review, varied):
    result = _page(review, regional_group="weog")

    assert result.counts["response"] == [("Supported", 2)]
    assert result.counts["state"] == [("Brazil", 1), ("France", 1), ("Norway", 1)]
    # The joint recommendation of Brazil (GRULAC) and Norway (WEOG) counts in both groups.
    assert result.counts["group"] == [
        ("Latin American and Caribbean Group", 1),
        ("Western European and Others Group", 2),
    ]
    assert result.counts["category"] == [("4 – General action", 1), ("5 – Specific action", 1)]
    assert result.counts["theme"] == [(varied["themes"][0].name, 1)]
    assert "<svg" in result.charts["state"] and "Norway" in result.charts["state"]


def test_review_page_state_chart_keeps_the_first_fifteen(review):
    codes = [
        "AR",
        "AT",
        "AU",
        "BE",
        "BR",
        "CA",
        "CH",
        "CL",
        "CN",
        "DE",
        "DK",
        "ES",
        "FI",
        "FR",
        "GB",
        "IE",
        "IT",
    ]
    for index, code in enumerate(codes):
        factories.RecommendationFactory(review=review, states=[code, "NO"] if index else [code])

    result = _page(review)

    assert result.counts["state"][0] == ("Norway", 16)
    assert len(result.counts["state"]) == 18
    assert result.charts["state"].count("<rect") == 15


def test_review_page_paginates(review):
    factories.RecommendationFactory.create_batch(55, review=review)

    first = _page(review, per_page=50)
    second = _page(review, page=2, per_page=50)
    beyond = _page(review, page="99", per_page=50)

    assert (len(first.page), len(second.page), second.shown) == (50, 5, 55)
    assert beyond.page.number == 2


def _review_queries(review, django_assert_num_queries):
    with django_assert_num_queries(7):
        _page(review, search="made", regional_group="grulac", matched=False, level="none")


@pytest.mark.parametrize("count", [1, 50])
def test_review_page_queries_do_not_grow_with_the_recommendations(
    review, count, django_assert_num_queries
):
    for _index in range(count):
        recommendation = factories.RecommendationFactory(review=review, states=["BR", "NO"])
        recommendation.themes.set(review.team.themes.all()[:2])

    _review_queries(review, django_assert_num_queries)


def _recommendations(review, count):
    for _index in range(count):
        recommendation = factories.RecommendationFactory(review=review, states=["BR", "NO"])
        recommendation.themes.set(review.team.themes.all()[:2])


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


def test_review_page_view_queries_do_not_grow(client, review, organiser):
    client.force_login(organiser)
    url = reverse("recommendations:review_detail", args=[review.pk])
    params = {"q": "made", "group": "weog"}
    _recommendations(review, 1)
    client.get(url)  # the session and caches, once

    with_one = _queries(client, url, params)
    _recommendations(review, 49)
    with_fifty = _queries(client, url, params)

    assert with_one == with_fifty


def test_review_page_shows_filters_counts_and_cards(client, review, varied, organiser):
    client.force_login(organiser)

    response = client.get(
        reverse("recommendations:review_detail", args=[review.pk]), {"group": "weog", "page": 1}
    )

    content = response.content.decode()
    assert "4 recommendations</strong>, 2 shown" in content
    assert varied["child"].text in content and varied["land"].text not in content
    assert "Brazil, Norway" in content and "Recommending States (joint)" in content
    assert "Reflects a CSO suggestion</span>" in content
    assert '<option value="weog" selected>' in content
    assert response.context["query"] == "group=weog"


def test_review_page_ignores_a_bad_filter_value(client, review, varied, organiser):
    client.force_login(organiser)

    response = client.get(
        reverse("recommendations:review_detail", args=[review.pk]),
        {"category": "nine", "state": "XX", "response": "noted"},
    )

    assert response.status_code == 200
    assert response.context["result"].shown == 1


# Who sees which review


def test_another_teams_review_is_not_found(client, review):
    other = factories.organiser(factories.TeamFactory(slug="other"))
    client.force_login(other)

    for name in ("review_detail", "review_update"):
        response = client.get(reverse(f"recommendations:{name}", args=[review.pk]))
        assert response.status_code == 404


def test_cso_staff_see_a_review_of_their_event_only(client, review, team):
    event = factories.EventFactory(team=team)
    linked = factories.OrganisationFactory(team=team)
    unlinked = factories.OrganisationFactory(team=team)
    event.invited_organisations.add(linked)
    link_review_to_event(review, event, by=None)
    url = reverse("recommendations:review_detail", args=[review.pk])

    client.force_login(factories.cso_staff(unlinked))
    unlinked_status = client.get(url).status_code
    client.force_login(factories.cso_staff(linked))
    linked_response = client.get(url)

    assert unlinked_status == 404
    assert linked_response.status_code == 200
    assert "Edit review" not in linked_response.content.decode()


def test_event_overview_lists_the_reviews_one_may_open(client, review, team, organiser):
    event = factories.EventFactory(team=team, slug="phnom-penh")
    link_review_to_event(review, event, by=None)
    invited = factories.OrganisationFactory(team=team)
    event.invited_organisations.add(invited)
    url = reverse("reports:event_overview", args=[event.slug])
    review_url = reverse("recommendations:review_detail", args=[review.pk])

    client.force_login(organiser)
    organiser_page = client.get(url).content.decode()
    client.force_login(factories.cso_staff(invited))
    cso_page = client.get(url).content.decode()
    unlinked_event = factories.EventFactory(team=team, slug="elsewhere")
    client.force_login(organiser)
    other_page = client.get(reverse("reports:event_overview", args=[unlinked_event.slug]))

    assert review_url in organiser_page and "Review of Cambodia, cycle 1" in organiser_page
    assert review_url in cso_page
    assert review_url not in other_page.content.decode()


# The team's list


def test_review_list_shows_counts_in_fixed_queries(client, team, organiser):
    first = factories.ReviewFactory(team=team, state_under_review="KH", cycle=1)
    factories.RecommendationFactory.create_batch(2, review=first)
    factories.RecommendationFactory(review=first, response=Response.NOTED)
    client.force_login(organiser)
    url = reverse("recommendations:review_list", args=[team.slug])
    client.get(url)

    with_one = _queries(client, url)
    for code in ["NO", "FR", "BR", "JP", "SI", "TH", "VN", "LA"]:
        review = factories.ReviewFactory(team=team, state_under_review=code, cycle=2)
        factories.RecommendationFactory(review=review)
        link_review_to_event(
            review, factories.EventFactory(team=team, country_under_review=""), by=None
        )
    with_nine = _queries(client, url)
    response = client.get(url)

    assert with_one == with_nine
    listed = {review.pk: review for review in response.context["reviews"]}
    assert (listed[first.pk].recommendation_count, listed[first.pk].noted_count) == (3, 1)
    assert "New review" in response.content.decode()


def test_review_list_for_a_report_administrator_has_no_new_review(client, team, review):
    factories.RecommendationFactory(review=review)
    client.force_login(factories.report_admin(team))

    response = client.get(reverse("recommendations:review_list", args=[team.slug]))

    content = response.content.decode()
    assert "Cambodia" in content and "New review" not in content


# Creating and editing a review


def _form_data(**values):
    return {
        "state_under_review": "KH",
        "cycle": "1",
        "wg_session": "6",
        "review_date": "2009-12-01",
        "wg_report_symbol": "A/HRC/13/4",
        "addendum_symbol": "",
        **values,
    }


def test_create_review_links_the_chosen_events(client, team, organiser):
    event = factories.EventFactory(team=team, country_under_review="KH")
    factories.EventFactory(team=team, country_under_review="KH")
    client.force_login(organiser)

    response = client.post(
        reverse("recommendations:review_create", args=[team.slug]),
        _form_data(events=[f"event-{event.pk}"]),
    )

    review = Review.objects.get(team=team)
    assert response.status_code == 302
    assert response.url == reverse("recommendations:review_detail", args=[review.pk])
    assert (review.wg_session, review.wg_report_symbol) == (6, "A/HRC/13/4")
    assert list(review.events.all()) == [event]
    assert review.history.first().history_user == organiser


def test_create_review_form_errors_keep_the_input(client, team, organiser):
    client.force_login(organiser)

    response = client.post(
        reverse("recommendations:review_create", args=[team.slug]),
        _form_data(cycle="7", wg_report_symbol="A/HRC/99/1"),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved" in content
    assert 'value="A/HRC/99/1"' in content
    assert response.context["form"].errors["cycle"]
    assert not Review.objects.exists()


def test_duplicate_review_is_a_form_error(client, team, organiser, review):
    client.force_login(organiser)

    response = client.post(reverse("recommendations:review_create", args=[team.slug]), _form_data())

    assert response.status_code == 200
    assert "Your team already has this State&#x27;s review in this cycle." in (
        response.content.decode()
    )
    assert Review.objects.count() == 1


def test_editing_into_a_duplicate_review_is_a_form_error(client, team, organiser, review):
    other = factories.ReviewFactory(team=team, state_under_review="KH", cycle=2)
    client.force_login(organiser)

    response = client.post(
        reverse("recommendations:review_update", args=[other.pk]), _form_data(cycle="1")
    )

    other.refresh_from_db()
    assert response.status_code == 200
    assert "already has this State" in response.content.decode()
    assert other.cycle == 2
    # The page still describes the stored review.
    assert "Edit Cambodia, cycle 2" in response.content.decode()


def test_same_state_and_cycle_in_another_team_is_fine(client, team, organiser, review):
    other_team = factories.TeamFactory(slug="other")
    other_organiser = factories.organiser(other_team)
    client.force_login(other_organiser)

    response = client.post(
        reverse("recommendations:review_create", args=[other_team.slug]), _form_data()
    )

    assert response.status_code == 302
    assert Review.objects.count() == 2


def test_update_review_unlinks_and_links_events(client, team, organiser, review):
    kept = factories.EventFactory(team=team)
    dropped = factories.EventFactory(team=team)
    added = factories.EventFactory(team=team)
    link_review_to_event(review, kept, by=None)
    link_review_to_event(review, dropped, by=None)
    client.force_login(organiser)
    url = reverse("recommendations:review_update", args=[review.pk])
    initial = client.get(url).context["form"]["events"].value()

    response = client.post(url, _form_data(events=[f"event-{kept.pk}", f"event-{added.pk}"]))

    assert sorted(initial) == sorted([f"event-{kept.pk}", f"event-{dropped.pk}"])
    assert response.status_code == 302
    assert set(review.events.all()) == {kept, added}
    assert ReviewEvent.history.filter(history_type="-", event=dropped).get().history_user == (
        organiser
    )


def test_geneva_series_links_through_its_session(client, team, organiser):
    series = factories.EventFactory(
        team=team, format=EventFormat.GENEVA, country_under_review="", city="Geneva"
    )
    day = factories.ProgrammeDayFactory(event=series)
    on_slovenia = factories.SessionFactory(day=day, state_under_review="SI", title="Slovenia")
    factories.SessionFactory(day=day, state_under_review="KH", title="Cambodia")
    client.force_login(organiser)
    url = reverse("recommendations:review_create", args=[team.slug])
    choices = dict(client.get(url).context["form"].fields["events"].choices)

    response = client.post(
        url, _form_data(state_under_review="SI", cycle="3", events=[f"session-{on_slovenia.pk}"])
    )

    assert f"event-{series.pk}" not in choices
    assert "session on Slovenia" in choices[f"session-{on_slovenia.pk}"]
    assert response.status_code == 302
    link = ReviewEvent.objects.get()
    assert (link.event, link.session) == (series, on_slovenia)


def test_linking_an_event_about_another_state_is_a_form_error(client, team, organiser):
    event = factories.EventFactory(team=team, country_under_review="KH", title="About Cambodia")
    client.force_login(organiser)

    response = client.post(
        reverse("recommendations:review_create", args=[team.slug]),
        _form_data(state_under_review="SI", events=[f"event-{event.pk}"]),
    )

    assert response.status_code == 200
    assert "About Cambodia: The event prepares the review of another State." in (
        response.content.decode()
    )
    assert not Review.objects.exists()


def test_another_teams_event_is_not_a_choice(client, team, organiser):
    foreign = factories.EventFactory(team=factories.TeamFactory(slug="other"))
    client.force_login(organiser)

    response = client.post(
        reverse("recommendations:review_create", args=[team.slug]),
        _form_data(events=[f"event-{foreign.pk}"]),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["events"]
    assert not Review.objects.exists()
