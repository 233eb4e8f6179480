import pytest
from django.contrib.auth.models import Group

from tests import factories

# The role groups of the first version: migrated into memberships, then removed.
OLD_ROLE_GROUPS = ("Organisers", "CSO staff", "Report administrators")


def test_the_old_role_groups_are_gone(db):
    assert not Group.objects.filter(name__in=OLD_ROLE_GROUPS).exists()


# (permission, what it is checked on): each role holds exactly the permissions EXPECTED
# lists, on an object of its own team.
PERMISSIONS = [
    ("events.change_event", "event"),
    ("events.add_event", "team"),
    ("participants.record_attendance", "event"),
    ("participants.view_contact_details", "person"),
    ("participants.add_mission", "team"),
    ("factsheets.review_factsheet", "factsheet"),
    ("factsheets.distribute", "event"),
    ("reports.change_report", "event"),
    ("reports.export_report", "event"),
]
EXPECTED = {
    "organiser": {permission for permission, _ in PERMISSIONS},
    "cso_staff": set(),
    "report_admin": {"reports.change_report", "reports.export_report"},
}


def _objects():
    event = factories.EventFactory()
    return {
        "event": event,
        "team": event.team,
        "person": factories.PersonFactory(),
        "factsheet": factories.FactsheetFactory(event=event),
    }


@pytest.mark.parametrize(("permission", "on"), PERMISSIONS, ids=lambda value: value)
@pytest.mark.parametrize("role", ["organiser", "cso_staff", "report_admin"])
def test_role_permissions(db, role, permission, on):
    objects = _objects()
    user = getattr(factories, role)()

    assert user.has_perm(permission, objects[on]) is (permission in EXPECTED[role])


@pytest.mark.parametrize(
    ("role", "permission", "on"),
    [
        ("organiser", "participants.view_person", "person"),
        ("report_admin", "participants.view_registrations", "event"),
        ("report_admin", "events.view_event", "event"),
    ],
    ids=lambda value: value,
)
def test_roles_can_read_what_they_need(db, role, permission, on):
    objects = _objects()

    assert getattr(factories, role)().has_perm(permission, objects[on])


@pytest.mark.parametrize(
    ("role", "permission", "on"),
    [
        ("cso_staff", "participants.view_person", "person"),
        ("cso_staff", "participants.view_registrations", "event"),
        ("report_admin", "participants.view_contact_details", "person"),
        ("report_admin", "participants.manage_registrations", "event"),
    ],
    ids=lambda value: value,
)
def test_roles_cannot_read_or_change_beyond_their_role(db, role, permission, on):
    objects = _objects()

    assert not getattr(factories, role)().has_perm(permission, objects[on])


@pytest.mark.parametrize("role", ["organiser", "report_admin"])
def test_roles_hold_nothing_in_another_team(db, role):
    objects = _objects()
    other_team = factories.TeamFactory(slug="other-team")

    user = getattr(factories, role)(team=other_team)

    assert not user.has_perm("events.view_event", objects["event"])
    assert not user.has_perm("participants.view_person", objects["person"])
