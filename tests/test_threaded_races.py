"""Submissions that race for real: each thread is its own request on its own database
connection, released together. The once-only new-person form, two people with one e-mail
address, and a factsheet deleted while it is being handed out."""

import re

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from factsheets import services as factsheet_services
from factsheets.models import Distribution, Factsheet, FactsheetStatus
from factsheets.selectors import dissemination_counts
from participants.models import Gender, Person, Registration
from tests import factories
from tests.races import RACE_MARKS, race

pytestmark = RACE_MARKS

THREADS = 5


def _logged_in_clients(user, count):
    clients = []
    for _ in range(count):
        client = Client()
        client.force_login(user)
        factories.pass_second_factor(client, user)
        clients.append(client)
    return clients


def _token(page):
    return re.search(r'name="submission_token" value="([^"]+)"', page.content.decode()).group(1)


def _person(**extra):
    return {
        "given_name": "Srey",
        "family_name": "Mom",
        "gender": Gender.WOMAN,
        "position": "",
        "email": "",
        "phone": "",
        "age_band": "",
        "role": "participant",
        **extra,
    }


def test_new_person_form_sent_from_every_thread_with_one_token_saves_one_person(settings):
    settings.UPR_REQUIRE_2FA = True
    event = factories.EventFactory()
    organiser = factories.organiser()
    clients = _logged_in_clients(organiser, THREADS)
    url = reverse("participants:person_create", args=[event.slug])
    data = _person(submission_token=_token(clients[0].get(url)))

    results, errors = race([lambda client=client: client.post(url, data) for client in clients])

    assert errors == []
    assert [response.status_code for response in results] == [302] * THREADS
    assert {response.url for response in results} == {
        reverse("participants:registration_list", args=[event.slug])
    }
    assert Person.objects.filter(given_name="Srey").count() == 1
    assert Registration.objects.filter(event=event).count() == 1


def test_new_people_with_one_email_from_every_thread_save_one_and_tell_the_others(settings):
    settings.UPR_REQUIRE_2FA = True
    event = factories.EventFactory()
    organiser = factories.organiser()
    clients = _logged_in_clients(organiser, THREADS)
    url = reverse("participants:person_create", args=[event.slug])
    # Separate forms (separate tokens), typed by several organisers at once.
    posts = [
        _person(email="SREY@Example.org" if n % 2 else "srey@example.org")
        | {"submission_token": _token(client.get(url))}
        for n, client in enumerate(clients)
    ]

    results, errors = race(
        [
            lambda client=client, data=data: client.post(url, data)
            for client, data in zip(clients, posts, strict=True)
        ]
    )

    assert errors == []
    assert sorted(response.status_code for response in results) == [200] * (THREADS - 1) + [302]
    for refused in (response for response in results if response.status_code == 200):
        assert "A person with this e-mail address already exists." in refused.content.decode()
    assert Person.objects.count() == 1
    assert Registration.objects.filter(event=event).count() == 1


def test_factsheet_deleted_while_handed_out_is_never_deleted_with_distributions():
    organiser = factories.organiser()
    event = factories.EventFactory()
    missions = [factories.MissionFactory() for _ in range(3)]
    outcomes = set()

    for _round in range(10):
        factsheet = factories.FactsheetFactory(event=event, status=FactsheetStatus.APPROVED)

        results, errors = race(
            [
                lambda factsheet=factsheet: (
                    "deleted",
                    factsheet_services.delete_factsheet(factsheet, by=organiser),
                ),
                lambda factsheet=factsheet: (
                    "distributed",
                    factsheet_services.distribute_factsheets(
                        event, factsheets=[factsheet], missions=missions, by=organiser
                    ),
                ),
            ]
        )

        # One wins; the other is refused with a message, never a database error.
        assert len(results) == len(errors) == 1, (results, errors)
        assert isinstance(errors[0], ValidationError)
        stored = Factsheet.all_objects.get(pk=factsheet.pk)
        handed_out = Distribution.objects.filter(factsheet=factsheet).count()
        if results[0][0] == "deleted":
            assert (stored.is_deleted, handed_out) == (True, 0)
        else:
            assert (stored.is_deleted, handed_out) == (False, len(missions))
        outcomes.add(results[0][0])
        # The figures count exactly the distributions of factsheets that are not deleted.
        counted = (
            Distribution.objects.filter(event=event, factsheet__deleted_at__isnull=True)
            .values("factsheet")
            .distinct()
        )
        assert dissemination_counts(event)[0] == counted.count()
        assert not Distribution.objects.filter(factsheet__deleted_at__isnull=False).exists()
    assert outcomes <= {"deleted", "distributed"}
