import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Membership, TeamRole
from accounts.services import accept_invitation, invite
from jobs.services import beat
from notifications.models import EmailMessageLog, EmailStatus, PendingEmail
from participants.models import User
from tests import factories
from tests.catalogues import translated

pytestmark = pytest.mark.django_db

PASSWORDS = {"password1": "a long passphrase 42", "password2": "a long passphrase 42"}


def _link(message):
    return re.search(r"https?://\S+", message.body).group(0)


def _invite_by_page(client, team=None, **data):
    team = team or factories.TeamFactory()
    client.force_login(factories.organiser(team=team))
    return client.post(reverse("accounts:member_invite", args=[team.slug]), data)


def test_organiser_invites_by_email_and_the_mail_has_a_link(client):
    response = _invite_by_page(client, email="dara@example.org", role=TeamRole.ORGANISER)

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role) == ("dara@example.org", TeamRole.ORGANISER)
    assert mail.outbox[0].to == ["dara@example.org"]
    assert "/invitations/" in _link(mail.outbox[0])
    # Only the token's hash is stored, never the token of the link.
    assert _link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1] != invitation.token_hash


def test_invitation_with_a_bad_address_writes_nothing(client):
    response = _invite_by_page(client, email="not an address", role=TeamRole.ORGANISER)

    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_invitee_sets_username_and_password_and_joins(client):
    team = factories.TeamFactory()
    invitation, token = invite(
        team, email="dara@example.org", role=TeamRole.REPORT_ADMINISTRATOR, by=None
    )
    url = reverse("accounts:invitation", args=[token])

    page = client.get(url)
    response = client.post(
        url,
        {
            "username": "dara",
            "first_name": "Dara",
            "last_name": "Sok",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
    )

    assert "Invitation to Test Team" in page.content.decode()
    assert response.status_code == 302
    user = User.objects.get(username="dara")
    assert user.email == "dara@example.org"
    assert user.check_password("a long passphrase 42")
    membership = Membership.objects.get(user=user)
    assert (membership.team, membership.role) == (team, TeamRole.REPORT_ADMINISTRATOR)


def test_invitee_with_a_role_requiring_two_factor_pairs_an_authenticator_first(
    unverified_client,
):
    invitation, token = invite(
        factories.TeamFactory(), email="dara@example.org", role=TeamRole.ORGANISER, by=None
    )
    unverified_client.post(
        reverse("accounts:invitation", args=[token]),
        {
            "username": "dara",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
    )

    response = unverified_client.get(reverse("accounts:team_detail", args=["test-team"]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("security:two_factor_setup"))


def test_invitation_link_cannot_be_reused(client):
    invitation, token = invite(
        factories.TeamFactory(), email="dara@example.org", role=TeamRole.ORGANISER, by=None
    )
    accept_invitation(invitation, user=factories.UserFactory(email="dara@example.org"))

    response = client.get(reverse("accounts:invitation", args=[token]))
    second = client.post(
        reverse("accounts:invitation", args=[token]),
        {
            "username": "other",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
    )

    assert response.status_code == 404
    assert "does not work" in response.content.decode()
    assert second.status_code == 404
    assert not User.objects.filter(username="other").exists()


def test_invitation_link_expires(client):
    invitation, token = invite(
        factories.TeamFactory(), email="dara@example.org", role=TeamRole.ORGANISER, by=None
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    response = client.get(reverse("accounts:invitation", args=[token]))

    assert response.status_code == 404
    assert "does not work" in response.content.decode()


def test_a_wrong_token_is_404(client):
    response = client.get(reverse("accounts:invitation", args=["made-up-token"]))

    assert response.status_code == 404


def test_invitation_cannot_be_used_for_another_address(client):
    invitation, token = invite(
        factories.TeamFactory(), email="dara@example.org", role=TeamRole.ORGANISER, by=None
    )
    someone_else = factories.cso_staff(email="someone@example.org")
    client.force_login(someone_else)

    response = client.post(reverse("accounts:invitation", args=[token]))

    assert response.status_code == 403
    assert "another e-mail address" in response.content.decode()
    assert not Membership.objects.filter(user=someone_else).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_existing_user_with_the_invited_address_accepts(client):
    other_team = factories.TeamFactory(slug="other-team")
    user = factories.organiser(team=other_team, email="Dara@Example.org")
    invitation, token = invite(
        factories.TeamFactory(), email="dara@example.org", role=TeamRole.ORGANISER, by=None
    )
    client.force_login(user)

    response = client.post(reverse("accounts:invitation", args=[token]))

    assert response.status_code == 302
    assert set(Membership.objects.filter(user=user).values_list("team__slug", flat=True)) == {
        "other-team",
        "test-team",
    }


def test_visitor_cannot_create_a_second_account_for_an_address_in_use(client):
    factories.UserFactory(email="dara@example.org")
    invitation, token = invite(
        factories.TeamFactory(), email="dara@example.org", role=TeamRole.ORGANISER, by=None
    )

    response = client.post(
        reverse("accounts:invitation", args=[token]),
        {
            "username": "dara2",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
    )

    assert response.status_code == 400
    assert "log in with it to accept" in response.content.decode()
    assert not User.objects.filter(username="dara2").exists()


def test_bad_password_shows_the_error_and_creates_nothing(client):
    invitation, token = invite(
        factories.TeamFactory(), email="dara@example.org", role=TeamRole.ORGANISER, by=None
    )

    response = client.post(
        reverse("accounts:invitation", args=[token]),
        {"username": "dara", "password1": "short", "password2": "short"},
    )

    assert response.status_code == 400
    assert "too short" in response.content.decode()
    assert not User.objects.filter(username="dara").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_cso_staff_account_for_an_organisation_of_the_team(client):
    team = factories.TeamFactory()
    organisation = factories.OrganisationFactory(team=team, name="Youth for Peace")
    client.force_login(factories.organiser(team=team))

    client.post(
        reverse("accounts:cso_staff_invite", args=[team.slug]),
        {"email": "vanna@example.org", "organisation": organisation.pk},
    )
    token = _link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    client.logout()
    client.post(
        reverse("accounts:invitation", args=[token]),
        {
            "username": "vanna",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
    )

    user = User.objects.get(username="vanna")
    assert user.organisation == organisation
    assert not Membership.objects.filter(user=user).exists()


def test_cso_staff_invitation_refuses_another_teams_organisation(client):
    team = factories.TeamFactory()
    foreign = factories.OrganisationFactory(team=factories.TeamFactory(slug="other-team"))
    client.force_login(factories.organiser(team=team))

    response = client.post(
        reverse("accounts:cso_staff_invite", args=[team.slug]),
        {"email": "vanna@example.org", "organisation": foreign.pk},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists()


def test_withdrawn_invitation_no_longer_works(client):
    team = factories.TeamFactory()
    invitation, token = invite(team, email="dara@example.org", role=TeamRole.ORGANISER, by=None)
    client.force_login(factories.organiser(team=team))

    client.post(reverse("accounts:invitation_withdraw", args=[team.slug, invitation.pk]))
    client.logout()
    response = client.get(reverse("accounts:invitation", args=[token]))

    assert response.status_code == 404


def test_invitation_is_delivered_by_the_job_and_logged_for_the_inviting_team(client):
    team = factories.TeamFactory(name="CCHR Phnom Penh")
    organiser = factories.organiser(team=team)
    client.force_login(organiser)
    beat(name="worker-test")

    client.post(
        reverse("accounts:member_invite", args=[team.slug]),
        {"email": "dara@example.org", "role": TeamRole.ORGANISER},
    )

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
        team,
        "accounts.invitation",
        "dara@example.org",
        "en",
        "Invitation to CCHR Phnom Penh on UPR Pre-sessions",
        EmailStatus.SENT,
        organiser,
    )
    (sent,) = mail.outbox
    assert "You are invited to join CCHR Phnom Penh on UPR Pre-sessions, as" in sent.body
    html = sent.alternatives[0][0]
    assert f'href="{_link(sent)}"' in html
    # The link that creates an account is in the mail only, never in the log.
    assert PendingEmail.objects.count() == 0
    stored = [str(getattr(logged, field.attname)) for field in EmailMessageLog._meta.fields]
    assert not any(_link(sent) in value for value in stored)


def test_invitation_is_written_in_the_language_of_the_page_it_is_sent_from(
    client, settings, tmp_path
):
    translated(
        settings,
        tmp_path,
        "fr",
        {
            "Invitation to %(team)s on UPR Pre-sessions": "Invitation à %(team)s",
            "You are invited to join %(team)s on UPR Pre-sessions, as %(role)s.": (
                "Vous êtes invité à rejoindre %(team)s, comme %(role)s."
            ),
            "Organiser": "Organisateur·rice",
        },
    )
    team = factories.TeamFactory(name="CCHR")
    organiser = factories.organiser(team=team)
    organiser.language = "fr"
    organiser.save()
    client.force_login(organiser)

    client.post(
        reverse("accounts:member_invite", args=[team.slug]),
        {"email": "dara@example.org", "role": TeamRole.ORGANISER},
    )

    (sent,) = mail.outbox
    assert sent.subject == "Invitation à CCHR"
    assert sent.body.startswith("Vous êtes invité à rejoindre CCHR, comme Organisateur·rice.")
    assert EmailMessageLog.objects.get().language == "fr"


def test_cso_staff_invitation_names_the_organisation_and_no_role(client):
    team = factories.TeamFactory(name="CCHR")
    organisation = factories.OrganisationFactory(team=team, name="LICADHO")
    client.force_login(factories.organiser(team=team))

    client.post(
        reverse("accounts:cso_staff_invite", args=[team.slug]),
        {"email": "dara@example.org", "organisation": organisation.pk},
    )

    (sent,) = mail.outbox
    assert sent.body.startswith(
        "CCHR created a CSO staff account for you, for LICADHO, on UPR Pre-sessions."
    )
