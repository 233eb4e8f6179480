import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import (
    DelegationPresence,
    FloorTaken,
    ProgrammeDay,
    Session,
    SessionKind,
    SessionRole,
    SessionRoleKind,
)
from participants import exporting
from participants.importing import ImportFileError, read_table, run_import
from participants.models import Person, Registration, RegistrationRole
from participants.resources import ProgrammeResource
from tests.factories import (
    EventFactory,
    MissionFactory,
    PersonFactory,
    ProgrammeDayFactory,
    RegistrationFactory,
    SessionFactory,
    SessionRoleFactory,
    UserFactory,
    organiser,
    report_admin,
)

HEADER = "Date,Starts,Ends,Title,Kind,Description\n"


def import_programme(event, text, *, dry_run=False):
    content = (HEADER + text).encode()
    table = read_table(content, "programme.csv", ProgrammeResource(event=event))
    return run_import(ProgrammeResource(event=event), table, dry_run=dry_run)


@pytest.mark.django_db
def test_programme_import_creates_days_and_sessions():
    event = EventFactory(
        start_date=datetime.date(2018, 11, 14), end_date=datetime.date(2018, 11, 16)
    )

    outcome = import_programme(
        event,
        "14/11/2018,09:00,10:30,Orientation on the UPR,Training,\n"
        "2018-11-15,9:00,9:30,Opening remarks,opening,EU Delegation\n"
        "2018-11-15,09:30,11:00,First dialogue,Interactive dialogue,\n",
    )

    assert outcome.written, outcome
    assert list(ProgrammeDay.objects.values_list("date", flat=True)) == [
        datetime.date(2018, 11, 14),
        datetime.date(2018, 11, 15),
    ]
    assert list(
        Session.objects.in_programme_order().values_list("title", "kind", "start_time")
    ) == [
        ("Orientation on the UPR", SessionKind.TRAINING, datetime.time(9, 0)),
        ("Opening remarks", SessionKind.OPENING_REMARKS, datetime.time(9, 0)),
        ("First dialogue", SessionKind.INTERACTIVE_DIALOGUE, datetime.time(9, 30)),
    ]


@pytest.mark.django_db
def test_programme_reimport_skips_and_corrected_file_updates():
    event = EventFactory()
    text = "2018-11-14,09:00,10:30,Orientation,Training,\n"
    import_programme(event, text)

    again = import_programme(event, text)
    corrected = import_programme(event, "2018-11-14,09:00,11:00,orientation ,Training,Longer\n")

    assert again.totals == {"new": 0, "update": 0, "skip": 1, "error": 0}
    assert corrected.totals["update"] == 1
    session = Session.objects.get()
    assert (session.end_time, session.description) == (datetime.time(11, 0), "Longer")


@pytest.mark.django_db
def test_programme_bad_rows_write_nothing_and_name_the_column():
    event = EventFactory()

    outcome = import_programme(
        event,
        "2018-11-14,09:00,10:30,Fine,Panel,\n"
        "2019-01-30,09:00,10:30,Outside the event,Panel,\n"
        "2018-11-14,11:00,10:00,Ends before start,Panel,\n"
        "2018-11-14,25:00,26:00,Bad time,Dance,\n",
    )

    assert not outcome.written
    assert [(row.line, [e.column for e in row.errors]) for row in outcome.error_rows] == [
        (3, ["Date"]),
        (4, ["Ends"]),
        (5, ["Starts", "Ends", "Kind"]),
    ]
    assert Session.objects.count() == 0 and ProgrammeDay.objects.count() == 0


@pytest.mark.django_db
def test_programme_missing_columns_lists_expected():
    with pytest.raises(ImportFileError, match="Expected columns: Date \\(required\\), Starts"):
        read_table(b"Title\nX\n", "p.csv", ProgrammeResource(event=EventFactory()))


@pytest.mark.django_db
def test_programme_export_lists_moderators_and_speakers_and_reimports_unchanged():
    event = EventFactory()
    session = SessionFactory(
        day=ProgrammeDayFactory(event=event), title="Panel on civic space", kind=SessionKind.PANEL
    )
    moderator = PersonFactory(given_name="Hans", family_name="Fridlund")
    SessionRoleFactory(
        session=session,
        person=moderator,
        role="moderator",
        position="Programme Manager, UPR Info",
    )
    SessionRoleFactory(
        session=session, person=PersonFactory(given_name="Ramana", family_name="Sorn")
    )
    resource = ProgrammeResource(event=event)
    resource.escape_formulae = True

    content = exporting.render(resource.export(resource.export_queryset()), "csv")
    table = read_table(content, "programme.csv", ProgrammeResource(event=event))
    outcome = run_import(ProgrammeResource(event=event), table, dry_run=False)

    text = content.decode("utf-8-sig")
    assert f"Hans Fridlund ({moderator.organisation.name})" in text
    assert "Ramana Sorn" in text
    assert outcome.totals == {"new": 0, "update": 0, "skip": 1, "error": 0}


@pytest.mark.django_db
def test_programme_export_xlsx_for_report_admin(client):
    import openpyxl

    event = EventFactory()
    SessionFactory(day=ProgrammeDayFactory(event=event), title="=Opening")
    client.force_login(report_admin())

    response = client.get(
        reverse(
            "participants:export",
            kwargs={"slug": event.slug, "kind": "programme", "format": "xlsx"},
        )
    )

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["D2"].value == "=Opening" and sheet["D2"].data_type == "s"


@pytest.mark.django_db
def test_programme_import_page_for_organiser(client):
    event = EventFactory()
    client.force_login(organiser())

    response = client.get(
        reverse("participants:import_upload", kwargs={"slug": event.slug, "kind": "programme"})
    )

    assert response.status_code == 200
    assert "Import: Programme" in response.content.decode()


@pytest.mark.django_db
def test_admin_programme_import_for_the_chosen_event(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = EventFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    content = (HEADER + "2018-11-14,09:00,10:00,Opening,Opening remarks,\n").encode()

    preview = client.post(
        reverse("admin:events_session_import"),
        {
            "resource": "0",
            "format": "0",
            "event": event.pk,
            "import_file": SimpleUploadedFile("programme.csv", content),
        },
    )
    client.post(
        reverse("admin:events_session_process_import"),
        {**preview.context["confirm_form"].initial, "resource": "0"},
    )

    assert Session.objects.get().day.event == event


@pytest.mark.django_db
def test_admin_programme_export(client):
    event = EventFactory()
    SessionFactory(day=ProgrammeDayFactory(event=event), title="Opening")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        reverse("admin:events_session_export"),
        {
            "format": "0",
            "resource": "0",
            **{f"programmeresource_{k}": "on" for k in ("date", "title")},
        },
    )

    assert response.status_code == 200
    assert "Opening" in response.content.decode("utf-8-sig")


GENEVA_HEADER = (
    "Date,Starts,Ends,Title,Kind,State under Review,SuR delegation present,"
    "SuR took the floor,Missions present,Moderators,Speakers\n"
)


def import_geneva_programme(event, text, *, dry_run=False):
    content = (GENEVA_HEADER + text).encode()
    table = read_table(content, "programme.csv", ProgrammeResource(event=event))
    return run_import(ProgrammeResource(event=event), table, dry_run=dry_run)


@pytest.fixture
def geneva_event(db):
    event = EventFactory(start_date=datetime.date(2027, 4, 6), end_date=datetime.date(2027, 4, 8))
    MissionFactory(organisation__name="Permanent Mission of Norway", state="NO")
    MissionFactory(organisation__name="Permanent Mission of Chile", state="CL")
    registered = PersonFactory(
        given_name="Hans", family_name="Fridlund", organisation__name="UPR Info"
    )
    RegistrationFactory(event=event, person=registered)
    PersonFactory(given_name="Sokha", family_name="Chan", organisation__name="League (Cambodia)")
    return event


def test_programme_import_reads_geneva_columns_speakers_and_registers_them(geneva_event):
    event = geneva_event

    outcome = import_geneva_programme(
        event,
        "2027-04-06,10:00,11:00,Viet Nam,Panel,Vietnam,yes,no,"
        '"Permanent Mission of Norway; Permanent Mission of Chile",Hans Fridlund (UPR Info),'
        '"Sokha Chan (League (Cambodia))"\n',
    )
    again = import_geneva_programme(
        event,
        "2027-04-06,10:00,11:00,Viet Nam,Panel,VN,Present,No,"
        '"Permanent Mission of Chile\nPermanent Mission of Norway",hans fridlund (upr info),'
        "Sokha Chan (League (Cambodia))\n",
    )

    assert outcome.written, (outcome.general_errors, [r.errors for r in outcome.rows])
    session = Session.objects.get()
    assert (
        session.state_under_review.code,
        session.sur_delegation_present,
        session.sur_took_floor,
    ) == ("VN", DelegationPresence.PRESENT, FloorTaken.NO)
    assert sorted(m.organisation.name for m in session.missions_present.all()) == [
        "Permanent Mission of Chile",
        "Permanent Mission of Norway",
    ]
    assert [(r.person.full_name, r.role) for r in session.roles.order_by("order")] == [
        ("Hans Fridlund", SessionRoleKind.MODERATOR),
        ("Sokha Chan", SessionRoleKind.SPEAKER),
    ]
    assert sorted(Registration.objects.values_list("person__given_name", "role")) == [
        ("Hans", RegistrationRole.PARTICIPANT),
        ("Sokha", RegistrationRole.SPEAKER),
    ]
    assert "registers Sokha Chan (League (Cambodia)) to the event" in outcome.rows[0].changes
    assert again.totals == {"new": 0, "update": 0, "skip": 1, "error": 0}


def test_programme_import_takes_off_a_speaker_left_out(geneva_event):
    event = geneva_event
    line = (
        "2027-04-06,10:00,11:00,Viet Nam,Panel,Viet Nam,,,,,"
        '"Hans Fridlund (UPR Info); Sokha Chan (League (Cambodia))"\n'
    )
    import_geneva_programme(event, line)

    outcome = import_geneva_programme(
        event, "2027-04-06,10:00,11:00,Viet Nam,Panel,Viet Nam,,,,,Hans Fridlund (UPR Info)\n"
    )

    assert outcome.totals["update"] == 1
    assert list(SessionRole.objects.values_list("person__given_name", flat=True)) == ["Hans"]
    assert outcome.rows[0].changes == [
        "takes Sokha Chan (League (Cambodia)) off the session (Speaker)"
    ]


def test_programme_import_refuses_unknown_mission_and_speaker_and_writes_nothing(geneva_event):
    event = geneva_event

    outcome = import_geneva_programme(
        event,
        "2027-04-06,10:00,11:00,Viet Nam,Panel,Viet Nam,yes,yes,"
        '"Permanent Mission of Norway; Embassy of Atlantis",Nobody Known (UPR Info),\n'
        "2027-04-07,10:00,11:00,Chile,Panel,Chile,no,yes,,,Hans Fridlund (Elsewhere)\n",
    )

    assert not outcome.written
    assert [(row.line, row.status) for row in outcome.rows] == [(2, "error"), (3, "error")]
    first = {error.column: error.message for error in outcome.rows[0].errors}
    assert first["Missions present"] == "Not a mission of the roster: Embassy of Atlantis."
    assert first["Moderators"].startswith(
        "Nobody of this name and organisation is in the team's directory: Nobody Known (UPR Info)."
    )
    second = {error.column: error.message for error in outcome.rows[1].errors}
    assert "Hans Fridlund (Elsewhere)" in second["Speakers"]
    assert second["SuR took the floor"] == (
        "A delegation that was not present cannot have taken the floor."
    )
    assert Session.objects.count() == 0
    assert SessionRole.objects.count() == 0
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_programme_import_refuses_a_column_it_does_not_read():
    with pytest.raises(ImportFileError, match="Unknown columns: Notes"):
        read_table(
            b"Date,Starts,Ends,Title,Kind,Notes\n2018-11-14,09:00,10:00,X,Panel,hello\n",
            "p.csv",
            ProgrammeResource(event=EventFactory()),
        )


def _geneva_rows(count, *, first=0):
    """`count` sessions, each with two missions, a moderator and two speakers (one new
    speaker per session: Speaker<n> Family<n>, from `first`)."""
    return "".join(
        f"2027-04-06,{9 + n // 6:02d}:{(n % 6) * 10:02d},{9 + n // 6:02d}:{(n % 6) * 10 + 5:02d},"
        f"Session {n},Panel,Viet Nam,yes,no,"
        '"Permanent Mission of Norway; Permanent Mission of Chile",Hans Fridlund (UPR Info),'
        f'"Sokha Chan (League (Cambodia)); Speaker{first + n} Family{first + n} '
        '(League (Cambodia))"\n'
        for n in range(count)
    )


def _geneva_import_reads(team, sessions, *, first):
    """SELECTs of importing `sessions` new sessions, three people each, into a new event."""
    event = EventFactory(
        team=team, start_date=datetime.date(2027, 4, 6), end_date=datetime.date(2027, 4, 8)
    )
    RegistrationFactory(event=event, person=Person.objects.get(given_name="Hans"))
    league = Person.objects.get(given_name="Sokha").organisation
    for n in range(first, first + sessions):
        PersonFactory(
            team=team, given_name=f"Speaker{n}", family_name=f"Family{n}", organisation=league
        )
    rows = _geneva_rows(sessions, first=first)
    with CaptureQueriesContext(connection) as queries:
        outcome = import_geneva_programme(event, rows)
    assert outcome.written, (outcome.general_errors, [r.errors for r in outcome.rows])
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]


def test_programme_import_with_speakers_reads_do_not_grow_with_the_team(geneva_event):
    team = geneva_event.team
    small_team = _geneva_import_reads(team, 5, first=0)
    for n in range(100):
        PersonFactory(team=team, given_name=f"Other{n}", family_name="Person")
        MissionFactory(organisation__name=f"Embassy {n}")

    big_team = _geneva_import_reads(team, 5, first=100)

    assert len(big_team) == len(small_team)


def test_programme_import_with_speakers_reads_a_fixed_number_per_session(geneva_event):
    one = _geneva_import_reads(geneva_event.team, 1, first=0)
    twenty_one = _geneva_import_reads(geneva_event.team, 21, first=1)

    # Looking people and missions up is done once; what grows is writing each new
    # session's missions and roles, with their audit history.
    per_session = (len(twenty_one) - len(one)) / 20
    assert per_session == int(per_session) <= 10


def test_programme_list_cells_keep_a_name_that_holds_a_semicolon(geneva_event):
    MissionFactory(organisation__name="Mission of A; B and C", state="SE")
    line = (
        "2027-04-06,10:00,11:00,Viet Nam,Panel,Viet Nam,,,"
        '"Mission of A; B and C\nPermanent Mission of Chile",,\n'
    )
    import_geneva_programme(geneva_event, line)
    session = Session.objects.get()
    resource = ProgrammeResource(event=geneva_event)

    cell = resource.dehydrate_missions_present(session)

    assert sorted(m.organisation.name for m in session.missions_present.all()) == [
        "Mission of A; B and C",
        "Permanent Mission of Chile",
    ]
    assert cell == "Mission of A; B and C\nPermanent Mission of Chile"
    assert import_geneva_programme(
        geneva_event, f'2027-04-06,10:00,11:00,Viet Nam,Panel,Viet Nam,,,"{cell}",,\n'
    ).totals == {"new": 0, "update": 0, "skip": 1, "error": 0}
