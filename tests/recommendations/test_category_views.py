"""The action category pages: suggestions with their reason, accepting them, and the
categories of a factsheet's drafts."""

import pytest
from django.urls import reverse

from recommendations.models import ActionCategory, Recommendation
from recommendations.services import accept_action_category, accept_suggested_categories
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    return factories.ReviewFactory()


@pytest.fixture
def organiser(review):
    return factories.organiser(review.team)


def _url(review):
    return reverse("recommendations:categories", args=[review.pk])


def test_categories_page_lists_recommendations_without_category_with_reason(
    client, review, organiser
):
    factories.RecommendationFactory(review=review, text="Consider ratifying OP-CAT")
    factories.RecommendationFactory(review=review, text="Ratify CAT", action_category=5)
    client.force_login(organiser)

    response = client.get(_url(review))

    content = response.content.decode()
    assert "Consider ratifying OP-CAT" in content
    assert "“Consider” asks the State to think about acting" in content
    assert "Ratify CAT" not in content
    assert "Accept the suggestion for 1 recommendation" in content


def test_categories_page_all_shows_categorised_ones_too(client, review, organiser):
    factories.RecommendationFactory(review=review, text="Ratify CAT", action_category=4)
    client.force_login(organiser)

    response = client.get(_url(review) + "?show=all")

    content = response.content.decode()
    assert "Ratify CAT" in content
    assert "Now: 4 – General action" in content
    assert "Suggested: 5 – Specific action" in content


@pytest.mark.parametrize("rows", [1, 20])
def test_categories_page_queries_do_not_grow_with_rows(
    client, review, organiser, rows, django_assert_num_queries
):
    for _ in range(rows):
        factories.RecommendationFactory(review=review, text="Continue efforts", states=["BR"])
    client.force_login(organiser)
    client.get(_url(review))  # the session and the user's roles, cached after this

    with django_assert_num_queries(_QUERIES):
        response = client.get(_url(review))

    assert response.content.decode().count('<p class="mb-1">Continue efforts') == rows


# session, user, team roles, review, event links, recommendations, states, rules' reads
_QUERIES = 8


def test_accept_one_sets_the_chosen_category_with_history(client, review, organiser):
    recommendation = factories.RecommendationFactory(review=review, text="Continue efforts")
    client.force_login(organiser)

    response = client.post(
        reverse("recommendations:categories_accept", args=[review.pk, recommendation.pk]),
        {"category": "5"},
    )

    recommendation.refresh_from_db()
    assert response.status_code == 302
    assert recommendation.action_category == ActionCategory.SPECIFIC
    assert recommendation.history.latest().history_user == organiser


@pytest.mark.parametrize("category", ["9", "x", ""])
def test_accept_one_bad_category_is_refused_and_writes_nothing(client, review, organiser, category):
    recommendation = factories.RecommendationFactory(review=review, text="Continue efforts")
    client.force_login(organiser)

    response = client.post(
        reverse("recommendations:categories_accept", args=[review.pk, recommendation.pk]),
        {"category": category},
        follow=True,
    )

    recommendation.refresh_from_db()
    assert "Choose an action category from 1 to 5." in response.content.decode()
    assert recommendation.action_category is None


def test_accept_one_of_another_review_is_404(client, review, organiser):
    other = factories.RecommendationFactory(review=factories.ReviewFactory(cycle=2))
    client.force_login(organiser)

    response = client.post(
        reverse("recommendations:categories_accept", args=[review.pk, other.pk]),
        {"category": "5"},
    )

    assert response.status_code == 404


def test_accept_all_sets_suggestions_only_where_missing(client, review, organiser):
    missing = factories.RecommendationFactory(review=review, text="Consider ratifying CED")
    kept = factories.RecommendationFactory(review=review, text="Ratify CAT", action_category=4)
    client.force_login(organiser)

    response = client.post(
        reverse("recommendations:categories_accept_all", args=[review.pk]), follow=True
    )

    assert "accepted for 1 recommendation" in response.content.decode()
    values = dict(Recommendation.objects.values_list("pk", "action_category"))
    assert values == {missing.pk: 3, kept.pk: 4}


def test_accept_action_category_service_idempotent(review, organiser):
    recommendation = factories.RecommendationFactory(review=review)

    first = accept_action_category(recommendation, category=2, by=organiser)
    second = accept_action_category(recommendation, category=2, by=organiser)

    assert (first, second) == (True, False)
    assert recommendation.history.count() == 2  # created, then the one change


def test_accept_suggested_categories_service_second_run_changes_nothing(review, organiser):
    factories.RecommendationFactory(review=review, text="Seek technical assistance")

    assert accept_suggested_categories(review, by=organiser) == 1
    assert accept_suggested_categories(review, by=organiser) == 0
    assert review.recommendations.get().action_category == ActionCategory.MINIMAL


def test_draft_categories_show_each_suggested_recommendation_and_how_to_sharpen(client):
    cso = factories.OrganisationFactory()
    factsheet = factories.FactsheetFactory(organisations=[cso])
    factories.SuggestedRecommendationFactory(
        factsheet=factsheet, text="Continue efforts to protect land rights"
    )
    factories.SuggestedRecommendationFactory(
        factsheet=factsheet, text="Adopt a law on access to information"
    )
    organiser = factories.organiser(factsheet.event.team)
    client.force_login(organiser)

    response = client.get(reverse("recommendations:draft_categories", args=[factsheet.pk]))

    content = response.content.decode()
    assert "2 – Continuing action" in content
    assert "“Continue” asks the State to go on with what it does" in content
    assert "5 – Specific action" in content
    assert content.count("To make it specific, lead with the act itself") == 1


def test_factsheet_detail_links_to_draft_categories(client):
    factsheet = factories.FactsheetFactory()
    factories.SuggestedRecommendationFactory(factsheet=factsheet, text="Ratify CAT")
    client.force_login(factories.organiser(factsheet.event.team))

    response = client.get(reverse("factsheets:factsheet_detail", args=[factsheet.pk]))

    assert reverse("recommendations:draft_categories", args=[factsheet.pk]) in (
        response.content.decode()
    )
