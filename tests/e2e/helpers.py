"""What a person does in the browser, shared by the journeys."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

PASSWORD = "correct horse battery"  # tests.factories.UserFactory's password


def log_in(page: Page, user, password=PASSWORD):
    """Log in through the login page, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
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
