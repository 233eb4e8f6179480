import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.models import (
    Attendance,
    AttendanceLog,
    Gender,
    Organisation,
    Person,
    Registration,
)
from participants.services import check_in
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}


def _desk(world, day=None):
    return reverse("participants:desk", args=[world.event.slug, (day or world.day1).pk])


def _check_in_url(world, name="check_in"):
    return reverse(f"participants:{name}", args=[world.event.slug, world.day1.pk])


def test_desk_check_in_swaps_the_row_and_the_counters(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        _check_in_url(world), {"registration": world.diplomat_registration.pk}, **HTMX
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith(f'<tr id="registration-{world.diplomat_registration.pk}"')
    assert "Anna Lind" in content and "Undo" in content
    assert (
        'id="desk-counters" class="desk-counters d-flex flex-wrap gap-2 mb-3" hx-swap-oob="true"'
        in content
    )
    assert 'data-counter="present">1<' in content
    assert 'data-counter="women">1<' in content
    assert 'data-counter="missions">1<' in content
    assert Attendance.objects.get().recorded_by == organiser_user


def test_desk_check_in_twice_is_harmless(client, world, organiser_user):
    client.force_login(organiser_user)
    client.post(_check_in_url(world), {"registration": world.registration.pk}, **HTMX)

    response = client.post(_check_in_url(world), {"registration": world.registration.pk}, **HTMX)

    assert response.status_code == 200
    assert 'data-counter="present">1<' in response.content.decode()
    assert Attendance.objects.count() == 1


def test_desk_undo_swaps_the_row_back_and_logs_who(client, world, organiser_user):
    check_in(world.registration, day=world.day1, by=organiser_user)
    client.force_login(organiser_user)

    response = client.post(
        _check_in_url(world, "undo_check_in"), {"registration": world.registration.pk}, **HTMX
    )

    content = response.content.decode()
    assert "Check in" in content
    assert 'data-counter="present">0<' in content
    assert Attendance.objects.count() == 0
    assert AttendanceLog.objects.latest("pk").by == organiser_user


def test_desk_check_in_without_javascript_redirects_back_to_the_search(
    client, world, organiser_user
):
    client.force_login(organiser_user)

    response = client.post(
        _check_in_url(world), {"registration": world.registration.pk, "q": "sokha"}
    )

    assert response.status_code == 302
    assert response.url == _desk(world) + "?q=sokha"
    assert Attendance.objects.count() == 1


def test_desk_search_returns_only_matching_rows(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.get(_desk(world), {"q": "testland"}, HTTP_HX_TARGET="desk-rows", **HTMX)

    content = response.content.decode()
    assert "<html" not in content
    assert "Anna Lind" in content
    assert "Sokha Chan" not in content


@pytest.mark.parametrize(
    "query",
    ["ចាន់", "CHAN", "sokha@example", "CCT sokha"],
    ids=["khmer-name", "upper-case", "e-mail", "acronym-and-name"],
)
def test_desk_search_matches_name_in_any_script_organisation_and_email(
    client, world, organiser_user, query
):
    world.person.family_name = "Chan ចាន់"
    world.person.save()
    client.force_login(organiser_user)

    response = client.get(_desk(world), {"q": query}, HTTP_HX_TARGET="desk-rows", **HTMX)

    assert "Sokha" in response.content.decode()


def test_desk_shows_who_is_present_on_that_day_only(client, world, organiser_user):
    check_in(world.registration, day=world.day2, by=organiser_user)
    client.force_login(organiser_user)

    day1 = client.get(_desk(world)).content.decode()
    day2 = client.get(_desk(world, world.day2)).content.decode()

    assert 'class="is-present"' not in day1
    assert f'<tr id="registration-{world.registration.pk}" class="is-present">' in day2


def test_walk_in_registers_and_checks_in(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:walk_in", args=[world.event.slug, world.day2.pk]),
        {
            "given_name": "Dara",
            "family_name": "Kim",
            "gender": Gender.MAN,
            "new_organisation_name": "Youth for Testing",
            "new_organisation_kind": "youth_group",
            "role": "participant",
        },
    )

    assert response.status_code == 302
    registration = Registration.objects.get(person__given_name="Dara")
    assert registration.person.organisation.name == "Youth for Testing"
    assert registration.attendances.get().day == world.day2


def test_walk_in_bad_input_keeps_values_and_writes_nothing(client, world, organiser_user):
    client.force_login(organiser_user)
    people, organisations = Person.objects.count(), Organisation.objects.count()

    response = client.post(
        reverse("participants:walk_in", args=[world.event.slug, world.day1.pk]),
        {
            "given_name": "",
            "family_name": "Typed family name",
            "gender": Gender.WOMAN,
            "new_organisation_name": "Brand new group",
            "role": "participant",
        },
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="error_1_id_given_name"' in content
    assert "Say what kind of organisation this is." in content
    assert 'value="Typed family name"' in content
    assert 'value="Brand new group"' in content
    assert (Person.objects.count(), Organisation.objects.count()) == (people, organisations)
    assert Attendance.objects.count() == 0


def test_walk_in_of_a_known_person_is_flagged_then_confirmed(client, world, organiser_user):
    client.force_login(organiser_user)
    url = reverse("participants:walk_in", args=[world.event.slug, world.day1.pk])
    data = {
        "given_name": "SOKHA",
        "family_name": "chan",
        "gender": Gender.WOMAN,
        "organisation": world.cso.pk,
        "email": "",
        "role": "participant",
    }

    flagged = client.post(url, data)
    confirmed = client.post(url, {**data, "confirm_not_duplicate": "on"})

    assert "Possible duplicates" in flagged.content.decode()
    assert "Sokha Chan" in flagged.content.decode()
    assert confirmed.status_code == 302
    assert Person.objects.filter(given_name="SOKHA").count() == 1


def test_walk_in_with_a_known_email_is_refused_even_when_confirmed(client, world, organiser_user):
    client.force_login(organiser_user)
    url = reverse("participants:walk_in", args=[world.event.slug, world.day1.pk])
    data = {
        "given_name": "Someone",
        "family_name": "Else",
        "gender": Gender.WOMAN,
        "organisation": world.cso.pk,
        "email": "SOKHA@example.org",
        "role": "participant",
        "confirm_not_duplicate": "on",
    }

    response = client.post(url, data)

    assert response.status_code == 200
    assert "A person with this e-mail address already exists." in response.content.decode()
    assert not Person.objects.filter(given_name="Someone").exists()


def test_bulk_check_in_checks_in_the_selection(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:bulk_check_in", args=[world.event.slug, world.day1.pk]),
        {"registrations": [world.registration.pk, world.diplomat_registration.pk], "q": "x"},
    )

    assert response.status_code == 302
    assert response.url == _desk(world) + "?q=x"
    assert Attendance.objects.filter(day=world.day1).count() == 2


def test_bulk_check_in_refuses_another_events_registration(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:bulk_check_in", args=[world.event.slug, world.day1.pk]),
        {"registrations": [world.registration.pk, world.other_registration.pk]},
        follow=True,
    )

    assert "is not one of the available choices" in response.content.decode()
    assert Attendance.objects.count() == 0


def test_bulk_check_in_with_nobody_ticked_says_so(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:bulk_check_in", args=[world.event.slug, world.day1.pk]),
        {},
        follow=True,
    )

    assert "Tick at least one person to check in." in response.content.decode()


def test_attendance_list_shows_who_was_present_and_the_desk_log(client, world, organiser_user):
    organiser_user.first_name = "Desk"
    organiser_user.last_name = "Officer"
    organiser_user.save()
    check_in(world.registration, day=world.day1, by=organiser_user)
    check_in(world.diplomat_registration, day=world.day2, by=organiser_user)
    client.force_login(organiser_user)

    response = client.get(
        reverse("participants:attendance_list", args=[world.event.slug, world.day1.pk])
    )

    content = response.content.decode()
    assert "Sokha Chan" in content
    assert "Anna Lind" not in content
    assert "Desk Officer" in content
    assert "Checked in: Sokha Chan" in content


def _registrations(event, count):
    organisation = factories.OrganisationFactory()
    people = Person.objects.bulk_create(
        Person(
            team=event.team,
            given_name=f"Person{n}",
            family_name=f"Family{n}",
            organisation=organisation,
        )
        for n in range(count)
    )
    registrations = Registration.objects.bulk_create(
        Registration(event=event, person=person) for person in people
    )
    return registrations


def _queries(client, url, params=None, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {}, **headers)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url_name", "params", "headers"),
    [
        ("participants:desk", {}, {}),
        ("participants:desk", {"q": "family"}, {"HTTP_HX_TARGET": "desk-rows", **HTMX}),
        ("participants:attendance_list", {}, {}),
    ],
    ids=["desk-page", "desk-search", "attendance-list"],
)
def test_desk_queries_do_not_grow_with_registrations(
    client, organiser_user, django_assert_num_queries, url_name, params, headers
):
    client.force_login(organiser_user)
    small, large = factories.EventFactory(), factories.EventFactory()
    small_day = factories.ProgrammeDayFactory(event=small)
    large_day = factories.ProgrammeDayFactory(event=large)
    for event, day, count in ((small, small_day, 5), (large, large_day, 500)):
        for registration in _registrations(event, count)[::2]:
            Attendance.objects.create(registration=registration, day=day)
    expected = _queries(
        client, reverse(url_name, args=[small.slug, small_day.pk]), params, **headers
    )

    with django_assert_num_queries(expected):
        response = client.get(reverse(url_name, args=[large.slug, large_day.pk]), params, **headers)

    assert response.status_code == 200


def test_participant_list_queries_do_not_grow_with_registrations(
    client, organiser_user, django_assert_num_queries
):
    client.force_login(organiser_user)
    small, large = factories.EventFactory(), factories.EventFactory()
    for event, count in ((small, 5), (large, 500)):
        day = factories.ProgrammeDayFactory(event=event)
        for registration in _registrations(event, count):
            Attendance.objects.create(registration=registration, day=day)
    expected = _queries(client, reverse("participants:registration_list", args=[small.slug]))

    with django_assert_num_queries(expected):
        response = client.get(reverse("participants:registration_list", args=[large.slug]))

    assert response.status_code == 200
    assert "Page 1 of 10" in response.content.decode()


def test_search_by_email_needs_the_contact_details_permission(
    client, world, organiser_user, report_admin_user
):
    url = reverse("participants:registration_list", args=[world.event.slug])
    client.force_login(report_admin_user)
    hidden = client.get(url, {"q": "sokha@example"}).content.decode()
    client.force_login(organiser_user)

    shown = client.get(url, {"q": "sokha@example"}).content.decode()

    assert "Sokha Chan" not in hidden
    assert "Sokha Chan" in shown
