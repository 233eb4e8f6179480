"""Acceptances that race for real (PostgreSQL): each thread on its own connection."""

from cfp import services
from cfp.models import ApplicationStatus
from events.models import SessionRole
from participants.models import Organisation, Person, Registration
from tests.races import RACE_MARKS, race

from .conftest import make_application

pytestmark = RACE_MARKS


def test_accepting_at_once_creates_everything_once(cfp):
    application = make_application(cfp.call, name="Racing Org", genders=["woman", "man"])

    results, errors = race(
        [
            lambda: services.accept_application(application, session=cfp.session, by=cfp.organiser)
            for _ in range(4)
        ]
    )

    assert errors == []
    assert sorted(result.already_accepted for result in results) == [False, True, True, True]
    assert Organisation.objects.filter(name="Racing Org").count() == 1
    assert Person.objects.filter(organisation__name="Racing Org").count() == 2
    assert Registration.objects.filter(event=cfp.event).count() == 2
    assert SessionRole.objects.filter(session=cfp.session).count() == 2
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED


def test_two_applications_naming_the_same_speaker_accepted_at_once(cfp):
    first = make_application(cfp.call, name="Same Org")
    second = make_application(cfp.call, name="Same Org")

    _results, errors = race(
        [
            lambda app=app: services.accept_application(app, session=cfp.session, by=cfp.organiser)
            for app in (first, second)
        ]
    )

    assert errors == []
    assert Organisation.objects.filter(name="Same Org").count() == 1
    assert Person.objects.filter(email="same0@example.org").count() == 1
    assert SessionRole.objects.filter(session=cfp.session).count() == 1
