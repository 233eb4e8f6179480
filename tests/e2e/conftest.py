"""Browser tests: Playwright drives the system Chromium against pytest-django's live server.

Playwright's own browser download is never used: the tests launch Debian's `chromium`
(/usr/bin/chromium, or E2E_CHROMIUM). Without it every browser test is skipped with one
reason naming the package to install; they never fail for that.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

# Playwright's sync API runs an event loop in the test's thread, so Django's async-safety
# check refuses the ORM calls the tests make to arrange and inspect data. The test thread
# never runs async code of its own: the check is a false alarm here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

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


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=CHROMIUM_MISSING)
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_FLAGS],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "viewport": VIEWPORT,
        "locale": "en-GB",
        "timezone_id": "UTC",
        "accept_downloads": True,
    }


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Uploads made through the browser land in a throwaway private folder."""
    root = tmp_path / "private_media"
    root.mkdir()
    settings.PRIVATE_MEDIA_ROOT = root
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": None},
        },
    }
    return root


@pytest.fixture(autouse=True)
def page_defaults(page: Page):
    page.set_default_timeout(10_000)
    return page
