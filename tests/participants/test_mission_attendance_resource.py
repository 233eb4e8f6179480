import datetime

import pytest

from events.models import Session
from participants import exporting
from participants.importing import ImportFileError, read_table, run_import
from participants.resources import MissionAttendanceResource
from tests.factories import EventFactory, MissionFactory, ProgrammeDayFactory, SessionFactory


@pytest.fixture
def series(db):
    event = EventFactory(start_date=datetime.date(2027, 4, 6), end_date=datetime.date(2027, 4, 6))
    day = ProgrammeDayFactory(event=event, date=datetime.date(2027, 4, 6))
    SessionFactory(
        day=day,
        title="Viet Nam",
        state_under_review="VN",
        start_time=datetime.time(10, 0),
        end_time=datetime.time(11, 0),
    )
    SessionFactory(
        day=day,
        title="Chile",
        state_under_review="CL",
        start_time=datetime.time(11, 0),
        end_time=datetime.time(12, 0),
    )
    MissionFactory(organisation__name="Permanent Mission of Norway", state="NO")
    MissionFactory(organisation__name="Permanent Mission of Brazil", state="BR")
    return event


def import_sheet(event, text, *, dry_run=False):
    table = read_table(text.encode(), "missions.csv", MissionAttendanceResource(event=event))
    return run_import(MissionAttendanceResource(event=event), table, dry_run=dry_run)


def present(event):
    return {
        session.title: sorted(m.organisation.name for m in session.missions_present.all())
        for session in Session.objects.for_event(event)
    }


def test_mission_sheet_marks_missions_present_per_session_and_reexports_the_same(series):
    outcome = import_sheet(
        series,
        "Mission,Recommending state,Viet Nam,2027-04-06 11:00 Chile\n"
        "Permanent Mission of Norway,Norway,x,\n"
        "Permanent Mission of Brazil,,yes,1\n",
    )
    resource = MissionAttendanceResource(event=series)
    content = exporting.render(resource.export(resource.export_queryset()), "csv")
    again = import_sheet(series, content.decode("utf-8-sig"))

    assert outcome.written
    assert present(series) == {
        "Viet Nam": ["Permanent Mission of Brazil", "Permanent Mission of Norway"],
        "Chile": ["Permanent Mission of Brazil"],
    }
    assert content.decode("utf-8-sig").splitlines() == [
        "Mission,Recommending state,2027-04-06 10:00 Viet Nam,2027-04-06 11:00 Chile",
        "Permanent Mission of Brazil,Brazil,yes,yes",
        "Permanent Mission of Norway,Norway,yes,",
    ]
    assert again.totals == {"new": 0, "update": 0, "skip": 2, "error": 0}


def test_mission_sheet_empty_cell_removes_a_mission(series):
    import_sheet(series, "Mission,Viet Nam,Chile\nPermanent Mission of Norway,x,x\n")

    outcome = import_sheet(series, "Mission,Viet Nam,Chile\nPermanent Mission of Norway,x,\n")

    assert outcome.rows[0].changes == ["no longer present at Chile"]
    assert present(series) == {"Viet Nam": ["Permanent Mission of Norway"], "Chile": []}


def test_mission_sheet_unknown_mission_is_refused_and_nothing_written(series):
    outcome = import_sheet(
        series,
        "Mission,Recommending state,Viet Nam\n"
        "Permanent Mission of Norway,,x\n"
        "Embassy of Atlantis,,x\n"
        "Permanent Mission of Brazil,Chile,maybe\n",
    )

    assert not outcome.written
    errors = [
        (row.line, [(error.column, error.message) for error in row.errors])
        for row in outcome.rows
        if row.errors
    ]
    assert errors == [
        (
            3,
            [
                (
                    "Mission",
                    "“Embassy of Atlantis” is not a mission of the roster. Import the "
                    "roster first.",
                )
            ],
        ),
        (
            4,
            [
                ("Recommending state", "Permanent Mission of Brazil is the mission of Brazil."),
                (
                    "2027-04-06 10:00 Viet Nam",
                    "“maybe” is not a mark: write yes, x or 1, or leave empty.",
                ),
            ],
        ),
    ]
    assert present(series) == {"Viet Nam": [], "Chile": []}


def test_mission_sheet_refuses_a_column_naming_no_session(series):
    with pytest.raises(ImportFileError, match="Unknown columns: Peru"):
        read_table(
            b"Mission,Peru\nPermanent Mission of Norway,x\n",
            "missions.csv",
            MissionAttendanceResource(event=series),
        )
