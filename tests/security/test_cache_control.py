"""Every response to a signed-in user says `Cache-Control: private, no-store`; anonymous
ones are left alone, and a stricter header a view set is kept."""

import pytest
from django.urls import reverse

from tests import factories
from tests.factsheets.conftest import make_factsheet

NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


def _directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.django_db
def test_page_for_a_signed_in_user_is_private_no_store(client, organiser_user):
    client.force_login(organiser_user)

    response = client.get(reverse("password_change"))

    assert response.status_code == 200
    assert _directives(response) == {"private", "no-store"}


@pytest.mark.django_db
def test_redirect_for_a_signed_in_user_is_private_no_store(client):
    user = factories.UserFactory()
    user.set_password("an old long password")
    user.save()
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": "an old long password",
            "new_password1": "a new long passphrase",
            "new_password2": "a new long passphrase",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    assert _directives(response) == {"private", "no-store"}


@pytest.mark.django_db
def test_report_pdf_for_a_signed_in_user_is_private_no_store(admin_client):
    event = factories.EventFactory()

    response = admin_client.get(reverse("reports:report_pdf", args=[event.slug]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert _directives(response) == {"private", "no-store"}


@pytest.mark.django_db
def test_file_download_for_a_signed_in_user_is_private_no_store(client, event, private_storage):
    author = factories.cso_staff()
    event.invited_organisations.add(author.organisation)  # CSO staff write for linked events
    factsheet = make_factsheet(by=author, event=event)
    client.force_login(author)

    response = client.get(reverse("factsheets:file_download", args=[factsheet.pk, 1]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert _directives(response) == {"private", "no-store"}


@pytest.mark.django_db
def test_stricter_header_of_a_view_kept(admin_client):
    response = admin_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert response["Cache-Control"] == NEVER_CACHE


@pytest.mark.django_db
def test_anonymous_responses_untouched(client):
    redirect = client.get(reverse("password_change"))
    static = client.get("/static/css/app.css")

    assert redirect.status_code == 302
    assert "Cache-Control" not in redirect
    assert "no-store" not in static.get("Cache-Control", "")
