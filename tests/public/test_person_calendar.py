"""A person's own calendar of their sessions: the signed address, what the file shows, and
where organisers and e-mails give it."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from participants.calendar_tokens import calendar_path, calendar_token, read_calendar_token
from participants.models import PublicConsent
from participants.privacy import anonymise_person
from tests import factories

from .test_public_pages import HIDDEN_NAMES, SHOWN, site  # noqa: F401


def _ics_text(response):
    """The calendar's text with folded lines joined and escaped commas plain."""
    return response.content.decode().replace("\r\n ", "").replace("\\,", ",")


def _calendar_of(site, family):  # noqa: F811 (the fixture imported above)
    person = site["people"][family]
    return site["client"].get(calendar_path(person, event=site["event"]))


def test_token_reads_back_only_at_its_event(db):
    person = factories.PersonFactory()
    event = factories.EventFactory(team=person.team)
    other = factories.EventFactory(team=person.team)

    token = calendar_token(person, event=event)

    assert read_calendar_token(token, event=event) == person.pk
    assert read_calendar_token(token, event=other) is None


def test_token_does_not_carry_the_id_in_plain_digits(db):
    person = factories.PersonFactory()
    event = factories.EventFactory(team=person.team)

    payload, _signature = calendar_token(person, event=event).split(":")

    assert payload != str(person.pk)
    assert str(person.pk) not in payload


@pytest.mark.parametrize(
    "token",
    [
        "",
        "x" * 300,
        "MQ:not-a-signature",
        signing.Signer(salt="participants.badge-token").sign_object(1),
    ],
    ids=["empty", "too-long", "bad-signature", "other-salt"],
)
def test_token_altered_or_of_another_purpose_reads_as_nobody(db, token):
    event = factories.EventFactory()

    assert read_calendar_token(token, event=event) is None


def test_calendar_has_only_the_persons_sessions_and_says_their_role(site):  # noqa: F811
    factories.SessionFactory(day=site["session"].day, title="Lunch without them")

    response = _calendar_of(site, "Secret")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-store"
    text = _ics_text(response)
    assert text.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Panel on rights" in text
    assert "Lunch without them" not in text
    assert "Your role: Speaker" in text
    assert "X-WR-CALNAME:Open pre-session: sessions of Chenda Secret" in text


def test_persons_calendar_is_named_by_the_events_title_in_the_language_asked_for(site):  # noqa: F811
    site["event"].translations = {"fr": {"title": "Pré-session ouverte"}}
    site["event"].save()
    person = site["people"]["Secret"]

    response = site["client"].get(calendar_path(person, event=site["event"]), {"lang": "fr"})

    assert "X-WR-CALNAME:Pré-session ouverte\u00a0: séances de Chenda Secret" in _ics_text(response)


def test_calendar_shows_the_others_only_as_consent_allows(site):  # noqa: F811
    response = _calendar_of(site, "Secret")

    text = _ics_text(response)
    for shown in SHOWN.values():
        assert shown in text
    # Their own name is theirs (the calendar's name); nobody else's hidden data is there.
    for hidden in ("Default", "Default Org", "Override", "Override Org", *HIDDEN_NAMES):
        assert hidden not in text
    assert "Secret Org" not in text


def test_calendar_of_a_person_without_sessions_is_empty(site):  # noqa: F811
    person = factories.PersonFactory(team=site["team"], given_name="Nosession")

    response = site["client"].get(calendar_path(person, event=site["event"]))

    assert response.status_code == 200
    assert "BEGIN:VEVENT" not in _ics_text(response)


def test_calendar_token_of_another_event_is_404(site):  # noqa: F811
    other = factories.EventFactory(team=site["team"], slug="other-open", status="published")
    person = site["people"]["Named"]
    token = calendar_token(person, event=other)

    response = site["client"].get(
        reverse("public:person_calendar", args=[site["team"].slug, site["event"].slug, token])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("token", ["nothing", "MQ:forged", "x" * 300], ids=str)
def test_calendar_bad_token_is_404(site, token):  # noqa: F811
    url = reverse("public:person_calendar", args=[site["team"].slug, site["event"].slug, token])

    response = site["client"].get(url)

    assert response.status_code == 404


def test_calendar_of_a_draft_event_is_404(site):  # noqa: F811
    person = site["people"]["Named"]

    response = site["client"].get(calendar_path(person, event=site["draft"]))

    assert response.status_code == 404


def test_calendar_of_another_teams_person_is_404(site):  # noqa: F811
    stranger = factories.PersonFactory(given_name="Stranger")  # another team's directory
    token = calendar_token(stranger, event=site["event"])

    response = site["client"].get(
        reverse("public:person_calendar", args=[site["team"].slug, site["event"].slug, token])
    )

    assert response.status_code == 404


def test_calendar_of_an_anonymised_person_is_404(site):  # noqa: F811
    person = site["people"]["Named"]
    url = calendar_path(person, event=site["event"])
    anonymise_person(person, by=None)

    response = site["client"].get(url)

    assert response.status_code == 404


@pytest.mark.parametrize("sessions", [1, 6], ids=["one", "many"])
def test_calendar_query_count_does_not_grow(site, django_assert_num_queries, sessions):  # noqa: F811
    person = site["people"]["Named"]
    for number in range(sessions - 1):
        extra = factories.SessionFactory(day=site["session"].day, title=f"Extra {number}")
        factories.SessionRoleFactory(session=extra, person=person, role="speaker")
    url = calendar_path(person, event=site["event"])

    # team, event, person, their roles, then those of the public programme
    with django_assert_num_queries(9):
        response = site["client"].get(url)

    assert _ics_text(response).count("BEGIN:VEVENT") == sessions


def test_organiser_sees_the_calendar_link_to_send(site, client):  # noqa: F811
    person = site["people"]["Named"]
    client.force_login(factories.organiser(site["team"], username="org"))

    response = client.get(reverse("participants:person_detail", args=[person.pk]))

    text = response.content.decode()
    assert "Calendar link to send" in text
    assert "http://testserver" + calendar_path(person, event=site["event"]) in text
    link = Client().get(calendar_path(person, event=site["event"]))
    assert "SUMMARY:Panel on rights" in _ics_text(link)


def test_calendar_link_is_not_shown_to_who_may_not_contact(site, client):  # noqa: F811
    person = site["people"]["Named"]
    client.force_login(factories.report_admin(site["team"], username="reports"))

    response = client.get(reverse("participants:person_detail", args=[person.pk]))

    assert response.status_code == 200
    assert "Calendar link to send" not in response.content.decode()
    assert calendar_token(person, event=site["event"]) not in response.content.decode()


def test_calendar_link_of_a_draft_event_says_it_waits(site, client):  # noqa: F811
    person = site["people"]["Named"]
    draft_session = factories.SessionFactory(day__event=site["draft"], title="Draft panel")
    factories.SessionRoleFactory(session=draft_session, person=person)
    client.force_login(factories.organiser(site["team"], username="org"))

    response = client.get(reverse("participants:person_detail", args=[person.pk]))

    text = response.content.decode()
    assert text.count('id="calendar-link-') == 2
    assert "The link works once the event is published." in text


def test_person_calendar_follows_consent_of_others_at_once(site):  # noqa: F811
    named = site["people"]["Named"]
    before = _ics_text(_calendar_of(site, "Secret"))
    named.public_consent = PublicConsent.NOT_LISTED
    named.save()

    after = _ics_text(_calendar_of(site, "Secret"))

    assert "Sokha Named" in before
    assert "Sokha Named" not in after
