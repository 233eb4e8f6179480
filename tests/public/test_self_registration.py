"""Self-registration on the public event page: the request, its double opt-in, the
organisers' decision, and what protects it (same answer, tokens, rate limits, honeypot)."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from notifications.models import EmailMessageLog
from participants import registration_requests
from participants.models import (
    Gender,
    Organisation,
    Person,
    PublicConsent,
    Registration,
    RegistrationRequest,
    RegistrationRequestKind,
    RegistrationRequestStatus,
    RegistrationRole,
)
from public import views as public_views
from tests import factories

TODAY = timezone.localdate()


@pytest.fixture
def site(db):
    cache.clear()  # the rate limits' counters live in the cache
    team = factories.TeamFactory(slug="reg-team", name="Reg Team", contact_email="hi@reg.test")
    event = factories.EventFactory(
        team=team,
        title="Open pre-session",
        slug="reg-event",
        status="published",
        start_date=TODAY + timedelta(days=20),
        end_date=TODAY + timedelta(days=21),
        self_registration_open=True,
    )
    known_org = factories.OrganisationFactory(team=team, name="Known Coalition")
    known = factories.PersonFactory(
        team=team,
        given_name="Sokha",
        family_name="Chhun",
        organisation=known_org,
        email="sokha@known.test",
        public_consent=PublicConsent.NAME,
    )
    mission = factories.MissionFactory(organisation__name="Embassy of Testland")
    organiser = factories.organiser(team, username="reg-organiser")
    return team, event, known_org, known, mission, organiser


def _register_url(event):
    return reverse("public:register", args=[event.team.slug, event.slug])


def _form(**changes):
    data = {
        "kind": RegistrationRequestKind.CSO,
        "given_name": "ស្រីពៅ",
        "family_name": "Kim",
        "organisation_name": "New Voices",
        "mission": "",
        "gender": Gender.UNDISCLOSED,
        "position": "Coordinator",
        "email": "pov@new.test",
        "phone": "",
        "public_consent": PublicConsent.ORGANISATION,
        "needs": "Khmer interpretation",
        "language": "fr",
        "website": "",
    }
    data.update(changes)
    return data


def _confirm_link(message):
    return re.search(r"https?://\S+/register/confirm/\S+/", message.body).group(0)


def _submit(client, event, **changes):
    return client.post(_register_url(event), _form(**changes))


def _confirmed_request(client, event, **changes):
    _submit(client, event, **changes)
    client.post(_confirm_link(mail.outbox[-1]))
    return RegistrationRequest.objects.get(email=changes.get("email", "pov@new.test"))


# --- The visitor's side -------------------------------------------------------------------


def test_register_happy_path_confirms_through_the_link_of_the_mail(site):
    _team, event, *_rest = site
    client = Client()

    page = client.get(_register_url(event))
    response = _submit(client, event)

    assert page.status_code == 200
    assert 'name="website"' in page.content.decode()
    assert "Check your e-mail" in response.content.decode()
    request = RegistrationRequest.objects.get()
    assert (request.status, request.given_name, request.language) == (
        RegistrationRequestStatus.UNCONFIRMED,
        "ស្រីពៅ",
        "fr",
    )
    assert [message.to for message in mail.outbox] == [["pov@new.test"]]
    link = _confirm_link(mail.outbox[0])
    assert "ស្រីពៅ" not in mail.outbox[0].body  # the mail never names anyone

    shown = client.get(link)
    confirmed = client.post(link)

    assert 'method="post"' in shown.content.decode()
    assert "Request confirmed" in confirmed.content.decode()
    request.refresh_from_db()
    assert request.status == RegistrationRequestStatus.CONFIRMED
    assert request.token_hash is None
    assert Person.objects.filter(email="pov@new.test").exists() is False


def test_confirmation_mail_is_in_the_visitors_language(site):
    _team, event, *_rest = site

    _submit(Client(), event, language="km")

    log = EmailMessageLog.objects.get()
    assert (log.template_key, log.language, log.triggered_by) == (
        "participants.registration_confirm",
        "km",
        None,
    )
    assert '<html lang="km">' in mail.outbox[0].alternatives[0][0]


def test_register_gives_the_same_answer_for_a_known_and_an_unknown_address(site):
    _team, event, *_rest = site

    known = _submit(
        Client(),
        event,
        email="sokha@known.test",
        given_name="Sokha",
        family_name="Chhun",
        organisation_name="Known Coalition",
    )
    unknown = _submit(
        Client(),
        event,
        email="nobody@else.test",
        given_name="Sokha",
        family_name="Chhun",
        organisation_name="Unknown Coalition",
    )

    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert (known.status_code, unknown.status_code) == (200, 200)
    assert csrf.sub("", known.content.decode()) == csrf.sub("", unknown.content.decode())
    assert RegistrationRequest.objects.count() == 2
    assert len(mail.outbox) == 2


def test_register_form_lists_no_organisation_or_person(site):
    _team, event, *_rest = site

    content = Client().get(_register_url(event)).content.decode()

    assert "Known Coalition" not in content
    assert "Sokha" not in content
    assert "Embassy of Testland" in content  # the missions are the public roster


def test_register_bad_input_shows_the_errors_and_stores_nothing(site):
    _team, event, *_rest = site

    response = _submit(Client(), event, organisation_name="", email="not-an-address")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Write the name of your organisation." in content
    assert "Enter a valid email address." in content
    assert (RegistrationRequest.objects.count(), len(mail.outbox)) == (0, 0)


def test_register_diplomat_needs_a_mission(site):
    _team, event, _org, _known, mission, _organiser = site

    refused = _submit(Client(), event, kind=RegistrationRequestKind.DIPLOMAT)
    accepted = _submit(
        Client(), event, kind=RegistrationRequestKind.DIPLOMAT, mission=str(mission.pk)
    )

    assert "Choose your mission." in refused.content.decode()
    assert "Check your e-mail" in accepted.content.decode()
    request = RegistrationRequest.objects.get()
    assert (request.mission, request.organisation_name) == (mission, "")


def test_confirm_link_is_single_use(site):
    _team, event, *_rest = site
    client = Client()
    _submit(client, event)
    link = _confirm_link(mail.outbox[0])
    client.post(link)

    again = client.post(link)

    assert "This link is no longer valid" in again.content.decode()
    assert RegistrationRequest.objects.get().status == RegistrationRequestStatus.CONFIRMED


def test_confirm_link_expires(site):
    _team, event, *_rest = site
    client = Client()
    _submit(client, event)
    RegistrationRequest.objects.update(
        created_at=timezone.now() - timedelta(hours=registration_requests.CONFIRM_HOURS + 1)
    )

    response = client.post(_confirm_link(mail.outbox[0]))

    assert "This link is no longer valid" in response.content.decode()
    assert RegistrationRequest.objects.get().status == RegistrationRequestStatus.UNCONFIRMED


def test_confirm_link_tampered_is_refused(site):
    _team, event, *_rest = site
    client = Client()
    _submit(client, event)
    link = _confirm_link(mail.outbox[0])
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]

    response = client.post(tampered)

    assert "This link is no longer valid" in response.content.decode()
    assert RegistrationRequest.objects.get().status == RegistrationRequestStatus.UNCONFIRMED


def test_confirm_link_of_another_event_is_refused(site):
    team, event, *_rest = site
    other = factories.EventFactory(team=team, slug="reg-other", status="published")
    client = Client()
    _submit(client, event)
    token = _confirm_link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]

    response = client.post(reverse("public:register_confirm", args=[team.slug, other.slug, token]))

    assert "This link is no longer valid" in response.content.decode()
    assert RegistrationRequest.objects.get().status == RegistrationRequestStatus.UNCONFIRMED


def test_register_rate_limit_per_ip_answers_429(site):
    _team, event, *_rest = site
    client = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(public_views.RATE_LIMIT_PER_IP):
        assert _submit(client, event, email=f"p{number}@new.test").status_code == 200

    response = _submit(client, event, email="one-more@new.test")
    elsewhere = _submit(Client(REMOTE_ADDR="198.51.100.8"), event, email="other@new.test")

    assert response.status_code == 429
    assert "Too many attempts, try again later" in response.content.decode()
    assert elsewhere.status_code == 200
    assert RegistrationRequest.objects.count() == public_views.RATE_LIMIT_PER_IP + 1


def test_register_rate_limit_keeps_what_was_typed(site):
    _team, event, *_rest = site
    client = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(public_views.RATE_LIMIT_PER_IP):
        _submit(client, event, email=f"p{number}@new.test")

    response = _submit(client, event, email="one-more@new.test", needs="Wheelchair access")

    assert response.status_code == 429
    content = response.content.decode()
    assert 'value="one-more@new.test"' in content
    assert "Wheelchair access" in content


def test_a_form_sent_back_with_an_error_is_not_counted(site):
    _team, event, *_rest = site
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _typo in range(public_views.RATE_LIMIT_PER_IP + 2):
        assert _submit(client, event, email="not an address").status_code == 200

    assert _submit(client, event).status_code == 200
    assert RegistrationRequest.objects.count() == 1


def test_confirmations_have_their_own_limit(site):
    # An office behind one address: five colleagues register, and each confirms.
    _team, event, *_rest = site
    client = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(public_views.RATE_LIMIT_PER_IP):
        _submit(client, event, email=f"p{number}@new.test")
    links = [_confirm_link(message) for message in mail.outbox]

    answers = [client.post(link).status_code for link in links]

    assert answers == [200] * public_views.RATE_LIMIT_PER_IP
    assert (
        RegistrationRequest.objects.filter(status=RegistrationRequestStatus.CONFIRMED).count()
        == public_views.RATE_LIMIT_PER_IP
    )


def test_an_address_longer_than_the_stored_one_is_a_form_error(site):
    _team, event, *_rest = site

    response = _submit(Client(), event, email="a" * 260 + "@example.org")

    assert response.status_code == 200
    assert "Ensure this value has at most 254 characters" in response.content.decode()
    assert RegistrationRequest.objects.count() == 0


def test_register_rate_limit_per_address_answers_429(site):
    _team, event, *_rest = site
    for number in range(public_views.RATE_LIMIT_PER_ADDRESS):
        client = Client(REMOTE_ADDR=f"203.0.113.{number + 1}")
        assert _submit(client, event, email="Same@new.test").status_code == 200

    response = _submit(Client(REMOTE_ADDR="203.0.113.99"), event, email="same@NEW.test")

    assert response.status_code == 429
    assert RegistrationRequest.objects.count() == public_views.RATE_LIMIT_PER_ADDRESS


def test_register_honeypot_is_silently_discarded(site):
    _team, event, *_rest = site

    response = _submit(Client(), event, website="http://spam.test")

    assert "Check your e-mail" in response.content.decode()
    assert (RegistrationRequest.objects.count(), len(mail.outbox)) == (0, 0)


def test_register_closed_shows_it_and_takes_nothing(site):
    _team, event, *_rest = site
    event.self_registration_open = False
    event.save()

    page = Client().get(_register_url(event))
    posted = _submit(Client(), event)
    about = Client().get(reverse("public:event", args=[event.team.slug, event.slug]))

    assert "Registration is closed" in page.content.decode()
    assert "Registration is closed" in posted.content.decode()
    assert "Ask to register" not in about.content.decode()
    assert RegistrationRequest.objects.count() == 0


def test_register_after_the_deadline_is_closed(site):
    _team, event, *_rest = site
    event.self_registration_deadline = TODAY - timedelta(days=1)
    event.save()

    response = _submit(Client(), event)

    assert "Registration is closed" in response.content.decode()
    assert RegistrationRequest.objects.count() == 0


def test_register_on_the_deadline_day_is_open(site):
    _team, event, *_rest = site
    event.self_registration_deadline = TODAY
    event.save()

    about = Client().get(reverse("public:event", args=[event.team.slug, event.slug]))
    response = _submit(Client(), event)

    assert "Ask to register" in about.content.decode()
    assert "Check your e-mail" in response.content.decode()


def test_accepts_self_registration_ends_with_the_event_without_deadline(site):
    _team, event, *_rest = site

    assert event.accepts_self_registration(event.end_date) is True
    assert event.accepts_self_registration(event.end_date + timedelta(days=1)) is False


def test_register_on_a_draft_event_is_404(site):
    _team, event, *_rest = site
    event.status = "draft"
    event.save()

    page = Client().get(_register_url(event))
    posted = _submit(Client(), event)

    assert (page.status_code, posted.status_code) == (404, 404)
    assert RegistrationRequest.objects.count() == 0


def test_register_pages_send_the_csp_without_inline_code(site):
    _team, event, *_rest = site

    response = Client().get(_register_url(event))

    content = response.content.decode()
    assert "Content-Security-Policy" in response.headers
    assert "<script" not in content
    assert " style=" not in content


# --- The organisers' side -----------------------------------------------------------------


def _signed_in(user):
    client = Client()
    client.force_login(user)
    factories.pass_second_factor(client, user)
    return client


def _review_url(event, request):
    return reverse("participants:registration_request_review", args=[event.slug, request.pk])


def test_approve_new_person_creates_person_organisation_registration_and_mails(site):
    team, event, _org, _known, _mission, organiser = site
    request = _confirmed_request(Client(), event)
    client = _signed_in(organiser)
    mail.outbox.clear()

    response = client.post(_review_url(event, request), {"person": "new"})

    assert response.status_code == 302
    person = Person.objects.get(email="pov@new.test")
    assert (person.team, person.given_name, person.organisation.name) == (
        team,
        "ស្រីពៅ",
        "New Voices",
    )
    assert Organisation.objects.get(name="New Voices").team == team
    registration = Registration.objects.get(person=person)
    assert (registration.event, registration.role) == (event, RegistrationRole.PARTICIPANT)
    # The request's choice is for this event; for others they stay not listed until asked.
    assert (registration.public_consent, person.public_consent) == (
        PublicConsent.ORGANISATION,
        PublicConsent.NOT_LISTED,
    )
    request.refresh_from_db()
    assert (request.status, request.registration, request.decided_by) == (
        RegistrationRequestStatus.APPROVED,
        registration,
        organiser,
    )
    assert [message.to for message in mail.outbox] == [["pov@new.test"]]


def test_approve_shows_duplicates_and_uses_the_chosen_existing_person(site):
    _team, event, known_org, known, _mission, organiser = site
    request = _confirmed_request(
        Client(),
        event,
        given_name="sokha",
        family_name="CHHUN",
        organisation_name="known coalition",
        email="sokha.other@known.test",
        phone="+855 12",
        public_consent=PublicConsent.NOT_LISTED,
    )
    client = _signed_in(organiser)

    page = client.get(_review_url(event, request))
    without_choice = client.post(_review_url(event, request), {})
    response = client.post(_review_url(event, request), {"person": str(known.pk)})

    content = page.content.decode()
    assert "Use the existing person: Sokha Chhun" in content
    assert "Matches Known Coalition" in content
    assert "This field is required." in without_choice.content.decode()
    assert response.status_code == 302
    assert Person.objects.filter(given_name__iexact="sokha").count() == 1  # never merged silently
    known.refresh_from_db()
    assert (known.email, known.phone, known.public_consent) == (
        "sokha@known.test",  # what the organisers recorded stays
        "",  # contact details are never copied from a request, even into a blank
        PublicConsent.NAME,  # their choice for other events stays
    )
    registration = Registration.objects.get(person=known, event=event)
    assert registration.public_consent == PublicConsent.NOT_LISTED  # less, at this event


def test_approve_never_shows_an_existing_person_more_than_recorded(site):
    # Someone asks to register in a known person's name and to be shown by name: the person
    # stays as the organisers recorded them, and the organiser is told.
    _team, event, known_org, known, _mission, organiser = site
    known.public_consent = PublicConsent.NOT_LISTED
    known.save()
    request = _confirmed_request(
        Client(),
        event,
        given_name="Sokha",
        family_name="Chhun",
        organisation_name="Known Coalition",
        email="impostor@elsewhere.test",
        public_consent=PublicConsent.NAME,
    )
    client = _signed_in(organiser)

    response = client.post(_review_url(event, request), {"person": str(known.pk)}, follow=True)

    registration = Registration.objects.get(person=known, event=event)
    known.refresh_from_db()
    assert (registration.public_consent, known.public_consent, known.email) == (
        "",
        PublicConsent.NOT_LISTED,
        "sokha@known.test",
    )
    assert "stays shown at this event as recorded" in response.content.decode()


def test_approve_duplicate_by_email_creating_new_person_shows_the_error(site):
    _team, event, _org, _known, _mission, organiser = site
    request = _confirmed_request(Client(), event, email="SOKHA@known.test")
    client = _signed_in(organiser)

    response = client.post(_review_url(event, request), {"person": "new"})

    assert response.status_code == 200
    assert "A person with this e-mail address already exists." in response.content.decode()
    request.refresh_from_db()
    assert request.status == RegistrationRequestStatus.CONFIRMED
    assert Person.objects.count() == 1


def test_approve_twice_is_not_an_error(site):
    _team, event, _org, _known, _mission, organiser = site
    request = _confirmed_request(Client(), event)
    client = _signed_in(organiser)
    client.post(_review_url(event, request), {"person": "new"})
    mail.outbox.clear()

    second = client.post(_review_url(event, request), {"person": "new"})

    assert second.status_code == 302
    assert Registration.objects.filter(event=event).count() == 1
    assert len(mail.outbox) == 0


def test_approve_diplomat_registers_them_at_their_mission(site):
    _team, event, _org, _known, mission, organiser = site
    request = _confirmed_request(
        Client(), event, kind=RegistrationRequestKind.DIPLOMAT, mission=str(mission.pk)
    )

    registration = registration_requests.approve_registration_request(
        request, by=organiser, link="https://example.test/"
    )

    assert registration.role == RegistrationRole.DIPLOMAT
    assert registration.person.organisation == mission.organisation


def test_decline_marks_the_request_and_mails(site):
    _team, event, _org, _known, _mission, organiser = site
    request = _confirmed_request(Client(), event)
    client = _signed_in(organiser)
    mail.outbox.clear()
    url = reverse("participants:registration_request_decline", args=[event.slug, request.pk])

    response = client.post(url)
    again = client.post(url)

    assert (response.status_code, again.status_code) == (302, 302)
    request.refresh_from_db()
    assert request.status == RegistrationRequestStatus.DECLINED
    assert [message.to for message in mail.outbox] == [["pov@new.test"]]
    assert "hi@reg.test" in mail.outbox[0].body
    assert Person.objects.filter(email="pov@new.test").exists() is False


def test_unconfirmed_request_is_not_shown_to_organisers(site):
    _team, event, _org, _known, _mission, organiser = site
    _submit(Client(), event)
    request = RegistrationRequest.objects.get()
    client = _signed_in(organiser)

    listing = client.get(reverse("participants:registration_request_list", args=[event.slug]))
    review = client.get(_review_url(event, request))

    assert "Kim" not in listing.content.decode()
    assert review.status_code == 404


def test_request_of_another_event_is_404(site):
    team, event, _org, _known, _mission, organiser = site
    request = _confirmed_request(Client(), event)
    other = factories.EventFactory(team=team, slug="reg-other")
    client = _signed_in(organiser)

    response = client.get(_review_url(other, request))

    assert response.status_code == 404


@pytest.mark.parametrize("rows", [1, 6])
def test_request_list_query_count(site, django_assert_num_queries, rows):
    _team, event, _org, _known, mission, organiser = site
    for number in range(rows):
        RegistrationRequest.objects.create(
            event=event,
            kind=RegistrationRequestKind.DIPLOMAT if number % 2 else RegistrationRequestKind.CSO,
            mission=mission if number % 2 else None,
            organisation_name="" if number % 2 else "Org",
            given_name=f"Person{number}",
            gender=Gender.WOMAN,
            email=f"p{number}@x.test",
            language="en",
            status=RegistrationRequestStatus.CONFIRMED,
        )
    client = _signed_in(organiser)
    url = reverse("participants:registration_request_list", args=[event.slug])
    client.get(url)  # warm the session and the team caches

    with django_assert_num_queries(6):
        response = client.get(url)

    content = response.content.decode()
    assert content.count("registration-requests/") >= rows
    assert f"Person{rows - 1}" in content


# --- Retention ----------------------------------------------------------------------------


def test_delete_old_registration_requests_keeps_what_waits_and_what_is_recent(site):
    _team, event, *_rest = site

    def make(status, age_days):
        request = RegistrationRequest.objects.create(
            event=event,
            kind=RegistrationRequestKind.CSO,
            organisation_name="Org",
            given_name=f"{status}{age_days}",
            gender=Gender.WOMAN,
            email=f"{status}{age_days}@x.test",
            language="en",
            status=status,
        )
        RegistrationRequest.objects.filter(pk=request.pk).update(
            created_at=timezone.now() - timedelta(days=age_days)
        )

    for status in RegistrationRequestStatus.values:
        make(status, 40)
        make(status, 5)

    call_command("delete_old_registration_requests", "--days", "30", stdout=io.StringIO())

    kept = sorted(RegistrationRequest.objects.values_list("given_name", flat=True))
    assert kept == ["approved5", "confirmed40", "confirmed5", "declined5", "unconfirmed5"]


def test_event_form_closes_registration_and_sets_the_deadline(site):
    _team, event, _org, _known, _mission, organiser = site
    client = _signed_in(organiser)
    deadline = TODAY + timedelta(days=10)
    data = {
        "title": event.title,
        "slug": event.slug,
        "format": "in_country",
        "status": "published",
        "country_under_review": "KH",
        "city": "Phnom Penh",
        "start_date": event.start_date.isoformat(),
        "end_date": event.end_date.isoformat(),
        "self_registration_deadline": deadline.isoformat(),
        "days-TOTAL_FORMS": "0",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }

    response = client.post(reverse("events:event_update", args=[event.slug]), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.self_registration_open, event.self_registration_deadline) == (False, deadline)
    assert "Registration is closed" in Client().get(_register_url(event)).content.decode()


def test_anonymise_old_events_also_deletes_old_registration_requests(site):
    _team, event, *_rest = site
    request = RegistrationRequest.objects.create(
        event=event,
        kind=RegistrationRequestKind.CSO,
        organisation_name="Org",
        given_name="Old",
        gender=Gender.WOMAN,
        email="old@x.test",
        language="en",
    )
    RegistrationRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=registration_requests.RETENTION_DAYS + 1)
    )

    call_command("anonymise_old_events", stdout=io.StringIO())

    assert RegistrationRequest.objects.count() == 0


def test_the_mails_name_the_event_in_the_requesters_language(site):
    # The organiser works in English; the visitor asked in French: every message names
    # the event by its French title, with its dates in French.
    _team, event, *_rest, organiser = site
    event.translations = {"fr": {"title": "Pré-session ouverte"}}
    event.save()
    request = _confirmed_request(Client(), event, language="fr")

    with translation.override("en"):
        registration_requests.approve_registration_request(
            request, by=organiser, link="https://example.test/"
        )

    confirm, approved = mail.outbox
    assert "Pré-session ouverte" in confirm.body
    assert approved.subject.endswith("Pré-session ouverte")
    with translation.override("fr"):
        assert f"Pré-session ouverte ({event.dates})" in approved.body
    assert "Open pre-session" not in approved.body
