"""The report document's computed parts for events other than the demo."""

import datetime

from django.urls import reverse
from django.utils import translation

from events.models import EventFormat
from participants.models import Gender, OrganisationKind, Scope
from reports import selectors
from reports.stats import GenderSplit
from tests import factories


def test_geneva_series_report_shows_the_geneva_figures(client, db):
    event = factories.EventFactory(
        format=EventFormat.GENEVA, country_under_review="", city="Geneva", slug="geneva-2024"
    )
    day = factories.ProgrammeDayFactory(event=event)
    missions = [factories.MissionFactory(), factories.MissionFactory()]
    for state, took_floor in (("KH", True), ("VN", False)):
        session = factories.SessionFactory(
            day=day,
            state_under_review=state,
            state_under_review_took_floor=took_floor,
            start_time=datetime.time(10 if state == "KH" else 14),
            end_time=datetime.time(11 if state == "KH" else 15),
        )
        session.missions_present.set(missions)
        cso = factories.OrganisationFactory(
            kind=OrganisationKind.NATIONAL_CSO, scope=Scope.NATIONAL
        )
        factories.SessionRoleFactory(
            session=session, role="speaker", person=factories.PersonFactory(organisation=cso)
        )
    client.force_login(factories.organiser())

    html = client.get(reverse("reports:report_preview", kwargs={"slug": event.slug})).content
    text = " ".join(html.decode().split())

    assert "UPR Pre-sessions in Geneva" in text
    assert "2 civil society organisations took the floor" in text
    assert "100% of them national organisations" in text
    assert "2 distinct diplomatic missions attended" in text
    assert "2.0 missions per session on average" in text
    assert "1 of 2 States under Review took the floor (50%)" in text


def test_in_country_report_has_no_geneva_block(client, db):
    event = factories.EventFactory()
    client.force_login(factories.organiser())

    html = client.get(reverse("reports:report_preview", kwargs={"slug": event.slug})).content

    assert b"Geneva series" not in html
    assert b"No text yet." in html


def test_gender_sentence_names_every_category_with_people():
    split = GenderSplit.from_gender_counts({Gender.WOMAN: 5, Gender.MAN: 4, Gender.NOT_RECORDED: 1})

    assert selectors.gender_sentence(split) == "50% women, 40% men, 10% not recorded"


def test_gender_sentence_is_empty_without_people():
    assert selectors.gender_sentence(GenderSplit.from_gender_counts({})) == ""


def test_factsheets_sentence_singular_and_plural():
    assert selectors.factsheets_sentence(1, 1) == (
        "1 thematic factsheet disseminated to 1 diplomatic mission"
    )
    assert selectors.factsheets_sentence(11, 12) == (
        "11 thematic factsheets disseminated to 12 diplomatic missions"
    )


def test_date_range_forms():
    d = datetime.date

    assert selectors.date_range(d(2018, 11, 14), d(2018, 11, 16)) == "14–16 November 2018"
    assert selectors.date_range(d(2018, 11, 30), d(2018, 12, 2)) == "30 November – 2 December 2018"
    assert selectors.date_range(d(2018, 12, 31), d(2019, 1, 1)) == (
        "31 December 2018 – 1 January 2019"
    )
    assert selectors.date_range(d(2018, 11, 14), d(2018, 11, 14)) == "14 November 2018"


def test_attendance_chart_dates_follow_the_active_language(db):
    event = factories.EventFactory()
    factories.ProgrammeDayFactory(event=event, date=datetime.date(2019, 2, 14))

    with translation.override("fr"):
        chart = str(selectors.report_figures(event)["charts"]["attendance"])

    assert "14 Fév" in chart
    assert "Feb" not in chart
