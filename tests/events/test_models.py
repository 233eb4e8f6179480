import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from events.models import (
    DelegationPresence,
    Event,
    FloorTaken,
    ProgrammeDay,
    Session,
    SessionRole,
    event_heading,
)
from tests.factories import (
    EventFactory,
    ProgrammeDayFactory,
    SessionFactory,
    SessionRoleFactory,
    organiser,
)


@pytest.mark.parametrize(
    "date",
    [datetime.date(2018, 11, 13), datetime.date(2018, 11, 17)],
    ids=["day-before-event", "day-after-event"],
)
def test_day_outside_its_event_is_a_validation_error(event, date):
    day = ProgrammeDay(event=event, date=date, title="Preparatory day")

    with pytest.raises(ValidationError) as error:
        day.full_clean()

    assert error.value.message_dict["date"] == [
        "The day must lie within the event (14 November 2018 to 16 November 2018)."
    ]
    assert ProgrammeDay.objects.count() == 0


@pytest.mark.parametrize(
    "date",
    [datetime.date(2018, 11, 14), datetime.date(2018, 11, 16)],
    ids=["first-day", "last-day"],
)
def test_day_on_the_event_edges_is_valid(event, date):
    day = ProgrammeDay(event=event, date=date)

    day.full_clean()


def test_two_days_on_the_same_date_are_rejected(event):
    ProgrammeDayFactory(event=event, date=event.start_date)
    duplicate = ProgrammeDay(event=event, date=event.start_date)

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()

    assert error.value.messages == ["This event already has a day on this date."]
    assert ProgrammeDay.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end"),
    [(datetime.time(10), datetime.time(9)), (datetime.time(10), datetime.time(10))],
    ids=["ends-before-start", "ends-when-it-starts"],
)
def test_session_ending_before_it_starts_is_rejected(db, start, end):
    day = ProgrammeDayFactory()
    session = Session(day=day, start_time=start, end_time=end, title="Panel", kind="panel")

    with pytest.raises(ValidationError) as error:
        session.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()

    assert "A session must end after it starts." in error.value.message_dict["end_time"]
    assert Session.objects.count() == 0


def test_session_sur_delegation_defaults_to_not_recorded(db):
    session = SessionFactory(state_under_review="KH")

    assert (session.sur_delegation_present, session.sur_took_floor) == (
        DelegationPresence.NOT_RECORDED,
        FloorTaken.NOT_RECORDED,
    )


def test_absent_sur_delegation_that_took_the_floor_is_rejected(db):
    session = SessionFactory.build(
        day=ProgrammeDayFactory(),
        state_under_review="KH",
        sur_delegation_present=DelegationPresence.ABSENT,
        sur_took_floor=FloorTaken.YES,
    )

    with pytest.raises(ValidationError) as error:
        session.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()

    assert error.value.message_dict["sur_took_floor"] == [
        "A delegation that was not present cannot have taken the floor."
    ]
    assert Session.objects.count() == 0


def test_event_ending_before_it_starts_is_rejected(db):
    event = Event(
        title="Backwards",
        slug="backwards",
        start_date=datetime.date(2018, 11, 16),
        end_date=datetime.date(2018, 11, 14),
    )

    with pytest.raises(ValidationError) as error:
        event.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()

    assert "The event cannot end before it starts." in error.value.message_dict["end_date"]
    assert Event.objects.count() == 0


def test_session_role_is_unique_per_session_person_and_role(db):
    role = SessionRoleFactory()
    duplicate = SessionRole(session=role.session, person=role.person, role=role.role)

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()

    assert error.value.messages == ["This person already has this role in this session."]
    assert SessionRole.objects.count() == 1


def test_day_number_counts_from_the_first_day(db):
    event = EventFactory()
    third = ProgrammeDayFactory(event=event, date=event.start_date + datetime.timedelta(days=2))

    assert third.number == 3


def test_sessions_in_programme_order(db):
    day = ProgrammeDayFactory()
    late = SessionFactory(day=day, start_time=datetime.time(14), end_time=datetime.time(15))
    early = SessionFactory(day=day, start_time=datetime.time(9), end_time=datetime.time(10))

    assert list(Session.objects.for_event(day.event).in_programme_order()) == [early, late]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (datetime.date(2027, 4, 6), datetime.date(2027, 4, 6), "6 April 2027"),
        (datetime.date(2018, 11, 14), datetime.date(2018, 11, 16), "14–16 November 2018"),
        (datetime.date(2018, 11, 30), datetime.date(2018, 12, 2), "30 November – 2 December 2018"),
        (
            datetime.date(2018, 12, 31),
            datetime.date(2019, 1, 1),
            "31 December 2018 – 1 January 2019",
        ),
    ],
    ids=["one-day", "same-month", "same-year", "over-new-year"],
)
def test_event_dates_show_one_date_for_a_one_day_event(start, end, expected):
    event = Event(start_date=start, end_date=end)

    assert event.dates == expected


@pytest.mark.django_db
def test_one_day_event_shows_one_date_on_the_dashboard_and_overview(client):
    event = EventFactory(start_date=datetime.date(2027, 4, 6), end_date=datetime.date(2027, 4, 6))
    client.force_login(organiser(event.team))

    dashboard = client.get(reverse("reports:dashboard")).content.decode()
    overview = client.get(event.get_absolute_url()).content.decode()

    for page in (dashboard, overview):
        assert "6 April 2027" in page
        assert "6 April 2027 – 6 April 2027" not in page and "6 Apr 2027 – 6 Apr 2027" not in page


def test_programme_day_outside_the_event_names_the_dates_as_pages_do(db):
    event = EventFactory(start_date=datetime.date(2027, 4, 6), end_date=datetime.date(2027, 4, 7))
    day = ProgrammeDay(event=event, date=datetime.date(2027, 4, 9))

    with pytest.raises(ValidationError) as error:
        day.clean()

    assert error.value.message_dict["date"] == [
        "The day must lie within the event (6 April 2027 to 7 April 2027)."
    ]


@pytest.mark.parametrize(
    ("language", "title", "dates"),
    [
        ("fr", "Pré-session sur le Cambodge", "6–8 avril 2027"),
        ("fr-ch", "Pré-session sur le Cambodge", "6–8 avril 2027"),
        ("en", "Pre-session on Cambodia", "6–8 April 2027"),
        ("km", "Pre-session on Cambodia", "6–8 មេសា 2027"),
    ],
    ids=["translated", "regional-variant", "original", "no-translation"],
)
def test_event_heading_is_in_the_language_asked_for_whatever_is_active(language, title, dates):
    event = Event(
        title="Pre-session on Cambodia",
        translations={"fr": {"title": "Pré-session sur le Cambodge"}},
        start_date=datetime.date(2027, 4, 6),
        end_date=datetime.date(2027, 4, 8),
    )

    with translation.override("km" if language != "km" else "en"):
        heading = event_heading(event, language)

    assert (heading.title, heading.dates) == (title, dates)
