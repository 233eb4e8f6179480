"""The empty file to fill for an import: its headers in the user's language, and it reads
back as an import of that kind in any language."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation

from participants import transfer
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr", "km"])
def test_import_template_has_the_columns_in_the_users_language(client, language):
    event = factories.EventFactory()
    client.force_login(factories.organiser(event.team))

    response = client.get(
        reverse("participants:import_template", args=[event.slug, "participants", "csv"]),
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    headers = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    resource = transfer.get_kind("participants").resource(
        team=event.team, event=event, with_contact_details=True
    )
    with translation.override(language):
        assert headers == resource.column_labels(resource.import_columns())
    # Whatever the language it was downloaded in, an import reads its headers.
    with translation.override("en"):
        assert resource.canonical_headers(headers) == resource.import_columns()


def test_french_template_headers_are_french(client):
    event = factories.EventFactory()
    client.force_login(factories.organiser(event.team))

    response = client.get(
        reverse("participants:import_template", args=[event.slug, "participants", "csv"]),
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    headers = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "Prénom" in headers and "Given name" not in headers


def test_a_json_template_is_not_offered(client):
    event = factories.EventFactory()
    client.force_login(factories.organiser(event.team))

    url = reverse("participants:import_template", args=[event.slug, "participants", "json"])
    assert client.get(url).status_code == 404


def _upload_url(kind, event):
    if kind.needs_event:
        return reverse("participants:import_upload", kwargs={"slug": event.slug, "kind": kind.key})
    return reverse("participants:import_upload", kwargs={"team": event.team.slug, "kind": kind.key})


@pytest.mark.parametrize("kind", transfer.kinds(), ids=lambda kind: kind.key)
def test_every_upload_page_links_to_templates_that_download(client, kind):
    # A team's kinds and an event's have template addresses of the same shape; each upload
    # page must link to its own, not to the other scope's.
    event = factories.EventFactory()
    client.force_login(factories.organiser(event.team))
    page = client.get(_upload_url(kind, event))
    assert page.status_code == 200

    links = re.findall(r'href="([^"]*template[^"]*\.(?:xlsx|csv))"', page.content.decode())

    assert len(links) == 2
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        assert "attachment" in response["Content-Disposition"]
