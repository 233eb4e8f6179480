"""Every organisers' target of the participants app, for every role."""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from participants.models import Attendance
from tests import factories

TEAM = "test-team"  # the default team of tests/factories.py, which owns the world


@dataclass
class Target:
    name: str
    url: Callable
    shows: Callable  # text the target shows about its object
    method: str = "get"
    data: Callable = field(default=lambda w: {})
    writes: bool = False  # an editing target: report administrators get 403
    ok_status: int = 200
    under_event: bool = False  # CSO staff linked to the event see it, and get a 403


def _desk_args(w):
    return [w.event.slug, w.day1.pk]


TARGETS = [
    Target(
        "participant-list",
        lambda w: reverse("participants:registration_list", args=[w.event.slug]),
        lambda w: "Sokha Chan",
        under_event=True,
    ),
    Target(
        "person-detail",
        lambda w: reverse("participants:person_detail", args=[w.person.pk]),
        lambda w: "Sokha Chan",
    ),
    Target(
        "person-search",
        lambda w: reverse("participants:person_search", args=[w.event.slug]) + "?q=sokha",
        lambda w: "Sokha Chan",
        under_event=True,
    ),
    Target(
        "organisation-detail",
        lambda w: reverse("participants:organisation_detail", args=[w.cso.pk]),
        lambda w: "Cambodian Center for Testing",
    ),
    Target(
        "mission-list",
        lambda w: reverse("participants:mission_list", args=[TEAM]),
        lambda w: "Embassy of Testland",
    ),
    Target(
        "mission-detail",
        lambda w: reverse("participants:mission_detail", args=[TEAM, w.mission.pk]),
        lambda w: "Anna Lind",
    ),
    Target(
        "desk-days",
        lambda w: reverse("participants:desk_days", args=[w.event.slug]),
        lambda w: "Preparatory day",
        under_event=True,
    ),
    Target(
        "desk",
        lambda w: reverse("participants:desk", args=_desk_args(w)),
        lambda w: "Sokha Chan",
        under_event=True,
    ),
    Target(
        "attendance-list",
        lambda w: reverse("participants:attendance_list", args=_desk_args(w)),
        lambda w: "Attendance · Wednesday 14 November 2018",
        under_event=True,
    ),
    Target(
        "person-create",
        lambda w: reverse("participants:person_create", args=[w.event.slug]),
        lambda w: "New person for Cambodia pre-session",
        writes=True,
        under_event=True,
    ),
    Target(
        "person-update",
        lambda w: reverse("participants:person_update", args=[w.person.pk]),
        lambda w: 'value="Sokha"',
        writes=True,
    ),
    Target(
        "registration-create",
        lambda w: reverse("participants:registration_create", args=[w.event.slug]),
        lambda w: "Register someone already known",
        writes=True,
        under_event=True,
    ),
    Target(
        "organisation-create",
        lambda w: reverse("participants:organisation_create", args=[TEAM]),
        lambda w: "New organisation",
        writes=True,
    ),
    Target(
        "organisation-update",
        lambda w: reverse("participants:organisation_update", args=[w.cso.pk]),
        lambda w: 'value="Cambodian Center for Testing"',
        writes=True,
    ),
    Target(
        "diplomat-create",
        lambda w: reverse("participants:diplomat_create", args=[TEAM, w.mission.pk]),
        lambda w: "Add a diplomat",
        writes=True,
    ),
    Target(
        "check-in",
        lambda w: reverse("participants:check_in", args=_desk_args(w)),
        lambda w: "Sokha Chan",
        method="post",
        data=lambda w: {"registration": w.registration.pk},
        writes=True,
        under_event=True,
    ),
    Target(
        "undo-check-in",
        lambda w: reverse("participants:undo_check_in", args=_desk_args(w)),
        lambda w: "Sokha Chan",
        method="post",
        data=lambda w: {"registration": w.registration.pk},
        writes=True,
        under_event=True,
    ),
    Target(
        "walk-in",
        lambda w: reverse("participants:walk_in", args=_desk_args(w)),
        lambda w: "",
        method="post",
        data=lambda w: {
            "given_name": "Walk",
            "family_name": "In",
            "gender": "woman",
            "organisation": w.cso.pk,
            "role": "participant",
        },
        writes=True,
        ok_status=302,
        under_event=True,
    ),
    Target(
        "bulk-check-in",
        lambda w: reverse("participants:bulk_check_in", args=_desk_args(w)),
        lambda w: "",
        method="post",
        data=lambda w: {"registrations": [w.registration.pk]},
        writes=True,
        ok_status=302,
        under_event=True,
    ),
    Target(
        "privacy-page",
        lambda w: reverse("privacy:person", args=[w.person.pk]),
        lambda w: "Sokha Chan",
        writes=True,
    ),
    Target(
        "privacy-export",
        lambda w: reverse("privacy:export", args=[w.person.pk]),
        lambda w: "sokha@example.org",
        writes=True,
    ),
    Target(
        "privacy-anonymise",
        lambda w: reverse("privacy:anonymise", args=[w.person.pk]),
        lambda w: "",
        method="post",
        data=lambda w: {"confirm": "no"},
        writes=True,
        ok_status=302,
    ),
]
TARGET_IDS = [target.name for target in TARGETS]


def _request(client, target, world):
    url = target.url(world)
    if target.method == "post":
        return client.post(url, target.data(world), HTTP_HX_REQUEST="true")
    return client.get(url)


@pytest.mark.parametrize("target", TARGETS, ids=TARGET_IDS)
def test_anonymous_is_sent_to_login(client, world, target):
    response = _request(client, target, world)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("target", TARGETS, ids=TARGET_IDS)
def test_an_account_without_a_role_sees_the_no_access_page(client, world, target):
    client.force_login(factories.UserFactory())

    response = _request(client, target, world)

    assert response.status_code == 302
    assert response.url == reverse("accounts:no_access")
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize("target", TARGETS, ids=TARGET_IDS)
def test_cso_staff_of_a_linked_organisation_are_forbidden(client, world, target):
    """The world's CSO co-organises the event: its staff see the event (403 on its
    participants' pages) but nothing of the team's directory (404)."""
    client.force_login(factories.cso_staff(world.cso))

    response = _request(client, target, world)

    assert response.status_code == (403 if target.under_event else 404)
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize("target", TARGETS, ids=TARGET_IDS)
def test_cso_staff_of_another_organisation_find_nothing(client, world, target, cso_user):
    client.force_login(cso_user)

    response = _request(client, target, world)

    assert response.status_code == 404
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize("target", TARGETS, ids=TARGET_IDS)
def test_organisers_of_another_team_find_nothing(client, world, target):
    client.force_login(factories.organiser(factories.TeamFactory(slug="team-b")))

    response = _request(client, target, world)

    assert response.status_code == 404
    assert Attendance.objects.count() == 0
    assert world.person.given_name == "Sokha"


@pytest.mark.parametrize("target", TARGETS, ids=TARGET_IDS)
def test_report_administrators_read_but_do_not_write(client, world, target, report_admin_user):
    client.force_login(report_admin_user)

    response = _request(client, target, world)

    if target.writes:
        assert response.status_code == 403
        assert Attendance.objects.count() == 0
    else:
        assert response.status_code == 200
        assert target.shows(world) in response.content.decode()


@pytest.mark.parametrize("target", TARGETS, ids=TARGET_IDS)
def test_organisers_use_every_page(client, world, target, organiser_user):
    client.force_login(organiser_user)

    response = _request(client, target, world)

    assert response.status_code == target.ok_status
    assert target.shows(world) in response.content.decode()


@pytest.mark.parametrize("target", TARGETS, ids=TARGET_IDS)
def test_superusers_use_every_page(client, world, target, admin_user):
    client.force_login(admin_user)

    response = _request(client, target, world)

    assert response.status_code == target.ok_status
    assert target.shows(world) in response.content.decode()


NESTED_404 = [
    (
        "desk-day-of-other-event",
        "participants:desk",
        "get",
        lambda w: [w.event.slug, w.other_day.pk],
        lambda w: {},
    ),
    (
        "attendance-list-day-of-other-event",
        "participants:attendance_list",
        "get",
        lambda w: [w.event.slug, w.other_day.pk],
        lambda w: {},
    ),
    (
        "check-in-day-of-other-event",
        "participants:check_in",
        "post",
        lambda w: [w.event.slug, w.other_day.pk],
        lambda w: {"registration": w.registration.pk},
    ),
    (
        "check-in-registration-of-other-event",
        "participants:check_in",
        "post",
        lambda w: [w.event.slug, w.day1.pk],
        lambda w: {"registration": w.other_registration.pk},
    ),
    (
        "check-in-registration-not-a-number",
        "participants:check_in",
        "post",
        lambda w: [w.event.slug, w.day1.pk],
        lambda w: {"registration": "1 OR 1=1"},
    ),
    (
        "undo-registration-of-other-event",
        "participants:undo_check_in",
        "post",
        lambda w: [w.event.slug, w.day1.pk],
        lambda w: {"registration": w.other_registration.pk},
    ),
    (
        "walk-in-day-of-other-event",
        "participants:walk_in",
        "post",
        lambda w: [w.event.slug, w.other_day.pk],
        lambda w: {},
    ),
    (
        "participants-unknown-event",
        "participants:registration_list",
        "get",
        lambda w: ["nope"],
        lambda w: {},
    ),
    ("person-unknown", "participants:person_detail", "get", lambda w: [999999], lambda w: {}),
]


@pytest.mark.parametrize(
    ("url_name", "method", "args", "data"),
    [case[1:] for case in NESTED_404],
    ids=[case[0] for case in NESTED_404],
)
def test_objects_outside_the_event_are_not_found(
    client, world, organiser_user, url_name, method, args, data
):
    client.force_login(organiser_user)

    response = getattr(client, method)(reverse(url_name, args=args(world)), data(world))

    assert response.status_code == 404
    assert Attendance.objects.count() == 0


def test_report_administrators_see_the_desk_without_buttons(client, world, report_admin_user):
    client.force_login(report_admin_user)

    response = client.get(reverse("participants:desk", args=_desk_args(world)))

    content = response.content.decode()
    assert "Sokha Chan" in content
    assert "Check in" not in content
    assert "Walk-in" not in content


def test_report_administrators_do_not_see_contact_details(client, world, report_admin_user):
    client.force_login(report_admin_user)

    response = client.get(reverse("participants:registration_list", args=[world.event.slug]))

    assert "sokha@example.org" not in response.content.decode()


def test_organisers_see_contact_details(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.get(reverse("participants:registration_list", args=[world.event.slug]))

    assert "sokha@example.org" in response.content.decode()


def test_organiser_of_another_organisation_may_run_any_event_of_their_team(client, world):
    """Events are scoped to the team, not to an organiser's own organisation: an organiser
    linked to an unrelated organisation still runs the desk of the team's event."""
    outsider = factories.organiser(organisation=factories.OrganisationFactory(name="Elsewhere"))
    client.force_login(outsider)

    response = client.post(
        reverse("participants:check_in", args=_desk_args(world)),
        {"registration": world.registration.pk},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert Attendance.objects.get().recorded_by == outsider
