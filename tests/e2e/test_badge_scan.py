"""Check-in at the door with a badge's QR code: a scanner types the token and Enter."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from participants.badge_tokens import badge_token
from participants.models import Attendance
from tests import factories
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_one_scan_and_one_key_press_check_a_person_in(page: Page):
    user = factories.organiser()
    event = factories.EventFactory(team=user.memberships.get().team, title="Door test")
    day = factories.ProgrammeDayFactory(event=event)
    sokha = factories.RegistrationFactory(
        event=event, person__given_name="Sokha", person__family_name="Chan"
    )
    factories.RegistrationFactory(event=event, person__given_name="Dara", person__family_name="Kim")
    elsewhere = factories.RegistrationFactory(person__team=event.team)
    log_in(page, user)
    page.goto(reverse("participants:desk", args=[event.slug, day.pk]))

    search = page.get_by_role("searchbox", name="Search registrations")
    expect(search).to_be_focused()
    page.keyboard.type(badge_token(sokha))
    page.keyboard.press("Enter")

    rows = page.locator("#desk-rows tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Sokha Chan")
    check_in = rows.first.get_by_role("button", name="Check in")
    expect(check_in).to_be_focused()
    page.keyboard.press("Enter")

    expect(rows.first).to_contain_text("Present")
    expect(search).to_be_focused()
    assert Attendance.objects.filter(registration=sokha, day=day).exists()

    # The next scan replaces the selected text: another event's badge shows nobody.
    page.keyboard.type(badge_token(elsewhere))
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_have_text("This badge is not for this event.")
    expect(page.locator("#desk-rows")).not_to_contain_text(re.compile("Sokha|Dara"))
