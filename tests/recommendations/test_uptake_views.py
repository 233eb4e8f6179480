"""The uptake pages: the overview, the factsheet page, decisions in place."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import TeamRole
from recommendations import services, stats
from recommendations.models import UptakeLink, UptakeRejection
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    team = factories.TeamFactory()
    organiser = factories.member(TeamRole.ORGANISER, team)
    event = factories.EventFactory(team=team)
    factsheet = factories.FactsheetFactory(event=event, title="Land and housing")
    suggested = factories.SuggestedRecommendationFactory(
        factsheet=factsheet, text="Impose a moratorium on evictions until the land law applies"
    )
    review = factories.ReviewFactory(team=team, state_under_review="KH", cycle=3)
    services.link_review_to_event(review, event, by=organiser)
    moratorium = factories.RecommendationFactory(
        review=review,
        text="Adopt a moratorium on eviction until the 2001 land law is implemented",
        paragraph="82.64",
        states=["CH"],
    )
    other = factories.RecommendationFactory(
        review=review, text="Promote human rights education for officials", states=["TH"]
    )
    return {
        "team": team,
        "organiser": organiser,
        "event": event,
        "factsheet": factsheet,
        "suggested": suggested,
        "review": review,
        "moratorium": moratorium,
        "other": other,
    }


def _factsheet_url(page):
    return reverse(
        "recommendations:uptake_factsheet", args=[page["review"].pk, page["factsheet"].pk]
    )


def _decide_url(page, suggested=None):
    return reverse(
        "recommendations:uptake_decide",
        args=[page["review"].pk, page["factsheet"].pk, (suggested or page["suggested"]).pk],
    )


def test_factsheet_page_ranks_the_closest_recommendation_first(client, page):
    client.force_login(page["organiser"])

    response = client.get(_factsheet_url(page))

    content = response.content.decode()
    assert response.status_code == 200
    first = content.index('data-shortcut="1"')
    assert f'value="{page["moratorium"].pk}" data-shortcut="1"' in content[first - 40 : first + 20]
    assert "82.64" in content
    # A recommendation sharing no content word with the suggestion is not proposed.
    assert "human rights education" not in content
    assert "js/uptake.js" in content


def test_confirm_by_htmx_swaps_the_suggestion_with_its_link(client, page):
    client.force_login(page["organiser"])

    response = client.post(
        _decide_url(page),
        {"action": "partial", "recommendation": page["moratorium"].pk, "note": "land only"},
        HTTP_HX_REQUEST="true",
    )

    link = UptakeLink.objects.get(suggested=page["suggested"])
    assert (link.recommendation, link.closeness, link.note) == (
        page["moratorium"],
        "partial",
        "land only",
    )
    content = response.content.decode()
    assert f'id="suggestion-{page["suggested"].pk}"' in content
    assert "Partly reflected" in content
    assert "<html" not in content


def test_the_same_confirmation_twice_is_one_link_never_an_error(client, page):
    client.force_login(page["organiser"])
    data = {"action": "full", "recommendation": page["moratorium"].pk}

    first = client.post(_decide_url(page), data, HTTP_HX_REQUEST="true")
    second = client.post(_decide_url(page), data, HTTP_HX_REQUEST="true")

    assert (first.status_code, second.status_code) == (200, 200)
    assert UptakeLink.objects.filter(suggested=page["suggested"]).count() == 1


def test_reject_without_htmx_redirects_to_the_suggestion(client, page):
    client.force_login(page["organiser"])

    response = client.post(
        _decide_url(page), {"action": "reject", "recommendation": page["moratorium"].pk}
    )

    assert response.status_code == 302
    assert response.url == f"{_factsheet_url(page)}#suggestion-{page['suggested'].pk}"
    assert UptakeRejection.objects.filter(recommendation=page["moratorium"]).exists()


def test_undo_removes_the_link_without_rejecting(client, page):
    client.force_login(page["organiser"])
    services.confirm_uptake(
        page["suggested"], page["moratorium"], closeness="full", by=page["organiser"]
    )

    client.post(_decide_url(page), {"undo": page["moratorium"].pk}, HTTP_HX_REQUEST="true")

    assert not UptakeLink.objects.exists()
    assert not UptakeRejection.objects.exists()


def test_decision_without_a_candidate_shows_the_error_and_writes_nothing(client, page):
    client.force_login(page["organiser"])

    response = client.post(_decide_url(page), {"action": "full"}, HTTP_HX_REQUEST="true")

    assert "Choose one of the candidates first." in response.content.decode()
    assert not UptakeLink.objects.exists()


def test_unknown_action_shows_the_error_and_writes_nothing(client, page):
    client.force_login(page["organiser"])

    response = client.post(
        _decide_url(page),
        {"action": "maybe", "recommendation": page["moratorium"].pk},
        HTTP_HX_REQUEST="true",
    )

    assert "Choose confirm, partial or reject." in response.content.decode()
    assert not UptakeLink.objects.exists()


def test_another_reviews_recommendation_writes_nothing(client, page):
    client.force_login(page["organiser"])
    elsewhere = factories.RecommendationFactory(
        review=factories.ReviewFactory(team=page["team"], cycle=2)
    )

    response = client.post(
        _decide_url(page),
        {"action": "full", "recommendation": elsewhere.pk},
        HTTP_HX_REQUEST="true",
    )

    assert "Choose one of the candidates first." in response.content.decode()
    assert not UptakeLink.objects.exists()


def test_factsheet_of_an_unlinked_event_is_a_404(client, page):
    client.force_login(page["organiser"])
    unlinked = factories.FactsheetFactory(event=factories.EventFactory(team=page["team"]))
    url = reverse("recommendations:uptake_factsheet", args=[page["review"].pk, unlinked.pk])

    assert client.get(url).status_code == 404


def test_suggestion_of_another_factsheet_is_a_404(client, page):
    client.force_login(page["organiser"])
    sibling = factories.SuggestedRecommendationFactory(
        factsheet=factories.FactsheetFactory(event=page["event"])
    )

    response = client.post(
        _decide_url(page, sibling),
        {"action": "full", "recommendation": page["moratorium"].pk},
    )

    assert response.status_code == 404
    assert not UptakeLink.objects.exists()


def test_overview_lists_factsheets_with_counts_and_figures(client, page):
    services.confirm_uptake(
        page["suggested"], page["moratorium"], closeness="full", by=page["organiser"]
    )
    client.force_login(page["organiser"])

    response = client.get(reverse("recommendations:uptake", args=[page["review"].pk]))

    content = response.content.decode()
    assert "Land and housing" in content
    assert "Pre-session effect" in content
    assert "1 of 1 (1 fully, 0 in part)" in content


def test_report_admin_reads_the_overview_without_matching_links(client, page):
    client.force_login(factories.member(TeamRole.REPORT_ADMINISTRATOR, page["team"]))

    response = client.get(reverse("recommendations:uptake", args=[page["review"].pk]))

    assert response.status_code == 200
    assert _factsheet_url(page) not in response.content.decode()


def test_factsheet_page_query_count_is_constant(client, page, django_assert_num_queries):
    client.force_login(page["organiser"])
    client.get(_factsheet_url(page))  # the session and caches settle
    with CaptureQueriesContext(connection) as one:
        client.get(_factsheet_url(page))
    for _number in range(12):
        suggested = factories.SuggestedRecommendationFactory(
            factsheet=page["factsheet"], text="Moratorium on land evictions"
        )
        made = factories.RecommendationFactory(
            review=page["review"], text="Stop land evictions", states=["FR", "DE"]
        )
        services.reject_uptake(suggested, made, by=page["organiser"])

    with django_assert_num_queries(len(one)):
        response = client.get(_factsheet_url(page))

    assert response.content.decode().count("data-uptake-suggestion") == 13


def test_overview_query_count_is_constant(client, page, django_assert_num_queries):
    url = reverse("recommendations:uptake", args=[page["review"].pk])
    client.force_login(page["organiser"])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _number in range(8):
        factsheet = factories.FactsheetFactory(event=page["event"])
        suggested = factories.SuggestedRecommendationFactory(factsheet=factsheet)
        made = factories.RecommendationFactory(review=page["review"], states=["FR", "DE"])
        services.confirm_uptake(suggested, made, closeness="partial", by=page["organiser"])

    with django_assert_num_queries(len(one)):
        response = client.get(url)

    assert response.context["figures"].taken_up == stats.Proportion(8, 9)


def test_none_of_these_rejects_every_shown_candidate(client, page):
    client.force_login(page["organiser"])

    response = client.post(
        _decide_url(page),
        {"action": "none", "shown": [page["moratorium"].pk, page["other"].pk]},
        HTTP_HX_REQUEST="true",
    )

    assert set(UptakeRejection.objects.values_list("recommendation", flat=True)) == {
        page["moratorium"].pk,
        page["other"].pk,
    }
    assert "Every candidate was rejected: not taken up." in response.content.decode()
