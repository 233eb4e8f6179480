import datetime
from decimal import Decimal

import pytest
from django.db import models
from django.urls import reverse
from django.utils import translation

from events.models import Event, ProgrammeDay, Session
from factsheets.models import Factsheet
from participants.models import Attendance, Person, Registration
from reports.models import ActivityReport
from security.change_reasons import change_reason_label
from security.history import _readable
from tests import factories
from tests.factories import (
    AttendanceFactory,
    EventFactory,
    FactsheetFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeDayFactory,
    RegistrationFactory,
    cso_staff,
    organiser,
    report_admin,
)


def _edit_through_admin(client, person, **changes):
    data = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "gender": person.gender,
        "position": person.position,
        "organisation": person.organisation_id or "",
        "email": person.email,
        "phone": person.phone,
        "age_band": person.age_band,
        "public_consent": person.public_consent,
        "team": person.team_id,
        **changes,
    }
    return client.post(reverse("admin:participants_person_change", args=[person.pk]), data)


@pytest.mark.django_db
def test_change_records_who_and_when(admin_client, admin_user):
    person = PersonFactory(position="Coordinator")

    _edit_through_admin(admin_client, person, position="Director")

    latest = person.history.latest()
    assert latest.position == "Director"
    assert latest.history_user == admin_user
    assert latest.history_type == "~"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "make"),
    [
        ("person", lambda: PersonFactory()),
        ("factsheet", lambda: FactsheetFactory()),
        ("activityreport", lambda: factories.ActivityReportFactory()),
        ("event", lambda: EventFactory()),
        ("attendance", lambda: AttendanceFactory()),
    ],
    ids=["person", "factsheet", "activityreport", "event", "attendance"],
)
def test_history_page_lists_versions(client, model, make):
    obj = make()
    client.force_login(organiser())

    response = client.get(reverse("security:history", args=[model, obj.pk]))

    assert response.status_code == 200
    assert "Created" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_user", "expected"),
    [(None, 302), (cso_staff, 404), (report_admin, 403), (organiser, 200)],
    ids=["anonymous", "cso-staff", "report-admin", "organiser"],
)
def test_person_history_permissions(client, make_user, expected):
    person = PersonFactory()
    if make_user:
        client.force_login(make_user())

    response = client.get(reverse("security:history", args=["person", person.pk]))

    assert response.status_code == expected


@pytest.mark.django_db
def test_report_admin_can_see_report_history(client):
    report = factories.ActivityReportFactory()
    client.force_login(report_admin())

    response = client.get(reverse("security:history", args=["activityreport", report.pk]))

    assert response.status_code == 200


@pytest.mark.django_db
def test_unknown_model_is_404(client):
    client.force_login(organiser())

    response = client.get(reverse("security:history", args=["user", 1]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_restore_person_version(client):
    user = organiser()
    person = PersonFactory(given_name="Dara", position="Coordinator")
    first = person.history.earliest()
    person.position = "Wrong by mistake"
    person.save()
    client.force_login(user)

    response = client.post(
        reverse("security:history_restore", args=["person", person.pk, first.history_id])
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.position == "Coordinator"
    latest = person.history.latest()
    assert latest.history_user == user
    assert latest.history_change_reason == f"restored version {first.history_id}"
    assert person.history.count() == 3


@pytest.mark.django_db
def test_restore_factsheet_version_with_authors(client):
    first_author, second_author = OrganisationFactory(), OrganisationFactory()
    factsheet = FactsheetFactory(title="Land rights", organisations=[first_author])
    original = factsheet.history.latest()
    factsheet.title = "Overwritten"
    factsheet.save()
    factsheet.organisations.set([second_author])
    client.force_login(organiser())

    client.post(
        reverse("security:history_restore", args=["factsheet", factsheet.pk, original.history_id])
    )

    factsheet.refresh_from_db()
    assert factsheet.title == "Land rights"
    assert list(factsheet.organisations.all()) == [first_author]


@pytest.mark.django_db
def test_restore_activity_report_version(client):
    report = factories.ActivityReportFactory(introduction="The real introduction")
    original = report.history.latest()
    ActivityReport.objects.filter(pk=report.pk).update(introduction="")
    report.refresh_from_db()
    report.introduction = "Pasted over"
    report.save()
    user = report_admin()
    client.force_login(user)

    client.post(
        reverse(
            "security:history_restore",
            args=["activityreport", report.pk, original.history_id],
        )
    )

    report.refresh_from_db()
    assert report.introduction == "The real introduction"
    assert report.updated_by == user


@pytest.mark.django_db
def test_restore_needs_change_permission(client):
    person = PersonFactory(position="Coordinator")
    first = person.history.earliest()
    person.position = "Changed"
    person.save()
    client.force_login(report_admin())

    response = client.post(
        reverse("security:history_restore", args=["person", person.pk, first.history_id])
    )

    assert response.status_code == 403
    person.refresh_from_db()
    assert person.position == "Changed"


@pytest.mark.django_db
def test_restore_of_a_conflicting_version_writes_nothing(client):
    event = EventFactory(slug="cambodia-2018")
    first = event.history.earliest()
    event.slug = "cambodia-2018-old"
    event.save()
    EventFactory(slug="cambodia-2018")
    versions = event.history.count()
    client.force_login(organiser())

    response = client.post(
        reverse("security:history_restore", args=["event", event.pk, first.history_id]),
        follow=True,
    )

    event.refresh_from_db()
    assert event.slug == "cambodia-2018-old"
    assert "cannot be restored" in response.content.decode()
    assert event.history.count() == versions


@pytest.mark.django_db
def test_deleted_event_comes_back_with_its_days_registrations_and_attendance(client):
    attendance = AttendanceFactory()
    event = attendance.registration.event
    ProgrammeDayFactory(event=event, date=event.end_date)
    counts = (ProgrammeDay.objects.count(), Registration.objects.count())
    event_pk, person = event.pk, attendance.registration.person
    event.delete()
    assert not Attendance.objects.exists()
    client.force_login(organiser())

    response = client.post(reverse("security:undelete", args=["event", event_pk]))

    assert response.status_code == 302
    assert Event.objects.filter(pk=event_pk).exists()
    assert (ProgrammeDay.objects.count(), Registration.objects.count()) == counts
    restored = Attendance.objects.get()
    assert restored.registration.person == person


@pytest.mark.django_db
def test_deleted_person_comes_back(client):
    person = PersonFactory(given_name="Vanna")
    pk = person.pk
    person.delete()
    client.force_login(organiser())

    listing = client.get(reverse("security:deleted"))
    client.post(reverse("security:undelete", args=["person", pk]))

    assert "Vanna" in listing.content.decode()
    assert Person.objects.get(pk=pk).given_name == "Vanna"


@pytest.mark.django_db
def test_deleted_factsheet_comes_back_with_its_authors(client):
    author = OrganisationFactory()
    factsheet = FactsheetFactory(organisations=[author])
    pk = factsheet.pk
    factsheet.delete()
    client.force_login(organiser())

    client.post(reverse("security:undelete", args=["factsheet", pk]))

    assert list(Factsheet.objects.get(pk=pk).organisations.all()) == [author]


@pytest.mark.django_db
def test_admin_has_history_for_audited_models(admin_client):
    person = PersonFactory()

    response = admin_client.get(reverse("admin:participants_person_history", args=[person.pk]))

    assert response.status_code == 200
    assert "simple_history" in " ".join(t.name for t in response.templates if t.name)


@pytest.mark.django_db
def test_deleted_list_survives_cascaded_registrations(client):
    registration = RegistrationFactory()
    registration.event.delete()
    client.force_login(organiser())

    response = client.get(reverse("security:deleted"))

    assert response.status_code == 200
    assert "registration #" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("versions", [1, 30], ids=["one-version", "many-versions"])
def test_history_page_query_count_does_not_grow(client, django_assert_max_num_queries, versions):
    person = PersonFactory()
    for n in range(versions):
        person.position = f"Position {n}"
        person.save()
    client.force_login(organiser())

    with django_assert_max_num_queries(12):
        response = client.get(reverse("security:history", args=["person", person.pk]))

    assert response.content.decode().count("Restore this version") == versions


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_user", "expected"),
    [(cso_staff, 404), (report_admin, 403)],
    ids=["cso-staff", "report-admin"],
)
def test_undelete_needs_delete_permission(client, make_user, expected):
    person = PersonFactory()
    pk = person.pk
    person.delete()
    client.force_login(make_user())

    response = client.post(reverse("security:undelete", args=["person", pk]))

    assert response.status_code == expected
    assert not Person.objects.filter(pk=pk).exists()


@pytest.mark.django_db
def test_cso_staff_cannot_see_factsheet_history_even_of_their_own(client):
    # The history belongs to the event's team, which CSO staff are not members of.
    user = cso_staff()
    factsheet = FactsheetFactory(organisations=[user.organisation])
    client.force_login(user)

    response = client.get(reverse("security:history", args=["factsheet", factsheet.pk]))

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("deleted", [1, 20], ids=["one", "many"])
def test_deleted_list_query_count_does_not_grow(client, django_assert_max_num_queries, deleted):
    event = EventFactory(title="Testland pre-session")
    for _ in range(deleted):
        RegistrationFactory(event=event, person=PersonFactory(family_name="Lind")).delete()
    client.force_login(organiser())

    # One query per kind of record with a history, whatever the number of deleted rows.
    with django_assert_max_num_queries(35):
        response = client.get(reverse("security:deleted"))

    assert response.content.decode().count("Lind") == deleted
    assert response.content.decode().count("@ Testland pre-session") == deleted


def _other_team():
    return factories.TeamFactory(slug="other-team")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "make"),
    [
        ("person", lambda team: PersonFactory(team=team, organisation=None)),
        ("event", lambda team: EventFactory(team=team)),
        ("session", lambda team: factories.SessionFactory(day__event__team=team)),
    ],
    ids=["person", "event", "session"],
)
def test_history_of_another_teams_record_is_404(client, model, make):
    obj = make(_other_team())
    client.force_login(organiser())

    response = client.get(reverse("security:history", args=[model, obj.pk]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_restore_of_another_teams_record_is_404_and_writes_nothing(client):
    person = PersonFactory(team=_other_team(), organisation=None, position="Coordinator")
    first = person.history.earliest()
    person.position = "Changed"
    person.save()
    client.force_login(organiser())

    response = client.post(
        reverse("security:history_restore", args=["person", person.pk, first.history_id])
    )

    assert response.status_code == 404
    person.refresh_from_db()
    assert person.position == "Changed"


@pytest.mark.django_db
def test_deleted_record_of_another_team_is_not_listed_nor_restored(client):
    person = PersonFactory(team=_other_team(), organisation=None, given_name="Sokha")
    pk = person.pk
    person.delete()
    client.force_login(organiser())

    listing = client.get(reverse("security:deleted"))
    history = client.get(reverse("security:history", args=["person", pk]))
    response = client.post(reverse("security:undelete", args=["person", pk]))

    assert "Sokha" not in listing.content.decode()
    assert (history.status_code, response.status_code) == (404, 404)
    assert not Person.objects.filter(pk=pk).exists()


@pytest.mark.django_db
def test_deleted_list_shows_programme_days_and_sessions(client):
    session = factories.SessionFactory(title="Opening remarks")
    event = session.day.event
    day = ProgrammeDayFactory(event=event, date=event.end_date, title="Rehearsal day")
    session.delete()
    day.delete()
    client.force_login(organiser())

    response = client.get(reverse("security:deleted"))

    content = response.content.decode()
    assert "Opening remarks" in content
    assert "Rehearsal day" in content


@pytest.mark.django_db
def test_deleted_session_comes_back(client):
    session = factories.SessionFactory(title="Opening remarks")
    pk = session.pk
    session.delete()
    client.force_login(organiser())

    response = client.post(reverse("security:undelete", args=["session", pk]))

    assert response.status_code == 302
    assert Session.objects.get(pk=pk).title == "Opening remarks"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_user", "expected"),
    [
        (lambda: organiser(team=_other_team()), 200),
        (lambda: report_admin(team=_other_team()), 403),
        (cso_staff, 404),
    ],
    ids=["organiser", "report-admin", "cso-staff"],
)
def test_mission_history_is_for_organisers_of_any_team(client, make_user, expected):
    # Missions are shared reference data: no team owns them, no person is in them.
    mission = factories.MissionFactory()
    client.force_login(make_user())

    response = client.get(reverse("security:history", args=["mission", mission.pk]))

    assert response.status_code == expected


@pytest.mark.django_db
def test_history_link_filter_follows_the_history_permission():
    from security.templatetags.history_links import history_visible_to

    person = PersonFactory()
    foreign = PersonFactory(team=_other_team(), organisation=None)

    assert history_visible_to(person, organiser()) is True
    assert history_visible_to(person, report_admin()) is False
    assert history_visible_to(foreign, organiser()) is False


@pytest.mark.django_db
def test_history_page_shows_names_labels_and_dates_not_ids(client):
    before = OrganisationFactory(name="Before Org")
    after = OrganisationFactory(name="After Org")
    person = PersonFactory(organisation=before, gender="woman")
    person.organisation = after
    person.gender = "man"
    person.save()
    event = EventFactory()
    event.co_organisers.add(OrganisationFactory(name="Co-organising Org"))
    event.start_date = datetime.date(2018, 11, 13)
    event.save()
    client.force_login(organiser())

    person_page = client.get(reverse("security:history", args=["person", person.pk]))
    event_page = client.get(reverse("security:history", args=["event", event.pk]))

    person_text = " ".join(person_page.content.decode().split())
    event_text = " ".join(event_page.content.decode().split())
    assert "<strong>Organisation</strong>: <del>Before Org</del> → After Org" in person_text
    assert "<strong>Gender</strong>: <del>Woman</del> → Man" in person_text
    assert "<strong>Start date</strong>: <del>14 November 2018</del> → 13 November 2018" in (
        event_text
    )
    assert "<strong>Co-organisers</strong>: added Co-organising Org" in event_text
    assert "{&#x27;event&#x27;" not in event_text and "'organisation':" not in event_text


@pytest.mark.django_db
def test_history_page_says_the_reasons_in_the_readers_language(client):
    person = PersonFactory(given_name="Dara", position="Coordinator")
    first = person.history.earliest()
    person.position = "Wrong by mistake"
    person._change_reason = "import"
    person.save()
    client.force_login(organiser())
    client.post(reverse("security:history_restore", args=["person", person.pk, first.history_id]))

    response = client.get(
        reverse("security:history", args=["person", person.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    )

    content = response.content.decode()
    assert person.history.latest().history_change_reason == f"restored version {first.history_id}"
    assert f"(version {first.history_id} restaurée)" in content
    assert "(importé depuis un fichier)" in content
    assert "(import)" not in content


@pytest.mark.parametrize(
    ("reason", "label"),
    [
        ("import", "importé depuis un fichier"),
        ("anonymised", "anonymisé"),
        ("recovered after deletion", "récupéré après suppression"),
        ("suggested action category accepted", "catégorie d'action suggérée acceptée"),
        ("restored version 12", "version 12 restaurée"),
        ("a reason of no code", "a reason of no code"),
        (None, ""),
    ],
)
def test_change_reason_label_in_french(reason, label):
    with translation.override("fr"):
        assert change_reason_label(reason) == label


def test_history_writes_a_decimal_as_the_readers_language_does():
    field = models.DecimalField(max_digits=5, decimal_places=2)

    with translation.override("fr"):
        shown = _readable(field, Decimal("2.50"), names=None)

    assert shown == "2,50"


def test_history_shows_a_value_stored_in_a_form_of_its_own_in_words():
    # A recommendation's place in its file is stored without words ("row:12"): the history
    # page says it in the reader's language, as the recommendation's card does.
    from recommendations.models import Recommendation

    field = Recommendation._meta.get_field("source_location")

    with translation.override("fr"):
        shown = _readable(field, "row:12", names=None)

    assert shown == "ligne 12"
