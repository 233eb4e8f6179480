"""The dashboard and the event overview: the events a user may see, with their figures."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership, TeamRole
from events.models import EventFormat
from factsheets.models import FactsheetStatus
from tests import factories
from tests.factories import (
    AttendanceFactory,
    EventFactory,
    ProgrammeDayFactory,
    SessionFactory,
    SessionRoleFactory,
)


def _user(role, event):
    """A user of `role` who may see `event` (CSO staff: of an organisation registered)."""
    if role == "cso_staff":
        registration = factories.RegistrationFactory(event=event)
        return factories.cso_staff(registration.person.organisation)
    return getattr(factories, role)(team=event.team)


@pytest.mark.parametrize(
    "role", ["organiser", "cso_staff", "report_admin"], ids=["organiser", "cso", "report-admin"]
)
def test_dashboard_lists_events_for_every_role(client, db, role):
    event = EventFactory(title="Cambodia pre-session", city="Phnom Penh")
    client.force_login(_user(role, event))

    response = client.get(reverse("reports:dashboard"))

    assert response.status_code == 200
    content = response.content.decode()
    assert event.title in content
    assert event.get_absolute_url() in content
    assert "Phnom Penh" in content
    assert "14–16 November 2018" in content


def test_dashboard_shows_counts(client, organiser_user):
    attendance = AttendanceFactory()
    client.force_login(organiser_user)

    response = client.get(reverse("reports:dashboard"))

    event = response.context["events"][0]
    assert event == attendance.registration.event
    assert (event.day_count, event.registration_count, event.participant_count) == (1, 1, 1)
    assert event.factsheet_count == 0


@pytest.mark.parametrize("count", [1, 20], ids=["one-event", "twenty-events"])
def test_dashboard_query_count_does_not_grow_with_events(
    client, organiser_user, count, django_assert_max_num_queries
):
    for _ in range(count):
        AttendanceFactory()
    client.force_login(organiser_user)

    # A fixed number: the 2FA device check and the menu's permissions, nothing per event.
    with django_assert_max_num_queries(7):
        response = client.get(reverse("reports:dashboard"))

    assert len(response.context["events"]) == count


@pytest.mark.parametrize(
    "role", ["organiser", "cso_staff", "report_admin"], ids=["organiser", "cso", "report-admin"]
)
def test_event_overview_shows_programme_and_figures(client, demo_event, role):
    client.force_login(_user(role, demo_event))

    response = client.get(demo_event.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    figures = response.context["figures"]
    assert [day.attendance for day in figures.days] == [60, 70, 45]
    for text in [
        "UPR In-country Pre-session: Cambodia",
        "30 January 2019",
        "Cambodian Center for Human Rights (CCHR)",
        "Day 2 · Thursday 15 November 2018",
        "Opening remarks",
        "Simone Pieri",
        "Deputy Head of the Delegation of the European Union to Cambodia",
        "Cybèle Haupert",
        "Embassy of the Czech Republic",
        "Embassy of the Republic of Korea",
        "Khmer Krom rights",
        "11 thematic factsheets disseminated to 12 diplomatic missions.",
        "54% women",
        "46% men",
        "51% women",
        "49% men",
        "សមាគមសិទ្ធិមនុស្សភូមិថ្មី",
    ]:
        assert text in content, text
    assert '<td class="text-end fs-5 fw-semibold">70</td>' in content


def test_event_overview_query_count_does_not_grow_with_programme(client, organiser_user):
    small = EventFactory()
    SessionRoleFactory(session=SessionFactory(day=ProgrammeDayFactory(event=small)))
    large = EventFactory()
    for offset in range(3):
        day = ProgrammeDayFactory(event=large, date=large.start_date + datetime.timedelta(offset))
        for hour in range(8, 14):
            session = SessionFactory(
                day=day, start_time=datetime.time(hour), end_time=datetime.time(hour, 45)
            )
            for _ in range(3):
                SessionRoleFactory(session=session)
            AttendanceFactory(day=day, registration__event=large)
    client.force_login(organiser_user)
    counts = []
    for event in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(event.get_absolute_url())
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def _geneva_series_of(sessions):
    event = EventFactory(format=EventFormat.GENEVA, country_under_review="")
    day = ProgrammeDayFactory(event=event)
    states = ["KH", "VN", "TG", "YE", "ZM", "CL", "NP", "MV", "FJ", "PE", "MN", "MZ"]
    for index, state in enumerate(states[:sessions]):
        session = SessionFactory(
            day=day,
            state_under_review=state,
            start_time=datetime.time(8 + index),
            end_time=datetime.time(8 + index, 45),
            sur_delegation_present="present",
        )
        session.missions_present.set(factories.MissionFactory.create_batch(2, state="SE"))
        for kind in ("national_cso", "nhri"):
            SessionRoleFactory(session=session, person__organisation__kind=kind)
    return event


def test_geneva_overview_and_report_query_counts_do_not_grow_with_sessions(client, organiser_user):
    client.force_login(organiser_user)
    counts = []
    for event in (_geneva_series_of(1), _geneva_series_of(12)):
        with CaptureQueriesContext(connection) as overview:
            assert client.get(event.get_absolute_url()).status_code == 200
        with CaptureQueriesContext(connection) as preview:
            url = reverse("reports:report_preview", kwargs={"slug": event.slug})
            assert client.get(url).status_code == 200
        counts.append((len(overview), len(preview)))

    assert counts[0] == counts[1]


def test_event_overview_of_geneva_series_shows_its_figures(client, organiser_user):
    event = EventFactory(format=EventFormat.GENEVA, title="Geneva pre-sessions, 30th session")
    client.force_login(organiser_user)

    response = client.get(event.get_absolute_url())

    content = response.content.decode()
    assert "Geneva series" in content
    assert "States under Review that took the floor" in content
    assert "No programme days yet." in content


def test_event_overview_of_geneva_series_shows_counts_beside_percentages(
    client, organiser_user, geneva_series
):
    client.force_login(organiser_user)

    content = client.get(geneva_series.get_absolute_url()).content.decode()
    text = " ".join(content.split())

    for figure in (
        "Civil society organisations that took the floor</dt> "
        '<dd class="col-sm-6 fw-semibold">13</dd>',
        "11 national (85%) and 2 international organisations",
        "Organisations represented by women</dt> "
        '<dd class="col-sm-6 fw-semibold">6 of 13 (46%)</dd>',
        "Took part in the sessions on Mozambique and Togo",
        'Distinct missions present</dt> <dd class="col-sm-6 fw-semibold">8</dd>',
        '<span title="2.08: 25 mission attendances in 12 sessions">2.1</span>',
        "10 of 11 (91%)",
        "7 of 10 (70%)",
    ):
        assert figure in text
    assert text.count("not recorded</span>") == 2


def test_event_overview_of_geneva_series_counts_missions_from_the_sessions(
    client, organiser_user, geneva_series
):
    client.force_login(organiser_user)

    text = " ".join(client.get(geneva_series.get_absolute_url()).content.decode().split())

    # The key figure, the per-day column and the list agree: 8 missions, none checked in.
    assert '<div class="display-6">8</div>' in text
    assert '<td class="text-end">5</td> </tr>' in text  # day 1
    assert '<td class="text-end">8</td> </tr> </tfoot>' in text
    assert text.count('<li class="list-group-item d-flex') == 8
    assert "Permanent Mission NL" not in text


def test_event_overview_attendance_tile_wraps_between_days(client, organiser_user):
    event = EventFactory(start_date=datetime.date(2026, 4, 6), end_date=datetime.date(2026, 4, 9))
    for offset in range(4):
        factories.ProgrammeDayFactory(
            event=event, date=event.start_date + datetime.timedelta(days=offset)
        )
    client.force_login(organiser_user)

    text = " ".join(client.get(event.get_absolute_url()).content.decode().split())

    tile = '<div class="fs-3 fw-semibold figure-card__days"><span class="text-nowrap">0<span'
    assert tile in text
    assert "display-6 text-nowrap" not in text


def test_event_overview_of_unknown_event_is_a_404_page(client, organiser_user):
    client.force_login(organiser_user)

    response = client.get(reverse("reports:event_overview", kwargs={"slug": "no-such-event"}))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_dashboard_groups_events_by_team_with_a_new_event_link_where_organiser(client, db):
    geneva = factories.TeamFactory(slug="geneva", name="UPR Info Geneva")
    phnom_penh = factories.TeamFactory(slug="phnom-penh", name="CCHR Phnom Penh")
    empty = factories.TeamFactory(slug="empty", name="A new team")
    elsewhere = factories.TeamFactory(slug="elsewhere")
    EventFactory(team=geneva, title="Geneva series")
    EventFactory(team=phnom_penh, title="Cambodia pre-session")
    EventFactory(team=elsewhere, title="Someone else's event")
    user = factories.organiser(geneva)
    Membership.objects.create(team=phnom_penh, user=user, role=TeamRole.REPORT_ADMINISTRATOR)
    Membership.objects.create(team=empty, user=user, role=TeamRole.ORGANISER)
    client.force_login(user)

    response = client.get(reverse("reports:dashboard"))

    content = response.content.decode()
    groups = {
        group["team"].slug: [event.title for event in group["events"]]
        for group in response.context["groups"]
    }
    assert groups == {
        "empty": [],
        "phnom-penh": ["Cambodia pre-session"],
        "geneva": ["Geneva series"],
    }
    assert content.index("A new team") < content.index("CCHR Phnom Penh")
    assert content.index("CCHR Phnom Penh") < content.index("UPR Info Geneva")
    assert reverse("events:event_create", args=["geneva"]) in content
    assert reverse("events:event_create", args=["empty"]) in content
    assert reverse("events:event_create", args=["phnom-penh"]) not in content
    assert "Someone else&#x27;s event" not in content


def test_dashboard_of_cso_staff_lists_only_linked_events(client, db):
    linked = EventFactory(title="Linked event")
    EventFactory(title="Unlinked event")
    registration = factories.RegistrationFactory(event=linked)
    client.force_login(factories.cso_staff(registration.person.organisation))

    response = client.get(reverse("reports:dashboard"))

    content = response.content.decode()
    assert [event.title for event in response.context["events"]] == ["Linked event"]
    assert "Unlinked event" not in content
    assert "New event" not in content


def test_event_overview_of_another_team_is_not_found(client, organiser_user):
    event = EventFactory(team=factories.TeamFactory(slug="other-team"))
    client.force_login(organiser_user)

    response = client.get(event.get_absolute_url())

    assert response.status_code == 404


def test_event_overview_says_one_factsheet_to_one_mission_in_the_singular(client, small_event):
    factsheet = factories.FactsheetFactory(event=small_event, status=FactsheetStatus.APPROVED)
    factories.DistributionFactory(factsheet=factsheet)
    client.force_login(_user("organiser", small_event))

    response = client.get(small_event.get_absolute_url())

    content = " ".join(response.content.decode().split())
    assert "1 thematic factsheet disseminated to 1 diplomatic mission." in content
