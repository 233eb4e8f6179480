"""Two organisers check the same person in from two devices at the same moment."""

from participants import services
from participants.models import Attendance, AttendanceLog
from tests import factories
from tests.races import RACE_MARKS, race

pytestmark = RACE_MARKS


def test_two_simultaneous_check_ins_give_one_attendance_and_no_error():
    registration = factories.RegistrationFactory()
    day = factories.ProgrammeDayFactory(event=registration.event)
    desks = [factories.organiser(), factories.organiser()]

    for _round in range(5):
        Attendance.objects.all().delete()
        results, errors = race(
            [lambda by=by: services.check_in(registration, day=day, by=by) for by in desks]
        )

        assert errors == []
        assert sorted(created for _attendance, created in results) == [False, True]
        assert len({attendance.pk for attendance, _created in results}) == 1
        assert Attendance.objects.filter(registration=registration, day=day).count() == 1
    assert AttendanceLog.objects.filter(action="check_in").count() == 5


def test_two_simultaneous_undos_log_one_undo():
    registration = factories.RegistrationFactory()
    day = factories.ProgrammeDayFactory(event=registration.event)
    desks = [factories.organiser(), factories.organiser()]
    services.check_in(registration, day=day, by=desks[0])

    results, errors = race(
        [lambda by=by: services.undo_check_in(registration, day=day, by=by) for by in desks]
    )

    assert errors == []
    assert sorted(results) == [False, True]
    assert Attendance.objects.count() == 0
    assert AttendanceLog.objects.filter(action="undo").count() == 1
