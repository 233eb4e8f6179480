"""What a person does in the browser, shared by the journeys."""

import base64
import re

from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from security.two_factor import requires_two_factor

PASSWORD = "correct horse battery"  # tests.factories.UserFactory's password


def pair_authenticator(user):
    """The user's phone, already paired with the app: a confirmed TOTP device."""
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def current_code(key: bytes):
    """The six digits an authenticator app shows now for the secret `key`."""
    return f"{TOTP(key).token():06d}"


def log_in(page: Page, user, password=PASSWORD, *, check_accessibility=False):
    """Log in through the login page, as a person would, with the second step when their
    role requires it: typing the code of their paired authenticator, or, at a first login,
    pairing one by typing the key the set-up page shows (as into a phone) and its code."""
    page.goto("/accounts/login/")
    if check_accessibility:
        assert_accessible(page)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    if requires_two_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
            if check_accessibility:
                assert_accessible(page)
            page.get_by_label("Code").fill(current_code(device.bin_key))
            page.get_by_role("button", name="Verify").click()
        else:
            expect(
                page.get_by_role("heading", name="Set up two-factor authentication")
            ).to_be_visible()
            if check_accessibility:
                assert_accessible(page)
            typed_key = page.get_by_text(re.compile(r"^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$"))
            secret = typed_key.inner_text().replace(" ", "")
            key = base64.b32decode(secret + "=" * (-len(secret) % 8))
            page.get_by_label("Six-digit code from your authenticator app").fill(current_code(key))
            page.get_by_role("button", name="Turn on two-factor authentication").click()
            expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
            page.get_by_role("link", name="I have saved my codes").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


_axe = Axe()


def assert_accessible(page: Page):
    """No critical or serious axe-core violation on the page as it is now."""
    results = _axe.run(page)
    blocking = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in {"critical", "serious"}
    ]
    details = "\n".join(
        f"{violation['impact']} {violation['id']}: {violation['help']} -> "
        + "; ".join(
            f"{node['target'][0]} ({node.get('failureSummary', '').splitlines()[-1].strip()})"
            for node in violation["nodes"][:5]
        )
        for violation in blocking
    )
    assert not blocking, f"{page.url}\n{details}"
