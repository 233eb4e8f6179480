import pytest

from participants.importing import ImportFileError, read_table, run_import
from participants.models import Organisation, OrganisationKind, Person, Scope
from participants.resources import ParticipantResource
from tests.factories import EventFactory


def import_people(event, text, *, dry_run=False):
    table = read_table(text.encode(), "people.csv", ParticipantResource(event=event))
    return run_import(ParticipantResource(event=event), table, dry_run=dry_run)


@pytest.mark.django_db
def test_participants_import_sets_kind_and_country_of_new_organisations_and_says_so():
    event = EventFactory()

    outcome = import_people(
        event,
        "Given name,Organisation,Organisation kind,Organisation country\n"
        "Anne,Global Rights Watch,International NGO,Switzerland\n"
        "Sokha,Khmer Youth,Youth group,\n"
        "Dara,Khmer Youth,,\n",
        dry_run=True,
    )
    written = import_people(
        event,
        "Given name,Organisation,Organisation kind,Organisation country\n"
        "Anne,Global Rights Watch,International NGO,CH\n"
        "Sokha,Khmer Youth,Youth group,\n",
    )

    assert outcome.notes[-2:] == [
        "Creates organisation Global Rights Watch as International NGO (International), in "
        "Switzerland.",
        "Creates organisation Khmer Youth as Youth group (National), no country.",
    ]
    assert written.written
    assert sorted(Organisation.objects.values_list("name", "kind", "country", "scope")) == [
        ("Global Rights Watch", OrganisationKind.INTERNATIONAL_NGO, "CH", Scope.INTERNATIONAL),
        ("Khmer Youth", OrganisationKind.YOUTH_GROUP, "", Scope.NATIONAL),
    ]


@pytest.mark.django_db
def test_participants_import_without_kind_column_names_the_default_in_the_preview():
    event = EventFactory()

    outcome = import_people(event, "Given name,Organisation\nAnne,Global Rights Watch\n")

    assert outcome.notes[-1] == (
        "Creates organisation Global Rights Watch as Other (National), no country."
    )


@pytest.mark.django_db
def test_participants_import_refuses_an_unknown_organisation_country():
    event = EventFactory()

    outcome = import_people(
        event,
        "Given name,Organisation,Organisation country\nAnne,Global Rights Watch,Atlantis\n",
    )

    assert not outcome.written
    assert [(e.column, e.message) for e in outcome.rows[0].errors] == [
        ("Organisation country", "“Atlantis” is not a known country name or ISO code.")
    ]
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_participants_import_refuses_a_column_it_does_not_read():
    with pytest.raises(ImportFileError, match="Unknown columns: Notes"):
        read_table(
            b"Given name,Notes\nAnne,x\n", "p.csv", ParticipantResource(event=EventFactory())
        )
