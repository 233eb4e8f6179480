import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from participants.models import Attendance, Mission, OrganisationKind, Registration
from tests.factories import (
    AttendanceFactory,
    EventFactory,
    MissionFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeDayFactory,
    RegistrationFactory,
    TeamFactory,
)


def test_duplicate_registration_is_rejected(db):
    registration = RegistrationFactory()
    duplicate = Registration(event=registration.event, person=registration.person, role="speaker")

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()

    assert error.value.messages == ["This person is already registered for this event."]
    assert Registration.objects.count() == 1


def test_same_person_may_register_for_two_events(db):
    registration = RegistrationFactory()
    other_event = EventFactory()

    Registration(event=other_event, person=registration.person).full_clean()


def test_duplicate_attendance_is_rejected(db):
    attendance = AttendanceFactory()
    duplicate = Attendance(registration=attendance.registration, day=attendance.day)

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()

    assert error.value.messages == ["This person is already checked in on this day."]
    assert Attendance.objects.count() == 1


def test_attendance_on_a_day_of_another_event_is_a_validation_error(db):
    # The database cannot compare two rows' events in a constraint: clean() guards it.
    registration = RegistrationFactory()
    other_day = ProgrammeDayFactory(event=EventFactory())
    attendance = Attendance(registration=registration, day=other_day)

    with pytest.raises(ValidationError) as error:
        attendance.full_clean()

    assert error.value.message_dict["day"] == [
        "This day belongs to another event than the registration."
    ]
    assert Attendance.objects.count() == 0


def test_attendance_on_the_next_day_of_the_same_event_is_valid(db):
    attendance = AttendanceFactory()
    next_day = ProgrammeDayFactory(
        event=attendance.day.event, date=attendance.day.date + datetime.timedelta(days=1)
    )

    Attendance(registration=attendance.registration, day=next_day).full_clean()


def test_mission_of_a_non_diplomatic_organisation_is_rejected(db):
    mission = Mission(organisation=OrganisationFactory(kind=OrganisationKind.NATIONAL_CSO))
    mission.state = "DE"

    with pytest.raises(ValidationError) as error:
        mission.full_clean()

    assert "organisation" in error.value.message_dict
    assert Mission.objects.count() == 0


def test_each_team_has_its_own_focal_point_at_a_shared_mission(db):
    mission = MissionFactory()
    team_b = TeamFactory(slug="team-b")
    ours = PersonFactory(organisation=mission.organisation, is_focal_point=True)
    theirs = PersonFactory(team=team_b, organisation=mission.organisation, is_focal_point=True)

    assert mission.focal_point_of(ours.team) == ours
    assert mission.focal_point_of(team_b) == theirs
    assert list(mission.diplomats_of(team_b)) == [theirs]


def test_organisation_names_are_unique_ignoring_case(db):
    OrganisationFactory(name="UPR Info")
    duplicate = OrganisationFactory.build(name="upr info")

    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_person_names_in_any_script_are_kept_as_written(db):
    person = PersonFactory(given_name="ចាន់ សុភា", family_name="")

    person.refresh_from_db()

    assert person.full_name == "ចាន់ សុភា"
