import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts.models import Membership, TeamRole
from tests import factories

pytestmark = pytest.mark.django_db


def _team_b():
    return factories.TeamFactory(slug="team-b", name="Team B")


ROLES = {
    "anonymous": lambda: None,
    "no-role": lambda: factories.UserFactory(),
    "organiser-a": lambda: factories.organiser(),
    "organiser-b": lambda: factories.organiser(team=_team_b()),
    "report-admin-a": lambda: factories.report_admin(),
    "cso-staff": lambda: factories.cso_staff(),
    "superuser": lambda: factories.UserFactory(is_superuser=True, is_staff=True),
}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("no-role", 302),
        ("organiser-a", 200),
        ("organiser-b", 404),
        ("report-admin-a", 200),
        ("cso-staff", 404),
        ("superuser", 200),
    ],
    ids=lambda value: str(value),
)
def test_team_page_permissions(client, role, expected):
    team = factories.TeamFactory()
    user = ROLES[role]()
    if user:
        client.force_login(user)

    response = client.get(reverse("accounts:team_detail", args=[team.slug]))

    assert response.status_code == expected
    if expected == 200:
        assert "Test Team" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("organiser-a", 200), ("report-admin-a", 403), ("organiser-b", 404), ("cso-staff", 404)],
    ids=lambda value: str(value),
)
def test_invite_pages_are_for_organisers(client, role, expected):
    team = factories.TeamFactory()
    client.force_login(ROLES[role]())

    responses = [
        client.get(reverse(name, args=[team.slug]))
        for name in ("accounts:member_invite", "accounts:cso_staff_invite")
    ]

    assert [response.status_code for response in responses] == [expected, expected]


def test_team_page_lists_members_and_contact(client):
    team = factories.TeamFactory()
    team.contact_email = "team@example.org"
    team.save()
    factories.report_admin(username="sophea", email="sophea@example.org")
    client.force_login(factories.organiser(username="dara"))

    response = client.get(reverse("accounts:team_detail", args=[team.slug]))

    content = response.content.decode()
    assert "team@example.org" in content
    assert "sophea@example.org" in content
    assert "Report administrator" in content
    assert "Invite a member" in content


def test_report_admin_sees_members_but_cannot_manage(client):
    client.force_login(factories.report_admin())

    response = client.get(reverse("accounts:team_detail", args=["test-team"]))

    assert "Invite a member" not in response.content.decode()


def test_team_page_links_to_the_teams_pages(client):

    names = [
        "events:theme_list",
        "participants:mission_list",
        "participants:transfer",
        "events:event_create",
    ]
    urls = [reverse(name, kwargs={"team": "test-team"}) for name in names]
    client.force_login(factories.organiser())

    response = client.get(reverse("accounts:team_detail", args=["test-team"]))

    for url in urls:
        assert f'href="{url}"' in response.content.decode()


def test_organiser_changes_a_members_role(client):
    member = factories.report_admin()
    membership = Membership.objects.get(user=member)
    client.force_login(factories.organiser())

    response = client.post(
        reverse("accounts:member_role", args=["test-team", membership.pk]),
        {"role": TeamRole.ORGANISER},
        follow=True,
    )

    membership.refresh_from_db()
    assert membership.role == TeamRole.ORGANISER
    # The role's label as it is (a whole sentence to translate, no lower-cased label in it).
    assert f"New role of {member}: Organiser." in response.content.decode()


def test_bad_role_is_refused_and_nothing_changes(client):
    membership = Membership.objects.get(user=factories.report_admin())
    client.force_login(factories.organiser())

    response = client.post(
        reverse("accounts:member_role", args=["test-team", membership.pk]),
        {"role": "emperor"},
        follow=True,
    )

    assert "Choose one of the roles." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == TeamRole.REPORT_ADMINISTRATOR


def test_organiser_cannot_change_their_own_role(client):
    organiser = factories.organiser()
    membership = Membership.objects.get(user=organiser)
    client.force_login(organiser)

    response = client.post(
        reverse("accounts:member_role", args=["test-team", membership.pk]),
        {"role": TeamRole.REPORT_ADMINISTRATOR},
        follow=True,
    )

    assert "cannot change your own membership" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == TeamRole.ORGANISER


def test_deactivating_a_member_without_other_access_ends_their_sessions(client):
    member = factories.report_admin()
    member_client = type(client)()
    member_client.force_login(member)
    membership = Membership.objects.get(user=member)
    client.force_login(factories.organiser())

    client.post(reverse("accounts:member_deactivate", args=["test-team", membership.pk]))

    membership.refresh_from_db()
    assert membership.is_active is False
    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(member.pk) not in sessions


def test_deactivating_a_member_of_another_team_too_keeps_their_sessions(client):
    member = factories.report_admin()
    Membership.objects.create(team=_team_b(), user=member, role=TeamRole.ORGANISER)
    type(client)().force_login(member)
    membership = Membership.objects.get(user=member, team__slug="test-team")
    client.force_login(factories.organiser())

    client.post(reverse("accounts:member_deactivate", args=["test-team", membership.pk]))

    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(member.pk) in sessions


def test_member_of_another_team_is_404(client):
    other = Membership.objects.get(user=factories.report_admin(team=_team_b()))
    client.force_login(factories.organiser())

    response = client.post(reverse("accounts:member_deactivate", args=["test-team", other.pk]))

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.is_active is True


def test_nav_lists_the_users_teams(client):
    user = factories.organiser()
    Membership.objects.create(team=_team_b(), user=user, role=TeamRole.REPORT_ADMINISTRATOR)
    factories.TeamFactory(slug="team-c", name="Team C")
    client.force_login(user)

    response = client.get(reverse("accounts:team_detail", args=["test-team"]))

    content = response.content.decode()
    assert reverse("accounts:team_detail", args=["team-b"]) in content
    assert "Team C" not in content
