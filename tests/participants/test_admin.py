"""The Django admin pages this app and the events app register (superusers only)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Team
from events.themes import DEFAULT_THEMES
from tests import factories


@pytest.fixture
def superuser_client(client, db):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:participants_person_changelist",
        "admin:participants_organisation_changelist",
        "admin:participants_registration_changelist",
        "admin:participants_person_import",
        "admin:events_session_changelist",
        "admin:events_session_import",
        "admin:events_event_changelist",
        "admin:events_theme_changelist",
        "admin:accounts_team_changelist",
        "admin:accounts_team_add",
    ],
)
def test_admin_pages_open_for_superusers(superuser_client, url_name):
    factories.PersonFactory(given_name="Dara")

    response = superuser_client.get(reverse(url_name))

    assert response.status_code == 200


def test_theme_admin_filters_by_team(superuser_client):
    team_b = factories.TeamFactory(slug="team-b")
    factories.TeamFactory()

    response = superuser_client.get(
        reverse("admin:events_theme_changelist"), {"team__id__exact": team_b.pk}
    )

    assert response.context["cl"].result_count == len(DEFAULT_THEMES)


def test_a_team_created_in_the_admin_gets_the_default_themes(superuser_client):
    response = superuser_client.post(
        reverse("admin:accounts_team_add"),
        {
            "name": "CCHR Phnom Penh",
            "slug": "cchr",
            "contact_email": "team@example.org",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    team = Team.objects.get(slug="cchr")
    assert team.themes.count() == len(DEFAULT_THEMES)


def _admin_export(client, export_format):
    fields = ["name", "acronym", "kind", "country", "scope"]
    return client.post(
        reverse("admin:participants_organisation_export"),
        {
            "format": {"csv": "0", "xlsx": "1"}[export_format],
            "resource": "0",
            **{f"organisationresource_{field}": "on" for field in fields},
        },
    )


def test_admin_csv_export_escapes_formulas(superuser_client):
    factories.OrganisationFactory(name='=HYPERLINK("http://evil.example","Click")')
    factories.OrganisationFactory(name="+1+cmd|' /C calc'!A0")

    response = _admin_export(superuser_client, "csv")

    content = b"".join(response.streaming_content if response.streaming else [response.content])
    text = content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "'=HYPERLINK(" in text
    assert "'+1+cmd|" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_admin_xlsx_export_writes_no_formula_cells(superuser_client):
    factories.OrganisationFactory(name='=HYPERLINK("http://evil.example","Click")')

    response = _admin_export(superuser_client, "xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert response.status_code == 200
    assert '=HYPERLINK("http://evil.example","Click")' in [cell.value for cell in cells]
    assert [cell for cell in cells if cell.data_type == "f"] == []
