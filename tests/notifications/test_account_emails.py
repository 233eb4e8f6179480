"""The e-mails of accounts, which accounts sends without importing notifications."""

import datetime

import pytest
from django.utils import timezone

from accounts import mail
from accounts.models import TeamRole
from notifications import registry, services

pytestmark = pytest.mark.django_db


def test_accounts_reaches_the_notifications_sender():
    assert mail.email_sender() is services.send_templated_email


def test_accounts_templates_declare_only_what_the_recipient_may_read():
    assert registry.get(mail.INVITATION).context == frozenset(
        {"team_name", "role", "organisation_name", "link", "expires_at"}
    )
    assert registry.get(mail.PASSWORD_RESET).context == frozenset({"username", "site_name", "link"})


def test_invitation_is_rendered_from_the_french_catalogue():
    rendered = services.render_email(
        mail.INVITATION,
        language="fr",
        context={
            "team_name": "CCHR",
            "role": TeamRole.ORGANISER.label,
            "organisation_name": "",
            "link": "https://upr.example.org/invitations/abc/",
            "expires_at": timezone.now() + datetime.timedelta(days=7),
        },
    )

    assert "CCHR" in rendered.subject
    assert rendered.subject != "Invitation to CCHR on UPR Pre-sessions"
    assert "https://upr.example.org/invitations/abc/" in rendered.text
    assert '<html lang="fr">' in rendered.html


def test_password_reset_is_rendered_from_the_khmer_catalogue():
    rendered = services.render_email(
        mail.PASSWORD_RESET,
        language="km",
        context={"username": "dara", "site_name": "upr.example.org", "link": "https://x/r/"},
    )

    assert rendered.subject != "Choose a new password for UPR Pre-sessions"
    assert "«dara»" in rendered.text
    assert '<html lang="km">' in rendered.html
