"""The participants' permission vocabulary (participants/rules.py), checked on objects."""

import pytest

from tests import factories

ROLES = ["organiser", "report-admin", "organiser-of-b", "cso-staff"]
# Permission -> the roles holding it on the default team's objects.
EXPECTED = {
    "participants.view_person": {"organiser", "report-admin"},
    "participants.change_person": {"organiser"},
    "participants.view_contact_details": {"organiser"},
    "participants.manage_privacy": {"organiser"},
    "participants.view_registrations": {"organiser", "report-admin"},
    "participants.manage_registrations": {"organiser"},
    "participants.view_attendance": {"organiser", "report-admin"},
    "participants.record_attendance": {"organiser"},
    "participants.import_data": {"organiser"},
    "participants.export_data": {"organiser", "report-admin"},
}


def _user(role):
    if role == "organiser":
        return factories.organiser()
    if role == "report-admin":
        return factories.report_admin()
    if role == "organiser-of-b":
        return factories.organiser(factories.TeamFactory(slug="team-b"))
    return factories.cso_staff()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=ROLES)
@pytest.mark.parametrize("permission", list(EXPECTED), ids=list(EXPECTED))
def test_permissions_on_the_teams_people_and_events(role, permission):
    user = _user(role)
    person, event = factories.PersonFactory(), factories.EventFactory()

    held = {user.has_perm(permission, person), user.has_perm(permission, event)}

    assert held == {role in EXPECTED[permission]}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=ROLES)
def test_shared_organisations_are_seen_by_every_team_and_changed_by_none(role):
    user = _user(role)
    shared = factories.MissionFactory().organisation

    assert user.has_perm("participants.view_organisation", shared) is (role != "cso-staff")
    assert user.has_perm("participants.change_organisation", shared) is False


@pytest.mark.django_db
def test_superusers_hold_every_permission():
    user = factories.UserFactory(is_superuser=True)
    person = factories.PersonFactory()

    assert all(user.has_perm(permission, person) for permission in EXPECTED)
