import pytest
from django.db import transaction

from events.demo import load_demo_event
from tests import factories


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
