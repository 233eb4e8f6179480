"""People who shared an e-mail address within a team before the address became unique:
the migration keeps every person and every registration, the oldest keeps the address, and
each later one has it emptied, with a history record saying so."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The whole schema as it stood when the e-mail became unique: events' later columns too,
# or the old Event model would lack what the table requires.
BEFORE = [("participants", "0006_team_constraints"), ("events", "0007_sur_delegation")]
AFTER = [("participants", "0007_person_email_unique_per_team")]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    """However the test ends, the tests after it find every migration applied."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _person(Person, team, given_name, email, created):
    person = Person.objects.create(team=team, given_name=given_name, email=email)
    Person.objects.filter(pk=person.pk).update(created_at=created)
    return person


def test_migration_empties_the_later_duplicate_emails_of_a_team(capsys):
    old = _migrate(BEFORE)
    Team = old.get_model("accounts", "Team")
    Person = old.get_model("participants", "Person")
    Registration = old.get_model("participants", "Registration")
    Event = old.get_model("events", "Event")
    team = Team.objects.create(name="Team A", slug="team-a")
    other_team = Team.objects.create(name="Team B", slug="team-b")
    day = datetime.datetime(2018, 1, 1, tzinfo=datetime.UTC)
    later = _person(Person, team, "Later", "SREY@example.org", day + datetime.timedelta(days=2))
    oldest = _person(Person, team, "Oldest", "srey@example.org", day)
    middle = _person(Person, team, "Middle", "Srey@Example.org", day + datetime.timedelta(days=1))
    elsewhere = _person(Person, other_team, "Elsewhere", "srey@example.org", day)
    no_email = [_person(Person, team, f"None {n}", "", day) for n in range(2)]
    event = Event.objects.create(
        team=team,
        title="Pre-session",
        slug="pre-session",
        start_date=datetime.date(2018, 11, 14),
        end_date=datetime.date(2018, 11, 14),
    )
    for person in (later, oldest, middle):
        Registration.objects.create(event=event, person=person)

    new = _migrate(AFTER)

    Person = new.get_model("participants", "Person")
    emails = dict(Person.objects.values_list("pk", "email"))
    assert emails == {
        oldest.pk: "srey@example.org",
        middle.pk: "",
        later.pk: "",
        elsewhere.pk: "srey@example.org",
        no_email[0].pk: "",
        no_email[1].pk: "",
    }
    assert new.get_model("participants", "Registration").objects.count() == 3
    HistoricalPerson = new.get_model("participants", "HistoricalPerson")
    assert sorted(
        HistoricalPerson.objects.values_list("id", "email", "history_change_reason")
    ) == sorted(
        [
            (middle.pk, "", f"e-mail duplicated person #{oldest.pk}'s; emptied by a migration"),
            (later.pk, "", f"e-mail duplicated person #{oldest.pk}'s; emptied by a migration"),
        ]
    )
    printed = capsys.readouterr().out
    assert f"Person #{middle.pk}: e-mail emptied, the same as person #{oldest.pk}'s." in printed
    assert "srey@example.org" not in printed.lower()
