"""The address of a person's own calendar in the e-mails that tell them they are on the
programme: an accepted speaker's, and an approved registration's when they have sessions."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from participants.calendar_tokens import calendar_path
from tests import factories
from tests.cfp.conftest import cfp, make_application  # noqa: F401

from .test_self_registration import _confirmed_request, _review_url, _signed_in, site  # noqa: F401


def _calendar_links(message):
    return re.findall(r"https?://\S+/my-sessions/\S+\.ics", message.body)


def _calendar_text(link):
    path = link.removeprefix("http://testserver")
    response = Client().get(path)
    assert response.status_code == 200
    return response.content.decode().replace("\r\n ", "")


def test_accepted_speakers_each_get_their_own_calendar(
    client,
    cfp,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    application = make_application(
        cfp.call, name="Voices Org", genders=["woman", "man"], themes=[cfp.themes[0]]
    )
    client.force_login(cfp.organiser)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("cfp:application_accept", args=[cfp.event.slug, application.pk]),
            {"session": cfp.session.pk},
        )

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == [
        "voices0@example.org",
        "voices1@example.org",
        "voices@example.org",
    ]
    assert _calendar_links(by_address["voices@example.org"]) == []  # the applicant's
    first, second = by_address["voices0@example.org"], by_address["voices1@example.org"]
    (first_link,) = _calendar_links(first)
    (second_link,) = _calendar_links(second)
    assert first_link != second_link
    assert "Panel of CSOs" in first.body
    # No speaker's message names another one.
    assert "Voices1" not in first.body and "Voices0" not in second.body
    text = _calendar_text(first_link)
    assert "SUMMARY:Panel of CSOs" in text
    assert "sessions of Voices0 Speaker" in text


def _approve_as_the_known_moderator(world, *, email):
    """A request in the name of the known person of `world` (the `site` fixture), a
    moderator of a session, sent from `email` and approved as that person; returns the one
    e-mail it sent."""
    _team, event, _org, known, _mission, organiser = world
    session = factories.SessionFactory(day__event=event, title="Opening panel")
    factories.SessionRoleFactory(session=session, person=known, role="moderator")
    request = _confirmed_request(
        Client(),
        event,
        given_name="Sokha",
        family_name="Chhun",
        organisation_name="Known Coalition",
        email=email,
    )
    mail.outbox.clear()

    _signed_in(organiser).post(_review_url(event, request), {"person": str(known.pk)})

    (message,) = mail.outbox
    return message


def test_approval_of_a_person_with_sessions_carries_their_calendar(site):  # noqa: F811
    _team, event, _org, known, _mission, _organiser = site

    message = _approve_as_the_known_moderator(site, email="SOKHA@known.test")

    (link,) = _calendar_links(message)
    assert link == "http://testserver" + calendar_path(known, event=event)
    assert "SUMMARY:Opening panel" in _calendar_text(link)


def test_approval_from_another_address_than_the_persons_has_no_calendar_link(site):  # noqa: F811
    # Anyone can ask to register in someone's name: their calendar (every session they are
    # in) goes only to the address on their record.
    message = _approve_as_the_known_moderator(site, email="sokha.other@elsewhere.test")

    assert message.to == ["sokha.other@elsewhere.test"]
    assert _calendar_links(message) == []
    assert "my-sessions" not in message.alternatives[0][0]


def test_approval_of_a_new_person_has_no_calendar_link(site):  # noqa: F811
    _team, event, _org, _known, _mission, organiser = site
    factories.SessionFactory(day__event=event, title="Opening panel")
    request = _confirmed_request(Client(), event)
    mail.outbox.clear()

    _signed_in(organiser).post(_review_url(event, request), {"person": "new"})

    (message,) = mail.outbox
    assert _calendar_links(message) == []
    assert "my-sessions" not in message.alternatives[0][0]
