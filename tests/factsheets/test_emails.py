"""The review's e-mail names the event as its pages do in each author's language."""

import pytest
from django.core import mail
from django.utils import translation

from factsheets.emails import tell_authors_of_review
from factsheets.models import FactsheetStatus
from tests import factories

pytestmark = pytest.mark.django_db


def test_review_email_names_the_event_in_each_authors_language(
    django_capture_on_commit_callbacks,
):
    event = factories.EventFactory(
        title="Pre-session on Cambodia",
        translations={"fr": {"title": "Pré-session sur le Cambodge"}},
    )
    organisation = factories.OrganisationFactory()
    factsheet = factories.FactsheetFactory(
        event=event, organisations=[organisation], status=FactsheetStatus.APPROVED
    )
    factories.cso_staff(organisation, email="fr@example.org", language="fr")
    factories.cso_staff(organisation, email="en@example.org", language="en")

    with translation.override("km"), django_capture_on_commit_callbacks(execute=True):
        tell_authors_of_review(factsheet, link="https://example.org/f", by=None)

    body_of = {message.to[0]: message.body for message in mail.outbox}
    assert "Pré-session sur le Cambodge" in body_of["fr@example.org"]
    assert "Pre-session on Cambodia" in body_of["en@example.org"]
