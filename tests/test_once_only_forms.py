"""Forms that must act once: the same submission posted twice (a double click, a resent
request) writes one row; the second lands where the first went. See `security.once`."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import Attendance, Gender, Person, Registration
from reports.models import Achievement
from security.models import FormSubmission
from security.once import delete_old_submissions
from tests import factories

pytestmark = pytest.mark.django_db


def _token(page):
    match = re.search(r'name="submission_token" value="([^"]+)"', page.content.decode())
    assert match, "the form carries no one-time token"
    return match.group(1)


def _person(**extra):
    return {
        "given_name": "Srey",
        "family_name": "Mom",
        "gender": Gender.WOMAN,
        "position": "",
        "email": "",
        "phone": "",
        "age_band": "",
        "role": "speaker",
        **extra,
    }


@pytest.fixture
def organiser_client(client):
    client.force_login(factories.organiser())
    return client


def test_new_person_posted_twice_is_saved_once(organiser_client):
    event = factories.EventFactory()
    url = reverse("participants:person_create", args=[event.slug])
    data = _person(submission_token=_token(organiser_client.get(url)))

    first = organiser_client.post(url, data)
    second = organiser_client.post(url, data)

    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert Person.objects.filter(given_name="Srey").count() == 1
    assert Registration.objects.filter(event=event).count() == 1


def test_a_new_form_is_a_new_submission(organiser_client):
    event = factories.EventFactory()
    url = reverse("participants:person_create", args=[event.slug])

    organiser_client.post(url, _person(submission_token=_token(organiser_client.get(url))))
    organiser_client.post(
        url,
        _person(given_name="Dara", submission_token=_token(organiser_client.get(url))),
    )

    assert Person.objects.count() == 2


def test_a_refused_submission_can_be_sent_again_with_its_token(organiser_client):
    event = factories.EventFactory()
    url = reverse("participants:person_create", args=[event.slug])
    token = _token(organiser_client.get(url))

    refused = organiser_client.post(url, _person(given_name="", submission_token=token))
    accepted = organiser_client.post(url, _person(submission_token=token))

    assert refused.status_code == 200
    assert f'value="{token}"' in refused.content.decode()
    assert accepted.status_code == 302
    assert Person.objects.count() == 1


def test_walk_in_posted_twice_registers_and_checks_in_once(organiser_client):
    event = factories.EventFactory()
    day = factories.ProgrammeDayFactory(event=event, date=event.start_date)
    desk = reverse("participants:desk", args=[event.slug, day.pk])
    url = reverse("participants:walk_in", args=[event.slug, day.pk])
    data = _person(role="participant", submission_token=_token(organiser_client.get(desk)))

    first = organiser_client.post(url, data)
    second = organiser_client.post(url, data)

    assert first.status_code == second.status_code == 302
    assert Registration.objects.filter(event=event).count() == 1
    assert Attendance.objects.filter(day=day).count() == 1


def test_report_form_posted_twice_saves_the_achievement_once(organiser_client):
    event = factories.EventFactory()
    url = reverse("reports:report_edit", args=[event.slug])
    page = organiser_client.get(url)
    data = dict(
        re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.content.decode())
    )
    data.update(
        {
            "achievements-0-text": "Twelve embassies briefed.",
            "achievements-0-order": "1",
            "achievements-TOTAL_FORMS": "1",
            "testimonies-TOTAL_FORMS": "0",
            "report-status": "draft",
        }
    )

    first = organiser_client.post(url, data)
    second = organiser_client.post(url, data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert Achievement.objects.filter(text="Twelve embassies briefed.").count() == 1


def test_old_tokens_are_forgotten():
    user = factories.UserFactory()
    old = FormSubmission.objects.create(token="old", user=user)
    FormSubmission.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    FormSubmission.objects.create(token="new", user=user)

    assert delete_old_submissions() == 1
    assert list(FormSubmission.objects.values_list("token", flat=True)) == ["new"]
