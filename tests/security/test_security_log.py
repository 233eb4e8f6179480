import logging
import re

import pytest
from django.test import Client
from django.urls import reverse

from security.logformat import UTCFormatter
from tests import factories
from tests.factories import PersonFactory, organiser, report_admin
from tests.security.conftest import PASSWORD

SECURITY = "upr.security"


def _security_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == SECURITY]


@pytest.mark.django_db
def test_failed_access_line_names_no_participant(client, caplog):
    person = PersonFactory(given_name="Sokha", family_name="Chhun")
    testimony = factories.TestimonyFactory(text="I was followed after the meeting")
    # A report administrator sees the person but may not open the privacy page: a 403.
    user = report_admin()
    client.force_login(user)
    caplog.set_level(logging.INFO, logger=SECURITY)

    response = client.get(
        reverse("privacy:person", args=[person.pk]) + "?q=Sokha+Chhun", REMOTE_ADDR="203.0.113.5"
    )

    assert response.status_code == 403
    [line] = [m for m in _security_lines(caplog) if "access_denied" in m]
    assert f"user_id={user.pk}" in line
    assert "ip=203.0.113.5" in line
    assert f"path=/participants/privacy/people/{person.pk}/" in line
    assert re.search(r"utc=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", line)
    for secret in ("Sokha", "Chhun", "followed", testimony.text):
        assert secret not in line


@pytest.mark.django_db
def test_login_failure_and_lockout_are_logged_without_typed_names(caplog, settings):
    settings.AXES_FAILURE_LIMIT = 2
    user = organiser(username="desk")
    client = Client(REMOTE_ADDR="198.51.100.4")
    caplog.set_level(logging.INFO, logger=SECURITY)

    client.post(reverse("login"), {"username": "desk", "password": "wrong"})
    client.post(reverse("login"), {"username": "desk", "password": "wrong"})
    client.post(reverse("login"), {"username": "Sokha Chhun", "password": "x"})

    lines = _security_lines(caplog)
    assert any(
        "event=login_failed" in m and f"account_id={user.pk}" in m and "ip=198.51.100.4" in m
        for m in lines
    )
    assert any("event=lockout" in m and f"account_id={user.pk}" in m for m in lines)
    assert any("event=login_failed" in m and "account_id=unknown" in m for m in lines)
    assert not any("desk" in m or "Sokha" in m for m in lines)


@pytest.mark.django_db
def test_successful_login_is_logged(unverified_client, caplog):
    user = organiser()
    caplog.set_level(logging.INFO, logger=SECURITY)

    unverified_client.post(reverse("login"), {"username": user.username, "password": PASSWORD})

    assert any(f"event=login user_id={user.pk} ip=127.0.0.1" in m for m in _security_lines(caplog))


def test_log_timestamps_are_utc():
    record = logging.LogRecord(SECURITY, logging.INFO, __file__, 1, "x", None, None)
    record.created = 0.0
    record.msecs = 0

    formatted = UTCFormatter("%(asctime)s %(message)s").format(record)

    assert formatted == "1970-01-01T00:00:00.000Z x"
