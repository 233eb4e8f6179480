import pytest

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
