"""The report's "At the review" section: shown once a linked review's recommendations
are in, in the HTML preview and the PDF, and part of the cached PDF's fingerprint."""

import pytest
from django.urls import reverse

from accounts.models import TeamRole
from factsheets.models import FactsheetStatus
from recommendations import services as recommendation_services
from recommendations.models import Closeness
from reports import pdf, selectors
from tests import factories

from .conftest import one_line, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(small_event):
    """`small_event` linked to Cambodia's review: two suggestions, one taken up by Norway,
    whose mission received the factsheet; Brazil's recommendation reflects none."""
    organiser = factories.member(TeamRole.ORGANISER, small_event.team)
    factsheet = factories.FactsheetFactory(
        event=small_event, title="Land rights", status=FactsheetStatus.APPROVED
    )
    taken = factories.SuggestedRecommendationFactory(factsheet=factsheet, text="Halt evictions")
    factories.SuggestedRecommendationFactory(factsheet=factsheet, text="Free media")
    review = factories.ReviewFactory(team=small_event.team, state_under_review="KH", cycle=3)
    recommendation_services.link_review_to_event(review, small_event, by=organiser)
    norway = factories.RecommendationFactory(review=review, text="Halt evictions", states=["NO"])
    factories.RecommendationFactory(review=review, text="Educate", states=["BR"])
    factories.DistributionFactory(
        factsheet=factsheet, mission=factories.MissionFactory(state="NO"), event=small_event
    )
    recommendation_services.confirm_uptake(
        taken, norway, closeness=Closeness.FULL, note="", by=organiser
    )
    return {"event": small_event, "review": review, "organiser": organiser, "norway": norway}


def test_no_section_before_the_recommendations_are_in(small_event):
    review = factories.ReviewFactory(team=small_event.team, state_under_review="KH", cycle=3)
    recommendation_services.link_review_to_event(review, small_event, by=None)

    html = pdf.activity_report_html(small_event, preview=True)

    assert 'id="at-the-review"' not in html


def test_preview_shows_the_section_with_counts_uptake_and_effect(client, reviewed):
    client.force_login(reviewed["organiser"])

    response = client.get(reverse("reports:report_preview", args=[reviewed["event"].slug]))

    text = one_line(response.content.decode())
    assert 'id="at-the-review"' in text
    assert "At the review" in text
    assert "2 recommendations made: Supported (2)" in text
    assert "1 of 2 suggested recommendations taken up (50%): 1 fully, 0 in part" in text
    assert "1 of 2 recommendations made reflect a civil society suggestion (50%)" in text
    assert "Mission received the factsheet: yes" in text
    assert "Organisers compared each recommendation suggested" in text


def test_pdf_prints_the_section(reviewed):
    content = pdf.html_to_pdf(pdf.activity_report_html(reviewed["event"]))

    text = one_line(pdf_text(content))
    assert "At the review" in text
    assert "1 of 2 suggested recommendations taken up (50%)" in text
    assert "The pre-session effect" in text
    assert "Mission received the factsheet: yes" in text


def test_section_is_numbered_before_the_way_forward(reviewed):
    context = selectors.report_document_context(reviewed["event"], preview=True)

    assert context["numbers"]["at_the_review"] == "3."
    assert context["numbers"]["way_forward"] == "4."


def test_a_confirmed_uptake_changes_the_fingerprint(reviewed):
    before = selectors.report_fingerprint(reviewed["event"])
    suggested = factories.SuggestedRecommendationFactory(
        factsheet=reviewed["event"].factsheets.get(), text="More"
    )
    unchanged_by_suggestion = selectors.report_fingerprint(reviewed["event"])

    recommendation_services.confirm_uptake(
        suggested, reviewed["norway"], closeness=Closeness.PARTIAL, by=reviewed["organiser"]
    )

    assert unchanged_by_suggestion != before
    assert selectors.report_fingerprint(reviewed["event"]) != unchanged_by_suggestion
