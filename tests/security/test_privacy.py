import datetime
import json

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from participants.models import Attendance, Gender, OrganisationKind, Person
from participants.privacy import ANONYMISED_GIVEN_NAME, anonymise_person, months_before
from tests.factories import (
    AttendanceFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeDayFactory,
    RegistrationFactory,
    SessionRoleFactory,
    cso_staff,
    organiser,
    report_admin,
)


def _figures(event):
    """Attendance per day by gender and by organisation kind: what the report counts."""
    rows = (
        Attendance.objects.for_event(event)
        .values(
            "day__date", "registration__person__gender", "registration__person__organisation__kind"
        )
        .annotate(n=Count("pk"))
        .order_by(
            "day__date", "registration__person__gender", "registration__person__organisation__kind"
        )
    )
    return [tuple(row.values()) for row in rows]


@pytest.fixture
def event_with_people(db):
    event = EventFactory()
    days = [
        ProgrammeDayFactory(event=event, date=event.start_date + datetime.timedelta(days=n))
        for n in range(3)
    ]
    cso = OrganisationFactory(kind=OrganisationKind.NATIONAL_CSO)
    youth = OrganisationFactory(kind=OrganisationKind.YOUTH_GROUP)
    people = []
    for n, gender in enumerate([Gender.WOMAN, Gender.MAN, Gender.WOMAN, Gender.ANOTHER] * 3):
        person = PersonFactory(
            gender=gender,
            organisation=cso if n % 2 else youth,
            email=f"person{n}@example.org",
            phone="+855 12 345 678",
            position="Programme officer",
        )
        registration = RegistrationFactory(event=event, person=person)
        for day in days[: 1 + n % 3]:
            AttendanceFactory(registration=registration, day=day)
        people.append(person)
    return event, people


@pytest.mark.django_db
def test_anonymising_keeps_the_figures(event_with_people):
    event, people = event_with_people
    before = _figures(event)

    for person in people[:5]:
        anonymise_person(person, by=None)

    assert _figures(event) == before
    assert Person.objects.filter(given_name=ANONYMISED_GIVEN_NAME).count() == 5


@pytest.mark.django_db
def test_anonymising_erases_identity_everywhere():
    person = PersonFactory(
        given_name="Sokha", family_name="Chhun", email="s@example.org", phone="012", position="Head"
    )
    role = SessionRoleFactory(person=person, position="Head of a youth network")
    person.position = "Head of programmes"
    person.save()

    anonymise_person(person, by=None)

    person.refresh_from_db()
    assert (person.given_name, person.family_name, person.email, person.phone, person.position) == (
        ANONYMISED_GIVEN_NAME,
        "",
        "",
        "",
        "",
    )
    assert person.gender == Gender.WOMAN
    assert person.anonymised_at is not None
    history_values = person.history.values_list("given_name", "family_name", "email", "position")
    assert set(history_values) == {(ANONYMISED_GIVEN_NAME, "", "", "")}
    role.refresh_from_db()
    assert role.position == ""
    assert set(role.history.values_list("position", flat=True)) == {""}


@pytest.mark.django_db
def test_anonymise_view_needs_confirmation(client):
    person = PersonFactory(given_name="Dara")
    client.force_login(organiser())

    response = client.post(reverse("privacy:anonymise", args=[person.pk]), follow=True)

    assert "Tick the box to confirm" in response.content.decode()
    person.refresh_from_db()
    assert person.given_name == "Dara"
    assert person.anonymised_at is None


@pytest.mark.django_db
def test_anonymise_view_confirmed(client):
    person = PersonFactory(given_name="Dara")
    client.force_login(organiser())

    response = client.post(
        reverse("privacy:anonymise", args=[person.pk]), {"confirm": "yes"}, follow=True
    )

    assert "The person is anonymised" in response.content.decode()
    person.refresh_from_db()
    assert person.given_name == ANONYMISED_GIVEN_NAME


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_user", "expected"),
    # CSO staff are not members of the team: its people do not exist for them.
    [(None, 302), (cso_staff, 404), (report_admin, 403), (organiser, 200)],
    ids=["anonymous", "cso-staff", "report-admin", "organiser"],
)
@pytest.mark.parametrize("url_name", ["privacy:person", "privacy:export"], ids=["page", "export"])
def test_privacy_pages_are_for_organisers_only(client, make_user, expected, url_name):
    person = PersonFactory()
    if make_user:
        client.force_login(make_user())

    response = client.get(reverse(url_name, args=[person.pk]))

    assert response.status_code == expected


@pytest.mark.django_db
def test_anonymise_by_wrong_role_changes_nothing(client):
    person = PersonFactory(given_name="Dara")
    client.force_login(report_admin())

    response = client.post(reverse("privacy:anonymise", args=[person.pk]), {"confirm": "yes"})

    assert response.status_code == 403
    person.refresh_from_db()
    assert person.given_name == "Dara"


@pytest.mark.django_db
def test_subject_access_export(client, caplog):
    import logging

    user = organiser()
    attendance = AttendanceFactory(
        registration__person__given_name="Sokha", registration__person__email="s@example.org"
    )
    person = attendance.registration.person
    SessionRoleFactory(person=person, position="Youth delegate")
    client.force_login(user)
    caplog.set_level(logging.INFO, logger="upr.security")

    response = client.get(reverse("privacy:export", args=[person.pk]))

    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["person"]["given_name"] == "Sokha"
    assert data["person"]["email"] == "s@example.org"
    assert data["registrations"][0]["event"]["title"] == attendance.registration.event.title
    assert data["attendance"] == [
        {
            "event": attendance.day.event.title,
            "date": attendance.day.date.isoformat(),
            "recorded_at": data["attendance"][0]["recorded_at"],
        }
    ]
    assert data["programme_roles"][0]["position"] == "Youth delegate"
    assert data["history"][0]["change"] == "Created"
    [line] = [r.getMessage() for r in caplog.records if "subject_access_export" in r.getMessage()]
    assert f"person_id={person.pk}" in line
    assert f"user_id={user.pk}" in line
    assert "Sokha" not in line


def test_months_before_handles_short_months():
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 24) == datetime.date(2024, 1, 15)


@pytest.mark.django_db
def test_retention_command_anonymises_old_events_only(event_with_people):
    old_event, old_people = event_with_people
    recent = EventFactory(start_date=datetime.date.today(), end_date=datetime.date.today())
    still_active = old_people[0]
    RegistrationFactory(event=recent, person=still_active)
    recent_only = RegistrationFactory(event=recent).person
    figures = _figures(old_event)

    call_command("anonymise_old_events", "--months", "12")

    anonymised = set(Person.objects.exclude(anonymised_at=None).values_list("pk", flat=True))
    assert anonymised == {p.pk for p in old_people[1:]}
    assert Person.objects.get(pk=still_active.pk).anonymised_at is None
    assert Person.objects.get(pk=recent_only.pk).anonymised_at is None
    assert _figures(old_event) == figures


@pytest.mark.django_db
def test_retention_command_dry_run_changes_nothing_and_rerun_is_idempotent(
    event_with_people, capsys
):
    call_command("anonymise_old_events", "--months", "12", "--dry-run")
    dry = capsys.readouterr().out
    assert "Dry run: 12 people" in dry
    assert not Person.objects.exclude(anonymised_at=None).exists()

    call_command("anonymise_old_events", "--months", "12")
    call_command("anonymise_old_events", "--months", "12")

    assert "Anonymised 0 people" in capsys.readouterr().out.splitlines()[-1]
    assert Person.objects.exclude(anonymised_at=None).count() == 12


@pytest.mark.django_db
def test_privacy_page_counts_what_anonymising_keeps(client):
    person = PersonFactory()
    first, second = RegistrationFactory(person=person), RegistrationFactory(person=person)
    AttendanceFactory(registration=first)
    AttendanceFactory(registration=second)
    AttendanceFactory(
        registration=second,
        day=ProgrammeDayFactory(
            event=second.event, date=second.event.start_date + datetime.timedelta(days=1)
        ),
    )
    AttendanceFactory()  # someone else's
    client.force_login(organiser())

    html = client.get(reverse("privacy:person", args=[person.pk])).content.decode()

    assert "2 registrations are kept." in html
    assert "3 days of attendance are kept." in html
