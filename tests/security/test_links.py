"""The history, deleted-records and privacy pages are reachable from the pages users visit,
and only by users whose permissions open them."""

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import (
    EventFactory,
    MissionFactory,
    OrganisationFactory,
    PersonFactory,
    cso_staff,
    organiser,
    report_admin,
)

ROLES = [organiser, report_admin, cso_staff]
ROLE_IDS = ["organiser", "report_admin", "cso_staff"]


def _page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response.status_code, response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_user", "expected_status", "links_shown"),
    [(organiser, 200, True), (report_admin, 200, False)],
    ids=["organiser", "report_admin"],
)
def test_person_page_links_history_privacy_and_deleted(
    client, make_user, expected_status, links_shown
):
    person = PersonFactory()

    status, html = _page(
        client, make_user(), reverse("participants:person_detail", args=[person.pk])
    )

    assert status == expected_status
    assert (reverse("security:history", args=["person", person.pk]) in html) is links_shown
    assert (reverse("privacy:person", args=[person.pk]) in html) is links_shown
    assert (reverse("security:deleted") in html) is links_shown


@pytest.mark.django_db
@pytest.mark.parametrize("make_user", ROLES, ids=ROLE_IDS)
def test_event_overview_links_history_for_organisers_only(client, make_user):
    event = EventFactory()
    user = make_user()
    if make_user is cso_staff:
        event.co_organisers.add(user.organisation)

    status, html = _page(client, user, event.get_absolute_url())

    assert status == 200
    history_url = reverse("security:history", args=["event", event.pk])
    assert (history_url in html) is (make_user is organiser)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_user", "links_shown"),
    [(organiser, True), (report_admin, False)],
    ids=["organiser", "report_admin"],
)
def test_mission_page_links_history_for_organisers_only(client, make_user, links_shown):
    mission = MissionFactory()
    user = make_user()

    status, html = _page(
        client,
        user,
        reverse("participants:mission_detail", args=[factories.default_team().slug, mission.pk]),
    )

    assert status == 200
    assert (reverse("security:history", args=["mission", mission.pk]) in html) is links_shown


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_user", "expected"),
    [
        (organiser, [200, 200, 200, 200]),
        # Report administrators restore reports (the deleted records page lists those).
        (report_admin, [403, 403, 403, 200]),
        # CSO staff are not members of the team: its history does not exist for them.
        (cso_staff, [404, 404, 404, 403]),
    ],
    ids=ROLE_IDS,
)
def test_linked_pages_open_for_whom_the_links_show(client, make_user, expected):
    person = PersonFactory()
    event = EventFactory()
    client.force_login(make_user())

    statuses = [
        client.get(url).status_code
        for url in (
            reverse("security:history", args=["person", person.pk]),
            reverse("security:history", args=["event", event.pk]),
            reverse("privacy:person", args=[person.pk]),
            reverse("security:deleted"),
        )
    ]

    assert statuses == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_user", "links_shown"),
    [(organiser, True), (report_admin, False)],
    ids=["organiser", "report_admin"],
)
def test_organisation_page_links_history_for_organisers_only(client, make_user, links_shown):
    organisation = OrganisationFactory()

    status, html = _page(
        client,
        make_user(),
        reverse("participants:organisation_detail", args=[organisation.pk]),
    )

    assert status == 200
    history_url = reverse("security:history", args=["organisation", organisation.pk])
    assert (history_url in html) is links_shown
