"""Column headers in the user's language and in any of the app's: exports write them in
the user's language, imports accept each column's header in English, French or Khmer,
whatever the user's own. These tests bring their own French and Khmer labels (the
catalogues are written separately), so they do not depend on the translations' wording."""

import gettext

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from participants import importing, transfer
from participants.models import Organisation, Registration
from participants.resources import OrganisationResource
from participants.resources.widgets import normalise_header
from tests import factories

LABELS = {
    "fr": {
        "Name": "Nom",
        "Acronym": "Sigle",
        "Country": "Pays",
        "Kind": "Type",
        "Given name": "Prénom",
        "Family name": "Nom de famille",
        "Gender": "Genre",
        "Organisation": "Organisation",
        "E-mail": "Courriel",
        "Role": "Rôle",
        "Missing columns: %(columns)s.": "Colonnes manquantes : %(columns)s.",
    },
    "km": {
        "Name": "ឈ្មោះ",
        "Acronym": "អក្សរកាត់",
        "Country": "ប្រទេស",
        "Kind": "ប្រភេទ",
        "Given name": "នាមខ្លួន",
        "Family name": "នាមត្រកូល",
        "Gender": "ភេទ",
        "Organisation": "អង្គការ",
        "E-mail": "អ៊ីមែល",
        "Role": "តួនាទី",
        "Missing columns: %(columns)s.": "ខ្វះជួរឈរ៖ %(columns)s។",
    },
}


class TestCatalogue(gettext.NullTranslations):
    """A language's real catalogue with a few messages of the test's own on top."""

    __test__ = False

    def __init__(self, language, messages):
        super().__init__()
        self.language = language
        self.messages = messages
        self.add_fallback(trans_real.translation(language))

    def gettext(self, message):
        if message in self.messages:
            return self.messages[message]
        return super().gettext(message)

    def to_language(self):
        return self.language


@pytest.fixture
def labels(monkeypatch):
    for language, messages in LABELS.items():
        monkeypatch.setitem(trans_real._translations, language, TestCatalogue(language, messages))
    # `override` keeps the active language's catalogue object: start from a fresh one.
    translation.activate("en")
    yield LABELS
    translation.deactivate()


def read(content, resource, name="file.csv"):
    return importing.read_table(content.encode("utf-8"), name, resource)


@pytest.mark.parametrize("user_language", ["en", "fr", "km"])
@pytest.mark.parametrize("file_language", ["fr", "km"])
def test_import_reads_headers_of_any_language_whatever_the_users(
    db, labels, user_language, file_language
):
    words = labels[file_language]
    content = f"{words['Name']},{words['Acronym']},{words['Country']}\nLICADHO,LIC,KH\n"
    resource = OrganisationResource(team=factories.default_team())

    with translation.override(user_language):
        table = read(content, resource)
        outcome = importing.run_import(resource, table, dry_run=False)

    assert table.dataset.headers == ["Name", "Acronym", "Country"]
    assert outcome.written
    organisation = Organisation.objects.get(name="LICADHO")
    assert (organisation.acronym, organisation.country.code) == ("LIC", "KH")


def test_import_still_reads_english_headers_and_their_variants_in_another_language(db, labels):
    content = "organisation name,ACRONYM,Country\nLICADHO,LIC,KH\n"

    with translation.override("km"):
        table = read(content, OrganisationResource(team=factories.default_team()))

    assert table.dataset.headers == ["Name", "Acronym", "Country"]


def test_one_column_in_two_languages_is_refused_as_a_column_given_twice(db, labels):
    content = "Name,Nom\nLICADHO,LICADHO\n"

    with translation.override("fr"), pytest.raises(importing.ImportFileError) as refused:
        read(content, OrganisationResource(team=factories.default_team()))

    with translation.override("fr"):
        expected = translation.gettext("The column “%(column)s” appears twice.") % {"column": "Nom"}
    assert refused.value.message == expected
    assert Organisation.objects.count() == 0


def test_missing_column_is_named_in_the_users_language(db, labels):
    content = f"{labels['fr']['Acronym']}\nLIC\n"

    with translation.override("km"), pytest.raises(importing.ImportFileError) as refused:
        read(content, OrganisationResource(team=factories.default_team()))

    assert refused.value.message.startswith("ខ្វះជួរឈរ៖ ឈ្មោះ។")


@pytest.mark.parametrize("language", ["en", "fr", "km"])
def test_export_headers_are_in_the_users_language(db, labels, language):
    factories.OrganisationFactory(name="LICADHO", acronym="LIC")
    resource = OrganisationResource(team=factories.default_team())

    with translation.override(language):
        headers = resource.export().headers[:3]

    expected = ["Name", "Acronym", "Kind"]
    assert headers == [LABELS.get(language, {}).get(column, column) for column in expected]


def test_exported_khmer_file_imports_back_for_a_french_user(db, labels):
    factories.OrganisationFactory(name="LICADHO", acronym="LIC", team=factories.default_team())
    resource = OrganisationResource(team=factories.default_team())
    with translation.override("km"):
        exported = resource.export().export("csv")

    with translation.override("fr"):
        table = read(exported, OrganisationResource(team=factories.default_team()))

    assert table.dataset.headers[:3] == ["Name", "Acronym", "Kind"]


def test_columns_added_per_event_keep_the_events_own_words(db, labels):
    # A session called "Name" is the organiser's title, not the column msgid.
    event = factories.EventFactory()
    day = factories.ProgrammeDayFactory(event=event)
    kind = transfer.get_kind("attendance")
    resource = kind.resource(team=event.team, event=event)

    with translation.override("fr"):
        labels_shown = resource.column_labels(resource.import_columns())

    assert labels_shown[:2] == ["Prénom", "Nom de famille"]
    assert day.date.isoformat() in labels_shown


def test_participants_upload_in_khmer_headers_by_a_french_user(db, client, labels):
    words = labels["km"]
    event = factories.EventFactory()
    client.force_login(factories.organiser())
    content = (
        f"{words['Given name']},{words['Family name']},{words['Gender']},"
        f"{words['Organisation']},{words['E-mail']},{words['Role']}\n"
        "Dara,Sok,M,CCHR,d@example.org,speaker\n"
    ).encode()

    response = client.post(
        reverse("participants:import_upload", kwargs={"slug": event.slug, "kind": "participants"}),
        {"file": SimpleUploadedFile("people.csv", content)},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    client.post(response.url, {"confirm": "1"}, HTTP_ACCEPT_LANGUAGE="fr")

    registration = Registration.objects.get()
    assert (registration.person.full_name, registration.role) == ("Dara Sok", "speaker")


@pytest.mark.parametrize("kind_key", [kind.key for kind in transfer.kinds()])
def test_every_columns_label_in_every_language_is_accepted(db, settings, kind_key):
    """With the app's own catalogues: whatever each column's label is in each language,
    the import accepts it."""
    event = factories.EventFactory()
    factories.ProgrammeDayFactory(event=event)
    kind = transfer.get_kind(kind_key)
    resource = kind.resource(team=event.team, event=event, with_contact_details=True)
    lookup = resource.header_lookup()

    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            labels = resource.column_labels(resource.import_columns())
        assert {normalise_header(label) for label in labels} <= set(lookup), language
