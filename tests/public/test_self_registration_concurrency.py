"""Two organisers (or one double click) approve the same registration request at once."""

from django.core import mail
from django.core.exceptions import ValidationError

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
from tests.races import RACE_MARKS, race

pytestmark = RACE_MARKS


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

    results, errors = race(
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
