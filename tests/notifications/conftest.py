import pytest

from tests import factories

REFUSING = "tests.notifications.backends.RefusingBackend"
DUMMY_QUEUE = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def team(db):
    return factories.TeamFactory(name="CCHR Phnom Penh", slug="cchr")


@pytest.fixture
def review_context():
    """The context of the factsheets.reviewed template, which the tests send."""
    return {
        "factsheet_title": "Land & housing",
        "event_title": "Cambodia pre-session",
        "approved": False,
        "comment": "Please cite the 2019 report <b>in full</b>.",
        "link": "https://upr.example.org/factsheets/1/",
        "team_name": "CCHR Phnom Penh",
    }
