"""The e-mail participants send (templates in templates/notifications/<key>/).

None of them names the person: a request may be sent by anyone with any address, so the
messages say only which event, what happened and what to do next."""

from django.utils.translation import gettext_lazy as _

from notifications import registry

REGISTRATION_CONFIRM = registry.register(
    "participants.registration_confirm",
    description=_(
        "To the address given on the public registration form: the link that confirms it "
        "(double opt-in), valid for a limited time."
    ),
    context=("event_title", "link", "valid_hours", "team_name"),
)
REGISTRATION_APPROVED = registry.register(
    "participants.registration_approved",
    description=_(
        "To a person whose registration request the organisers approved; with the address "
        "of their own calendar when they already have a session on the programme."
    ),
    context=("event_title", "event_dates", "link", "calendar_link", "team_name"),
)
REGISTRATION_DECLINED = registry.register(
    "participants.registration_declined",
    description=_("To a person whose registration request the organisers declined."),
    context=("event_title", "team_name", "contact_email"),
)
