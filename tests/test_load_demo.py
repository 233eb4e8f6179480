"""`manage.py load_demo`: idempotent, logins only with debug on."""

import io

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from factsheets.models import Factsheet, FactsheetStatus
from participants.models import Person
from reports.stats import event_figures


def _snapshot():
    """Every row of every model (and of every many-to-many table), all columns."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        rows[model._meta.label] = sorted(
            model.objects.order_by("pk").values_list(), key=lambda row: repr(row)
        )
    return rows


def test_load_demo_twice_leaves_the_same_rows(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    before = _snapshot()
    output = io.StringIO()

    call_command("load_demo", stdout=output)

    after = _snapshot()
    assert {label: len(rows) for label, rows in after.items()} == {
        label: len(rows) for label, rows in before.items()
    }
    assert after == before
    assert "Nothing to change" in output.getvalue()


def test_load_demo_restores_a_changed_demo_value(db):
    call_command("load_demo", stdout=io.StringIO())
    Person.objects.filter(family_name="Pieri").update(gender="woman")
    output = io.StringIO()

    call_command("load_demo", stdout=output)

    assert Person.objects.get(family_name="Pieri").gender == "man"
    assert "0 rows created, 1 rows updated, 0 sets of links changed." in output.getvalue()


def test_load_demo_with_debug_creates_and_prints_one_login_per_role(db, settings, client):
    settings.DEBUG = True
    output = io.StringIO()

    call_command("load_demo", stdout=output)

    printed = output.getvalue()
    users = get_user_model().objects.order_by("username")
    assert [user.username for user in users] == ["admin", "cso", "organiser", "reports"]
    groups = {user.username: [group.name for group in user.groups.all()] for user in users}
    assert groups == {
        "admin": [],
        "cso": ["CSO staff"],
        "organiser": ["Organisers"],
        "reports": ["Report administrators"],
    }
    assert users.get(username="admin").is_superuser
    cso = users.get(username="cso")
    assert Factsheet.objects.authored_by(cso.organisation).filter(
        status=FactsheetStatus.APPROVED
    ).exists()  # fmt: skip
    for line in printed.splitlines()[-4:]:
        username, password = line.split()
        assert client.login(username=username, password=password)


def test_load_demo_without_debug_creates_no_login_and_says_so(db, settings):
    settings.DEBUG = False
    output = io.StringIO()

    call_command("load_demo", stdout=output)

    assert get_user_model().objects.count() == 0
    assert "DEBUG is off: no demo logins were created" in output.getvalue()
    assert "password" not in output.getvalue().lower()
    assert [day.attendance for day in event_figures(Factsheet.objects.first().event).days] == [
        60,
        70,
        45,
    ]
