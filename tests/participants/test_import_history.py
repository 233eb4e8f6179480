"""Imports leave the audit history a form would: each person, organisation and
registration created or changed by an import has a history record naming the importer."""

import pytest

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
