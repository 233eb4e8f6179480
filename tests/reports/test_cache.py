"""The report's PDF is served from the cache until anything it shows changes."""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import ProgrammeDay, SessionRole
from participants.models import Gender
from reports import pdf, selectors
from tests import factories

from .conftest import one_line, pdf_text


@pytest.fixture
def download(client, db):
    client.force_login(factories.report_admin())

    def get(event):
        response = client.get(reverse("reports:report_pdf", kwargs={"slug": event.slug}))
        assert response.status_code == 200
        return response

    return get


def test_second_download_with_nothing_changed_is_served_from_cache(download, small_event):
    first = download(small_event)

    second = download(small_event)

    assert (first["X-Report-Cache"], second["X-Report-Cache"]) == ("miss", "hit")
    assert second.content == first.content


def test_a_new_attendance_invalidates_the_cached_pdf(download, small_event):
    first = download(small_event)
    registration = factories.RegistrationFactory(event=small_event)
    factories.AttendanceFactory(registration=registration, day=small_event.days.get())

    second = download(small_event)

    assert second["X-Report-Cache"] == "miss"
    assert "Day 1 (14 November 2018): 4 people" in one_line(pdf_text(first.content))
    assert "Day 1 (14 November 2018): 5 people" in one_line(pdf_text(second.content))


def test_a_narrative_edit_invalidates_the_cached_pdf(download, small_event):
    download(small_event)
    report = small_event.activity_report
    report.way_forward = "A strategy workshop in January."
    report.save()

    second = download(small_event)

    assert second["X-Report-Cache"] == "miss"
    assert "A strategy workshop in January." in one_line(pdf_text(second.content))


def test_a_change_without_timestamp_still_invalidates_the_cached_pdf(download, small_event):
    # Session roles carry no updated_at: the key follows the document, not timestamps.
    download(small_event)
    SessionRole.objects.filter(role="moderator").update(role="speaker")

    second = download(small_event)

    assert second["X-Report-Cache"] == "miss"


def test_hiding_a_testimony_invalidates_the_cached_pdf(download, small_event):
    first = download(small_event)
    small_event.activity_report.testimonies.update(is_published=False)

    second = download(small_event)

    assert "A published testimony." in one_line(pdf_text(first.content))
    assert "A published testimony." not in one_line(pdf_text(second.content))


def test_cached_pdfs_of_two_events_never_mix(download, small_event):
    other = factories.EventFactory(title="Another pre-session")
    factories.PersonFactory(gender=Gender.WOMAN)

    first = download(small_event)
    second = download(other)

    assert second["X-Report-Cache"] == "miss"
    assert "Another pre-session" in pdf_text(second.content)
    assert "Another pre-session" not in pdf_text(first.content)


def test_only_the_latest_pdf_of_an_event_stays_in_the_cache(download, small_event):
    first = download(small_event)
    first_key = pdf.report_cache_key(small_event)
    small_event.activity_report.testimonies.update(is_published=False)

    download(small_event)

    assert first["X-Report-Cache"] == "miss"
    assert cache.get(first_key) is None


def test_renaming_a_day_invalidates_the_cached_pdf(download, small_event):
    download(small_event)
    ProgrammeDay.objects.filter(event=small_event).update(title="Renamed day")

    second = download(small_event)

    assert second["X-Report-Cache"] == "miss"
    assert "Renamed day" in pdf_text(second.content)


def test_a_persons_gender_change_invalidates_the_cached_pdf(download, small_event):
    first = download(small_event)
    person = small_event.registrations.filter(person__gender=Gender.MAN).first().person
    person.gender = Gender.WOMAN
    person.save()

    second = download(small_event)

    assert second["X-Report-Cache"] == "miss"
    assert "participants 50% women, 50% men" in one_line(pdf_text(first.content))
    assert "participants 75% women, 25% men" in one_line(pdf_text(second.content))


def test_an_unrelated_events_check_in_keeps_the_cached_pdf(download, small_event):
    download(small_event)
    someone = small_event.registrations.first().person
    factories.AttendanceFactory(registration=factories.RegistrationFactory(person=someone))

    second = download(small_event)

    assert second["X-Report-Cache"] == "hit"


def test_fingerprint_query_count_does_not_grow_with_participants(small_event):
    with CaptureQueriesContext(connection) as few:
        selectors.report_fingerprint(small_event)
    day = small_event.days.get()
    for _index in range(30):
        factories.AttendanceFactory(
            registration=factories.RegistrationFactory(event=small_event), day=day
        )

    with CaptureQueriesContext(connection) as many:
        selectors.report_fingerprint(small_event)

    assert len(many) == len(few)


# --- What the fingerprint reads: the event's team only, declared by each app ------------


def test_another_teams_edits_keep_the_fingerprint(small_event):
    before = selectors.report_fingerprint(small_event)
    other_team = factories.TeamFactory(slug="other-team")
    person = factories.PersonFactory(team=other_team, organisation__team=other_team)
    person.gender = Gender.WOMAN
    person.save()
    factories.OrganisationFactory(team=other_team, name="Their NGO")
    other_team.themes.update(is_active=False)

    after = selectors.report_fingerprint(small_event)

    assert after == before


def test_the_teams_edits_change_the_fingerprint(small_event):
    before = selectors.report_fingerprint(small_event)

    factories.PersonFactory(team=small_event.team)

    assert selectors.report_fingerprint(small_event) != before


def test_a_change_of_a_factsheets_authors_alone_changes_the_fingerprint(small_event):
    # The public factsheet list names the authors; adding one through the relation alone
    # (no save of the factsheet) must show at once.
    factsheet = factories.FactsheetFactory(event=small_event)
    before = selectors.report_fingerprint(small_event)

    factsheet.organisations.add(factories.OrganisationFactory(team=small_event.team))

    assert selectors.report_fingerprint(small_event) != before


def test_the_fingerprint_reads_what_each_app_declares():
    models = {declaration["model"] for declaration in selectors.report_inputs()}

    assert {
        "events.Event",
        "events.Session",
        "participants.Attendance",
        "participants.Person",
        "factsheets.Factsheet",
        "reports.Testimony",
    } <= models


def test_a_new_apps_declaration_is_read_without_editing_reports(small_event, monkeypatch):
    accounts = apps.get_app_config("accounts")
    monkeypatch.setattr(
        accounts,
        "report_inputs",
        ({"model": "accounts.Membership", "team": "team", "summary": True},),
        raising=False,
    )
    before = selectors.report_fingerprint(small_event)

    factories.report_admin(small_event.team)

    assert "accounts.Membership" in {d["model"] for d in selectors.report_inputs()}
    assert selectors.report_fingerprint(small_event) != before
