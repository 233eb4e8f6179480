import pytest
from django.test import Client

from tests import factories


class TwoFactorClient(Client):
    """A test client whose force_login() also passes the second factor, so tests of pages
    run with two-factor authentication required (as in production) and need no 2FA steps.
    Tests of the 2FA requirement itself use the `unverified_client` fixture."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        factories.pass_second_factor(self, user)


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
