"""Browser tests: Playwright drives the system Chromium against pytest-django's live server.

Playwright's own browser download is never used: the tests launch Debian's `chromium`
(/usr/bin/chromium, or E2E_CHROMIUM). Without it every browser test is skipped with one
reason naming the package to install; they never fail for that.
"""

import os
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from playwright.sync_api import Page, expect, sync_playwright

CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_MISSING = (
    f"Chromium not found at {CHROMIUM}: install the Debian package `chromium` "
    "(apt-get install chromium) to run the browser tests"
)
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}

expect.set_options(timeout=10_000)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
    # The browser tests last: they empty the database after each test (transactional),
    # so no test that expects the migrations' reference data may come between them.
    # pytest-django orders them so, but pytest's grouping by session-scoped parameters
    # (pytest-playwright's browser_name) can move them.
    items.sort(key=lambda item: "e2e" in item.keywords)
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=CHROMIUM_MISSING)
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


# --- Playwright's lifetime --------------------------------------------------------------
# Playwright's sync API keeps an asyncio loop running in the test thread for as long as it
# is started. Django then takes the thread for an async one: its async-safety check refuses
# the ORM calls the tests make, and its database connections become per-context objects
# that are not the ones set up for the tests. So Playwright lives for one test module only
# (pytest-playwright keeps it for the whole session), the check is switched off only
# meanwhile (the known pattern: the test thread runs no async code of its own), and the
# serialised reference data (themes, role groups: see _keep_reference_data) is carried over.


@pytest.fixture(scope="session")
def _reference_data(django_db_setup, django_db_blocker):
    """The database's content after migrations (themes, role groups and their permissions),
    as serialised for transactional tests; read before any asyncio loop runs."""
    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:
        with django_db_blocker.unblock():
            contents = connection.creation.serialize_db_to_string()
    return contents


@pytest.fixture(scope="module")
def playwright(_reference_data):
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"
    driver = sync_playwright().start()
    yield driver
    driver.stop()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser_type(playwright, browser_name):
    return getattr(playwright, browser_name)


@pytest.fixture(scope="module")
def launch_browser(browser_type_launch_args, browser_type):
    def launch(**kwargs):
        return browser_type.launch(**{**browser_type_launch_args, **kwargs})

    return launch


@pytest.fixture(scope="module")
def browser(launch_browser):
    browser = launch_browser()
    yield browser
    browser.close()


@pytest.fixture(autouse=True)
def _keep_reference_data(_reference_data, page, django_db_blocker):
    """Transactional tests empty the database after each test and, with serialized_rollback,
    load the reference data back before the next. With Playwright's loop running, Django
    uses another connection object, which lacks the serialised data: give it to it, and
    load it now if this test started without it."""
    connection = connections["default"]
    if getattr(connection, "_test_serialized_contents", None) is None:
        connection._test_serialized_contents = _reference_data
        with django_db_blocker.unblock():
            connection.creation.deserialize_db_from_string(_reference_data)
    yield


# --- The browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_FLAGS],
    }


@pytest.fixture(scope="module")
def browser_context_args(live_server):
    # The URLconf imports every app's views, WeasyPrint among them: several seconds, which
    # a first page (of a loaded machine) would spend out of its navigation timeout. Imports
    # are per process: loading it here spares the live server's first request.
    import_module(settings.ROOT_URLCONF)
    # pytest-playwright's own version reads device descriptors from a session-long
    # Playwright; the journeys use none.
    return {
        "base_url": live_server.url,
        "viewport": VIEWPORT,
        "locale": "en-GB",
        "timezone_id": "UTC",
        "accept_downloads": True,
    }


@pytest.fixture(autouse=True)
def private_storage(private_storage):
    """Uploads made through the browser land in a throwaway private folder."""
    return private_storage


@pytest.fixture(autouse=True)
def page_defaults(page: Page):
    page.set_default_timeout(10_000)
    return page
