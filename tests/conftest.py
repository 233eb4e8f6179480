import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation
from django.utils.translation import trans_real

from accounts.translations import compile_catalogues
from demo.loader import load_demo_event
from tests import factories


class TwoFactorClient(Client):
    """A test client whose force_login() also passes the second factor, so tests of pages
    run with two-factor authentication required (as in production) and need no 2FA steps.
    Tests of the 2FA requirement itself use the `unverified_client` fixture."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        factories.pass_second_factor(self, user)


def pytest_configure(config):
    """The French and Khmer catalogues compiled afresh, as `make run` does, before anything
    is collected: Django keeps a language's catalogue from its first use to the end of the
    run, so a stale .mo read while collecting would stay in use."""
    compile_catalogues(force=True)
    # Django was set up before this hook: forget any catalogue it read meanwhile (the
    # same reset Django's own tests do when LOCALE_PATHS changes).
    trans_real._translations = {}
    trans_real._default = None


@pytest.fixture(autouse=True)
def _english_between_tests():
    """Each test starts in English: a request answered in Khmer leaves Khmer active in the
    thread (as LocaleMiddleware does in a server, until the next request chooses again)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _two_factor_required(settings):
    """Tests run with production's security default, whatever a developer's .env says."""
    settings.UPR_REQUIRE_2FA = True


@pytest.fixture
def client():
    return TwoFactorClient()


@pytest.fixture
def unverified_client():
    """A plain client: force_login() gives a session that has not passed the second factor."""
    return Client()


@pytest.fixture
def admin_client(db, admin_user):
    client = TwoFactorClient()
    client.force_login(admin_user)
    return client


@pytest.fixture
def organiser_user(db):
    return factories.organiser()


@pytest.fixture
def cso_user(db):
    return factories.cso_staff()


@pytest.fixture
def report_admin_user(db):
    return factories.report_admin()


@pytest.fixture
def event(db):
    return factories.EventFactory()


@pytest.fixture(scope="module")
def _demo_event_for_module(django_db_setup, django_db_blocker):
    # Loading the demo takes seconds: once per test module, inside a transaction that is
    # rolled back when the module ends. Each test still runs in its own savepoint.
    # The database is unblocked only while loading and rolling back, so a test that forgot
    # its `db` fixture still fails instead of writing into the shared transaction.
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
        event = load_demo_event()
    yield event
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def demo_event(_demo_event_for_module, db):
    """The Cambodia 2018 demo event of `manage.py load_demo` (no logins). The whole test
    module shares it: a test module using it must not expect an empty database elsewhere."""
    return _demo_event_for_module


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests hash many passwords and need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def private_storage(settings, tmp_path):
    """Point the private media root (the default storage) at an empty folder of this test."""
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


@pytest.fixture(autouse=True, scope="session")
def _test_cache(tmp_path_factory):
    """The tests' cache: the same file-based backend as a default installation, in a folder
    of this test run, never the project's .cache/ that a running server may share."""
    location = tmp_path_factory.mktemp("cache")
    backend = "django.core.cache.backends.filebased.FileBasedCache"
    options = settings.CACHES["default"].get("OPTIONS", {})
    caches = {"default": {"BACKEND": backend, "LOCATION": str(location), "OPTIONS": options}}
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(autouse=True)
def _empty_cache(_test_cache):
    """Each test starts with an empty cache: a rolled-back test's ids are used again by the
    next one (SQLite), and a page or PDF cached under them must not be served to it."""
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Jobs run at once, inside the test, with django-tasks' immediate backend: no worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
