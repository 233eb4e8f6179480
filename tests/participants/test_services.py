import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from participants import services
from participants.models import (
    Attendance,
    AttendanceAction,
    AttendanceLog,
    Gender,
    Organisation,
    OrganisationKind,
    Person,
    Registration,
)
from participants.selectors import desk_counters
from tests import factories


def test_check_in_records_who_and_when(world, organiser_user):
    attendance, created = services.check_in(world.registration, day=world.day1, by=organiser_user)

    assert created is True
    assert attendance.recorded_by == organiser_user
    assert attendance.recorded_at is not None
    log = AttendanceLog.objects.get()
    assert (log.action, log.by, log.registration, log.day) == (
        AttendanceAction.CHECK_IN,
        organiser_user,
        world.registration,
        world.day1,
    )


def test_check_in_twice_gives_one_attendance(world, organiser_user):
    other_organiser = factories.organiser()
    first, first_created = services.check_in(world.registration, day=world.day1, by=organiser_user)

    second, second_created = services.check_in(
        world.registration, day=world.day1, by=other_organiser
    )

    assert (first_created, second_created) == (True, False)
    assert first.pk == second.pk
    assert Attendance.objects.filter(registration=world.registration).count() == 1
    assert Attendance.objects.get().recorded_by == organiser_user
    assert AttendanceLog.objects.count() == 1


def test_check_in_on_each_day_counts_separately(world, organiser_user):
    services.check_in(world.registration, day=world.day1, by=organiser_user)

    services.check_in(world.registration, day=world.day2, by=organiser_user)

    assert set(world.registration.attendances.values_list("day", flat=True)) == {
        world.day1.pk,
        world.day2.pk,
    }


def test_check_in_refused_on_a_day_of_another_event(world, organiser_user):
    with pytest.raises(ValidationError) as error:
        services.check_in(world.registration, day=world.other_day, by=organiser_user)

    assert "another event" in str(error.value)
    assert Attendance.objects.count() == 0
    assert AttendanceLog.objects.count() == 0


def test_undo_check_in_removes_attendance_and_leaves_a_trace(world, organiser_user):
    undoer = factories.organiser()
    services.check_in(world.registration, day=world.day1, by=organiser_user)

    undone = services.undo_check_in(world.registration, day=world.day1, by=undoer)

    assert undone is True
    assert Attendance.objects.count() == 0
    assert list(AttendanceLog.objects.order_by("pk").values_list("action", "by")) == [
        (AttendanceAction.CHECK_IN, organiser_user.pk),
        (AttendanceAction.UNDO, undoer.pk),
    ]


def test_undo_without_check_in_changes_nothing(world, organiser_user):
    undone = services.undo_check_in(world.registration, day=world.day1, by=organiser_user)

    assert undone is False
    assert AttendanceLog.objects.count() == 0


def test_check_in_after_undo_checks_in_again(world, organiser_user):
    services.check_in(world.registration, day=world.day1, by=organiser_user)
    services.undo_check_in(world.registration, day=world.day1, by=organiser_user)

    _attendance, created = services.check_in(world.registration, day=world.day1, by=organiser_user)

    assert created is True
    assert Attendance.objects.count() == 1
    assert AttendanceLog.objects.count() == 3


def test_counters_follow_check_in_and_undo(world, organiser_user):
    man = factories.RegistrationFactory(
        event=world.event, person=factories.PersonFactory(gender=Gender.MAN)
    )
    unrecorded = factories.RegistrationFactory(
        event=world.event, person=factories.PersonFactory(gender=Gender.NOT_RECORDED)
    )
    for registration in (world.registration, world.diplomat_registration, man, unrecorded):
        services.check_in(registration, day=world.day1, by=organiser_user)
    after_check_in = desk_counters(world.day1)

    services.undo_check_in(world.diplomat_registration, day=world.day1, by=organiser_user)
    after_undo = desk_counters(world.day1)

    assert after_check_in == {"present": 4, "women": 2, "men": 1, "other": 1, "missions": 1}
    assert after_undo == {"present": 3, "women": 1, "men": 1, "other": 1, "missions": 0}
    assert desk_counters(world.day2) == {
        "present": 0,
        "women": 0,
        "men": 0,
        "other": 0,
        "missions": 0,
    }


def test_counters_count_a_mission_once_however_many_diplomats(world, organiser_user):
    colleague = factories.RegistrationFactory(
        event=world.event,
        person=factories.PersonFactory(organisation=world.mission.organisation),
    )
    services.check_in(world.diplomat_registration, day=world.day1, by=organiser_user)

    services.check_in(colleague, day=world.day1, by=organiser_user)

    assert desk_counters(world.day1)["missions"] == 1
    assert desk_counters(world.day1)["present"] == 2


def test_bulk_check_in_is_all_or_nothing(world, organiser_user):
    with pytest.raises(ValidationError):
        services.bulk_check_in(
            [world.registration, world.other_registration], day=world.day1, by=organiser_user
        )

    assert Attendance.objects.count() == 0
    assert AttendanceLog.objects.count() == 0


def test_bulk_check_in_counts_only_new_check_ins(world, organiser_user):
    services.check_in(world.registration, day=world.day1, by=organiser_user)

    checked_in = services.bulk_check_in(
        [world.registration, world.diplomat_registration], day=world.day1, by=organiser_user
    )

    assert checked_in == 1
    assert Attendance.objects.filter(day=world.day1).count() == 2


def test_register_walk_in_creates_person_organisation_registration_and_attendance(
    world, organiser_user
):
    person = Person(given_name="Dara", family_name="Kim", gender=Gender.MAN)
    organisation = Organisation(name="Youth for Testing", kind=OrganisationKind.YOUTH_GROUP)

    registration = services.register_walk_in(
        person, day=world.day2, by=organiser_user, new_organisation=organisation
    )

    assert registration.event == world.event
    assert registration.person.organisation.name == "Youth for Testing"
    assert registration.registered_by == organiser_user
    assert Attendance.objects.get(registration=registration).day == world.day2


def test_register_person_twice_is_refused(world, organiser_user):
    with pytest.raises(ValidationError) as error:
        services.register_person(world.person, event=world.event, role="speaker", by=organiser_user)

    assert "already registered" in str(error.value)
    assert Registration.objects.filter(person=world.person).count() == 1


def test_add_diplomat_can_make_focal_point(world):
    person = Person(given_name="Lars", family_name="Berg", gender=Gender.MAN)

    services.add_diplomat(
        world.mission, person=person, team=world.event.team, make_focal_point=True
    )

    assert world.mission.focal_point_of(world.event.team) == person
    assert person.organisation == world.mission.organisation
    assert person.team == world.event.team


def test_add_diplomat_as_focal_point_replaces_the_previous_one_of_the_same_team_only(world):
    team, other_team = world.event.team, factories.TeamFactory(slug="team-b")
    other_focal_point = factories.PersonFactory(
        team=other_team, organisation=world.mission.organisation, is_focal_point=True
    )
    services.add_diplomat(world.mission, person=world.diplomat, make_focal_point=True)
    newcomer = Person(given_name="Lars", family_name="Berg", gender=Gender.MAN)

    services.add_diplomat(world.mission, person=newcomer, team=team, make_focal_point=True)

    world.diplomat.refresh_from_db()
    other_focal_point.refresh_from_db()
    assert world.diplomat.is_focal_point is False
    assert world.mission.focal_point_of(team) == newcomer
    assert world.mission.focal_point_of(other_team) == other_focal_point


def test_one_focal_point_per_team_per_mission_is_a_database_rule(world):
    factories.PersonFactory(organisation=world.mission.organisation, is_focal_point=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PersonFactory(organisation=world.mission.organisation, is_focal_point=True)
