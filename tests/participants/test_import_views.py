import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants.importing import SESSION_KEY
from participants.models import Person, Registration
from tests.factories import (
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeDayFactory,
    RegistrationFactory,
    TeamFactory,
    UserFactory,
    cso_staff,
    organiser,
    report_admin,
)

CSV = (
    b"Given name,Family name,Gender,Organisation,E-mail,Role\n"
    b"Dara,Sok,M,CCHR,d@example.org,speaker\n"
)


def upload_url(event, kind="participants"):
    return reverse("participants:import_upload", kwargs={"slug": event.slug, "kind": kind})


def upload(client, event, content=CSV, name="people.csv"):
    return client.post(upload_url(event), {"file": SimpleUploadedFile(name, content)})


USERS = {
    "organiser": organiser,
    "report-admin": report_admin,
    "cso-staff": cso_staff,
    "no-role": UserFactory,
    "team-b-organiser": lambda: organiser(TeamFactory(slug="team-b")),
}
NO_ACCESS = 302  # an account without a role is sent to the no-access page


def _check(response, expected):
    assert response.status_code == expected
    if expected == NO_ACCESS:
        assert response.url == reverse("accounts:no_access")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("organiser", 200),
        ("report-admin", 403),
        ("cso-staff", 404),
        ("no-role", NO_ACCESS),
        ("team-b-organiser", 404),
    ],
    ids=["organiser", "report-admin", "cso-staff", "no-role", "team-b-organiser"],
)
def test_import_page_permissions(client, role, expected):
    event = EventFactory()
    client.force_login(USERS[role]())

    response = client.get(upload_url(event))

    _check(response, expected)
    if expected == 200:
        assert "Given name" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("organiser", 200),
        ("report-admin", 200),
        ("cso-staff", 404),
        ("no-role", NO_ACCESS),
        ("team-b-organiser", 404),
    ],
    ids=["organiser", "report-admin", "cso-staff", "no-role", "team-b-organiser"],
)
@pytest.mark.parametrize("kind", ["participants", "attendance", "programme"], ids=str)
def test_event_export_permissions(client, role, expected, kind):
    event = EventFactory()
    RegistrationFactory(event=event, person=PersonFactory(given_name="Dara"))
    client.force_login(USERS[role]())

    response = client.get(
        reverse("participants:export", kwargs={"slug": event.slug, "kind": kind, "format": "csv"})
    )

    _check(response, expected)
    if expected == 200:
        assert response["Content-Disposition"] == f'attachment; filename="{event.slug}-{kind}.csv"'


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["organisations", "roster"], ids=str)
@pytest.mark.parametrize("export_format", ["csv", "xlsx", "json"], ids=str)
def test_directory_exports_for_report_admin(client, kind, export_format):
    client.force_login(report_admin())

    response = client.get(
        reverse(
            "participants:export",
            kwargs={"team": "test-team", "kind": kind, "format": export_format},
        )
    )

    assert response.status_code == 200
    assert response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        lambda event: upload_url(event),
        lambda event: reverse("participants:transfer", kwargs={"team": event.team.slug}),
        lambda event: reverse(
            "participants:export",
            kwargs={"slug": event.slug, "kind": "participants", "format": "csv"},
        ),
        lambda event: reverse(
            "participants:import_preview",
            kwargs={"slug": event.slug, "kind": "participants", "token": "abc"},
        ),
    ],
    ids=["upload", "hub", "export", "preview"],
)
def test_anonymous_is_sent_to_login(client, url):
    event = EventFactory()

    response = client.get(url(event))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_unknown_event_is_404_and_unknown_kind_is_404(client):
    client.force_login(organiser())

    assert client.get(upload_url(EventFactory.build(slug="nope"))).status_code == 404
    assert client.get(upload_url(EventFactory(), kind="nope")).status_code == 404


@pytest.mark.django_db
def test_participant_export_hides_contacts_from_report_admin(client):
    event = EventFactory()
    RegistrationFactory(event=event, person=PersonFactory(email="dara@example.org"))
    url = reverse(
        "participants:export", kwargs={"slug": event.slug, "kind": "participants", "format": "csv"}
    )

    client.force_login(report_admin())
    hidden = client.get(url).content.decode("utf-8-sig")
    client.force_login(organiser())
    shown = client.get(url).content.decode("utf-8-sig")

    assert "dara@example.org" not in hidden and "E-mail" not in hidden
    assert "dara@example.org" in shown


@pytest.mark.django_db
def test_upload_preview_confirm_flow(client):
    event = EventFactory()
    client.force_login(organiser())

    response = upload(client, event)
    preview = client.get(response.url)
    confirmed = client.post(response.url, {"confirm": "1"})

    assert response.status_code == 302
    assert "Dara Sok · CCHR" in preview.content.decode()
    assert "1 new" in preview.content.decode()
    assert confirmed.status_code == 302
    registration = Registration.objects.get()
    assert (registration.person.full_name, registration.role) == ("Dara Sok", "speaker")
    assert client.session[SESSION_KEY] == {}


@pytest.mark.django_db
def test_after_a_participants_import_the_organiser_lands_on_the_participants_list(client):
    event = EventFactory()
    client.force_login(organiser())

    confirmed = client.post(upload(client, event).url, {"confirm": "1"}, follow=True)

    assert confirmed.redirect_chain[-1][0] == reverse(
        "participants:registration_list", args=[event.slug]
    )
    assert "Dara Sok" in confirmed.content.decode()


@pytest.mark.django_db
def test_preview_writes_nothing(client):
    event = EventFactory()
    client.force_login(organiser())

    response = upload(client, event)
    client.get(response.url)

    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_confirm_revalidates_the_stored_copy_and_writes_nothing_on_error(client):
    event = EventFactory()
    client.force_login(organiser())
    url = upload(client, event).url
    assert "Confirm import" in client.get(url).content.decode()
    # Between preview and confirm a second organisation takes the acronym the file uses.
    OrganisationFactory(name="Cambodian Center for Human Rights", acronym="CCHR")
    OrganisationFactory(name="Cambodian Children's Human Rights", acronym="CCHR")

    confirmed = client.post(url, {"confirm": "1", "rows": "forged"})

    assert confirmed.status_code == 422
    assert "acronym of several organisations" in confirmed.content.decode()
    assert Person.objects.count() == 0 and Registration.objects.count() == 0


@pytest.mark.django_db
def test_preview_of_bad_file_lists_row_column_and_message_and_confirm_refuses(client):
    event = EventFactory()
    client.force_login(organiser())
    content = CSV + b"Bad,Row,robot,CCHR,,\n"

    response = upload(client, event, content)
    preview = client.get(response.url)
    confirmed = client.post(response.url, {"confirm": "1"})

    page = preview.content.decode()
    assert "Confirm import" not in page
    assert "<code>Gender</code>" in page and "“robot” is not one of" in page
    assert confirmed.status_code == 422
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_wrong_headers_shown_on_upload_form_and_nothing_stored(client, private_storage):
    event = EventFactory()
    client.force_login(organiser())

    response = upload(client, event, b"Name,Mail\nDara,d@example.org\n")

    assert response.status_code == 200
    assert "Expected columns: Given name (required)" in response.content.decode()
    assert not private_storage.exists() or not any(private_storage.rglob("*.csv"))


@pytest.mark.django_db
def test_file_over_limit_refused_on_upload(client, settings):
    settings.UPLOAD_MAX_BYTES = 50
    event = EventFactory()
    client.force_login(organiser())

    response = upload(client, event, CSV * 3)

    assert "The file is too large" in response.content.decode()
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_preview_token_of_another_session_is_404(client):
    event = EventFactory()
    client.force_login(organiser())
    url = upload(client, event).url
    client.logout()
    client.force_login(organiser())

    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_cancel_discards_the_stored_copy(client, private_storage):
    event = EventFactory()
    client.force_login(organiser())
    url = upload(client, event).url

    client.post(url, {"cancel": "1"})

    assert not any(private_storage.rglob("*.csv"))
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_attendance_import_through_the_page(client):
    event = EventFactory()
    ProgrammeDayFactory(event=event, date=datetime.date(2018, 11, 14))
    RegistrationFactory(
        event=event,
        person=PersonFactory(given_name="Dara", family_name="Sok", email="d@example.org"),
    )
    client.force_login(organiser())
    content = b"Given name,Family name,E-mail,2018-11-14\nDara,Sok,d@example.org,x\n"

    response = client.post(
        upload_url(event, "attendance"), {"file": SimpleUploadedFile("a.csv", content)}
    )
    client.post(response.url, {"confirm": "1"})

    assert Registration.objects.get().attendances.count() == 1


@pytest.mark.django_db
def test_hub_lists_imports_for_organisers_and_only_exports_for_report_admins(client):
    EventFactory(title="Cambodia pre-session")

    EventFactory(title="Another team's event", team=TeamFactory(slug="team-b"))
    hub = reverse("participants:transfer", kwargs={"team": "test-team"})

    client.force_login(organiser())
    organiser_page = client.get(hub).content.decode()
    client.force_login(report_admin())
    admin_page = client.get(hub).content.decode()
    client.force_login(cso_staff())
    cso_status = client.get(hub).status_code

    assert "Cambodia pre-session" in organiser_page and ">Import<" in organiser_page
    assert "Cambodia pre-session" in admin_page and ">Import<" not in admin_page
    assert "Another team" not in organiser_page
    assert cso_status == 404


# Django admin (django-import-export) -----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_user", "can_import", "can_export"),
    [
        (lambda **kwargs: UserFactory(is_superuser=True, **kwargs), True, True),
        (organiser, False, False),
        (report_admin, False, False),
        (cso_staff, False, False),
    ],
    ids=["superuser", "organiser", "report-admin", "cso-staff"],
)
def test_admin_import_export_permissions(client, make_user, can_import, can_export):
    client.force_login(make_user(is_staff=True))

    import_status = client.get(reverse("admin:participants_person_import")).status_code
    export_status = client.get(reverse("admin:participants_person_export")).status_code

    assert (import_status == 200) is can_import
    assert (export_status == 200) is can_export


@pytest.mark.django_db
def test_admin_import_of_people_reads_like_the_app(client):
    team = TeamFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    content = "First name,Last name,Sex\nÉlodie,=1+1,F\n".encode("cp1252")

    preview = client.post(
        reverse("admin:participants_person_import"),
        {
            "resource": "0",
            "format": "0",
            "team": team.pk,
            "import_file": SimpleUploadedFile("people.csv", content),
        },
    )
    confirm_form = preview.context["confirm_form"]
    client.post(
        reverse("admin:participants_person_process_import"),
        {**confirm_form.initial, "resource": "0"},
    )

    person = Person.objects.get()
    assert (person.given_name, person.family_name, person.gender) == ("Élodie", "=1+1", "woman")
    assert person.team == team


@pytest.mark.django_db
def test_admin_import_with_a_bad_row_writes_nothing(client):
    team = TeamFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    content = b"Given name,Gender\nDara,M\nSok,robot\n"

    response = client.post(
        reverse("admin:participants_person_import"),
        {
            "resource": "0",
            "format": "0",
            "team": team.pk,
            "import_file": SimpleUploadedFile("p.csv", content),
        },
    )

    assert "robot" in response.content.decode()
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_admin_registration_import_uses_the_chosen_event(client):
    event = EventFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    preview = client.post(
        reverse("admin:participants_registration_import"),
        {
            "resource": "0",
            "format": "0",
            "event": event.pk,
            "import_file": SimpleUploadedFile("p.csv", CSV),
        },
    )
    client.post(
        reverse("admin:participants_registration_process_import"),
        {**preview.context["confirm_form"].initial, "resource": "0"},
    )

    registration = Registration.objects.get()
    assert (registration.event, registration.role) == (event, "speaker")


@pytest.mark.django_db
def test_abandoned_uploads_are_removed_after_a_day(client, private_storage):
    import os
    import time

    event = EventFactory()
    client.force_login(organiser())
    upload(client, event)
    (abandoned,) = private_storage.rglob("*.csv")
    day_ago = time.time() - 25 * 60 * 60
    os.utime(abandoned, (day_ago, day_ago))

    upload(client, event)

    assert abandoned not in list(private_storage.rglob("*.csv"))
    assert len(list(private_storage.rglob("*.csv"))) == 1


@pytest.mark.django_db
def test_import_confirmed_twice_at_once_writes_once(client):
    from participants import importing
    from participants.resources import ParticipantResource

    event = EventFactory()
    user = organiser()
    client.force_login(user)
    token = upload(client, event).url.rstrip("/").split("/")[-1]
    session = client.session
    # Both clicks loaded the upload before either had written anything.
    first, second = (
        importing.load_pending(
            session,
            token,
            kind="participants",
            team_id=event.team_id,
            user_id=user.pk,
            event_id=event.pk,
        )
        for _ in range(2)
    )

    def resource():
        return ParticipantResource(team=event.team, event=event, with_contact_details=True)

    written = importing.confirm_pending(first, resource=resource(), user=user)
    again = importing.confirm_pending(second, resource=resource(), user=user)

    assert written.written is True
    assert again is None
    assert Person.objects.count() == 1
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_second_confirmation_of_a_claimed_upload_writes_nothing(client, private_storage):
    event = EventFactory()
    client.force_login(organiser())
    response = upload(client, event)
    (stored,) = (private_storage / "imports").rglob("*.csv")
    stored.rename(f"{stored}.claimed")  # the first click is writing it

    confirmed = client.post(response.url, {"confirm": "1"})

    assert confirmed.status_code == 404
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_retention_command_removes_unconfirmed_uploads_older_than_the_setting(
    client, private_storage, settings
):
    import os
    import time

    from django.core.management import call_command

    settings.UPR_IMPORT_RETENTION_HOURS = 2
    event = EventFactory()
    client.force_login(organiser())
    upload(client, event)
    upload(client, event, name="recent.csv")
    old, recent = sorted((private_storage / "imports").rglob("*.csv"), key=os.path.getmtime)
    three_hours_ago = time.time() - 3 * 3600
    os.utime(old, (three_hours_ago, three_hours_ago))

    call_command("anonymise_old_events", "--months", "12")

    assert sorted((private_storage / "imports").rglob("*.csv")) == [recent]


@pytest.mark.django_db
def test_attendance_import_preview_says_whose_check_ins_it_removes_and_logs_each(client):
    from participants.models import AttendanceAction, AttendanceLog
    from tests.factories import AttendanceFactory

    event = EventFactory()
    day_one = ProgrammeDayFactory(event=event, date=datetime.date(2018, 11, 14))
    day_two = ProgrammeDayFactory(event=event, date=datetime.date(2018, 11, 15))
    people = [
        PersonFactory(given_name=name, family_name="Sok", email=f"{name}@example.org")
        for name in ("Dara", "Bopha", "Vanna")
    ]
    registrations = [RegistrationFactory(event=event, person=person) for person in people]
    for registration in registrations[:2]:
        AttendanceFactory(registration=registration, day=day_one)
    user = organiser()
    client.force_login(user)
    content = (
        b"Given name,Family name,E-mail,2018-11-14,2018-11-15\n"
        b"Dara,Sok,Dara@example.org,,x\n"
        b"Bopha,Sok,Bopha@example.org,,\n"
        b"Vanna,Sok,Vanna@example.org,x,\n"
    )

    response = client.post(
        upload_url(event, "attendance"), {"file": SimpleUploadedFile("a.csv", content)}
    )
    preview = client.get(response.url).content.decode()
    client.post(response.url, {"confirm": "1"})

    assert "Removes the check-in of 2 people on 14 November 2018." in preview
    assert "Checks in 1 person on 14 November 2018." in preview
    assert "Checks in 1 person on 15 November 2018." in preview
    assert "checks in on 15 November 2018; removes the check-in of 14 November 2018" in preview
    log = sorted(
        AttendanceLog.objects.values_list("registration__person__given_name", "day", "action", "by")
    )
    assert log == [
        ("Bopha", day_one.pk, AttendanceAction.UNDO, user.pk),
        ("Dara", day_one.pk, AttendanceAction.UNDO, user.pk),
        ("Dara", day_two.pk, AttendanceAction.CHECK_IN, user.pk),
        ("Vanna", day_one.pk, AttendanceAction.CHECK_IN, user.pk),
    ]
    assert sorted(
        Registration.objects.filter(attendances__isnull=False).values_list(
            "person__given_name", "attendances__day"
        )
    ) == [("Dara", day_two.pk), ("Vanna", day_one.pk)]


@pytest.mark.django_db
def test_anonymising_someone_removes_their_teams_pending_uploads_only(client, private_storage):
    from participants.privacy import anonymise_person

    event = EventFactory()
    other_event = EventFactory(team=TeamFactory(slug="team-b"))
    user = organiser()
    client.force_login(user)
    preview_url = upload(client, event).url
    other_client = type(client)()
    other_client.force_login(organiser(other_event.team))
    other_url = other_client.post(
        upload_url(other_event), {"file": SimpleUploadedFile("people.csv", CSV)}
    ).url
    person = PersonFactory(team=event.team, given_name="Dara", email="d@example.org")

    anonymise_person(person, by=user)
    preview = client.get(preview_url, follow=True)

    (kept,) = private_storage.rglob("*.csv")
    assert kept.parent.name == str(other_event.team_id)
    assert preview.redirect_chain == [(upload_url(event), 302)]
    assert "This upload has expired and its file was removed." in preview.content.decode()
    assert client.session[SESSION_KEY] == {}
    assert other_client.get(other_url).status_code == 200
    assert Person.objects.filter(given_name="Dara").count() == 0


@pytest.mark.django_db
def test_stale_uploads_of_every_team_folder_are_removed(client, private_storage):
    import os
    import time

    from participants.importing import remove_stale_uploads

    client.force_login(organiser())
    upload(client, EventFactory())
    other_client = type(client)()
    other_event = EventFactory(team=TeamFactory(slug="team-b"))
    other_client.force_login(organiser(other_event.team))
    other_client.post(upload_url(other_event), {"file": SimpleUploadedFile("p.csv", CSV)})
    old_layout = private_storage / "imports" / "0123abcd.csv"
    old_layout.write_bytes(CSV)
    day_ago = time.time() - 25 * 60 * 60
    for stored in private_storage.rglob("*.csv"):
        os.utime(stored, (day_ago, day_ago))

    remove_stale_uploads()

    assert list(private_storage.rglob("*.csv")) == []


@pytest.mark.django_db
def test_programme_upload_page_names_every_column_it_reads(client):
    event = EventFactory()
    client.force_login(organiser())

    page = client.get(upload_url(event, "programme")).content.decode()

    for column in (
        "State under Review",
        "SuR delegation present",
        "SuR took the floor",
        "Missions present",
        "Moderators",
        "Speakers",
    ):
        assert f"<code>{column}</code>" in page
    assert "A file with any other column is refused" in page


def test_the_import_summary_agrees_each_count_in_french():
    from types import SimpleNamespace

    from django.utils import translation

    from participants.importing import summarise

    outcome = SimpleNamespace(rows=[1, 2, 3], totals={"new": 1, "update": 2, "skip": 0})
    with translation.override("fr"):
        sentence = summarise(outcome)

    assert sentence == "3 lignes importées\u00a0: 1 nouvelle, 2 mises à jour, 0 inchangée."
