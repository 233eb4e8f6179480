"""Every page a newcomer reaches, as an organiser and as CSO staff, on the demo event:
it fits a 390 px phone without scrolling sideways, and opens with no console error and
no Content-Security-Policy violation (an inline style or script the CSP blocks).

The pages are found as a newcomer finds them: by following the links of each page from
the dashboard (GET only: nothing is submitted), one page per kind of address."""

import re
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Page

from demo.loader import load_demo_event
from participants.models import Organisation
from tests import factories
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
# Not pages: downloads, the admin (its own look), jobs started by a link, the logout form.
NOT_PAGES = re.compile(
    r"\.(?:pdf|xlsx|csv|json|ics)\b|/download|/export|/admin/|/jobs/|/logout|format="
)
# Enough for every kind of page of the demo event; the crawl ends sooner.
MAX_PAGES = 80
# Records CSP violations in the page, for the test to read (console messages miss some).
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def _kind_of_address(path):
    """/participants/people/12/ and /participants/people/13/ are the same kind of page."""
    return re.sub(r"\d+", "N", path.split("?")[0]) + ("?" if "?" in path else "")


def crawl(page: Page, base_url, visit):
    """Follow the site's links breadth-first from the dashboard, calling `visit(path)` on
    each HTML page (one per kind of address); returns the paths visited."""
    queue, seen_kinds, visited = ["/"], set(), []
    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        kind = _kind_of_address(path)
        if kind in seen_kinds:
            continue
        seen_kinds.add(kind)
        response = page.goto(path)
        page.wait_for_load_state("networkidle")
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        assert response.status < 400, f"{path}: HTTP {response.status}"
        visited.append(path)
        visit(path)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            link = urlparse(urljoin(base_url + path, href))
            if f"{link.scheme}://{link.netloc}" != base_url:
                continue
            target = link.path + (f"?{link.query}" if link.query else "")
            if not NOT_PAGES.search(target) and _kind_of_address(target) not in seen_kinds:
                queue.append(target)
    return visited


def newcomer(role):
    """An organiser of the demo team, or CSO staff of one of its speaking organisations."""
    event = load_demo_event()
    if role == "organiser":
        return factories.organiser(event.team, first_name="New", last_name="Organiser")
    coalition = Organisation.objects.get(team=event.team, acronym="LCRC")
    return factories.cso_staff(coalition, first_name="New", last_name="Staff")


@pytest.mark.parametrize("role", ["organiser", "cso_staff"])
def test_every_page_fits_a_390_px_phone(browser, live_server, role):
    user = newcomer(role)
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    too_wide = {}

    def fits(path):
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width

    log_in(page, user)  # on a wide screen: on a phone the "Log out" button is in the menu
    page.set_viewport_size(PHONE)
    visited = crawl(page, live_server.url, fits)
    if role == "organiser":
        # The registration desk as it is used at the door: searching for a name.
        (desk,) = [path for path in visited if re.search(r"/desk/\d+/$", path)]
        page.goto(desk)
        page.get_by_role("searchbox", name="Search registrations").fill("Chan")
        page.wait_for_load_state("networkidle")
        fits(desk + "?q=Chan")
    context.close()

    assert len(visited) > (25 if role == "organiser" else 5), visited
    assert too_wide == {}


@pytest.mark.parametrize("role", ["organiser", "cso_staff"])
def test_every_page_opens_without_console_error_or_csp_violation(page: Page, live_server, role):
    user = newcomer(role)
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: console.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: console.append(str(error)))
    problems = {}

    def clean(path):
        violations = page.evaluate("window.__cspViolations")
        if console or violations:
            problems[path] = [*console, *violations]
        console.clear()

    log_in(page, user)
    visited = crawl(page, live_server.url, clean)

    assert len(visited) > (25 if role == "organiser" else 5), visited
    assert problems == {}
