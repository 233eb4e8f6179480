"""The e-mail the call for speakers sends (templates in templates/notifications/<key>/)."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from events.models import event_heading
from notifications import registry
from notifications.services import recipient_language, send_templated_email
from participants.models import PublicConsent
from participants.public import public_appearance

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
    language = recipient_language(application.language)
    return send_templated_email(
        DECIDED.key,
        to=application.contact_email,
        language=language,
        context={
            "event_title": event_heading(event, language).title,
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
        "they speak at, how the public pages show them (their own name and organisation "
        "only), whom to write to to change it, and the address of their own calendar. "
        "Names no other person."
    ),
    context=(
        "event_title",
        "event_dates",
        "session_title",
        "public_level",
        "public_listing",
        "calendar_link",
        "team_name",
        "team_contact_email",
    ),
)


def _public_level(appearance):
    """The sentence the e-mail says about the public pages: "name", "organisation" (in
    public lists too), "session" (only in their session) or "none"."""
    if appearance.name:
        return "name"
    if not appearance.shown:
        return "none"
    return "organisation" if appearance.level == PublicConsent.ORGANISATION else "session"


def tell_speaker_of_acceptance(person, *, application, session, event_consent, by, link):
    """E-mail `person` (a speaker of the accepted `application`) their session of the event,
    how the public pages show them at it (`event_consent`, their registration's), and
    `link`, their own calendar, in the application's language."""
    event = application.call.event
    language = recipient_language(application.language)
    heading = event_heading(event, language)
    with translation.override(language):
        appearance = public_appearance(person, event_consent=event_consent)
        listing = appearance.text
    return send_templated_email(
        SPEAKER_ACCEPTED.key,
        to=person.email,
        language=language,
        context={
            "event_title": heading.title,
            "event_dates": heading.dates,
            "session_title": session.title,
            "public_level": _public_level(appearance),
            "public_listing": listing,
            "calendar_link": link,
            "team_name": event.team.name,
            "team_contact_email": event.team.contact_email,
        },
        team=event.team,
        by=by,
    )
