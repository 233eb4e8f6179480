import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import end_user_sessions
from security.log import SESSION_LOGIN_AT
from security.middleware import SESSION_LAST_SEEN
from security.services import deactivate_user
from tests.factories import organiser
from tests.security.conftest import PASSWORD


def _sessions_of(user):
    return [s for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) == str(user.pk)]


def _age_session(client, **fields):
    session = client.session
    for key, seconds_ago in fields.items():
        session[key] = int(time.time()) - seconds_ago
    session.save()


@pytest.mark.django_db
def test_login_gives_a_new_session_key(unverified_client):
    user = organiser()
    unverified_client.get(reverse("login"))
    unverified_client.cookies["sessionid"] = "presetsessionkeyfromanattacker000"
    session = unverified_client.session
    session["marker"] = 1
    session.save()
    before = session.session_key

    unverified_client.post(reverse("login"), {"username": user.username, "password": PASSWORD})

    assert unverified_client.session.session_key != before
    assert unverified_client.session[SESSION_KEY] == str(user.pk)


@pytest.mark.django_db
def test_idle_session_ends(client, settings):
    settings.UPR_SESSION_IDLE_TIMEOUT = 600
    client.force_login(organiser())
    _age_session(client, **{SESSION_LAST_SEEN: 601})

    response = client.get(reverse("reports:dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_active_session_stays_within_idle_timeout(client, settings):
    settings.UPR_SESSION_IDLE_TIMEOUT = 600
    client.force_login(organiser())
    _age_session(client, **{SESSION_LAST_SEEN: 500})

    response = client.get(reverse("reports:dashboard"))

    assert response.status_code == 200
    assert time.time() - client.session[SESSION_LAST_SEEN] < 5


@pytest.mark.django_db
def test_session_ends_after_absolute_lifetime_even_if_active(client, settings):
    settings.UPR_SESSION_ABSOLUTE_LIFETIME = 3600
    client.force_login(organiser())
    _age_session(client, **{SESSION_LOGIN_AT: 3601, SESSION_LAST_SEEN: 10})

    response = client.get(reverse("reports:dashboard"))

    assert response.status_code == 302
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_deactivation_ends_every_session_of_the_user():
    user, colleague = organiser(), organiser()
    laptop, phone, other = Client(), Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    other.force_login(colleague)

    ended = deactivate_user(user, by=colleague)

    assert ended == 2
    assert _sessions_of(user) == []
    assert len(_sessions_of(colleague)) == 1
    user.refresh_from_db()
    assert user.is_active is False


@pytest.mark.django_db
def test_deactivated_user_cannot_log_in(unverified_client):
    user = organiser()
    deactivate_user(user, by=None)

    response = unverified_client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}
    )

    assert response.status_code == 200
    assert SESSION_KEY not in unverified_client.session


@pytest.mark.django_db
def test_admin_action_deactivates_and_ends_sessions(admin_client):
    user = organiser()
    Client().force_login(user)

    admin_client.post(
        reverse("admin:participants_user_changelist"),
        {"action": "deactivate_users", "_selected_action": [user.pk]},
    )

    user.refresh_from_db()
    assert user.is_active is False
    assert _sessions_of(user) == []


@pytest.mark.django_db
def test_password_change_ends_other_sessions(client):
    user = organiser()
    other_device = Client()
    other_device.force_login(user)
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a much longer new passphrase",
            "new_password2": "a much longer new passphrase",
        },
    )

    assert response.status_code == 302
    assert client.get(reverse("reports:dashboard")).status_code == 200
    assert other_device.get(reverse("reports:dashboard")).status_code == 302


@pytest.mark.django_db
def test_unticking_active_in_the_admin_ends_sessions(admin_client):
    user = organiser()
    Client().force_login(user)
    change_url = reverse("admin:participants_user_change", args=[user.pk])
    form = admin_client.get(change_url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key not in {"groups", "user_permissions", "is_active"}
    }
    data.update(
        {
            "groups": [g.pk for g in user.groups.all()],
            "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
            "organisation": "",
        }
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)

    response = admin_client.post(change_url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert user.is_active is False
    assert _sessions_of(user) == []


@pytest.mark.django_db
def test_expired_htmx_request_sends_the_browser_to_login(client, settings):
    settings.UPR_SESSION_IDLE_TIMEOUT = 600
    client.force_login(organiser())
    _age_session(client, **{SESSION_LAST_SEEN: 601})

    response = client.get(reverse("reports:dashboard"), HTTP_HX_REQUEST="true")

    assert response["HX-Redirect"].startswith(reverse("login"))


@pytest.mark.django_db
def test_signed_in_request_reads_its_session_from_the_cache():
    user = organiser()
    desk = Client()
    desk.force_login(user)
    desk.get(reverse("accounts:no_access"))

    with CaptureQueriesContext(connection) as queries:
        response = desk.get(reverse("accounts:no_access"))

    assert response.wsgi_request.user == user
    assert [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]] == []


@pytest.mark.django_db
def test_ended_session_in_the_cache_is_signed_out():
    user = organiser()
    laptop = Client()
    laptop.force_login(user)
    url = reverse("accounts:no_access")
    assert laptop.get(url).wsgi_request.user == user

    end_user_sessions(user)

    response = laptop.get(url)
    assert response.wsgi_request.user.is_authenticated is False
