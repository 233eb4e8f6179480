"""Sending an e-mail from a registered template, and delivering it from the queue.

`send_templated_email` is the only way the app sends mail to a person: one recipient per
message (never a To, Cc or Bcc list that would show participants to each other), rendered
in that recipient's language, logged, then delivered by the job worker (or at once, in the
request, when no worker runs: `runserver` alone still sends). A failed delivery is tried
again later, with a growing delay, when the queue can run work later.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from jobs.services import worker_is_running

from . import registry
from .models import EmailMessageLog, EmailStatus, PendingEmail

logger = logging.getLogger(__name__)

# Seconds to wait before the 2nd, 3rd and 4th attempts; after the 4th, the message failed.
RETRY_DELAYS = (60, 5 * 60, 30 * 60)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def _render_plain(name, context):
    """A plain-text template without HTML escaping ("&" stays "&" in a text mail)."""
    template = get_template(name).template
    return template.render(Context(context, autoescape=False))


def render_email(key, *, language, context):
    """The subject (one line), plain text and HTML of template `key` in `language`.

    Raises ValueError when `context` does not hold exactly the names the template declared.
    """
    template = registry.get(key)
    given = set(context)
    if given != template.context:
        missing = ", ".join(sorted(template.context - given)) or "-"
        extra = ", ".join(sorted(given - template.context)) or "-"
        raise ValueError(
            f"The e-mail {key!r} takes {sorted(template.context)}: missing {missing}, "
            f"not declared {extra}."
        )
    # Each rendering gets its own copy: a template's `{% ... as name %}` writes into the
    # dict it is given, and the caller may send the same context to the next recipient.
    with translation.override(language):
        subject = _render_plain(f"{template.folder}/subject.txt", dict(context))
        text = _render_plain(f"{template.folder}/body.txt", dict(context))
        html = render_to_string(f"{template.folder}/body.html", dict(context))
    # A subject is one line: a line break in a name must not start a new mail header.
    return RenderedEmail(subject=" ".join(subject.split())[:300], text=text, html=html)


def single_recipient(to):
    """`to` as one valid address, or an error: a message goes to one person only."""
    if not isinstance(to, str):
        raise TypeError("An e-mail goes to one recipient: pass one address, not a list.")
    address = to.strip()
    try:
        validate_email(address)
    except ValidationError:
        raise ValueError(f"Not one valid e-mail address: {to!r}") from None
    return address


def recipient_language(language):
    """`language` as one of the app's languages ("fr-ch" gives "fr"); LookupError if none."""
    return translation.get_supported_language_variant(language or settings.LANGUAGE_CODE)


def send_templated_email(key, *, to, language, context, team, by):
    """E-mail template `key` to the single address `to`, in `language`, for `team`.

    Side effects: an `EmailMessageLog` row (queued) and the rendered body waiting in
    `PendingEmail`; then the message is handed to the job queue, or delivered at once when
    no worker runs. `by` is the user who caused it (None for a visitor's own action).
    Returns the log row. Errors in the arguments (a list of addresses, an unknown template
    or language, a context other than the declared one) raise before anything is written.
    """
    address = single_recipient(to)
    language = recipient_language(language)
    rendered = render_email(key, language=language, context=context)
    with transaction.atomic():
        message = EmailMessageLog.objects.create(
            team=team,
            template_key=key,
            recipient=address,
            language=language,
            subject=rendered.subject,
            triggered_by=by,
        )
        PendingEmail.objects.create(
            message=message, text_body=rendered.text, html_body=rendered.html
        )
    # Late import: tasks imports this module.
    from .tasks import deliver_email

    if worker_is_running():
        deliver_email.enqueue(message_id=message.pk)
    else:
        deliver(message.pk)
    message.refresh_from_db()
    return message


def _retry_later(message_id, attempt):
    """Queue attempt `attempt + 1` of `message_id` after its delay; False when the queue
    cannot run work later (the immediate backend of the tests)."""
    from .tasks import deliver_email

    if attempt >= MAX_ATTEMPTS or not deliver_email.get_backend().supports_defer:
        return False
    run_after = timezone.now() + timedelta(seconds=RETRY_DELAYS[attempt - 1])
    deliver_email.using(run_after=run_after).enqueue(message_id=message_id)
    return True


def deliver(message_id):
    """Send the queued message `message_id` (the queue's task calls this).

    Side effects: on success the log says sent (with the time) and the body is deleted; on
    failure the error is recorded and another attempt is queued with a growing delay, or,
    after the last attempt, the log says failed and the body is deleted. A message that is
    no longer queued (sent already) is not sent again.
    """
    message = (
        EmailMessageLog.objects.filter(pk=message_id, status=EmailStatus.QUEUED)
        .select_related("pending")
        .first()
    )
    if message is None or not hasattr(message, "pending"):
        return None
    attempt = message.attempts + 1
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.pending.text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
    )
    email.attach_alternative(message.pending.html_body, "text/html")
    try:
        email.send()
    except Exception as error:
        logger.warning("E-mail %s (%s) failed: %s", message.pk, message.template_key, error)
        error_text = str(error) or error.__class__.__name__
        with transaction.atomic():
            status = EmailStatus.QUEUED if _retry_later(message.pk, attempt) else EmailStatus.FAILED
            EmailMessageLog.objects.filter(pk=message.pk).update(
                attempts=attempt, error=error_text, status=status
            )
            if status == EmailStatus.FAILED:
                PendingEmail.objects.filter(pk=message.pk).delete()
        return status
    with transaction.atomic():
        EmailMessageLog.objects.filter(pk=message.pk).update(
            attempts=attempt, error="", status=EmailStatus.SENT, sent_at=timezone.now()
        )
        PendingEmail.objects.filter(pk=message.pk).delete()
    return EmailStatus.SENT


def delete_old_messages(*, days=None):
    """Delete the log rows older than `days` (UPR_EMAIL_LOG_RETENTION_DAYS): they hold
    addresses. Returns how many were deleted."""
    days = settings.UPR_EMAIL_LOG_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    _, deleted = EmailMessageLog.objects.older_than(cutoff).delete()
    return deleted.get(EmailMessageLog._meta.label, 0)
