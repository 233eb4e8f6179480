"""The programme editor edited in place: blank rows to copy ("Add a session", "Add a
person"), rows that are not required until filled, the order of people, the error summary,
and people put on the programme registered to the event."""

import datetime
import re

import pytest
from django.urls import reverse

from events import services
from events.models import SessionRole
from participants.models import Registration, RegistrationRole
from tests import factories
from tests.events.test_programme_editor import programme_data, session_fields


@pytest.fixture
def day(db):
    event = factories.EventFactory(slug="cambodia")
    return factories.ProgrammeDayFactory(event=event, title="Pre-session")


def _edit_url(day):
    return reverse("events:programme_day_edit", args=[day.event.slug, day.pk])


def _template(content, template_id):
    match = re.search(rf'<template id="{template_id}">(.*?)</template>', content, re.S)
    return match.group(1) if match else ""


def test_editor_offers_blank_rows_to_add_sessions_and_people(client, organiser_user, day):
    session = factories.SessionFactory(day=day, title="Panel")
    factories.SessionRoleFactory(session=session, order=4)
    client.force_login(organiser_user)

    response = client.get(_edit_url(day))

    content = response.content.decode()
    assert 'data-formset-add="sessions" data-formset-placeholder="__prefix__"' in content
    assert 'data-formset-add="sessions-0-roles" data-formset-placeholder="__role__"' in content
    assert 'name="sessions-__prefix__-title"' in _template(content, "sessions-template")
    # The blank session's own people keep a placeholder of their own.
    assert 'name="sessions-__prefix__-roles-__role__-person"' in content
    assert 'name="sessions-0-roles-__role__-person"' in _template(
        content, "sessions-0-roles-template"
    )
    # The blank row of a session comes after its last person.
    assert 'name="sessions-0-roles-1-order" value="5"' in content
    assert "Save and add more" not in content
    assert 'src="/static/js/formset.js"' in content


def test_blank_rows_are_not_marked_required(client, organiser_user, day):
    factories.SessionFactory(day=day, title="Panel")
    client.force_login(organiser_user)

    response = client.get(_edit_url(day))

    content = response.content.decode()
    stored, blank = content.split('aria-label="New session"', 1)
    assert 'for="id_sessions-0-title" class="form-label requiredField"' in stored
    assert "requiredField" not in blank.split("<template")[0]


def test_a_blank_row_numbered_by_the_page_is_still_blank(client, organiser_user, day):
    person = factories.PersonFactory(team=day.event.team)
    client.force_login(organiser_user)

    response = client.post(
        _edit_url(day),
        programme_data(
            [
                (
                    session_fields(title="Panel"),
                    [
                        {"person": person.pk, "role": "speaker", "position": "", "order": 1},
                        {"person": "", "role": "", "position": "", "order": 2},
                    ],
                ),
            ]
        ),
    )

    assert response.status_code == 302
    assert list(SessionRole.objects.values_list("person", "order")) == [(person.pk, 1)]


def test_a_half_filled_blank_row_shows_its_errors_and_keeps_the_input(client, organiser_user, day):
    client.force_login(organiser_user)

    response = client.post(
        _edit_url(day),
        programme_data(
            [(session_fields(title="Late panel", start_time="", kind=""), [])],
        ),
    )

    content = response.content.decode()
    assert response.status_code == 200
    summary = content.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    starts = 'href="#id_sessions-0-start_time">Starts: This field is required.'
    assert starts in summary
    assert '<a class="alert-link" href="#id_sessions-0-kind">Kind: This field is required.' in (
        summary
    )
    assert 'value="Late panel"' in content
    assert day.sessions.count() == 0


def test_people_are_saved_in_the_order_the_page_gives_them(client, organiser_user, day):
    session = factories.SessionFactory(day=day, title="Panel")
    first = factories.SessionRoleFactory(session=session, role="speaker", order=1)
    second = factories.SessionRoleFactory(session=session, role="speaker", order=2)
    client.force_login(organiser_user)

    response = client.post(
        _edit_url(day),
        programme_data(
            [
                (
                    session_fields(id=session.pk, day=day.pk, title="Panel"),
                    [
                        {
                            "id": first.pk,
                            "session": session.pk,
                            "person": first.person_id,
                            "role": "speaker",
                            "position": "",
                            "order": 2,
                        },
                        {
                            "id": second.pk,
                            "session": session.pk,
                            "person": second.person_id,
                            "role": "speaker",
                            "position": "",
                            "order": 1,
                        },
                    ],
                ),
            ]
        ),
    )

    assert response.status_code == 302
    assert list(session.roles.order_by("order").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]


def test_people_put_on_the_programme_are_registered(client, organiser_user, day):
    event = day.event
    moderator = factories.PersonFactory(team=event.team, given_name="Mora", family_name="Keo")
    speaker = factories.PersonFactory(team=event.team, given_name="Spea", family_name="Lim")
    registered = factories.PersonFactory(team=event.team)
    factories.RegistrationFactory(event=event, person=registered, role=RegistrationRole.OBSERVER)
    client.force_login(organiser_user)

    response = client.post(
        _edit_url(day),
        programme_data(
            [
                (
                    session_fields(title="Panel"),
                    [
                        {"person": moderator.pk, "role": "moderator", "position": "", "order": 1},
                        {"person": speaker.pk, "role": "panellist", "position": "", "order": 2},
                        {"person": registered.pk, "role": "speaker", "position": "", "order": 3},
                    ],
                ),
            ]
        ),
        follow=True,
    )

    roles = dict(Registration.objects.filter(event=event).values_list("person", "role"))
    assert roles == {
        moderator.pk: RegistrationRole.MODERATOR,
        speaker.pk: RegistrationRole.SPEAKER,
        registered.pk: RegistrationRole.OBSERVER,
    }
    assert Registration.objects.get(person=speaker).registered_by == organiser_user
    assert "Mora Keo, Spea Lim were not registered to the event and now are." in (
        response.content.decode()
    )


def test_editor_says_who_is_not_registered_yet(client, organiser_user, day):
    session = factories.SessionFactory(day=day, title="Panel")
    factories.SessionRoleFactory(session=session, person__team=day.event.team)
    client.force_login(organiser_user)

    response = client.get(_edit_url(day))

    assert "Not yet registered to this event: saving registers them." in (response.content.decode())


# --- Moving an event's dates moves its days --------------------------------------------


def _event_edit_data(event, day, **overrides):
    data = {
        "title": event.title,
        "slug": event.slug,
        "format": event.format,
        "status": event.status,
        "country_under_review": event.country_under_review,
        "city": "",
        "start_date": "2019-01-10",
        "end_date": "2019-01-11",
        "themes": [],
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "1",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-id": day.pk,
        "days-0-event": event.pk,
        "days-0-date": day.date.isoformat(),
        "days-0-title": day.title,
    }
    return {**data, **overrides}


def test_moving_an_event_moves_its_days_when_asked(client, organiser_user, day):
    event = day.event  # 14-15 November 2018, its day on the 14th
    second = factories.ProgrammeDayFactory(
        event=event, date=event.start_date + datetime.timedelta(days=1), title="Second"
    )
    session = factories.SessionFactory(day=second, title="Closing")
    client.force_login(organiser_user)
    data = _event_edit_data(
        event,
        day,
        move_days="on",
        **{
            "days-TOTAL_FORMS": "2",
            "days-INITIAL_FORMS": "2",
            "days-1-id": second.pk,
            "days-1-event": event.pk,
            "days-1-date": second.date.isoformat(),
            "days-1-title": "Second, renamed",
        },
    )

    response = client.post(reverse("events:event_update", args=[event.slug]), data)

    assert response.status_code == 302
    assert list(event.days.order_by("date").values_list("date", "title")) == [
        (datetime.date(2019, 1, 10), "Pre-session"),
        (datetime.date(2019, 1, 11), "Second, renamed"),
    ]
    session.refresh_from_db()
    assert session.day == second


def test_moving_an_event_without_its_days_keeps_the_check(client, organiser_user, day):
    event = day.event
    client.force_login(organiser_user)

    response = client.post(
        reverse("events:event_update", args=[event.slug]), _event_edit_data(event, day)
    )

    content = response.content.decode()
    assert "The day must lie within the event" in content
    assert 'id="id_move_days"' in content
    assert "Days outside the new dates? Tick this box to move them with the event." in content
    day.refresh_from_db()
    assert day.date == datetime.date(2018, 11, 14)


def test_move_programme_days_moves_earlier_and_later_without_clashes(db):
    event = factories.EventFactory(
        start_date=datetime.date(2018, 11, 14), end_date=datetime.date(2018, 11, 16)
    )
    for offset in range(3):
        factories.ProgrammeDayFactory(
            event=event, date=event.start_date + datetime.timedelta(days=offset)
        )

    services.move_programme_days(event, by=datetime.timedelta(days=1))
    later = list(event.days.order_by("date").values_list("date", flat=True))
    services.move_programme_days(event, by=datetime.timedelta(days=-2))

    assert later == [datetime.date(2018, 11, day) for day in (15, 16, 17)]
    assert list(event.days.order_by("date").values_list("date", flat=True)) == [
        datetime.date(2018, 11, day) for day in (13, 14, 15)
    ]
