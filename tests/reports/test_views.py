import datetime
import io
import re

import pytest
import weasyprint
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from participants.models import OrganisationKind
from reports import models as report_models
from reports.models import Achievement, ActivityReport
from tests import factories

from .conftest import one_line, pdf_text


def url(name, event, **kwargs):
    return reverse(f"reports:{name}", kwargs={"slug": event.slug, **kwargs})


# --- Permission grid ------------------------------------------------------------------

REPORT_PAGES = ["report_preview", "report_edit", "report_pdf"]
PRINTOUT_PAGES = ["printouts", "programme_pdf", "badges_pdf", "sign_in_pdf"]


def page_url(name, event):
    if name == "sign_in_pdf":
        return url(name, event, day_pk=event.days.get().pk)
    return url(name, event)


@pytest.mark.parametrize("name", REPORT_PAGES + PRINTOUT_PAGES)
def test_anonymous_visitor_is_sent_to_login(client, small_event, name):
    response = client.get(page_url(name, small_event))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", REPORT_PAGES + PRINTOUT_PAGES)
def test_cso_staff_of_a_linked_organisation_is_forbidden(client, small_event, name):
    organisation = small_event.registrations.select_related("person").first().person.organisation
    client.force_login(factories.cso_staff(organisation))

    response = client.get(page_url(name, small_event))

    assert response.status_code == 403


@pytest.mark.parametrize("name", REPORT_PAGES + PRINTOUT_PAGES)
def test_cso_staff_of_an_unlinked_organisation_finds_nothing(client, small_event, name):
    client.force_login(factories.cso_staff())

    response = client.get(page_url(name, small_event))

    assert response.status_code == 404


@pytest.mark.parametrize("name", REPORT_PAGES + PRINTOUT_PAGES)
@pytest.mark.parametrize("role", ["organiser", "report_admin"])
def test_another_teams_members_find_nothing(client, small_event, role, name):
    other_team = factories.TeamFactory(slug="other-team")
    client.force_login(getattr(factories, role)(other_team))

    response = client.get(page_url(name, small_event))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "name"),
    [(role, name) for role in ("organiser", "report_admin") for name in REPORT_PAGES]
    + [(role, name) for role in ("organiser", "report_admin") for name in PRINTOUT_PAGES],
    ids=lambda value: value,
)
def test_organisers_and_report_administrators_get_the_page(client, small_event, role, name):
    client.force_login(getattr(factories, role)())

    response = client.get(page_url(name, small_event))

    assert response.status_code == 200
    if name.endswith("_pdf"):
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        assert "test pre-session cambodia" in pdf_text(response.content).lower()
    else:
        assert "Test pre-session Cambodia" in response.content.decode()


@pytest.mark.parametrize("name", REPORT_PAGES + ["printouts", "programme_pdf", "badges_pdf"])
def test_unknown_event_is_not_found(client, db, name):
    client.force_login(factories.organiser())

    response = client.get(reverse(f"reports:{name}", kwargs={"slug": "no-such-event"}))

    assert response.status_code == 404


def test_sign_in_sheet_of_another_events_day_is_not_found(client, small_event):
    other_day = factories.ProgrammeDayFactory()
    client.force_login(factories.organiser())

    response = client.get(url("sign_in_pdf", small_event, day_pk=other_day.pk))

    assert response.status_code == 404


# --- Narrative editor -----------------------------------------------------------------


def management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def narrative(**overrides):
    data = {
        "report-status": "draft",
        "report-introduction": "On 14-16 November 2018 ...",
        "report-overview": "Some **60** people came.",
        "report-achievements_intro": "The workshop succeeded in:",
        "report-lessons_learnt": "Cooperation works.",
        "report-way_forward": "Geneva in December.",
        "report-contact": "UPR Info\nRue de Varembé 3",
        **management("achievements", 2, 0),
        **management("testimonies", 1, 0),
    }
    data.update(overrides)
    return data


def test_first_save_creates_the_report_with_achievements_and_testimonies(client, db):
    event = factories.EventFactory()
    user = factories.report_admin()
    client.force_login(user)

    response = client.post(
        url("report_edit", event),
        narrative(
            **{
                "achievements-0-text": "Second achievement",
                "achievements-0-order": "2",
                "achievements-1-text": "First achievement",
                "achievements-1-order": "1",
                "testimonies-0-text": "It was great.",
                "testimonies-0-order": "1",
                "testimonies-0-is_published": "on",
            }
        ),
    )

    report = ActivityReport.objects.get(event=event)
    assert response.status_code == 302
    assert report.overview == "Some **60** people came."
    assert report.updated_by == user
    assert [a.text for a in report.achievements.all()] == [
        "First achievement",
        "Second achievement",
    ]
    assert [(t.text, t.is_published) for t in report.testimonies.all()] == [("It was great.", True)]


def test_edit_page_shows_existing_narrative_and_blank_rows_numbered_after_the_last(
    client, small_event
):
    report = small_event.activity_report
    factories.TestimonyFactory(report=report, text="Second one", order=5)
    client.force_login(factories.organiser())

    response = client.get(url("report_edit", small_event))
    testimony_forms = response.context["testimony_formset"].forms

    assert response.status_code == 200
    assert "An **introduction**." in response.content.decode()
    assert testimony_forms[-1].initial["order"] == 6


def test_hidden_testimony_is_kept_but_not_printed(client, small_event):
    report = small_event.activity_report
    testimony = report.testimonies.get()
    client.force_login(factories.organiser())
    data = narrative(
        **management("achievements", 0, 0),
        **management("testimonies", 1, 1),
        **{
            "testimonies-0-id": str(testimony.pk),
            "testimonies-0-text": testimony.text,
            "testimonies-0-order": "1",
        },
    )

    client.post(url("report_edit", small_event), data)
    preview = client.get(url("report_preview", small_event)).content.decode()

    testimony.refresh_from_db()
    assert testimony.is_published is False
    assert "A published testimony." not in preview


def test_deleting_an_achievement(client, small_event):
    report = small_event.activity_report
    achievement = Achievement.objects.create(report=report, text="Remove me", order=1)
    client.force_login(factories.organiser())
    data = narrative(
        **management("achievements", 1, 1),
        **management("testimonies", 0, 0),
        **{
            "achievements-0-id": str(achievement.pk),
            "achievements-0-text": "Remove me",
            "achievements-0-order": "1",
            "achievements-0-DELETE": "on",
        },
    )

    response = client.post(url("report_edit", small_event), data)

    assert response.status_code == 302
    assert not Achievement.objects.filter(pk=achievement.pk).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"report-status": "published"}, "Select a valid choice."),
        ({"achievements-0-order": "first"}, "Enter a whole number."),
        ({"testimonies-0-order": "3"}, "This field is required."),
    ],
    ids=["bad-status", "bad-order", "testimony-without-text"],
)
def test_bad_input_saves_nothing(client, db, overrides, message):
    event = factories.EventFactory()
    client.force_login(factories.organiser())
    data = narrative(**{"achievements-0-text": "An achievement", **overrides})

    response = client.post(url("report_edit", event), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "The report was not saved" in response.content.decode()
    assert not ActivityReport.objects.exists()
    assert not Achievement.objects.exists()
    assert not report_models.Testimony.objects.exists()


def test_bad_input_on_an_existing_report_changes_nothing(client, small_event):
    report = small_event.activity_report
    client.force_login(factories.organiser())

    client.post(
        url("report_edit", small_event),
        narrative(**{"report-introduction": "Changed", "report-status": "nonsense"}),
    )

    report.refresh_from_db()
    assert report.introduction == "An **introduction**."


# --- Preview --------------------------------------------------------------------------


def test_preview_is_the_report_document_with_its_stylesheet_and_no_bootstrap(client, small_event):
    client.force_login(factories.report_admin())

    html = client.get(url("report_preview", small_event)).content.decode()

    assert '<html lang="en">' in html
    assert "<title>Activity report: Test pre-session Cambodia</title>" in html
    assert '<meta name="author" content="Organising Partner">' in html
    assert "/static/css/report.css" in html
    assert "bootstrap" not in html
    assert "style=" not in html
    assert "<script" not in html
    assert "An <strong>introduction</strong>." in html
    assert "Download PDF" in html


def add_participants(event, count, *, organisation=None):
    day = event.days.get()
    for _index in range(count):
        person = factories.PersonFactory(**({"organisation": organisation} if organisation else {}))
        registration = factories.RegistrationFactory(event=event, person=person)
        factories.AttendanceFactory(registration=registration, day=day)


def test_preview_query_count_does_not_grow_with_participants(client, small_event):
    add_participants(small_event, 1, organisation=factories.MissionFactory().organisation)
    client.force_login(factories.organiser())
    client.get(url("report_preview", small_event))  # warm up sessions and content types
    with CaptureQueriesContext(connection) as few:
        client.get(url("report_preview", small_event))

    add_participants(small_event, 40)
    add_participants(small_event, 5, organisation=factories.MissionFactory().organisation)
    with CaptureQueriesContext(connection) as many:
        client.get(url("report_preview", small_event))

    assert len(many) == len(few)


# --- Printouts ------------------------------------------------------------------------


def test_programme_lists_sessions_in_time_order_with_speakers_and_moderators(client, small_event):
    day = small_event.days.get()
    factories.SessionFactory(
        day=day, title="Early breakfast", start_time=datetime.time(8, 0), end_time=datetime.time(9)
    )
    client.force_login(factories.organiser())

    text = one_line(pdf_text(client.get(url("programme_pdf", small_event)).content))

    assert text.index("Early breakfast") < text.index("Opening of the dialogue")
    assert "08:00–09:00" in text
    assert "Speakers: Dara Sok" in text
    assert "Moderation: Mona Keo" in text


def test_sign_in_sheet_groups_people_by_organisation_with_walk_in_rows(client, small_event):
    khmer = factories.OrganisationFactory(name="ក្រុមយុវជន", kind=OrganisationKind.YOUTH_GROUP)
    factories.RegistrationFactory(
        event=small_event,
        person=factories.PersonFactory(given_name="Sophea", family_name="Chan", organisation=khmer),
    )
    client.force_login(factories.organiser())

    response = client.get(url("sign_in_pdf", small_event, day_pk=small_event.days.get().pk))
    text = one_line(pdf_text(response.content))

    assert (
        response["Content-Disposition"] == 'attachment; filename="test-cambodia-sign-in-day-1.pdf"'
    )
    assert "ក្រុមយុវជន 1 Sophea Chan Participant" in text
    assert "Signature" in text
    assert "Walk-ins" in text
    assert "15" in text.split("Walk-ins", 1)[1]


def test_badges_for_all_registrations(client, small_event):
    client.force_login(factories.organiser())

    text = pdf_text(client.get(url("badges_pdf", small_event)).content)

    names = [r.person.full_name for r in small_event.registrations.select_related("person")]
    assert len(names) == 4
    assert all(name in text for name in names)


@pytest.mark.parametrize("separator", ["comma", "repeated"])
def test_badges_for_a_selection(client, small_event, separator):
    first, second, *others = small_event.registrations.select_related("person")
    ids = [str(first.pk), str(second.pk)]
    query = f"ids={','.join(ids)}" if separator == "comma" else "&".join(f"ids={i}" for i in ids)
    client.force_login(factories.organiser())

    text = pdf_text(client.get(f"{url('badges_pdf', small_event)}?{query}").content)

    assert first.person.full_name in text
    assert second.person.full_name in text
    assert all(other.person.full_name not in text for other in others)


@pytest.mark.parametrize("ids", ["abc", "999999", "other-event"])
def test_badges_with_a_bad_selection_are_refused_with_a_message(client, small_event, ids):
    if ids == "other-event":
        ids = str(factories.RegistrationFactory().pk)
    client.force_login(factories.organiser())

    response = client.get(f"{url('badges_pdf', small_event)}?ids={ids}")

    assert response.status_code == 400
    assert response.content.decode().startswith("No badges were made:")


def test_printouts_page_offers_each_day_and_badge_selection(client, small_event):
    client.force_login(factories.organiser())

    html = client.get(url("printouts", small_event)).content.decode()

    assert url("sign_in_pdf", small_event, day_pk=small_event.days.get().pk) in html
    assert html.count('name="ids"') == 4


@pytest.mark.parametrize("name", ["printouts", "programme_pdf", "badges_pdf", "sign_in_pdf"])
def test_printouts_query_count_does_not_grow_with_registrations(client, small_event, name):
    client.force_login(factories.organiser())
    client.get(page_url(name, small_event))
    with CaptureQueriesContext(connection) as few:
        client.get(page_url(name, small_event))

    add_participants(small_event, 20)
    with CaptureQueriesContext(connection) as many:
        client.get(page_url(name, small_event))

    assert len(many) == len(few)


# --- A PDF that WeasyPrint cannot make -------------------------------------------------


@pytest.fixture
def weasyprint_fails(monkeypatch):
    """WeasyPrint (not our code) failing during layout, as it can on a malformed document."""

    def broken_render(*args, **kwargs):
        raise AssertionError("layout failed")

    monkeypatch.setattr(weasyprint.HTML, "render", broken_render)


@pytest.mark.parametrize(
    ("name", "back"),
    [
        ("report_pdf", "report_edit"),
        ("programme_pdf", "printouts"),
        ("sign_in_pdf", "printouts"),
        ("badges_pdf", "printouts"),
    ],
    ids=["report", "programme", "sign-in", "badges"],
)
def test_pdf_failure_sends_back_with_a_message(client, small_event, weasyprint_fails, name, back):
    client.force_login(factories.organiser())

    response = client.get(page_url(name, small_event))
    page = client.get(response.url).content.decode()

    assert response.status_code == 302
    assert response.url == url(back, small_event)
    assert "The PDF could not be made." in page


def test_report_pdf_failure_caches_nothing(client, small_event, weasyprint_fails, monkeypatch):
    client.force_login(factories.report_admin())
    client.get(url("report_pdf", small_event))
    monkeypatch.undo()

    response = client.get(url("report_pdf", small_event))

    assert response["X-Report-Cache"] == "miss"
    assert response.content.startswith(b"%PDF-")


def test_edit_page_links_the_saved_reports_change_history(client, small_event):
    report = small_event.activity_report
    history_url = reverse("security:history", args=["activityreport", report.pk])
    client.force_login(factories.report_admin())

    page = client.get(url("report_edit", small_event)).content.decode()

    assert history_url in page
    assert client.get(history_url).status_code == 200


def test_edit_page_of_an_unsaved_report_has_no_history_link(client, db):
    event = factories.EventFactory()
    client.force_login(factories.report_admin())

    page = client.get(url("report_edit", event)).content.decode()

    assert "/history/activityreport/" not in page


def _sign_in_pages(content):
    """Each page's lines of a sign-in sheet, without the running header and page number."""
    pages = []
    for page in PdfReader(io.BytesIO(content)).pages:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        pages.append(
            [
                line
                for line in lines
                if not line.startswith("Sign-in sheet ·") and not re.fullmatch(r"\d+ / \d+", line)
            ]
        )
    return pages


def test_sign_in_sheet_never_leaves_an_organisation_heading_alone_and_repeats_it(
    client, small_event
):
    for number in range(24):
        organisation = factories.OrganisationFactory(name=f"Organisation {number:02d}")
        for _ in range(1 + number % 5):
            factories.RegistrationFactory(
                event=small_event, person=factories.PersonFactory(organisation=organisation)
            )
    client.force_login(factories.organiser())

    response = client.get(url("sign_in_pdf", small_event, day_pk=small_event.days.get().pk))

    pages = _sign_in_pages(response.content)
    assert len(pages) >= 3
    for lines in pages:
        # A page ends on a row (a number), never on an organisation's heading.
        assert re.match(r"\d+\b", lines[-1]), lines[-3:]
    for lines in pages[1:]:
        # A page starts with an organisation's heading (repeated when it runs over) or
        # with the walk-ins, never with a row cut from its heading.
        assert not re.match(r"\d+\b", lines[0]), lines[:3]


def test_sign_in_sheet_keeps_the_walk_in_rows_together_on_one_page(client, small_event):
    for number in range(12):
        organisation = factories.OrganisationFactory(name=f"Organisation {number:02d}")
        for _ in range(4):
            factories.RegistrationFactory(
                event=small_event, person=factories.PersonFactory(organisation=organisation)
            )
    client.force_login(factories.organiser())

    response = client.get(url("sign_in_pdf", small_event, day_pk=small_event.days.get().pk))

    (walk_in_page,) = [lines for lines in _sign_in_pages(response.content) if "Walk-ins" in lines]
    after = walk_in_page[walk_in_page.index("Walk-ins") + 2 :]
    assert after == [str(number) for number in range(1, 16)]


def test_badges_come_in_the_order_of_the_sign_in_sheet(client, small_event):
    # By family name Alpha comes first; by organisation, Amy Zulu's does.
    for name, family, organisation in [("Zed", "Alpha", "Zulu Org"), ("Amy", "Zulu", "Alpha Org")]:
        factories.RegistrationFactory(
            event=small_event,
            person=factories.PersonFactory(
                given_name=name,
                family_name=family,
                organisation=factories.OrganisationFactory(name=organisation),
            ),
        )
    client.force_login(factories.organiser())
    day_pk = small_event.days.get().pk

    sheet = one_line(pdf_text(client.get(url("sign_in_pdf", small_event, day_pk=day_pk)).content))
    badges = one_line(pdf_text(client.get(url("badges_pdf", small_event)).content))

    names = [r.person.full_name for r in small_event.registrations.select_related("person")]
    assert sorted(names, key=sheet.index) == sorted(names, key=badges.index)


def test_programme_names_the_state_under_review_of_a_session(client, small_event):
    factories.SessionFactory(
        day=small_event.days.get(),
        title="Session on Chile",
        state_under_review="CL",
        start_time=datetime.time(16, 0),
        end_time=datetime.time(17, 0),
    )
    client.force_login(factories.organiser())

    text = one_line(pdf_text(client.get(url("programme_pdf", small_event)).content))

    assert "Session on Chile" in text
    assert "State under Review: Chile" in text


def test_mission_sign_in_sheet_lists_the_roster_for_a_session(client, small_event):
    session = factories.SessionFactory(
        day=small_event.days.get(),
        title="Session on Chile",
        state_under_review="CL",
        start_time=datetime.time(16, 0),
        end_time=datetime.time(17, 0),
    )
    factories.MissionFactory(organisation__name="Permanent Mission of Norway", state="NO")
    client.force_login(factories.organiser())

    response = client.get(
        reverse("reports:mission_sign_in_pdf", args=[small_event.slug, session.pk])
    )
    text = one_line(pdf_text(response.content))

    assert response["Content-Disposition"] == (
        f'attachment; filename="{small_event.slug}-mission-sign-in-'
        f'{session.day.date.isoformat()}-1600.pdf"'
    )
    assert "State under Review: Chile" in text
    assert "1 Permanent Mission of Norway" in text
    assert "Missions not listed" in text


def test_mission_sign_in_sheet_of_another_events_session_is_not_found(client, small_event):
    other = factories.SessionFactory(day=factories.ProgrammeDayFactory())
    client.force_login(factories.organiser())

    response = client.get(reverse("reports:mission_sign_in_pdf", args=[small_event.slug, other.pk]))

    assert response.status_code == 404
