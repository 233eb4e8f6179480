"""One person per e-mail address in a team's directory: the database's constraint, the
form's message on the e-mail field, the import's matching and the second of two
simultaneous submissions, which meets the constraint and gets the form's message."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from participants import services
from participants.importing import read_table, run_import
from participants.models import Gender, Person
from participants.resources import ParticipantResource
from tests import factories

pytestmark = pytest.mark.django_db

TAKEN = "A person with this e-mail address already exists."


def _person_data(**overrides):
    return {
        "given_name": "Srey",
        "family_name": "Mom",
        "gender": Gender.WOMAN,
        "position": "",
        "email": "",
        "phone": "",
        "age_band": "",
        "role": "participant",
        **overrides,
    }


def test_same_email_in_another_case_in_one_team_is_refused_by_the_database():
    team = factories.TeamFactory()
    factories.PersonFactory(team=team, email="srey@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PersonFactory(team=team, email="SREY@Example.org")

    assert Person.objects.filter(team=team).count() == 1


def test_same_email_in_two_teams_and_empty_emails_are_allowed():
    team, other = factories.TeamFactory(), factories.TeamFactory(slug="team-b")
    factories.PersonFactory(team=team, email="srey@example.org")

    factories.PersonFactory(team=other, email="srey@example.org")
    factories.PersonFactory(team=team, email="")
    factories.PersonFactory(team=team, email="")

    assert Person.objects.count() == 4


def test_new_person_with_a_taken_email_gets_the_error_on_the_email_field(client):
    event = factories.EventFactory()
    factories.PersonFactory(team=event.team, email="srey@example.org")
    client.force_login(factories.organiser())

    response = client.post(
        reverse("participants:person_create", args=[event.slug]),
        _person_data(email="Srey@Example.org", confirm_not_duplicate="on"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [TAKEN]
    assert Person.objects.count() == 1


def test_edited_person_keeps_their_own_email_but_cannot_take_another(client):
    team = factories.TeamFactory()
    factories.PersonFactory(team=team, email="dara@example.org")
    person = factories.PersonFactory(team=team, email="srey@example.org", organisation=None)
    client.force_login(factories.organiser())
    url = reverse("participants:person_update", args=[person.pk])

    kept = client.post(url, _person_data(email="SREY@example.org"))
    taken = client.post(url, _person_data(email="dara@example.org"))

    assert kept.status_code == 302
    assert taken.status_code == 200
    assert taken.context["form"].errors["email"] == [TAKEN]
    person.refresh_from_db()
    assert person.email == "SREY@example.org"


def test_second_of_two_simultaneous_new_people_is_a_validation_error():
    # The second request's form check passed before the first was saved: the service
    # meets the database's refusal and turns it into the constraint's message.
    event = factories.EventFactory()
    organiser = factories.organiser()
    services.register_new_person(
        Person(given_name="Srey", email="srey@example.org"),
        event=event,
        role="participant",
        by=organiser,
    )

    with pytest.raises(ValidationError) as raised:
        services.register_new_person(
            Person(given_name="Srey", email="SREY@example.org"),
            event=event,
            role="participant",
            by=organiser,
        )

    assert raised.value.message_dict == {"email": [TAKEN]}
    assert Person.objects.count() == 1
    assert event.registrations.count() == 1


def test_second_of_two_simultaneous_diplomats_with_one_email_is_a_validation_error():
    team = factories.TeamFactory()
    mission = factories.MissionFactory()
    services.add_diplomat(
        mission, person=Person(given_name="Anna", email="a@se.example"), team=team
    )

    with pytest.raises(ValidationError) as raised:
        services.add_diplomat(
            mission, person=Person(given_name="Anna", email="A@se.example"), team=team
        )

    assert raised.value.messages == [TAKEN]
    assert Person.objects.count() == 1


def _import(content, event):
    make = lambda: ParticipantResource(event=event, team=event.team)  # noqa: E731
    return run_import(make(), read_table(content, "people.csv", make()), dry_run=False)


def test_import_row_with_a_known_email_in_another_case_updates_that_person():
    event = factories.EventFactory()
    person = factories.PersonFactory(team=event.team, given_name="Srey", email="srey@example.org")

    outcome = _import(
        b"Given name,Family name,E-mail,Role\nSrey,Mom,SREY@Example.org,speaker\n", event
    )

    assert outcome.written, outcome
    assert list(Person.objects.values_list("pk", flat=True)) == [person.pk]
    assert event.registrations.get().person == person


class _ResourceRacedByTheForm(ParticipantResource):
    """The import, with a person saved through the form (by another organiser) just after
    it read the team's directory: the file's new person now breaks the constraint."""

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        Person.objects.create(team=self.team, given_name="Typed", email="srey@example.org")


def test_import_racing_a_new_person_with_the_same_email_is_refused_with_a_message():
    event = factories.EventFactory()
    content = b"Given name,Family name,E-mail,Role\nSrey,Mom,SREY@Example.org,speaker\n"
    make = lambda: _ResourceRacedByTheForm(event=event, team=event.team)  # noqa: E731

    outcome = run_import(make(), read_table(content, "people.csv", make()), dry_run=False)

    assert not outcome.written
    assert "conflicts with an existing record" in " ".join(outcome.general_errors)
    assert "UNIQUE" not in " ".join(outcome.general_errors)
    assert event.registrations.count() == 0
