"""The desk's walk-in form: someone already in the team's directory (same name in any
organisation, or same e-mail) is offered instead of a new person; it asks for phone and
consent like the registration form."""

from django.urls import reverse

from participants.models import Attendance, Gender, Person, Registration, RegistrationRole
from tests import factories


def _walk_in_url(world, day=None):
    return reverse("participants:walk_in", args=[world.event.slug, (day or world.day1).pk])


def test_walk_in_form_asks_for_phone_and_consent(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.get(reverse("participants:desk", args=[world.event.slug, world.day1.pk]))

    content = response.content.decode()
    assert 'name="phone"' in content
    assert 'name="consent_to_contact"' in content


def test_walk_in_of_the_same_name_elsewhere_offers_to_check_them_in(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        _walk_in_url(world),
        {
            "given_name": "sokha",
            "family_name": "CHAN",
            "gender": Gender.WOMAN,
            "new_organisation_name": "Another group",
            "new_organisation_kind": "youth_group",
            "role": "participant",
            "phone": "+855 12 345 678",
        },
    )

    content = response.content.decode()
    assert "Possible duplicates" in content
    assert (
        f'name="existing_person" value="{world.person.pk}">Check in Sokha Chan instead</button>'
        in content
    )
    assert 'value="+855 12 345 678"' in content
    assert Person.objects.filter(given_name__iexact="sokha").count() == 1


def test_check_in_this_person_instead_checks_in_the_registered_person(
    client, world, organiser_user
):
    client.force_login(organiser_user)

    response = client.post(
        _walk_in_url(world), {"existing_person": world.person.pk, "given_name": "sokha"}
    )

    assert response.status_code == 302
    assert Attendance.objects.get().registration == world.registration
    assert Person.objects.filter(given_name__iexact="sokha").count() == 1


def test_check_in_this_person_instead_registers_an_unregistered_person(
    client, world, organiser_user
):
    known = factories.PersonFactory(given_name="Known", family_name="Before")
    client.force_login(organiser_user)

    client.post(_walk_in_url(world), {"existing_person": known.pk, "role": "observer"})
    client.post(_walk_in_url(world), {"existing_person": known.pk, "role": "observer"})

    registration = Registration.objects.get(event=world.event, person=known)
    assert registration.role == RegistrationRole.OBSERVER
    assert list(registration.attendances.values_list("day", flat=True)) == [world.day1.pk]


def test_check_in_instead_refuses_a_person_of_another_team(client, world, organiser_user):
    outsider = factories.PersonFactory(team=factories.TeamFactory(slug="elsewhere"))
    client.force_login(organiser_user)

    response = client.post(_walk_in_url(world), {"existing_person": outsider.pk})

    assert response.status_code == 404
    assert not Registration.objects.filter(person=outsider).exists()
