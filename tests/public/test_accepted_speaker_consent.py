"""The public programme shows each speaker accepted from the call for speakers as the
application said they agreed to, and a speaker already in the directory never more widely
than they chose."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from cfp import services
from participants.models import PublicConsent
from tests import factories
from tests.cfp.conftest import cfp, make_application  # noqa: F401


def _accept(cfp, *consents, name="Voices Org"):  # noqa: F811
    application = make_application(
        cfp.call, name=name, genders=["woman", "man", "woman"][: len(consents)]
    )
    for speaker, consent in zip(application.speakers.all(), consents, strict=True):
        speaker.public_consent = consent
        speaker.save()
    services.accept_application(application, session=cfp.session, by=cfp.organiser)


def _public_programme(cfp):  # noqa: F811
    cache.clear()
    response = Client().get(reverse("public:programme", args=[cfp.team.slug, cfp.event.slug]))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize(
    ("consent", "shown"),
    [
        (PublicConsent.NAME, "Voices0 Speaker, Voices Org"),
        (PublicConsent.ORGANISATION, "a representative of Voices Org"),
        (PublicConsent.NOT_LISTED_REPRESENTATIVE, "a representative of Voices Org"),
    ],
    ids=["name", "organisation", "representative"],
)
def test_accepted_speaker_appears_as_the_application_asked(cfp, consent, shown):  # noqa: F811
    _accept(cfp, consent)

    text = _public_programme(cfp)

    assert shown in text
    if consent != PublicConsent.NAME:
        assert "Voices0" not in text


def test_accepted_speaker_not_listed_at_all_does_not_appear(cfp):  # noqa: F811
    _accept(cfp, PublicConsent.NOT_LISTED, PublicConsent.ORGANISATION)

    text = _public_programme(cfp)

    assert "a representative of Voices Org" in text
    assert "2 representatives" not in text
    assert "Voices0" not in text and "Voices1" not in text


def test_accepted_directory_person_is_not_shown_wider_than_they_chose(cfp):  # noqa: F811
    factories.PersonFactory(
        team=cfp.team,
        given_name="Guarded",
        family_name="Defender",
        email="voices0@example.org",
        organisation=cfp.cso,
        public_consent=PublicConsent.NOT_LISTED,
    )

    _accept(cfp, PublicConsent.NAME)

    text = _public_programme(cfp)
    assert "Guarded" not in text and "Defender" not in text
    assert "representative of" not in text
