"""The first real message: a factsheet's authors hear the outcome of its review."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from factsheets import services as factsheet_services
from factsheets.models import FactsheetLanguage, FactsheetStatus
from notifications.models import EmailMessageLog, EmailStatus
from tests import factories
from tests.factsheets.conftest import pdf_bytes


@pytest.fixture
def submitted(db, private_storage):
    team = factories.TeamFactory(name="CCHR Phnom Penh")
    event = factories.EventFactory(team=team, title="Cambodia pre-session")
    author = factories.OrganisationFactory(team=team, name="Land Rights Network")
    factsheet = factories.FactsheetFactory(
        event=event, title="Land & housing", organisations=[author], language="fr"
    )
    factories.SuggestedRecommendationFactory(factsheet=factsheet)
    factsheet_services.add_file_version(
        factsheet,
        uploaded_file=SimpleUploadedFile("f.pdf", pdf_bytes(), "application/pdf"),
        by=None,
    )
    factsheet.status = FactsheetStatus.SUBMITTED
    factsheet.save()
    factories.cso_staff(author, username="sokha", email="sokha@example.org")
    factories.cso_staff(author, username="dara", email="dara@example.org")
    factories.cso_staff(author, username="gone", email="gone@example.org", is_active=False)
    factories.cso_staff(factories.OrganisationFactory(team=team), email="other@example.org")
    return factsheet


def _review(client, factsheet, **data):
    organiser = factories.organiser(factsheet.event.team)
    client.force_login(organiser)
    url = reverse("factsheets:factsheet_review", args=[factsheet.pk])
    return client.post(url, {"version": 1, **data}), organiser


def test_sending_a_factsheet_back_e_mails_each_author_separately(client, submitted):
    response, organiser = _review(client, submitted, decision="return", comment="Cite the law.")

    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == [
        "dara@example.org",
        "sokha@example.org",
    ]
    assert all(len(message.to) == 1 and not message.bcc for message in mail.outbox)
    sent = mail.outbox[0]
    assert sent.subject == "Fiche d'information renvoyée : Land & housing"  # the factsheet's
    assert "Cite the law." in sent.body
    assert f"http://testserver/factsheets/{submitted.pk}/" in sent.body
    assert "sokha@example.org" not in sent.body and "dara@example.org" not in sent.body
    logged = EmailMessageLog.objects.order_by("recipient")
    assert [(m.recipient, m.language, m.status, m.triggered_by) for m in logged] == [
        ("dara@example.org", "fr", EmailStatus.SENT, organiser),
        ("sokha@example.org", "fr", EmailStatus.SENT, organiser),
    ]


def test_approving_tells_the_authors_too(client, submitted):
    _review(client, submitted, decision="approve", comment="")

    assert {message.subject for message in mail.outbox} == {
        "Fiche d'information approuvée : Land & housing"
    }


def test_a_factsheet_in_another_language_is_announced_in_the_apps_default(client, submitted):
    submitted.language = FactsheetLanguage.OTHER
    submitted.save()

    _review(client, submitted, decision="approve", comment="")

    assert set(EmailMessageLog.objects.values_list("language", flat=True)) == {"en"}


def test_a_refused_review_sends_nothing(client, submitted):
    response, _ = _review(client, submitted, decision="return", comment="")

    assert response.status_code == 400
    assert (len(mail.outbox), EmailMessageLog.objects.count()) == (0, 0)


def test_each_author_is_written_to_in_their_accounts_language(client, submitted):
    submitted.organisations.get().users.filter(username="dara").update(language="km")

    _review(client, submitted, decision="approve", comment="")

    logged = EmailMessageLog.objects.order_by("recipient")
    assert [(m.recipient, m.language) for m in logged] == [
        ("dara@example.org", "km"),
        ("sokha@example.org", "fr"),
    ]
