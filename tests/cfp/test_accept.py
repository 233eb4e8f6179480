from django.core import mail
from django.urls import reverse

from cfp import services
from cfp.models import ApplicationStatus
from events.models import SessionRole
from factsheets.models import Factsheet, SuggestedRecommendation
from notifications.models import EmailMessageLog
from participants.models import Organisation, Person, Registration
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
