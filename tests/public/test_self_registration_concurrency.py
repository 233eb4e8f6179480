"""Two organisers (or one double click) approve the same registration request at once."""

import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections

from participants import registration_requests
from participants.models import (
    Gender,
    Person,
    Registration,
    RegistrationRequest,
    RegistrationRequestKind,
    RegistrationRequestStatus,
)
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every write, so two transactions cannot race; "
        "run with DATABASE_URL pointing at PostgreSQL",
    ),
]


def _race(workers):
    barrier = threading.Barrier(len(workers))
    results, errors = [], []

    def run(worker):
        try:
            barrier.wait(timeout=10)
            results.append(worker())
        except Exception as error:  # any error is what the test looks for
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


def test_two_simultaneous_approvals_register_once_and_refuse_the_second():
    event = factories.EventFactory(status="published")
    request = RegistrationRequest.objects.create(
        event=event,
        kind=RegistrationRequestKind.CSO,
        given_name="Dara",
        family_name="Race",
        organisation_name="Racing Org",
        gender=Gender.MAN,
        email="dara@race.test",
        language="en",
        status=RegistrationRequestStatus.CONFIRMED,
    )
    organisers = [factories.organiser(), factories.organiser()]

    results, errors = _race(
        [
            lambda by=by: registration_requests.approve_registration_request(
                request, by=by, link="https://example.test/"
            )
            for by in organisers
        ]
    )

    assert len(results) == 1
    assert [type(error) for error in errors] == [ValidationError]
    assert Person.objects.filter(email="dara@race.test").count() == 1
    assert Registration.objects.filter(event=event).count() == 1
    assert len(mail.outbox) == 1
