from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import default_task_backend

from jobs.services import beat
from notifications import registry, services
from notifications.models import EmailMessageLog, EmailStatus, PendingEmail
from tests import factories

from .conftest import DUMMY_QUEUE, REFUSING

KEY = "factsheets.reviewed"


def _send(team, context, *, to="sokha@example.org", language="en", by=None):
    return services.send_templated_email(
        KEY, to=to, language=language, context=context, team=team, by=by
    )


def test_send_delivers_one_message_to_one_recipient_and_logs_it(team, review_context):
    organiser = factories.organiser(team)

    message = _send(team, review_context, by=organiser)

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert (sent.to, sent.cc, sent.bcc) == (["sokha@example.org"], [], [])
    assert sent.subject == "Factsheet sent back: Land & housing"
    assert [mimetype for _, mimetype in sent.alternatives] == ["text/html"]
    logged = EmailMessageLog.objects.get()
    assert logged == message
    assert (
        logged.team,
        logged.template_key,
        logged.recipient,
        logged.language,
        logged.subject,
        logged.status,
        logged.attempts,
        logged.triggered_by,
    ) == (
        team,
        KEY,
        "sokha@example.org",
        "en",
        "Factsheet sent back: Land & housing",
        EmailStatus.SENT,
        1,
        organiser,
    )
    assert logged.sent_at is not None


def test_send_keeps_no_body_once_delivered(team, review_context):
    message = _send(team, review_context)

    stored = [str(getattr(message, field.attname)) for field in EmailMessageLog._meta.fields]
    assert not any("2019 report" in value for value in stored)
    assert PendingEmail.objects.count() == 0


def test_plain_text_is_not_escaped_and_html_is(team, review_context):
    _send(team, review_context)

    sent = mail.outbox[0]
    html = sent.alternatives[0][0]
    assert "Please cite the 2019 report <b>in full</b>." in sent.body
    assert "“Land & housing”" in sent.body
    assert "Please cite the 2019 report &lt;b&gt;in full&lt;/b&gt;." in html
    assert "Land &amp; housing" in html


def test_message_is_rendered_in_the_recipients_language(team, review_context):
    message = _send(team, review_context, language="fr-ch")

    assert message.language == "fr"
    assert '<html lang="fr">' in mail.outbox[0].alternatives[0][0]


def test_a_subject_is_one_line(team, review_context):
    review_context["factsheet_title"] = "Land\nBcc: everyone@example.org"

    _send(team, review_context)

    assert mail.outbox[0].subject == "Factsheet sent back: Land Bcc: everyone@example.org"
    assert mail.outbox[0].bcc == []


@pytest.mark.parametrize(
    ("to", "error"),
    [
        (["a@example.org", "b@example.org"], TypeError),
        (("a@example.org",), TypeError),
        ("a@example.org, b@example.org", ValueError),
        ("a@example.org;b@example.org", ValueError),
        ("not an address", ValueError),
        ("", ValueError),
    ],
    ids=["list", "tuple", "comma", "semicolon", "not-an-address", "empty"],
)
def test_send_refuses_anything_but_one_address(team, review_context, to, error):
    with pytest.raises(error):
        _send(team, review_context, to=to)

    assert (EmailMessageLog.objects.count(), len(mail.outbox)) == (0, 0)


def test_send_refuses_a_context_other_than_the_declared_one(team, review_context):
    extra = {**review_context, "other_participants": ["Dara"]}
    missing = {key: value for key, value in review_context.items() if key != "link"}

    with pytest.raises(ValueError, match="not declared other_participants"):
        _send(team, extra)
    with pytest.raises(ValueError, match="missing link"):
        _send(team, missing)

    assert (EmailMessageLog.objects.count(), len(mail.outbox)) == (0, 0)


def test_send_refuses_an_unknown_template_or_language(team, review_context):
    with pytest.raises(registry.UnknownEmailTemplate):
        services.send_templated_email(
            "nobody.registered", to="a@example.org", language="en", context={}, team=team, by=None
        )
    with pytest.raises(LookupError):
        _send(team, review_context, language="xx")

    assert EmailMessageLog.objects.count() == 0


def test_registering_a_key_twice_with_other_names_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        registry.register(KEY, description="Another", context=("name",))

    assert registry.get(KEY).context == frozenset(
        {"factsheet_title", "event_title", "approved", "comment", "link", "team_name"}
    )


def test_every_registered_template_has_its_three_files():
    from django.template.loader import get_template

    for template in registry.all_templates():
        for name in ("subject.txt", "body.txt", "body.html"):
            assert get_template(f"{template.folder}/{name}")


def test_failure_without_a_deferring_queue_is_recorded_as_failed(team, review_context, settings):
    settings.EMAIL_BACKEND = REFUSING

    message = _send(team, review_context)

    assert (message.status, message.attempts, message.error) == (
        EmailStatus.FAILED,
        1,
        "Connection unexpectedly closed",
    )
    assert message.sent_at is None
    assert PendingEmail.objects.count() == 0


def test_failure_is_retried_later_with_a_growing_delay(team, review_context, settings):
    settings.EMAIL_BACKEND = REFUSING
    settings.TASKS = DUMMY_QUEUE
    default_task_backend.clear()
    before = timezone.now()

    message = _send(team, review_context)
    services.deliver(message.pk)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (EmailStatus.QUEUED, 2)
    retries = default_task_backend.results
    assert [result.kwargs for result in retries] == [{"message_id": message.pk}] * 2
    delays = [result.task.run_after - before for result in retries]
    assert timedelta(seconds=60) <= delays[0] < timedelta(seconds=90)
    assert timedelta(seconds=300) <= delays[1] < timedelta(seconds=330)


def test_retry_that_succeeds_marks_the_message_sent(team, review_context, settings):
    settings.EMAIL_BACKEND = REFUSING
    settings.TASKS = DUMMY_QUEUE
    message = _send(team, review_context)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    services.deliver(message.pk)

    message.refresh_from_db()
    assert (message.status, message.attempts, message.error) == (EmailStatus.SENT, 2, "")
    assert len(mail.outbox) == 1
    assert PendingEmail.objects.count() == 0


def test_after_the_last_attempt_the_message_failed(team, review_context, settings):
    settings.EMAIL_BACKEND = REFUSING
    settings.TASKS = DUMMY_QUEUE
    message = _send(team, review_context)

    for _ in range(services.MAX_ATTEMPTS):
        services.deliver(message.pk)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (EmailStatus.FAILED, services.MAX_ATTEMPTS)
    assert PendingEmail.objects.count() == 0


def test_a_delivered_message_is_not_sent_again(team, review_context):
    message = _send(team, review_context)

    assert services.deliver(message.pk) is None
    assert len(mail.outbox) == 1


def test_with_a_worker_the_message_goes_through_the_queue(team, review_context, settings):
    settings.TASKS = DUMMY_QUEUE
    default_task_backend.clear()
    beat(name="worker-test")

    message = _send(team, review_context)

    assert (message.status, len(mail.outbox)) == (EmailStatus.QUEUED, 0)
    (queued,) = default_task_backend.results
    assert queued.kwargs == {"message_id": message.pk}
    assert queued.task.name == "deliver_email"


def test_with_a_worker_the_queue_sends_it(team, review_context):
    beat(name="worker-test")

    message = _send(team, review_context)

    assert (message.status, len(mail.outbox)) == (EmailStatus.SENT, 1)


def test_old_log_entries_are_deleted(team, review_context):
    old = _send(team, review_context)
    EmailMessageLog.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=200)
    )
    recent = _send(team, review_context)

    call_command("delete_old_email_logs", days=180)

    assert list(EmailMessageLog.objects.values_list("pk", flat=True)) == [recent.pk]


def test_delete_old_email_logs_refuses_negative_days(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--days must be 0 or more"):
        call_command("delete_old_email_logs", days=-1)


def test_the_callers_context_is_left_as_it_was(team, review_context):
    before = dict(review_context)

    _send(team, review_context)
    _send(team, review_context, to="dara@example.org")

    assert review_context == before
    assert len(mail.outbox) == 2
