"""Deleting a programme day: a confirmation naming what goes, every row deleted with its
history kept, and the event form never silently deleting a day with sessions."""

import pytest
from django.urls import reverse

from events.models import ProgrammeDay, Session, SessionRole
from participants.models import Attendance
from tests import factories


@pytest.fixture
def full_day(db):
    day = factories.ProgrammeDayFactory(title="Pre-session")
    session = factories.SessionFactory(day=day, title="Panel on the UPR")
    factories.SessionFactory(day=day, title="Closing", start_time="16:00", end_time="17:00")
    factories.SessionRoleFactory(session=session, role="moderator")
    factories.SessionRoleFactory(session=session, role="speaker")
    factories.AttendanceFactory(day=day, registration__event=day.event)
    return day


def _delete_url(day):
    return reverse("events:programme_day_delete", args=[day.event.slug, day.pk])


def test_confirmation_names_the_sessions_roles_and_check_ins(client, organiser_user, full_day):
    client.force_login(organiser_user)

    response = client.get(_delete_url(full_day))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Delete 14 Nov 2018: Pre-session?" in content
    assert "2 sessions" in content
    assert "Panel on the UPR" in content and "Closing" in content
    assert "2 people on the programme" in content
    assert "1 check-in" in content
    assert ProgrammeDay.objects.filter(pk=full_day.pk).exists()


def test_confirmed_deletion_removes_everything_and_keeps_the_history(
    client, organiser_user, full_day
):
    session_ids = list(full_day.sessions.values_list("pk", flat=True))
    client.force_login(organiser_user)

    response = client.post(_delete_url(full_day), follow=True)

    assert response.redirect_chain[-1][0] == reverse("events:programme", args=[full_day.event.slug])
    assert "It can be restored from “Deleted records”." in response.content.decode()
    assert not ProgrammeDay.objects.filter(pk=full_day.pk).exists()
    assert not Session.objects.filter(pk__in=session_ids).exists()
    assert not SessionRole.objects.filter(session__in=session_ids).exists()
    assert not Attendance.objects.filter(day_id=full_day.pk).exists()
    deleted = {
        "day": ProgrammeDay.history.filter(id=full_day.pk, history_type="-").count(),
        "sessions": Session.history.filter(id__in=session_ids, history_type="-").count(),
        "roles": SessionRole.history.filter(session_id__in=session_ids, history_type="-").count(),
        "check-ins": Attendance.history.filter(day_id=full_day.pk, history_type="-").count(),
    }
    assert deleted == {"day": 1, "sessions": 2, "roles": 2, "check-ins": 1}
    assert ProgrammeDay.history.filter(id=full_day.pk, history_type="-").get().history_user == (
        organiser_user
    )


def test_report_administrator_may_not_delete_a_day(client, report_admin_user, full_day):
    client.force_login(report_admin_user)

    response = client.post(_delete_url(full_day))

    assert response.status_code == 403
    assert ProgrammeDay.objects.filter(pk=full_day.pk).exists()


def _event_data_deleting(day):
    event = day.event
    return {
        "title": event.title,
        "slug": event.slug,
        "format": event.format,
        "status": event.status,
        "city": event.city,
        "start_date": "2018-11-14",
        "end_date": "2018-11-16",
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "1",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-id": day.pk,
        "days-0-date": "2018-11-14",
        "days-0-title": day.title,
        "days-0-DELETE": "on",
    }


def test_event_form_does_not_delete_a_day_with_sessions(client, organiser_user):
    day = factories.ProgrammeDayFactory(title="Pre-session")
    factories.SessionFactory(day=day)
    client.force_login(organiser_user)

    response = client.post(
        reverse("events:event_update", args=[day.event.slug]), _event_data_deleting(day)
    )

    assert response.status_code == 200
    assert "14 Nov 2018: Pre-session has 1 session: delete it with" in response.content.decode()
    assert ProgrammeDay.objects.filter(pk=day.pk).exists()


def test_event_form_deletes_an_empty_day_with_its_history(client, organiser_user):
    day = factories.ProgrammeDayFactory(title="Pre-session")
    client.force_login(organiser_user)

    response = client.post(
        reverse("events:event_update", args=[day.event.slug]), _event_data_deleting(day)
    )

    assert response.status_code == 302
    assert not ProgrammeDay.objects.filter(pk=day.pk).exists()
    assert ProgrammeDay.history.filter(id=day.pk, history_type="-").exists()
