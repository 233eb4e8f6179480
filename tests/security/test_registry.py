import pytest

from security.registry import history_models, team_ids_of, team_lookup
from tests import factories


def test_every_app_declares_its_models_with_history():
    names = set(history_models())

    assert {"team", "membership", "person", "event", "programmeday", "session"} <= names
    assert {"factsheet", "activityreport", "testimony", "mission"} <= names


def test_parents_come_before_the_records_that_point_to_them():
    order = list(history_models())

    assert order.index("event") < order.index("programmeday") < order.index("session")
    assert order.index("session") < order.index("sessionrole")
    assert order.index("registration") < order.index("attendance")
    assert order.index("factsheet") < order.index("suggestedrecommendation")


def test_shared_models_have_no_team_lookup():
    models = history_models()

    assert team_lookup(models["mission"]) is None
    assert team_lookup(models["session"]) == "day__event__team"


@pytest.mark.django_db
def test_team_ids_of_deleted_records_follow_their_deleted_parents():
    session = factories.SessionFactory()
    team_id = session.day.event.team_id
    session_pk = session.pk
    session.day.event.delete()
    model = history_models()["session"]
    record = model.history.filter(id=session_pk, history_type="-").get()

    assert team_ids_of(model, [record]) == [team_id]
