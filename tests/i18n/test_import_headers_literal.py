"""A French organisation's own spreadsheet, headers typed in French: read by an English and
a Khmer user alike. Literal headers, so these pass once the French catalogue translates the
columns as below (docs/glossary.md); until then they fail, by design."""

import pytest
from django.utils import translation

from participants import importing
from participants.models import Organisation
from participants.resources import OrganisationResource, ParticipantResource
from tests import factories

FRENCH_ORGANISATIONS = "Nom,Sigle,Pays\nLigue cambodgienne des droits de l'homme,LICADHO,KH\n"
FRENCH_PARTICIPANTS = "Prénom,Nom de famille,Organisation\nDara,Sok,LICADHO\n"


@pytest.mark.parametrize("user_language", ["en", "km"])
def test_french_organisation_headers_are_read(db, user_language):
    resource = OrganisationResource(team=factories.default_team())

    with translation.override(user_language):
        table = importing.read_table(FRENCH_ORGANISATIONS.encode(), "orgs.csv", resource)
        outcome = importing.run_import(resource, table, dry_run=False)

    assert table.dataset.headers == ["Name", "Acronym", "Country"]
    assert outcome.written
    assert Organisation.objects.get(acronym="LICADHO").country.code == "KH"


def test_french_participant_headers_are_read(db):
    event = factories.EventFactory()
    resource = ParticipantResource(team=event.team, event=event)

    with translation.override("en"):
        table = importing.read_table(FRENCH_PARTICIPANTS.encode(), "people.csv", resource)

    assert table.dataset.headers == ["Given name", "Family name", "Organisation"]
