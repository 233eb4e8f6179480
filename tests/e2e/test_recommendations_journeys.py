"""The recommendations cycle in Chromium, as each of its three roles: an organiser confirms
that a CSO suggestion was taken up, by keyboard; a report administrator finds the States to
approach on a theme and downloads the brief; CSO staff record their organisation's
assessment of a recommendation. Through visible links, labels and keys, from the
dashboard."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import TeamRole
from events.models import Theme
from recommendations.models import ImplementationAssessment, Response, UptakeLink
from recommendations.services import link_review_to_event
from tests import factories
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADOPT_LAW = "Adopt a law on access to information in line with international standards"


@pytest.fixture
def cycle():
    team = factories.TeamFactory(slug="cchr", name="CCHR")
    event = factories.EventFactory(
        team=team, title="Cambodia pre-session", country_under_review="KH"
    )
    cso = factories.OrganisationFactory(team=team, name="League for Rights")
    factories.RegistrationFactory(
        event=event, person=factories.PersonFactory(team=team, organisation=cso)
    )
    justice = Theme.objects.get(team=team, name="Access to Justice")
    factsheet = factories.FactsheetFactory(
        event=event, title="Factsheet on access to information", organisations=[cso]
    )
    factories.SuggestedRecommendationFactory(
        factsheet=factsheet,
        text="Adopt a law on access to information meeting international standards",
    )
    earlier = factories.ReviewFactory(team=team, state_under_review="KH", cycle=2)
    for n, code in enumerate(["BR", "BR", "NO"]):
        made = factories.RecommendationFactory(
            review=earlier,
            text=f"Ensure the independence of the judiciary, step {n}",
            states=[code],
            action_category=5,
            response=Response.SUPPORTED,
        )
        made.themes.add(justice)
    factories.MissionFactory(organisation__name="Embassy of Brazil", state="BR")
    review = factories.ReviewFactory(team=team, state_under_review="KH", cycle=3)
    link_review_to_event(review, event, by=None)
    factories.RecommendationFactory(review=review, text=ADOPT_LAW, states=["SE"])
    factories.RecommendationFactory(
        review=review, text="Ratify the Optional Protocol to the Convention against Torture"
    )
    return {
        "event": event,
        "review": review,
        "organiser": factories.member(TeamRole.ORGANISER, team, username="organiser"),
        "reports": factories.member(TeamRole.REPORT_ADMINISTRATOR, team, username="reports"),
        "cso": factories.cso_staff(cso, username="cso"),
    }


def open_review(page: Page, event_title, review_name):
    page.get_by_role("link", name=event_title).first.click()
    page.get_by_role("link", name=review_name).click()
    expect(page.get_by_role("heading", name=re.compile(review_name))).to_be_visible()


def test_organiser_confirms_an_uptake_with_the_keyboard(page: Page, cycle):
    log_in(page, cycle["organiser"])
    open_review(page, "Cambodia pre-session", "Review of Cambodia, cycle 3")

    page.get_by_role("navigation", name="Review pages").get_by_role("link", name="Uptake").click()
    page.get_by_role("link", name="Factsheet on access to information").click()
    suggestion = page.locator("[data-uptake-suggestion]").first
    expect(suggestion).to_contain_text(ADOPT_LAW)  # ranked first
    # The page script focuses the first open suggestion once it (and htmx) have run:
    # a key pressed before that would reach no listener.
    expect(suggestion).to_be_focused()
    page.keyboard.press("f")

    expect(page.locator("[data-uptake-suggestion]").first).to_contain_text("Taken up")
    link = UptakeLink.objects.get()
    assert (link.recommendation.text, link.closeness, link.confirmed_by.username) == (
        ADOPT_LAW,
        "full",
        "organiser",
    )


def test_report_administrator_finds_the_states_to_approach_and_downloads_the_brief(
    page: Page, cycle
):
    log_in(page, cycle["reports"])
    open_review(page, "Cambodia pre-session", "Review of Cambodia, cycle 3")

    page.get_by_role("link", name="States to approach").click()
    page.get_by_label("Theme").select_option(label="Access to Justice")
    page.get_by_role("button", name="Show").click()

    first_row = page.locator("table tbody tr").first
    expect(first_row).to_contain_text("Brazil")
    expect(page.get_by_text("Embassy of Brazil")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Brief for speakers")).click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_cso_staff_record_their_organisations_assessment(page: Page, cycle):
    log_in(page, cycle["cso"])
    open_review(page, "Cambodia pre-session", "Review of Cambodia, cycle 3")

    page.get_by_role("link", name="Implementation").click()
    page.get_by_role("link", name="Record an assessment").first.click()
    page.get_by_label("Partially implemented").check()
    page.get_by_label("Evidence", exact=True).fill("A draft law was tabled in 2024.")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".list-group-item", has_text=ADOPT_LAW)).to_contain_text(
        "Partially implemented"
    )
    assessment = ImplementationAssessment.objects.get()
    assert (assessment.organisation.name, assessment.level, assessment.recorded_by.username) == (
        "League for Rights",
        "partially_implemented",
        "cso",
    )
