import pytest
from django.contrib.auth.models import Group

from participants.roles import CSO_STAFF, ORGANISERS, REPORT_ADMINISTRATORS
from tests import factories


def test_the_three_role_groups_exist(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {
        ORGANISERS,
        CSO_STAFF,
        REPORT_ADMINISTRATORS,
    }


PERMISSIONS = [
    "events.change_event",
    "events.add_session",
    "participants.add_attendance",
    "participants.view_contact_details",
    "participants.change_mission",
    "factsheets.add_factsheet",
    "factsheets.review_factsheet",
    "factsheets.add_distribution",
    "reports.change_activityreport",
    "reports.export_activityreport",
]
# Role -> the permissions of the list above it holds; every other one it must not hold.
EXPECTED = {
    "organiser": {
        "events.change_event",
        "events.add_session",
        "participants.add_attendance",
        "participants.view_contact_details",
        "participants.change_mission",
        "factsheets.review_factsheet",
        "factsheets.add_distribution",
        "reports.change_activityreport",
        "reports.export_activityreport",
    },
    "cso_staff": {"factsheets.add_factsheet"},
    "report_admin": {"reports.change_activityreport", "reports.export_activityreport"},
}


@pytest.mark.parametrize("permission", PERMISSIONS)
@pytest.mark.parametrize("role", ["organiser", "cso_staff", "report_admin"])
def test_role_group_permissions(db, role, permission):
    user = getattr(factories, role)()

    assert user.has_perm(permission) is (permission in EXPECTED[role])


@pytest.mark.parametrize(
    ("role", "permission"),
    [
        ("organiser", "participants.view_person"),
        ("report_admin", "participants.view_registration"),
        ("report_admin", "events.view_session"),
        ("cso_staff", "events.view_event"),
        ("cso_staff", "factsheets.view_distribution"),
    ],
    ids=lambda value: value,
)
def test_roles_can_read_what_they_need(db, role, permission):
    assert getattr(factories, role)().has_perm(permission)


@pytest.mark.parametrize(
    ("role", "permission"),
    [
        ("cso_staff", "participants.view_person"),
        ("cso_staff", "participants.view_registration"),
        ("report_admin", "participants.view_contact_details"),
        ("report_admin", "participants.change_registration"),
    ],
    ids=lambda value: value,
)
def test_roles_cannot_read_or_change_beyond_their_role(db, role, permission):
    assert not getattr(factories, role)().has_perm(permission)
