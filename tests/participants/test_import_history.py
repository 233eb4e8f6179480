"""Imports leave the audit history a form would: each person, organisation and
registration created or changed by an import has a history record naming the importer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participants import importing, transfer
from participants.models import Organisation, Person, Registration
from tests import factories

pytestmark = pytest.mark.django_db

CSV = (
    b"Given name,Family name,Gender,Organisation,E-mail,Role\n"
    b"Dara,Sok,M,Youth for Testing,dara@example.org,speaker\n"
    b"Srey,Mom,F,Youth for Testing,srey@example.org,participant\n"
)


def _import(event, user, content=CSV):
    resource = transfer.get_kind("participants").resource(
        team=event.team, event=event, with_contact_details=True
    )
    table = importing.read_table(content, "people.csv", resource)
    return importing.run_import(resource, table, dry_run=False, user=user)


def test_imported_rows_have_history_by_the_importer():
    event = factories.EventFactory()
    user = factories.organiser()

    outcome = _import(event, user)

    assert outcome.written
    people = Person.objects.filter(team=event.team)
    assert people.count() == 2
    for person in people:
        assert [(h.history_type, h.history_user) for h in person.history.all()] == [("+", user)]
    organisation = Organisation.objects.get(name="Youth for Testing")
    assert organisation.history.get().history_user == user
    for registration in Registration.objects.filter(event=event):
        assert registration.history.get().history_user == user


def test_changes_by_an_import_are_in_the_history():
    event = factories.EventFactory()
    user = factories.organiser()
    _import(event, user)

    _import(event, user, CSV.replace(b"dara@example.org,speaker", b"dara@example.org,moderator"))

    registration = Registration.objects.get(person__given_name="Dara")
    assert registration.role == "moderator"
    assert [h.history_type for h in registration.history.all()] == ["~", "+"]


def _people_csv(count, prefix):
    lines = [b"Given name,Family name,Organisation,E-mail,Role"]
    lines += [
        f"Given{n},Family{n},{prefix} network {n % 7},{prefix}{n}@example.org,participant".encode()
        for n in range(count)
    ]
    return b"\n".join(lines) + b"\n"


def _import_queries(event, user, count):
    with CaptureQueriesContext(connection) as queries:
        outcome = _import(event, user, _people_csv(count, f"q{count}-"))
    assert outcome.written
    return [query["sql"] for query in queries.captured_queries]


def test_import_queries_do_not_grow_with_the_rows():
    event = factories.EventFactory()
    user = factories.organiser()

    ten = _import_queries(event, user, 10)
    hundred = _import_queries(factories.EventFactory(team=event.team), user, 100)

    # Reads are the same; bulk INSERTs may split into a few more batches (SQLite allows 999
    # parameters per statement), never one statement per row.
    reads = [sql for sql in hundred if sql.startswith("SELECT")]
    assert len(reads) == len([sql for sql in ten if sql.startswith("SELECT")])
    assert len(ten) <= len(hundred) <= len(ten) + 6
    assert Person.history.filter(history_user=user).count() == 110
    assert Registration.history.filter(history_user=user).count() == 110


def test_one_import_gives_its_history_records_one_date_and_the_reason():
    event = factories.EventFactory()
    user = factories.organiser()

    _import(event, user, _people_csv(30, "d"))

    records = Person.history.filter(team=event.team)
    assert records.count() == 30
    assert {(r.history_type, r.history_change_reason) for r in records} == {("+", "import")}
    assert len({record.history_date for record in records}) == 1
    assert {(r.given_name, r.email) for r in records} == {
        (f"Given{n}", f"d{n}@example.org") for n in range(30)
    }
