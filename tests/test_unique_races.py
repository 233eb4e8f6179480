"""The second of two identical submissions: its form check passed before the first was
saved, so the service meets the database's refusal and must turn it into the form's
message, never a server error. Calling the service directly with a duplicate is exactly
that second request's position."""

import pytest
from django.core.exceptions import ValidationError

from events import services as event_services
from events.models import Event
from participants import services as participant_services
from participants.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db


def test_second_new_organisation_with_the_same_name_is_a_validation_error():
    team = factories.TeamFactory()
    participant_services.create_organisation(Organisation(name="CCHR"), team=team)

    with pytest.raises(ValidationError) as raised:
        participant_services.create_organisation(Organisation(name="cchr"), team=team)

    assert "already" in " ".join(raised.value.messages)
    assert Organisation.objects.filter(team=team).count() == 1


def test_second_new_event_with_the_same_slug_is_a_validation_error():
    team = factories.TeamFactory()
    values = {
        "title": "Pre-session on Cambodia",
        "slug": "pre-session-kh",
        "start_date": "2018-11-14",
        "end_date": "2018-11-16",
    }
    event_services.create_event(team, values=values)

    with pytest.raises(ValidationError) as raised:
        event_services.create_event(team, values=values)

    assert list(raised.value.message_dict) == ["slug"]
    assert Event.objects.filter(slug="pre-session-kh").count() == 1
