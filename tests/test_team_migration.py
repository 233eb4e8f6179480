"""An installation from before teams keeps every row when it migrates into one team.

The database is taken back to the last migrations before teams, filled through the models
of that state (as the old code wrote them), then migrated forward again.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_TEAMS = [
    ("events", "0003_audit_history"),
    ("participants", "0004_audit_history"),
    ("factsheets", "0006_history_soft_delete_fields"),
    ("reports", "0002_audit_history"),
]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest_targets():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _fill_old_installation(apps):
    """A small pre-session as the code before teams stored it."""
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("participants", "User")
    Organisation = apps.get_model("participants", "Organisation")
    Person = apps.get_model("participants", "Person")
    Mission = apps.get_model("participants", "Mission")
    Registration = apps.get_model("participants", "Registration")
    Attendance = apps.get_model("participants", "Attendance")
    Event = apps.get_model("events", "Event")
    ProgrammeDay = apps.get_model("events", "ProgrammeDay")
    Session = apps.get_model("events", "Session")
    SessionRole = apps.get_model("events", "SessionRole")
    Theme = apps.get_model("factsheets", "Theme")
    Factsheet = apps.get_model("factsheets", "Factsheet")
    Distribution = apps.get_model("factsheets", "Distribution")
    ActivityReport = apps.get_model("reports", "ActivityReport")

    # The old catalogue: its data migration's rows are gone when the test database was
    # migrated back through the removal of that table, so write a catalogue again.
    themes = [Theme.objects.create(name=f"Theme {n}", slug=f"theme-{n}", order=n) for n in range(6)]
    cso = Organisation.objects.create(name="Old CSO", kind="national_cso")
    embassy = Organisation.objects.create(name="Embassy of Old", kind="diplomatic_mission")
    mission = Mission.objects.create(organisation=embassy, state="DE", city="Phnom Penh")
    diplomat = Person.objects.create(given_name="Dip", family_name="Lomat", organisation=embassy)
    mission.focal_point = diplomat
    mission.save()
    speaker = Person.objects.create(given_name="Spea", family_name="Ker", organisation=cso)
    event = Event.objects.create(
        title="Old pre-session",
        slug="old-pre-session",
        start_date=datetime.date(2018, 11, 14),
        end_date=datetime.date(2018, 11, 15),
    )
    event.co_organisers.set([cso])
    day = ProgrammeDay.objects.create(event=event, date=datetime.date(2018, 11, 14))
    session = Session.objects.create(
        day=day,
        start_time=datetime.time(9),
        end_time=datetime.time(10),
        title="Panel",
        kind="panel",
    )
    session.themes.set(themes[:3])
    session.missions_present.set([mission])
    SessionRole.objects.create(session=session, person=speaker, role="speaker")
    for person in (speaker, diplomat):
        registration = Registration.objects.create(event=event, person=person)
        Attendance.objects.create(registration=registration, day=day)
    factsheet = Factsheet.objects.create(event=event, theme=themes[4], title="Land")
    factsheet.organisations.set([cso])
    Distribution.objects.create(factsheet=factsheet, mission=mission, event=event)
    ActivityReport.objects.create(event=event)
    organiser = User.objects.create(username="old-organiser")
    organiser.groups.add(Group.objects.get(name="Organisers"))
    reporter = User.objects.create(username="old-reporter")
    reporter.groups.add(Group.objects.get(name="Report administrators"))
    User.objects.create(username="old-cso", organisation=cso)
    return {"themes": [theme.pk for theme in themes], "session_themes": [t.pk for t in themes[:3]]}


COUNTED = [
    ("participants", "Organisation"),
    ("participants", "Person"),
    ("participants", "Mission"),
    ("participants", "Registration"),
    ("participants", "Attendance"),
    ("participants", "User"),
    ("events", "Event"),
    ("events", "ProgrammeDay"),
    ("events", "Session"),
    ("events", "SessionRole"),
    ("factsheets", "Factsheet"),
    ("factsheets", "Distribution"),
    ("reports", "ActivityReport"),
]


def _counts(apps):
    return {name: apps.get_model(app, name).objects.count() for app, name in COUNTED}


def test_migration_into_one_team_keeps_every_row():
    latest = _latest_targets()
    old_apps = _migrate(BEFORE_TEAMS)
    before = _fill_old_installation(old_apps)
    counts_before = _counts(old_apps)

    new_apps = _migrate(latest)

    assert _counts(new_apps) == counts_before
    Team = new_apps.get_model("accounts", "Team")
    team = Team.objects.get()
    Person = new_apps.get_model("participants", "Person")
    Organisation = new_apps.get_model("participants", "Organisation")
    Event = new_apps.get_model("events", "Event")
    assert set(Person.objects.values_list("team", flat=True)) == {team.pk}
    assert set(Event.objects.values_list("team", flat=True)) == {team.pk}
    # The mission's organisation stays shared reference data; the CSO joins the team.
    assert Organisation.objects.get(name="Embassy of Old").team_id is None
    assert Organisation.objects.get(name="Old CSO").team_id == team.pk
    # The old catalogue is the team's, with the same ids, and the event covers all of it.
    Theme = new_apps.get_model("events", "Theme")
    assert (
        list(Theme.objects.filter(team=team).order_by("order").values_list("pk", flat=True))
        == (before["themes"])
    )
    event = Event.objects.get()
    assert sorted(event.themes.values_list("pk", flat=True)) == sorted(before["themes"])
    session = new_apps.get_model("events", "Session").objects.get()
    assert sorted(session.themes.values_list("pk", flat=True)) == sorted(before["session_themes"])
    factsheet = new_apps.get_model("factsheets", "Factsheet").objects.get()
    assert factsheet.theme_id == before["themes"][4]
    # Roles: the old groups became memberships in the same role; the focal point a flag.
    Membership = new_apps.get_model("accounts", "Membership")
    assert set(Membership.objects.values_list("user__username", "role")) == {
        ("old-organiser", "organiser"),
        ("old-reporter", "report_administrator"),
    }
    assert list(
        Person.objects.filter(is_focal_point=True).values_list("family_name", flat=True)
    ) == ["Lomat"]
