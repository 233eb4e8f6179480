import pytest
from django.urls import reverse

from tests.factories import EventFactory


@pytest.mark.django_db
def test_dashboard_anonymous_redirects_to_login(client):
    response = client.get(reverse("events:dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_dashboard_lists_events(client, organiser_user):
    event = EventFactory(title="Cambodia pre-session")
    client.force_login(organiser_user)

    response = client.get(reverse("events:dashboard"))

    assert response.status_code == 200
    assert event.title in response.content.decode()
