import pytest

from participants.importing import read_table, run_import
from participants.models import Mission, Person, Registration, RegistrationRole
from participants.resources import EventRosterResource
from tests.factories import EventFactory, MissionFactory, PersonFactory, RegistrationFactory

HEADER = "Mission,State,Given name,Family name\n"


def import_roster(event, text, *, dry_run=False):
    table = read_table((HEADER + text).encode(), "roster.csv", EventRosterResource(event=event))
    return run_import(EventRosterResource(event=event), table, dry_run=dry_run)


@pytest.mark.django_db
def test_roster_imported_in_an_event_registers_its_diplomats_as_diplomats():
    event = EventFactory()
    mission = MissionFactory(organisation__name="Permanent Mission of Norway", state="NO")
    known = PersonFactory(
        team=event.team,
        given_name="Kari",
        family_name="Nordmann",
        organisation=mission.organisation,
    )
    RegistrationFactory(event=event, person=known, role=RegistrationRole.PARTICIPANT)

    outcome = import_roster(
        event,
        "Permanent Mission of Norway,Norway,Kari,Nordmann\n"
        "Permanent Mission of Norway,Norway,Ola,Hansen\n"
        "Permanent Mission of Chile,Chile,,\n",
    )
    again = import_roster(
        event,
        "Permanent Mission of Norway,Norway,Kari,Nordmann\n"
        "Permanent Mission of Norway,Norway,Ola,Hansen\n",
    )

    assert outcome.written
    assert outcome.rows[1].changes == ["registers Ola Hansen to the event as a diplomat"]
    assert sorted(
        Registration.objects.filter(event=event).values_list("person__given_name", "role")
    ) == [("Kari", RegistrationRole.PARTICIPANT), ("Ola", RegistrationRole.DIPLOMAT)]
    assert Person.objects.get(given_name="Ola").organisation == mission.organisation
    assert Mission.objects.count() == 2
    assert again.totals == {"new": 0, "update": 0, "skip": 2, "error": 0}


@pytest.mark.django_db
def test_roster_in_an_event_with_a_bad_row_writes_nothing():
    event = EventFactory()

    outcome = import_roster(
        event,
        "Permanent Mission of Norway,Norway,Ola,Hansen\n"
        "Permanent Mission of Chile,Atlantis,Ana,Soto\n",
    )

    assert not outcome.written
    assert [(e.column, e.message) for e in outcome.rows[1].errors] == [
        ("State", "“Atlantis” is not a known country name or ISO code.")
    ]
    assert (Registration.objects.count(), Person.objects.count(), Mission.objects.count()) == (
        0,
        0,
        0,
    )
