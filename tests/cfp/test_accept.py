import html

import pytest
from django.core import mail
from django.urls import reverse

from cfp import services
from cfp.models import ApplicationStatus
from events.models import SessionRole
from factsheets.models import Factsheet, SuggestedRecommendation
from notifications.models import EmailMessageLog
from participants.models import Organisation, Person, PublicConsent, Registration
from tests import factories

from .conftest import make_application


def test_accept_creates_people_registrations_roles_and_recommendations(
    cfp, django_capture_on_commit_callbacks
):
    application = make_application(
        cfp.call,
        name="New Voices Org",
        genders=["woman", "man"],
        themes=[cfp.themes[1]],
        recommendations=["Adopt a law on defenders", "Ratify OP-CAT"],
        language="fr",
    )

    with django_capture_on_commit_callbacks(execute=True):
        result = services.accept_application(application, session=cfp.session, by=cfp.organiser)

    organisation = Organisation.objects.get(name="New Voices Org")
    assert organisation.team == cfp.team
    people = Person.objects.filter(organisation=organisation)
    assert people.count() == 2
    assert set(
        Registration.objects.filter(event=cfp.event, person__in=people).values_list(
            "role", flat=True
        )
    ) == {"speaker"}
    assert (
        SessionRole.objects.filter(session=cfp.session, person__in=people, role="speaker").count()
        == 2
    )
    factsheet = Factsheet.objects.get(event=cfp.event, organisations=organisation)
    assert factsheet.theme == cfp.themes[1]
    assert list(factsheet.recommendations.values_list("text", flat=True)) == [
        "Adopt a law on defenders",
        "Ratify OP-CAT",
    ]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert (result.registrations_created, result.roles_created) == (2, 2)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.org"]
    assert "New Voices Org" in mail.outbox[0].body
    assert EmailMessageLog.objects.get().language == "fr"


def test_accept_twice_creates_nothing_more(client, cfp, django_capture_on_commit_callbacks):
    application = make_application(
        cfp.call,
        name="Twice Org",
        genders=["woman"],
        themes=[cfp.themes[0]],
        recommendations=["R1"],
    )
    client.force_login(cfp.organiser)
    url = reverse("cfp:application_accept", args=[cfp.event.slug, application.pk])

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"session": cfp.session.pk})
        second = client.post(url, {"session": cfp.session.pk})

    assert (first.status_code, second.status_code) == (302, 302)
    assert Person.objects.filter(organisation__name="Twice Org").count() == 1
    assert Registration.objects.filter(event=cfp.event).count() == 1
    assert SessionRole.objects.filter(session=cfp.session).count() == 1
    assert SuggestedRecommendation.objects.count() == 1
    # The applicant and the one speaker, once each.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "twice0@example.org",
        "twice@example.org",
    ]


def test_accept_reuses_people_of_the_directory(cfp):
    known = factories.PersonFactory(
        team=cfp.team,
        given_name="X",
        family_name="Y",
        email="rights0@example.org",
        organisation=cfp.cso,
    )
    factories.RegistrationFactory(event=cfp.event, person=known)
    application = make_application(cfp.call, name="Rights Now", genders=["woman"])
    application.organisation = cfp.cso
    application.save()

    services.accept_application(application, session=cfp.session, by=cfp.organiser)

    assert Person.objects.filter(team=cfp.team, email__iexact="rights0@example.org").count() == 1
    assert Registration.objects.get(event=cfp.event, person=known).role == "speaker"
    assert Organisation.objects.filter(name="Rights Now").count() == 1


def test_accept_with_another_events_session_is_refused(client, cfp):
    application = make_application(cfp.call)
    other_session = factories.SessionFactory(day__event=factories.EventFactory(team=cfp.team))
    client.force_login(cfp.organiser)

    response = client.post(
        reverse("cfp:application_accept", args=[cfp.event.slug, application.pk]),
        {"session": other_session.pk},
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert Registration.objects.count() == 0


def test_decline_tells_the_applicant_in_their_language(
    client, cfp, django_capture_on_commit_callbacks
):
    application = make_application(cfp.call, name="Late Org", language="fr")
    client.force_login(cfp.organiser)
    url = reverse("cfp:application_decline", args=[cfp.event.slug, application.pk])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        client.post(url)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["late@example.org"]


def test_accepted_speaker_is_on_the_programme(client, cfp):
    application = make_application(cfp.call, name="Stage Org", genders=["woman"])
    client.force_login(cfp.organiser)

    client.post(
        reverse("cfp:application_accept", args=[cfp.event.slug, application.pk]),
        {"session": cfp.session.pk},
    )
    programme = client.get(reverse("events:programme", args=[cfp.event.slug]))

    assert "Stage0 Speaker" in programme.content.decode()


def _speaker_consents(application, *consents):
    for speaker, consent in zip(application.speakers.all(), consents, strict=True):
        speaker.public_consent = consent
        speaker.save()


def test_accept_applies_the_asked_consent_to_a_new_speakers_registration(cfp):
    application = make_application(cfp.call, name="Fresh Org", genders=["woman", "man"])
    _speaker_consents(application, PublicConsent.NAME, PublicConsent.NOT_LISTED_REPRESENTATIVE)

    result = services.accept_application(application, session=cfp.session, by=cfp.organiser)

    registrations = Registration.objects.filter(event=cfp.event).order_by("person__given_name")
    assert [(r.person.given_name, r.public_consent) for r in registrations] == [
        ("Fresh0", "name"),
        ("Fresh1", "not_listed_representative"),
    ]
    # For this event only: the directory's own choice stays "not listed".
    assert set(Person.objects.values_list("public_consent", flat=True)) == {"not_listed"}
    assert result.consent_differences == ()


def test_accept_never_widens_a_directory_persons_consent(client, cfp):
    known = factories.PersonFactory(
        team=cfp.team,
        given_name="Known",
        family_name="Speaker",
        email="wide0@example.org",
        public_consent=PublicConsent.ORGANISATION,
    )
    application = make_application(cfp.call, name="Wide Org")
    _speaker_consents(application, PublicConsent.NAME)
    client.force_login(cfp.organiser)

    response = client.post(
        reverse("cfp:application_accept", args=[cfp.event.slug, application.pk]),
        {"session": cfp.session.pk},
        follow=True,
    )

    known.refresh_from_db()
    registration = Registration.objects.get(event=cfp.event, person=known)
    assert (known.public_consent, registration.public_consent) == ("organisation", "")
    assert (
        "Known Speaker was already in the directory: at this event they stay shown as they "
        'chose, "Organisation only ("a representative of …")", although the application '
        'asks for "Name and organisation may be shown publicly".'
    ) in html.unescape(response.content.decode())


def test_accept_keeps_an_existing_registrations_consent_at_the_event(cfp):
    known = factories.PersonFactory(
        team=cfp.team, email="kept0@example.org", public_consent=PublicConsent.NAME
    )
    factories.RegistrationFactory(
        event=cfp.event, person=known, public_consent=PublicConsent.NOT_LISTED
    )
    application = make_application(cfp.call, name="Kept Org")
    _speaker_consents(application, PublicConsent.NAME)

    result = services.accept_application(application, session=cfp.session, by=cfp.organiser)

    registration = Registration.objects.get(event=cfp.event, person=known)
    assert (registration.role, registration.public_consent) == ("speaker", "not_listed")
    (difference,) = result.consent_differences
    assert (difference.asked, difference.kept, difference.asks_less) == (
        "name",
        "not_listed",
        False,
    )


def test_accept_shows_a_directory_person_less_when_the_application_asks_for_less(client, cfp):
    # Showing less never endangers anyone: the application's narrower choice applies at the
    # event at once, and the person's own choice for other events stays.
    known = factories.PersonFactory(
        team=cfp.team,
        given_name="Public",
        family_name="Speaker",
        email="narrow0@example.org",
        public_consent=PublicConsent.NAME,
    )
    application = make_application(cfp.call, name="Narrow Org")
    _speaker_consents(application, PublicConsent.NOT_LISTED_REPRESENTATIVE)
    client.force_login(cfp.organiser)

    response = client.post(
        reverse("cfp:application_accept", args=[cfp.event.slug, application.pk]),
        {"session": cfp.session.pk},
        follow=True,
    )

    known.refresh_from_db()
    registration = Registration.objects.get(event=cfp.event, person=known)
    assert (known.public_consent, registration.public_consent) == (
        "name",
        "not_listed_representative",
    )
    assert (
        'Public Speaker was already in the directory, shown publicly as "Name and '
        'organisation may be shown publicly": at this event they are now shown as the '
        'application asks, "Not listed publicly; as a speaker, "a representative of …"", '
        "which shows less of them."
    ) in html.unescape(response.content.decode())
    assert registration.history.first().history_user == cfp.organiser


def test_a_declined_application_cannot_then_be_accepted(
    client, cfp, django_capture_on_commit_callbacks
):
    # One organiser declines; another, on a page opened before, presses "Accept".
    application = make_application(cfp.call, name="Stale Org", themes=[cfp.themes[0]])
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_application(application, by=cfp.organiser)
    client.force_login(cfp.organiser2)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cfp:application_accept", args=[cfp.event.slug, application.pk]),
            {"session": cfp.session.pk},
            follow=True,
        )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert not SessionRole.objects.filter(session=cfp.session).exists()
    assert Registration.objects.count() == 0
    assert len(mail.outbox) == 1  # the decline only
    assert "This application was declined: it cannot be accepted." in html.unescape(
        response.content.decode()
    )


def test_accept_never_adds_to_a_factsheet_under_review_or_approved(cfp):
    application = make_application(
        cfp.call, name="Rights Now", themes=[cfp.themes[0]], recommendations=["Unreviewed text"]
    )
    application.organisation = cfp.cso
    application.save()
    approved = factories.FactsheetFactory(
        event=cfp.event, theme=cfp.themes[0], organisations=[cfp.cso], status="approved"
    )

    services.accept_application(application, session=cfp.session, by=cfp.organiser)

    assert list(approved.recommendations.values_list("text", flat=True)) == []
    (draft,) = Factsheet.objects.filter(event=cfp.event, organisations=cfp.cso, status="draft")
    assert list(draft.recommendations.values_list("text", flat=True)) == ["Unreviewed text"]


def test_accept_same_consent_as_the_directory_says_nothing(cfp):
    factories.PersonFactory(
        team=cfp.team, email="same0@example.org", public_consent=PublicConsent.NAME
    )
    application = make_application(cfp.call, name="Same Org")
    _speaker_consents(application, PublicConsent.NAME)

    result = services.accept_application(application, session=cfp.session, by=cfp.organiser)

    assert result.consent_differences == ()


def test_organisers_see_each_speakers_asked_consent_on_the_application(client, cfp):
    application = make_application(cfp.call, name="Shown Org", genders=["woman", "man"])
    _speaker_consents(application, PublicConsent.ORGANISATION, PublicConsent.NOT_LISTED)
    client.force_login(cfp.organiser)

    response = client.get(reverse("cfp:application_detail", args=[cfp.event.slug, application.pk]))

    text = html.unescape(response.content.decode())
    assert 'Shown publicly: Organisation only ("a representative of …")' in text
    assert "Shown publicly: Not listed publicly at all" in text


@pytest.mark.parametrize(
    ("consent", "sentence"),
    [
        (
            PublicConsent.NAME,
            'you appear by name: "Told0 Speaker, Told Org".',
        ),
        (
            PublicConsent.ORGANISATION,
            'you appear without your name, only as "a representative of Told Org".',
        ),
        (
            PublicConsent.NOT_LISTED_REPRESENTATIVE,
            'in your session, the public programme says only "a representative of Told Org".',
        ),
        (
            PublicConsent.NOT_LISTED,
            "You do not appear at all on the public pages or the public programme",
        ),
    ],
    ids=["name", "organisation", "representative", "not-listed"],
)
def test_speaker_email_says_how_they_are_shown_publicly(
    client, cfp, django_capture_on_commit_callbacks, consent, sentence
):
    cfp.team.contact_email = "upr@cfp-team.test"
    cfp.team.save()
    application = make_application(cfp.call, name="Told Org", genders=["woman", "man"])
    _speaker_consents(application, consent, PublicConsent.NAME)
    client.force_login(cfp.organiser)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("cfp:application_accept", args=[cfp.event.slug, application.pk]),
            {"session": cfp.session.pk},
        )

    (message,) = [m for m in mail.outbox if m.to == ["told0@example.org"]]
    body = " ".join(message.body.split())
    assert sentence in body
    assert "To change how you are shown publicly, write to the organisers: upr@cfp-team.test." in (
        body
    )
    assert "Told1" not in body and "Told1" not in message.alternatives[0][0]


def test_speaker_email_in_french_says_how_they_are_shown(
    client, cfp, django_capture_on_commit_callbacks
):
    application = make_application(cfp.call, name="Told Org", language="fr")
    _speaker_consents(application, PublicConsent.ORGANISATION)
    client.force_login(cfp.organiser)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("cfp:application_accept", args=[cfp.event.slug, application.pk]),
            {"session": cfp.session.pk},
        )

    (message,) = [m for m in mail.outbox if m.to == ["told0@example.org"]]
    body = " ".join(message.body.split())
    assert "vous figurez sans votre nom, uniquement comme « un représentant de Told Org »." in body
    assert "Pour modifier la manière dont vous êtes affiché publiquement" in body
