"""Organisers set public consent: on the person (every event) and per registration."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from participants.models import PublicConsent, Registration
from reports import pdf
from tests import factories


@pytest.fixture
def setup(db):
    team = factories.TeamFactory(slug="consent-team")
    event = factories.EventFactory(team=team, slug="consent-event")
    day = factories.ProgrammeDayFactory(event=event)
    session = factories.SessionFactory(day=day, title="Consent panel")
    organisation = factories.OrganisationFactory(team=team, name="Rights NGO", acronym="RN")
    public = factories.PersonFactory(
        team=team,
        given_name="Open",
        family_name="Speaker",
        organisation=organisation,
        public_consent=PublicConsent.NAME,
    )
    private = factories.PersonFactory(
        team=team, given_name="Quiet", family_name="Speaker", organisation=organisation
    )
    registrations = {}
    for person in (public, private):
        registrations[person.given_name] = factories.RegistrationFactory(event=event, person=person)
        factories.SessionRoleFactory(session=session, person=person)
    organiser = factories.member("organiser", team, username="consent-organiser")
    return {
        "event": event,
        "public": public,
        "private": private,
        "organiser": organiser,
        "registrations": registrations,
    }


def test_registration_consent_form_sets_the_event_choice_and_its_history(client, setup):
    client.force_login(setup["organiser"])
    registration = setup["registrations"]["Quiet"]
    url = reverse("participants:registration_consent", args=["consent-event", registration.pk])

    page = client.get(url).content.decode()
    response = client.post(url, {"public_consent": PublicConsent.ORGANISATION})

    assert "Their choice for every event: Not listed publicly at all." in page
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.public_consent == PublicConsent.ORGANISATION
    assert [row.public_consent for row in registration.history.order_by("history_date")] == [
        "",
        PublicConsent.ORGANISATION,
    ]
    assert registration.history.latest().history_user == setup["organiser"]


def test_registration_consent_form_refuses_an_unknown_level(client, setup):
    client.force_login(setup["organiser"])
    registration = setup["registrations"]["Quiet"]
    url = reverse("participants:registration_consent", args=["consent-event", registration.pk])

    response = client.post(url, {"public_consent": "everything"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    registration.refresh_from_db()
    assert registration.public_consent == ""


def test_registration_consent_of_another_event_is_404(client, setup):
    client.force_login(setup["organiser"])
    other = factories.RegistrationFactory(event=factories.EventFactory(team=setup["event"].team))

    response = client.get(
        reverse("participants:registration_consent", args=["consent-event", other.pk])
    )

    assert response.status_code == 404


def test_person_form_sets_the_consent_for_every_event(client, setup):
    client.force_login(setup["organiser"])
    person = setup["private"]
    data = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "gender": person.gender,
        "organisation": person.organisation_id,
        "public_consent": PublicConsent.NOT_LISTED_REPRESENTATIVE,
    }

    form_page = client.get(reverse("participants:person_update", args=[person.pk])).content
    response = client.post(reverse("participants:person_update", args=[person.pk]), data)

    assert "Name and organisation may be shown publicly" in form_page.decode()
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.public_consent == PublicConsent.NOT_LISTED_REPRESENTATIVE
    assert person.history.latest().public_consent == PublicConsent.NOT_LISTED_REPRESENTATIVE


def test_registering_someone_can_set_the_event_choice(client, setup):
    client.force_login(setup["organiser"])
    newcomer = factories.PersonFactory(team=setup["event"].team, given_name="New")

    client.post(
        reverse("participants:registration_create", args=["consent-event"]),
        {
            "person": newcomer.pk,
            "person_search": "New",
            "role": "participant",
            "public_consent": PublicConsent.NAME,
        },
    )

    registration = Registration.objects.get(event=setup["event"], person=newcomer)
    assert registration.public_consent == PublicConsent.NAME


def test_participants_list_marks_who_is_not_public(client, setup):
    client.force_login(setup["organiser"])

    text = client.get(reverse("participants:registration_list", args=["consent-event"])).content
    text = text.decode()

    assert text.count('class="not-public-mark"') == 1
    quiet = text.index("Quiet Speaker")
    assert text.index('class="not-public-mark"', quiet) < text.index("</td>", quiet)


def test_internal_programme_pdf_marks_who_is_not_public(setup):
    rendered = pdf.programme_pdf(setup["event"])

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered.content)).pages)
    text = " ".join(text.split())
    assert "Open Speaker, RN" in text
    assert "Quiet Speaker not public" in text
    assert "Open Speaker not public" not in text


def test_factsheet_form_offers_publishing(client, setup):
    cso = factories.cso_staff(factories.OrganisationFactory(team=setup["event"].team))
    client.force_login(cso)

    text = client.get(reverse("factsheets:factsheet_create")).content.decode()

    assert 'name="public"' in text
