import re

import pytest
from django.core import mail
from django.urls import reverse

from jobs.services import beat
from notifications.models import EmailMessageLog, EmailStatus, PendingEmail
from tests import factories
from tests.catalogues import translated

pytestmark = pytest.mark.django_db


def test_login_page_links_to_forgot_password(client):
    response = client.get(reverse("login"))

    assert reverse("password_reset") in response.content.decode()
    assert "Forgot your password?" in response.content.decode()


def test_reset_does_not_reveal_whether_an_address_exists(client):
    factories.UserFactory(email="dara@example.org")

    known = client.post(reverse("password_reset"), {"email": "dara@example.org"})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})

    assert (known.status_code, known.url) == (302, reverse("password_reset_done"))
    assert (unknown.status_code, unknown.url) == (302, reverse("password_reset_done"))
    assert [message.to for message in mail.outbox] == [["dara@example.org"]]


def test_reset_link_sets_a_new_password(client):
    user = factories.UserFactory(email="dara@example.org")
    client.post(reverse("password_reset"), {"email": "dara@example.org"})
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)

    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a long passphrase 42", "new_password2": "a long passphrase 42"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a long passphrase 42")


def test_reset_page_renders(client):
    response = client.get(reverse("password_reset"))

    assert response.status_code == 200
    assert "Send the link" in response.content.decode()


def test_reset_is_delivered_by_the_job_and_logged_for_no_team_without_the_link(
    client, settings, tmp_path
):
    subject = "Choose a new password for UPR Pre-sessions"
    translated(settings, tmp_path, "km", {subject: "ជ្រើសរើសពាក្យសម្ងាត់ថ្មី"})
    team = factories.TeamFactory()
    factories.organiser(team, email="dara@example.org", username="dara", language="km")
    beat(name="worker-test")

    client.post(reverse("password_reset"), {"email": "dara@example.org"})

    logged = EmailMessageLog.objects.get()
    assert (
        logged.team,
        logged.template_key,
        logged.recipient,
        logged.language,
        logged.subject,
        logged.status,
        logged.triggered_by,
    ) == (
        None,
        "accounts.password_reset",
        "dara@example.org",
        "km",
        "ជ្រើសរើសពាក្យសម្ងាត់ថ្មី",
        EmailStatus.SENT,
        None,
    )
    assert list(EmailMessageLog.objects.of_team(team)) == []
    (sent,) = mail.outbox
    link = re.search(r"https?://\S+", sent.body).group(0)
    assert "«dara»" in sent.body  # the account's own name, in the Khmer catalogue's quotes
    assert f'href="{link}"' in sent.alternatives[0][0]
    # The link signs the account in: it is in the mail only, never in the log.
    assert PendingEmail.objects.count() == 0
    stored = [str(getattr(logged, field.attname)) for field in EmailMessageLog._meta.fields]
    assert not any(link in value or "/reset/" in value for value in stored)
