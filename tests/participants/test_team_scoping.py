"""What one team imports, exports and matches never reaches another team's directory."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Membership, TeamRole
from participants import transfer
from participants.importing import read_table, run_import
from participants.models import AttendanceAction, AttendanceLog, Organisation, Person
from participants.resources import AttendanceResource, ParticipantResource, RosterResource
from tests import factories


@pytest.fixture
def two_teams(db):
    team_a = factories.TeamFactory()
    team_b = factories.TeamFactory(slug="team-b")
    cchr_a = factories.OrganisationFactory(team=team_a, name="CCHR")
    dara_a = factories.PersonFactory(
        team=team_a,
        given_name="Dara",
        family_name="Sok",
        organisation=cchr_a,
        email="dara@example.org",
    )
    return team_a, team_b, cchr_a, dara_a


def _import(resource_factory, content, filename="people.csv", user=None):
    table = read_table(content, filename, resource_factory())
    return run_import(resource_factory(), table, dry_run=False, user=user)


def test_import_into_team_b_naming_team_a_people_creates_new_people_in_b(two_teams):
    team_a, team_b, cchr_a, dara_a = two_teams
    event_b = factories.EventFactory(team=team_b)
    before = list(Person.objects.of_team(team_a).values())
    content = (
        b"Given name,Family name,Organisation,E-mail,Role\nDara,Sok,CCHR,dara@example.org,speaker\n"
    )

    outcome = _import(lambda: ParticipantResource(event=event_b), content)

    assert outcome.written
    assert outcome.totals["new"] == 1
    dara_b = Person.objects.of_team(team_b).get()
    assert dara_b.pk != dara_a.pk
    assert dara_b.organisation.team == team_b
    assert dara_b.organisation != cchr_a
    assert list(Person.objects.of_team(team_a).values()) == before
    assert not dara_a.registrations.exists()


def test_roster_import_into_team_b_keeps_team_a_diplomats_and_focal_point(two_teams):
    team_a, team_b, _cchr_a, _dara_a = two_teams
    mission = factories.MissionFactory(organisation__name="Embassy of Sweden", state="SE")
    anna_a = factories.PersonFactory(
        team=team_a,
        given_name="Anna",
        family_name="Berg",
        organisation=mission.organisation,
        is_focal_point=True,
    )
    content = (
        b"Mission,State,Given name,Family name,Focal point\nEmbassy of Sweden,SE,Anna,Berg,yes\n"
    )

    outcome = _import(lambda: RosterResource(team=team_b), content)

    assert outcome.written
    anna_b = mission.focal_point_of(team_b)
    assert anna_b.team == team_b and anna_b.pk != anna_a.pk
    assert mission.focal_point_of(team_a) == anna_a
    assert Organisation.objects.filter(name="Embassy of Sweden").count() == 1


def test_roster_import_moves_the_focal_point_within_the_team(db):
    team = factories.TeamFactory()
    mission = factories.MissionFactory(organisation__name="Embassy of Sweden", state="SE")
    factories.PersonFactory(
        given_name="Anna",
        family_name="Berg",
        organisation=mission.organisation,
        is_focal_point=True,
    )
    content = (
        b"Mission,State,Given name,Family name,Focal point\n"
        b"Embassy of Sweden,SE,Anna,Berg,\n"
        b"Embassy of Sweden,SE,Erik,Lund,yes\n"
    )

    outcome = _import(lambda: RosterResource(team=team), content)

    assert outcome.written, outcome
    assert mission.focal_point_of(team).given_name == "Erik"
    assert Person.objects.filter(is_focal_point=True).count() == 1


def test_roster_export_has_only_the_teams_diplomats_and_its_focal_point(two_teams):
    team_a, team_b, _cchr_a, _dara_a = two_teams
    mission = factories.MissionFactory(organisation__name="Embassy of Japan", state="JP")
    factories.PersonFactory(
        team=team_a, given_name="Aiko", organisation=mission.organisation, is_focal_point=True
    )
    factories.PersonFactory(team=team_b, given_name="Bjorn", organisation=mission.organisation)

    dataset = RosterResource(team=team_b).export()

    assert [(row[0], row[4]) for row in dataset] == [("Embassy of Japan", "Bjorn")]
    assert dataset.dict[0]["Focal point"] == "no"


def test_exports_hold_only_the_teams_rows(client, two_teams):
    team_a, team_b, _cchr_a, _dara_a = two_teams
    factories.OrganisationFactory(team=team_b, name="Only in B")
    client.force_login(factories.organiser(team_a))

    response = client.get(
        reverse(
            "participants:export",
            kwargs={"team": team_a.slug, "kind": "organisations", "format": "csv"},
        )
    )

    content = response.content.decode("utf-8-sig")
    assert "CCHR" in content
    assert "Only in B" not in content


def test_a_pending_import_is_bound_to_its_team(client, two_teams):
    team_a, team_b, _cchr_a, _dara_a = two_teams
    user = factories.organiser(team_a)
    Membership.objects.create(team=team_b, user=user, role=TeamRole.ORGANISER)
    client.force_login(user)
    upload = client.post(
        reverse("participants:import_upload", kwargs={"team": team_a.slug, "kind": "roster"}),
        {"file": SimpleUploadedFile("r.csv", b"Mission,State\nEmbassy of Chile,CL\n")},
    )
    token = upload.url.rstrip("/").rsplit("/", 1)[-1]

    other_team = client.get(
        reverse(
            "participants:import_preview",
            kwargs={"team": team_b.slug, "kind": "roster", "token": token},
        )
    )
    own_team = client.get(upload.url)

    assert other_team.status_code == 404
    assert own_team.status_code == 200


def test_another_teams_organiser_cannot_open_the_preview(client, two_teams):
    team_a, team_b, _cchr_a, _dara_a = two_teams
    client.force_login(factories.organiser(team_a))
    upload = client.post(
        reverse("participants:import_upload", kwargs={"team": team_a.slug, "kind": "roster"}),
        {"file": SimpleUploadedFile("r.csv", b"Mission,State\nEmbassy of Chile,CL\n")},
    )
    client.force_login(factories.organiser(team_b))

    assert client.get(upload.url).status_code == 404


def test_imported_check_ins_and_removals_go_through_the_desk_services(db):
    event = factories.EventFactory()
    day_one = factories.ProgrammeDayFactory(event=event, date=datetime.date(2018, 11, 14))
    day_two = factories.ProgrammeDayFactory(event=event, date=datetime.date(2018, 11, 15))
    registration = factories.RegistrationFactory(
        event=event,
        person=factories.PersonFactory(given_name="Dara", family_name="Sok", organisation=None),
    )
    factories.AttendanceFactory(registration=registration, day=day_one)
    importer = factories.organiser()
    content = b"Given name,Family name,2018-11-14,2018-11-15\nDara,Sok,,x\n"

    outcome = _import(
        lambda: AttendanceResource(event=event), content, filename="a.csv", user=importer
    )

    assert outcome.written
    attendance = registration.attendances.get()
    assert (attendance.day, attendance.recorded_by) == (day_two, importer)
    log = {(entry.day_id, entry.action, entry.by) for entry in AttendanceLog.objects.all()}
    assert log == {
        (day_two.pk, AttendanceAction.CHECK_IN, importer),
        (day_one.pk, AttendanceAction.UNDO, importer),
    }


def test_a_dry_run_of_attendance_writes_no_log(db):
    event = factories.EventFactory()
    factories.ProgrammeDayFactory(event=event, date=datetime.date(2018, 11, 14))
    factories.RegistrationFactory(
        event=event,
        person=factories.PersonFactory(given_name="Dara", family_name="Sok", organisation=None),
    )
    content = b"Given name,Family name,2018-11-14\nDara,Sok,x\n"
    table = read_table(content, "a.csv", AttendanceResource(event=event))

    run_import(AttendanceResource(event=event), table, dry_run=True)

    assert AttendanceLog.objects.count() == 0


def test_every_kind_is_declared_once_with_its_scope():
    kinds = {kind.key: kind.scope for kind in transfer.kinds()}

    assert kinds == {
        "organisations": transfer.TEAM,
        "roster": transfer.TEAM,
        "participants": transfer.EVENT,
        "attendance": transfer.EVENT,
        "programme": transfer.EVENT,
        "mission_attendance": transfer.EVENT,
        "event_roster": transfer.EVENT,
    }


def test_a_kind_declared_twice_differently_is_refused():
    kind = transfer.get_kind("roster")
    clash = transfer.TransferKind(
        key="roster",
        label="Clash",
        scope=transfer.TEAM,
        help_text="",
        make_resource=kind.make_resource,
    )

    with pytest.raises(ValueError, match="declared twice"):
        transfer.register(clash)


def test_shared_organisation_page_lists_only_the_viewers_team(client, two_teams):
    team_a, team_b, _cchr_a, _dara_a = two_teams
    mission = factories.MissionFactory(organisation__name="Embassy of Japan")
    factories.PersonFactory(team=team_a, given_name="Aiko", organisation=mission.organisation)
    factories.PersonFactory(team=team_b, given_name="Bjorn", organisation=mission.organisation)
    client.force_login(factories.organiser(team_b))

    response = client.get(
        reverse("participants:organisation_detail", args=[mission.organisation.pk])
    )

    content = response.content.decode()
    assert "Bjorn" in content
    assert "Aiko" not in content


def test_subject_export_names_the_missions_the_person_is_focal_point_of(client, db):
    mission = factories.MissionFactory(organisation__name="Embassy of Japan")
    person = factories.PersonFactory(organisation=mission.organisation, is_focal_point=True)
    client.force_login(factories.organiser())

    response = client.get(reverse("privacy:export", args=[person.pk]))

    data = response.json()
    assert data["mission_focal_point_of"] == ["Embassy of Japan"]
    assert (data["person"]["is_focal_point"], data["person"]["team"]) == (True, "Test Team")
