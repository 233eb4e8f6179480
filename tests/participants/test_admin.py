"""The Django admin pages this app and the events app register (superusers only)."""

import pytest
from django.urls import reverse

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
