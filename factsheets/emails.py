"""The e-mail factsheets send (templates in templates/notifications/<key>/)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from events.models import event_heading
from notifications import registry
from notifications.services import recipient_language, send_templated_email

from .models import FactsheetLanguage, FactsheetStatus

REVIEWED = registry.register(
    "factsheets.reviewed",
    description=_(
        "To each CSO staff account of a factsheet's authors: the organisers approved it, or "
        "sent it back with their comment."
    ),
    context=("factsheet_title", "event_title", "approved", "comment", "link", "team_name"),
)


def authors_language(factsheet):
    """The language the authors wrote their factsheet in, when the app speaks it; the app's
    default otherwise. For an account that has not chosen a language of its own."""
    if factsheet.language != FactsheetLanguage.OTHER:
        return factsheet.language
    return settings.LANGUAGE_CODE


def tell_authors_of_review(factsheet, *, link, by):
    """E-mail the outcome of the review of `factsheet` to every active CSO staff account of
    its authoring organisations: one message per address, in the account's language (else
    the factsheet's), each naming only the factsheet, the event and the reviewers' comment.
    Returns the log rows."""
    accounts = (
        get_user_model()
        .objects.filter(organisation__in=factsheet.organisations.all(), is_active=True)
        .exclude(email="")
        .order_by("email", "pk")
        .values_list("email", "language")
    )
    language_of = {}
    for address, language in accounts:
        # One message per address, even if two accounts share it: the older account's choice.
        language_of.setdefault(address, language)
    event = factsheet.event
    messages = []
    for address, language in language_of.items():
        language = recipient_language(language or authors_language(factsheet))
        context = {
            "factsheet_title": factsheet.title,
            "event_title": event_heading(event, language).title,
            "approved": factsheet.status == FactsheetStatus.APPROVED,
            "comment": factsheet.review_comment,
            "link": link,
            "team_name": event.team.name,
        }
        messages.append(
            send_templated_email(
                REVIEWED.key, to=address, language=language, context=context, team=event.team, by=by
            )
        )
    return messages
