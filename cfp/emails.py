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
