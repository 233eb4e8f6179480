"""The event form, the programme view and the programme editor: permissions, content and
query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from events.models import Event, EventFormat, SessionKind, Theme
from participants.models import Attendance
from tests import factories


@pytest.fixture
def programme(db):
    event = factories.EventFactory(title="Cambodia pre-session", slug="cambodia")
    day = factories.ProgrammeDayFactory(event=event, title="Preparatory day")
    session = factories.SessionFactory(day=day, title="Orientation on the UPR")
    factories.SessionRoleFactory(
        session=session,
        person=factories.PersonFactory(given_name="Hans", family_name="Fridlund"),
        role="moderator",
        position="Programme Manager, UPR Info",
    )
    other_day = factories.ProgrammeDayFactory(
        event=factories.EventFactory(slug="elsewhere"), title="Other day"
    )
    return event, day, other_day


PAGES = [
    (
        "event-create",
        lambda e, d: reverse("events:event_create", args=[e.team.slug]),
        "New event",
        True,
    ),
    (
        "theme-list",
        lambda e, d: reverse("events:theme_list", args=[e.team.slug]),
        "Khmer Krom rights",
        True,
    ),
    (
        "event-update",
        lambda e, d: reverse("events:event_update", args=[e.slug]),
        'value="Cambodia pre-session"',
        True,
    ),
    (
        "programme",
        lambda e, d: reverse("events:programme", args=[e.slug]),
        "Orientation on the UPR",
        False,
    ),
    (
        "programme-day-edit",
        lambda e, d: reverse("events:programme_day_edit", args=[e.slug, d.pk]),
        'value="Orientation on the UPR"',
        True,
    ),
    (
        "programme-day-delete",
        lambda e, d: reverse("events:programme_day_delete", args=[e.slug, d.pk]),
        "Orientation on the UPR",
        True,
    ),
]
IDS = [page[0] for page in PAGES]
ARGS = [page[1:] for page in PAGES]
TEAM_PAGES = {"event-create", "theme-list"}


def _linked_cso(event):
    """CSO staff of an organisation with someone registered at `event`."""
    registration = factories.RegistrationFactory(event=event)
    return factories.cso_staff(registration.person.organisation)


@pytest.mark.parametrize(("url", "shows", "writes"), ARGS, ids=IDS)
def test_anonymous_is_sent_to_login(client, programme, url, shows, writes):
    event, day, _other = programme

    get = client.get(url(event, day))
    post = client.post(url(event, day), {})

    assert get.status_code == post.status_code == 302
    assert get.url.startswith(reverse("login"))


@pytest.mark.parametrize(("url", "shows", "writes"), ARGS, ids=IDS)
def test_cso_staff_of_an_unlinked_organisation_find_nothing(
    client, programme, cso_user, url, shows, writes
):
    event, day, _other = programme
    client.force_login(cso_user)

    get = client.get(url(event, day))
    post = client.post(url(event, day), {})

    assert get.status_code == post.status_code == 404


@pytest.mark.parametrize(("page", "url", "shows", "writes"), PAGES, ids=IDS)
def test_cso_staff_of_a_linked_organisation_read_the_programme_only(
    client, programme, page, url, shows, writes
):
    event, day, _other = programme
    client.force_login(_linked_cso(event))

    get = client.get(url(event, day))
    post = client.post(url(event, day), {"title": "Changed"})

    if writes:
        # The team's pages are not theirs to see at all; the event's are, but not to edit.
        expected = 404 if page in TEAM_PAGES else 403
        assert get.status_code == post.status_code == expected
    else:
        assert get.status_code == 200
        assert shows in get.content.decode()
        assert "Edit this day" not in get.content.decode()
    assert Event.objects.get(pk=event.pk).title == "Cambodia pre-session"


@pytest.mark.parametrize(("url", "shows", "writes"), ARGS, ids=IDS)
def test_organisers_of_another_team_find_nothing(client, programme, url, shows, writes):
    event, day, _other = programme
    client.force_login(factories.organiser(factories.TeamFactory(slug="other-team")))

    get = client.get(url(event, day))
    post = client.post(url(event, day), {"title": "Changed"})

    assert get.status_code == post.status_code == 404
    assert Event.objects.get(pk=event.pk).title == "Cambodia pre-session"


@pytest.mark.parametrize(("url", "shows", "writes"), ARGS, ids=IDS)
def test_report_administrators_read_only(client, programme, report_admin_user, url, shows, writes):
    event, day, _other = programme
    client.force_login(report_admin_user)

    get = client.get(url(event, day))
    post = client.post(url(event, day), {"title": "Changed"})

    if writes:
        assert get.status_code == post.status_code == 403
    else:
        assert get.status_code == 200
        assert shows in get.content.decode()
        assert "Edit this day" not in get.content.decode()
        assert post.status_code == 405
    assert Event.objects.get(pk=event.pk).title == "Cambodia pre-session"


@pytest.mark.parametrize(("url", "shows", "writes"), ARGS, ids=IDS)
def test_organisers_open_every_page(client, programme, organiser_user, url, shows, writes):
    event, day, _other = programme
    client.force_login(organiser_user)

    response = client.get(url(event, day))

    assert response.status_code == 200
    assert shows in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        lambda e, d, o: reverse("events:programme_day_edit", args=[e.slug, o.pk]),
        lambda e, d, o: reverse("events:programme_day_delete", args=[e.slug, o.pk]),
        lambda e, d, o: reverse("events:programme_day_edit", args=["nope", d.pk]),
        lambda e, d, o: reverse("events:programme", args=["nope"]),
        lambda e, d, o: reverse("events:event_update", args=["nope"]),
        lambda e, d, o: reverse("events:event_create", args=["nope"]),
        lambda e, d, o: reverse("events:theme_list", args=["nope"]),
    ],
    ids=[
        "day-of-another-event",
        "delete-day-of-another-event",
        "edit-unknown-event",
        "programme-unknown-event",
        "update-unknown-event",
        "create-in-unknown-team",
        "themes-of-unknown-team",
    ],
)
def test_objects_outside_the_event_are_not_found(client, programme, organiser_user, url):
    event, day, other_day = programme
    client.force_login(organiser_user)

    response = client.get(url(event, day, other_day))

    assert response.status_code == 404


def test_events_are_not_scoped_to_the_organisers_organisation(client, programme):
    """Events belong to teams, not to organisations: an organiser of the event's team linked
    to another organisation than the event's co-organisers edits it all the same."""
    event, _day, _other = programme
    event.co_organisers.add(factories.OrganisationFactory(name="CCHR"))
    outsider = factories.organiser(organisation=factories.OrganisationFactory(name="Elsewhere"))
    client.force_login(outsider)

    response = client.get(reverse("events:event_update", args=[event.slug]))

    assert response.status_code == 200
    assert 'value="Cambodia pre-session"' in response.content.decode()


def test_programme_shows_every_day_in_time_order_with_people_and_themes(client, organiser_user):
    event = factories.EventFactory(slug="cambodia")
    day2 = factories.ProgrammeDayFactory(
        event=event, date=event.start_date + datetime.timedelta(days=1), title="Pre-session"
    )
    day1 = factories.ProgrammeDayFactory(event=event, title="Preparatory day")
    afternoon = factories.SessionFactory(
        day=day2,
        title="Break-out groups",
        kind=SessionKind.BREAKOUT_GROUP,
        start_time=datetime.time(14, 0),
        end_time=datetime.time(16, 0),
    )
    morning = factories.SessionFactory(
        day=day2,
        title="Opening remarks",
        kind=SessionKind.OPENING_REMARKS,
        start_time=datetime.time(9, 0),
        end_time=datetime.time(9, 30),
    )
    morning.themes.add(Theme.objects.order_by("order").first())
    factories.SessionRoleFactory(
        session=morning,
        person=factories.PersonFactory(given_name="Simon", family_name="Walker"),
        role="opening_remarks",
        position="Representative a.i., OHCHR",
    )
    factories.SessionFactory(day=day1, title="Orientation")
    client.force_login(organiser_user)

    content = client.get(reverse("events:programme", args=[event.slug])).content.decode()

    assert (
        content.index("Preparatory day")
        < content.index("Orientation")
        < content.index("Opening remarks")
        < content.index("Break-out groups")
    )
    assert "Simon Walker" in content and "Representative a.i., OHCHR" in content
    assert "09:00–09:30" in content
    assert escape(str(Theme.objects.order_by("order").first())) in content
    assert afternoon.get_kind_display() in content


def test_programme_of_a_geneva_series_shows_states_and_missions(client, organiser_user):
    event = factories.EventFactory(format=EventFormat.GENEVA, slug="geneva")
    day = factories.ProgrammeDayFactory(event=event)
    session = factories.SessionFactory(
        day=day,
        title="Cambodia",
        state_under_review="KH",
        sur_delegation_present="present",
        sur_took_floor="yes",
    )
    session.missions_present.add(
        factories.MissionFactory(
            organisation__name="Permanent Mission of Sweden", organisation__acronym="SE PM"
        )
    )
    client.force_login(organiser_user)

    content = client.get(reverse("events:programme", args=[event.slug])).content.decode()

    assert "State under Review: Cambodia · took the floor" in content
    assert "Missions present: SE PM" in content


def _programme_with(sessions_count):
    event = factories.EventFactory(format=EventFormat.GENEVA)
    days = [
        factories.ProgrammeDayFactory(
            event=event, date=event.start_date + datetime.timedelta(days=n)
        )
        for n in range(3)
    ]
    themes = list(Theme.objects.all()[:2])
    mission = factories.MissionFactory()
    for n in range(sessions_count):
        session = factories.SessionFactory(day=days[n % 3])
        session.themes.set(themes)
        session.missions_present.add(mission)
        factories.SessionRoleFactory(session=session, role="moderator")
        factories.SessionRoleFactory(session=session, role="speaker")
    return event


def test_programme_queries_do_not_grow_with_sessions(
    client, organiser_user, django_assert_num_queries
):
    client.force_login(organiser_user)
    few, many = _programme_with(3), _programme_with(30)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("events:programme", args=[few.slug]))

    with django_assert_num_queries(len(queries)):
        response = client.get(reverse("events:programme", args=[many.slug]))

    assert response.content.decode().count('class="programme-session') == 30


def test_deleting_a_day_with_check_ins_is_refused(client, organiser_user):
    attendance = factories.AttendanceFactory()
    day = attendance.day
    event = day.event
    client.force_login(organiser_user)
    data = {
        "title": event.title,
        "slug": event.slug,
        "format": event.format,
        "status": event.status,
        "country_under_review": "KH",
        "city": event.city,
        "start_date": "2018-11-14",
        "end_date": "2018-11-16",
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "1",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-id": day.pk,
        "days-0-date": "2018-11-14",
        "days-0-title": day.title,
        "days-0-DELETE": "on",
    }

    response = client.post(reverse("events:event_update", args=[event.slug]), data)

    assert (
        "14 Nov 2018: Pre-session has 1 check-in and cannot be deleted."
        in response.content.decode()
    )
    assert Attendance.objects.filter(pk=attendance.pk).exists()
