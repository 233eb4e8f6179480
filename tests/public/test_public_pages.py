"""The public site shows people only as their consent allows, on every public URL."""

import datetime
import io

import lxml.html
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from factsheets import services as factsheet_services
from factsheets.models import FactsheetStatus
from participants.models import PublicConsent
from reports.selectors import report_inputs
from tests import factories
from tests.factsheets.conftest import pdf_bytes

SHOWN = {
    "Named": "Sokha Named, Open Org",
    "Optin": "Kosal Optin, Optin Org",  # not listed, but chose to be named at this event
    "Orgonly": "a representative of Coalition Org",
    "Represented": "a representative of Youth Org",  # not listed; chose "representative of"
}
# Neither the name nor the organisation of these may appear anywhere public.
HIDDEN = ("Secret", "Secret Org", "Default", "Default Org", "Override", "Override Org")
HIDDEN_NAMES = ("Dara Orgonly", "Vibol Represented")


@pytest.fixture
def site(db, private_storage):
    cache.clear()
    team = factories.TeamFactory(slug="open-team", name="Open Team", contact_email="hi@open.test")
    event = factories.EventFactory(
        team=team, title="Open pre-session", slug="open-event", status="published"
    )
    day = factories.ProgrammeDayFactory(event=event, title="Preparatory day", venue="Hall A")
    session = factories.SessionFactory(day=day, title="Panel on rights", description="Talks")
    people = {}

    def person(given, family, organisation, consent, role="speaker", event_consent=""):
        someone = factories.PersonFactory(
            team=team,
            given_name=given,
            family_name=family,
            organisation=factories.OrganisationFactory(team=team, name=organisation),
            public_consent=consent,
        )
        factories.RegistrationFactory(event=event, person=someone, public_consent=event_consent)
        factories.SessionRoleFactory(session=session, person=someone, role=role)
        people[family] = someone
        return someone

    person("Sokha", "Named", "Open Org", PublicConsent.NAME, role="moderator")
    person("Dara", "Orgonly", "Coalition Org", PublicConsent.ORGANISATION)
    person("Vibol", "Represented", "Youth Org", PublicConsent.NOT_LISTED_REPRESENTATIVE)
    person("Chenda", "Secret", "Secret Org", PublicConsent.NOT_LISTED)
    # The default: nothing said, nothing shown.
    default = person("Malis", "Default", "Default Org", PublicConsent.NOT_LISTED)
    default.refresh_from_db()
    person("Rithy", "Override", "Override Org", PublicConsent.NAME, event_consent="not_listed")
    person("Kosal", "Optin", "Optin Org", PublicConsent.NOT_LISTED, event_consent="name")
    draft = factories.EventFactory(team=team, title="Draft pre-session", slug="draft-event")
    other_team = factories.TeamFactory(slug="other-team", name="Other Team")
    factories.EventFactory(
        team=other_team, title="Other team's event", slug="other-event", status="published"
    )
    return {
        "team": team,
        "event": event,
        "draft": draft,
        "session": session,
        "people": people,
        "client": Client(),
    }


def _url(name, site, event=None):
    return reverse(name, args=[site["team"].slug, (event or site["event"]).slug])


def _pdf_text(content):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _assert_consent_respected(text):
    for shown in SHOWN.values():
        assert shown in text
    for hidden in HIDDEN + HIDDEN_NAMES:
        assert hidden not in text


def test_person_consent_defaults_to_not_listed(db):
    person = factories.PersonFactory()

    assert person.public_consent == PublicConsent.NOT_LISTED


def test_public_programme_shows_people_only_as_consent_allows(site):
    response = site["client"].get(_url("public:programme", site))

    text = response.content.decode()
    assert response.status_code == 200
    _assert_consent_respected(text)
    assert "Panel on rights" in text
    assert 'Moderator:</span> <span class="person">Sokha Named, Open Org' in text


def test_public_programme_pdf_shows_people_only_as_consent_allows(site):
    response = site["client"].get(_url("public:programme_pdf", site))

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(_pdf_text(response.content).split())
    _assert_consent_respected(text)


def test_public_calendar_shows_people_only_as_consent_allows(site):
    response = site["client"].get(_url("public:programme_ics", site))

    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode().replace("\r\n ", "").replace("\\,", ",")
    assert "BEGIN:VEVENT" in text
    assert "SUMMARY:Panel on rights" in text
    assert "DTSTART:20181114T090000" in text
    _assert_consent_respected(text)


def test_public_calendar_is_named_by_the_events_title_in_the_language_asked_for(site):
    site["event"].translations = {"fr": {"title": "Pré-session ouverte"}}
    site["event"].save()

    response = site["client"].get(_url("public:programme_ics", site), {"lang": "fr"})

    text = response.content.decode().replace("\r\n ", "")
    assert "X-WR-CALNAME:Pré-session ouverte" in text


@pytest.mark.parametrize("name", ["public:event", "public:factsheets"])
def test_other_public_pages_name_nobody(site, name):
    response = site["client"].get(_url(name, site))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Open pre-session" in text
    assert "hi@open.test" in text
    for family in site["people"]:
        assert family not in text


def test_public_event_page_shows_the_facts(site):
    site["event"].co_organisers.add(
        factories.OrganisationFactory(team=site["team"], name="Partner NGO")
    )

    text = site["client"].get(_url("public:event", site)).content.decode()

    assert "Partner NGO" in text
    assert "Cambodia" in text
    assert "14–16 November 2018" in text
    assert "Khmer" in text or "ខ្មែរ" in text
    assert "Log in" not in text and "login" not in text


def test_the_language_menu_names_each_language_in_itself(site):
    """Django's own local name of Khmer is "Khmer": the menu takes the catalogue's."""
    page = site["client"].get(_url("public:event", site) + "?lang=km").content.decode()
    menu = lxml.html.fromstring(page).xpath('//ul[contains(@class, "public-languages")]//a')

    assert [(link.get("lang"), link.text_content()) for link in menu] == [
        ("en", "English"),
        ("fr", "Français"),
        ("km", "ខ្មែរ"),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "public:event",
        "public:programme",
        "public:programme_pdf",
        "public:programme_ics",
        "public:factsheets",
    ],
)
def test_draft_event_public_urls_are_404(site, name):
    response = site["client"].get(_url(name, site, event=site["draft"]))

    assert response.status_code == 404


def test_team_page_lists_only_its_published_events(site):
    text = site["client"].get(reverse("public:team", args=["open-team"])).content.decode()

    assert "Open pre-session" in text
    assert "Draft pre-session" not in text
    assert "Other team&#x27;s event" not in text and "Other team's event" not in text


def test_other_teams_event_is_404_under_this_team(site):
    response = site["client"].get(reverse("public:event", args=["open-team", "other-event"]))

    assert response.status_code == 404


def test_consent_change_takes_effect_at_once(site):
    url = _url("public:programme", site)
    assert "Chenda Secret" not in site["client"].get(url).content.decode()
    secret = site["people"]["Secret"]

    secret.public_consent = PublicConsent.NAME
    secret.save()
    named = site["client"].get(url).content.decode()
    registration = secret.registrations.get()
    registration.public_consent = PublicConsent.NOT_LISTED
    registration.save()
    hidden_again = site["client"].get(url).content.decode()

    assert "Chenda Secret, Secret Org" in named
    assert "Chenda Secret" not in hidden_again


def test_anonymised_person_is_never_shown(site):
    named = site["people"]["Named"]
    named.anonymised_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    named.save()

    text = site["client"].get(_url("public:programme", site)).content.decode()

    assert "Sokha Named" not in text


def _published_factsheet(site, *, public):
    author = factories.OrganisationFactory(team=site["team"], name=f"Author CSO {public}")
    user = factories.cso_staff(author, username=f"author-{public}")
    factsheet = factories.FactsheetFactory(
        event=site["event"],
        title=f"Factsheet public={public}",
        organisations=[author],
        public=public,
    )
    factsheet_services.add_file_version(
        factsheet,
        uploaded_file=SimpleUploadedFile("f.pdf", pdf_bytes(), "application/pdf"),
        by=user,
    )
    factsheet.status = FactsheetStatus.APPROVED
    factsheet.save()
    return factsheet


def test_only_published_factsheets_are_listed_and_served(site):
    public = _published_factsheet(site, public=True)
    private = _published_factsheet(site, public=False)

    text = site["client"].get(_url("public:factsheets", site)).content.decode()
    public_file = site["client"].get(
        reverse("public:factsheet_file", args=["open-team", "open-event", public.pk])
    )
    private_file = site["client"].get(
        reverse("public:factsheet_file", args=["open-team", "open-event", private.pk])
    )

    assert "Factsheet public=True" in text
    assert "Factsheet public=False" not in text
    assert public_file.status_code == 200
    assert b"".join(public_file.streaming_content).startswith(b"%PDF")
    assert private_file.status_code == 404


def _add_sessions(site, count):
    for number in range(count):
        session = factories.SessionFactory(day=site["session"].day, title=f"Extra {number}")
        someone = factories.PersonFactory(team=site["team"], public_consent="name")
        factories.RegistrationFactory(event=site["event"], person=someone)
        factories.SessionRoleFactory(session=session, person=someone)


@pytest.mark.parametrize("extra", [0, 20])
def test_public_programme_query_count_does_not_grow(site, django_assert_num_queries, extra):
    _add_sessions(site, extra)
    cache.clear()

    url = _url("public:programme", site)
    fingerprint = len(report_inputs())

    # the team, the event, the fingerprint (one query per declared input), the programme:
    # days, sessions, their themes, people and missions
    with django_assert_num_queries(2 + fingerprint + 5):
        response = site["client"].get(url)
    # cached: the key only
    with django_assert_num_queries(2 + fingerprint):
        cached = site["client"].get(url)

    assert response.status_code == 200
    assert cached.content == response.content
    assert f"Extra {extra - 1}" in response.content.decode() if extra else True


def test_internal_programme_marks_people_who_are_not_public(site, client):
    client.force_login(factories.member("organiser", site["team"], username="mark-organiser"))

    text = client.get(reverse("events:programme", args=["open-event"])).content.decode()

    assert text.count('class="not-public-mark"') == 5
    assert "not public" in text
