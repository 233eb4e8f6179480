"""The e-mail the call for speakers sends (templates in templates/notifications/<key>/)."""

from django.utils.translation import gettext_lazy as _

from notifications import registry
from notifications.services import send_templated_email

from .models import ApplicationStatus

DECIDED = registry.register(
    "cfp.decided",
    description=_(
        "To the contact address of an application to speak: the organisers accepted or "
        "declined it. Names only the event and the applying organisation."
    ),
    context=("event_title", "organisation_name", "accepted", "team_name"),
)


def tell_applicant_of_decision(application, *, by):
    """E-mail the decision on `application` to its contact address, in its language."""
    event = application.call.event
    return send_templated_email(
        DECIDED.key,
        to=application.contact_email,
        language=application.language,
        context={
            "event_title": event.title,
            "organisation_name": application.organisation_name,
            "accepted": application.status == ApplicationStatus.ACCEPTED,
            "team_name": event.team.name,
        },
        team=event.team,
        by=by,
    )


SPEAKER_ACCEPTED = registry.register(
    "cfp.speaker_accepted",
    description=_(
        "To each speaker of an accepted application who has an e-mail address: the session "
        "they speak at and the address of their own calendar. Names no other person."
    ),
    context=("event_title", "event_dates", "session_title", "calendar_link", "team_name"),
)


def tell_speaker_of_acceptance(person, *, application, session, by, link):
    """E-mail `person` (a speaker of the accepted `application`) their session of the event
    and `link`, their own calendar, in the application's language."""
    event = application.call.event
    return send_templated_email(
        SPEAKER_ACCEPTED.key,
        to=person.email,
        language=application.language,
        context={
            "event_title": event.title,
            "event_dates": event.dates,
            "session_title": session.title,
            "calendar_link": link,
            "team_name": event.team.name,
        },
        team=event.team,
        by=by,
    )
