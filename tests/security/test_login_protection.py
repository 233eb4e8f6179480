import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from security.client_ip import client_ip
from tests.factories import organiser
from tests.security.conftest import PASSWORD


def _login(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


@pytest.mark.django_db
def test_lockout_after_failures_blocks_even_the_right_password(client, limit):
    user = organiser(username="desk")
    for _ in range(limit):
        _login(client, "desk", "wrong password")

    response = _login(client, "desk", PASSWORD)

    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The right password during the lockout counts as one more failure.
    assert AccessAttempt.objects.get(username=user.username).failures_since_start == limit + 1


@pytest.mark.django_db
def test_lockout_is_per_user_and_ip_together(limit):
    organiser(username="desk")
    organiser(username="other")
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(limit):
        _login(attacker, "desk", "wrong password")

    same_user_other_ip = _login(Client(REMOTE_ADDR="198.51.100.7"), "desk", PASSWORD)
    other_user_same_ip = _login(attacker, "other", PASSWORD)

    assert same_user_other_ip.status_code == 302
    assert other_user_same_ip.status_code == 302


@pytest.mark.django_db
def test_cool_off_lets_the_user_in_again(client, limit, settings):
    organiser(username="desk")
    for _ in range(limit):
        _login(client, "desk", "wrong password")
    assert _login(client, "desk", PASSWORD).status_code == 429
    # The cool-off has passed: the recorded attempts are older than it.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    )

    response = _login(client, "desk", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("reports:dashboard")


@pytest.mark.django_db
def test_forged_forwarded_for_does_not_escape_lockout(limit):
    organiser(username="desk")
    client = Client(REMOTE_ADDR="203.0.113.9")
    for attempt in range(limit):
        _login(client, "desk", "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}")

    response = _login(client, "desk", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9")

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


@pytest.mark.django_db
def test_admin_login_is_locked_out_too(client, limit):
    organiser(username="boss", is_staff=True, is_superuser=True)
    for _ in range(limit):
        client.post(
            reverse("admin:login"),
            {"username": "boss", "password": "wrong", "otp_token": "123456"},
        )

    response = client.post(
        reverse("admin:login"), {"username": "boss", "password": PASSWORD, "otp_token": "1"}
    )

    assert response.status_code == 429


def _request(rf, remote_addr, forwarded=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded", "expected"),
    [
        (0, "203.0.113.9", None, "203.0.113.9"),
        (0, "203.0.113.9", "1.2.3.4", "203.0.113.9"),
        (1, "127.0.0.1", "203.0.113.9", "203.0.113.9"),
        (1, "127.0.0.1", "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (1, "127.0.0.1", None, "127.0.0.1"),
        (1, "127.0.0.1", "not-an-ip", "127.0.0.1"),
        (2, "127.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
    ],
    ids=[
        "direct",
        "direct-forged-header-ignored",
        "one-proxy",
        "one-proxy-forged-left-part-ignored",
        "one-proxy-no-header",
        "one-proxy-garbage-header",
        "two-proxies",
    ],
)
def test_client_ip(rf, settings, proxies, remote_addr, forwarded, expected):
    settings.UPR_TRUSTED_PROXY_COUNT = proxies

    assert client_ip(_request(rf, remote_addr, forwarded)) == expected


@pytest.mark.django_db
def test_behind_one_proxy_lockout_follows_the_real_client(settings, limit):
    settings.UPR_TRUSTED_PROXY_COUNT = 1
    organiser(username="desk")
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    for _ in range(limit):
        # The attacker forges a left-hand entry; the proxy appends the real address.
        _login(proxy, "desk", "wrong", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")

    attacker = _login(proxy, "desk", PASSWORD, HTTP_X_FORWARDED_FOR="2.2.2.2, 203.0.113.9")
    colleague = _login(proxy, "desk", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert attacker.status_code == 429
    assert colleague.status_code == 302
