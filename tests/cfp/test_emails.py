"""The call's e-mails name the event as its pages do in the recipient's language: its
translated title and its dates in that language, whatever the sender's language."""

import datetime

from django.core import mail
from django.utils import translation

from cfp import services

from .conftest import make_application


def _link(person):
    return f"https://example.org/my-sessions/{person.pk}.ics"


def _in_french(event):
    event.translations = {"fr": {"title": "Pré-session sur le Cambodge"}}
    event.start_date, event.end_date = datetime.date(2027, 4, 6), datetime.date(2027, 4, 8)
    event.save()


def test_acceptance_names_the_event_in_the_applicants_language(
    cfp, django_capture_on_commit_callbacks
):
    _in_french(cfp.event)
    application = make_application(cfp.call, name="Voix Org", language="fr")

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.accept_application(
            application, session=cfp.session, by=cfp.organiser, calendar_link_for=_link
        )

    by_address = {message.to[0]: message for message in mail.outbox}
    decision, speaker = by_address["voix@example.org"], by_address["voix0@example.org"]
    assert "Pré-session sur le Cambodge" in decision.subject
    assert "Pré-session sur le Cambodge" in speaker.subject
    assert "Pré-session sur le Cambodge (6–8 avril 2027)" in speaker.body


def test_acceptance_in_english_names_the_original_title_and_english_dates(
    cfp, django_capture_on_commit_callbacks
):
    _in_french(cfp.event)
    cfp.event.refresh_from_db()
    application = make_application(cfp.call, name="Voices Org", language="en")

    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        services.accept_application(
            application, session=cfp.session, by=cfp.organiser, calendar_link_for=_link
        )

    speaker = next(message for message in mail.outbox if message.to == ["voices0@example.org"])
    assert f"{cfp.event.title} (6–8 April 2027)" in speaker.body
