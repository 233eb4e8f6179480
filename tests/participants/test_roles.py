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


# What each role may do is no longer read from these groups' model permissions but from the
# apps' rules, checked on objects: see test_rules.py (and each app's rules tests).


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
