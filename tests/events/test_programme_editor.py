"""The programme editor (sessions with their roles, saved together) and the event form."""

import datetime

import pytest
from django.urls import reverse

from events.models import Event, EventFormat, ProgrammeDay, Session, SessionRole, Theme
from tests import factories


def programme_data(sessions):
    """POST data for the editor: `sessions` is a list of (session fields, [role fields])."""
    data = {
        "sessions-TOTAL_FORMS": len(sessions),
        "sessions-INITIAL_FORMS": sum(1 for fields, _roles in sessions if "id" in fields),
        "sessions-MIN_NUM_FORMS": 0,
        "sessions-MAX_NUM_FORMS": 1000,
    }
    for index, (fields, roles) in enumerate(sessions):
        for name, value in fields.items():
            data[f"sessions-{index}-{name}"] = value
        prefix = f"sessions-{index}-roles"
        data[f"{prefix}-TOTAL_FORMS"] = len(roles)
        data[f"{prefix}-INITIAL_FORMS"] = sum(1 for role in roles if "id" in role)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for role_index, role in enumerate(roles):
            for name, value in role.items():
                data[f"{prefix}-{role_index}-{name}"] = value
    return data


def session_fields(**overrides):
    fields = {
        "start_time": "09:00",
        "end_time": "10:00",
        "order": 0,
        "kind": "panel",
        "title": "Panel on the UPR",
        "description": "",
    }
    return {**fields, **overrides}


@pytest.fixture
def day(db):
    event = factories.EventFactory(slug="cambodia")
    return factories.ProgrammeDayFactory(event=event, title="Pre-session")


def _edit_url(day):
    return reverse("events:programme_day_edit", args=[day.event.slug, day.pk])


def test_editor_saves_sessions_with_their_roles(client, organiser_user, day):
    moderator = factories.PersonFactory(
        given_name="Yuthyia",
        family_name="Soun",
        position="Advocacy Director",
        organisation__acronym="CCHR",
    )
    panellist = factories.PersonFactory(given_name="Ramana", family_name="Sorn")
    theme = Theme.objects.order_by("order").first()
    client.force_login(organiser_user)

    response = client.post(
        _edit_url(day),
        programme_data(
            [
                (
                    session_fields(title="Youth and the UPR", themes=[theme.pk]),
                    [
                        {"person": moderator.pk, "role": "moderator", "position": "", "order": 0},
                        {
                            "person": panellist.pk,
                            "role": "panellist",
                            "position": "Project Coordinator, CCHR",
                            "order": 1,
                        },
                    ],
                ),
                (
                    session_fields(
                        start_time="08:30",
                        end_time="09:00",
                        kind="opening_remarks",
                        title="Welcome",
                    ),
                    [],
                ),
                (
                    session_fields(title="", start_time="", end_time="", kind=""),
                    [{"person": "", "role": "", "position": "", "order": 0}],
                ),
            ]
        ),
    )

    assert response.status_code == 302
    assert list(day.sessions.order_by("start_time").values_list("title", flat=True)) == [
        "Welcome",
        "Youth and the UPR",
    ]
    session = day.sessions.get(title="Youth and the UPR")
    assert list(session.themes.all()) == [theme]
    assert list(session.roles.order_by("order").values_list("person", "role", "position")) == [
        (moderator.pk, "moderator", "Advocacy Director, CCHR"),
        (panellist.pk, "panellist", "Project Coordinator, CCHR"),
    ]


def test_editor_changes_reorders_and_deletes(client, organiser_user, day):
    kept = factories.SessionFactory(day=day, title="Kept", start_time=datetime.time(9))
    dropped = factories.SessionFactory(
        day=day, title="Dropped", start_time=datetime.time(11), end_time=datetime.time(12)
    )
    role = factories.SessionRoleFactory(session=kept, role="speaker")
    removed_role = factories.SessionRoleFactory(session=kept, role="moderator")
    factories.SessionRoleFactory(session=dropped)
    client.force_login(organiser_user)

    response = client.post(
        _edit_url(day),
        programme_data(
            [
                (
                    session_fields(
                        id=kept.pk,
                        day=day.pk,
                        title="Kept, renamed",
                        start_time="13:00",
                        end_time="14:00",
                    ),
                    [
                        {
                            "id": role.pk,
                            "session": kept.pk,
                            "person": role.person_id,
                            "role": "panellist",
                            "position": "Panellist",
                            "order": 0,
                        },
                        {
                            "id": removed_role.pk,
                            "session": kept.pk,
                            "person": removed_role.person_id,
                            "role": "moderator",
                            "position": "",
                            "order": 1,
                            "DELETE": "on",
                        },
                    ],
                ),
                (
                    session_fields(
                        id=dropped.pk,
                        day=day.pk,
                        title="Dropped",
                        start_time="11:00",
                        end_time="12:00",
                        DELETE="on",
                    ),
                    [],
                ),
            ]
        ),
    )

    assert response.status_code == 302
    kept.refresh_from_db()
    assert (kept.title, kept.start_time) == ("Kept, renamed", datetime.time(13))
    assert list(kept.roles.values_list("role", flat=True)) == ["panellist"]
    assert not Session.objects.filter(pk=dropped.pk).exists()
    assert SessionRole.objects.count() == 1


def test_one_bad_session_row_saves_nothing(client, organiser_user, day):
    existing = factories.SessionFactory(day=day, title="Orientation")
    person = factories.PersonFactory()
    client.force_login(organiser_user)

    response = client.post(
        _edit_url(day),
        programme_data(
            [
                (
                    session_fields(id=existing.pk, day=day.pk, title="Orientation, renamed"),
                    [
                        {"person": person.pk, "role": "speaker", "position": "", "order": 0},
                    ],
                ),
                (
                    session_fields(
                        title="Ends before it starts", start_time="15:00", end_time="14:00"
                    ),
                    [],
                ),
            ]
        ),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved" in content
    assert 'id="error_1_id_sessions-1-end_time"' in content
    assert "A session must end after it starts." in content
    assert 'value="Ends before it starts"' in content
    assert 'value="Orientation, renamed"' in content
    assert list(day.sessions.values_list("title", flat=True)) == ["Orientation"]
    assert SessionRole.objects.count() == 0


def test_one_bad_role_row_saves_nothing(client, organiser_user, day):
    client.force_login(organiser_user)

    response = client.post(
        _edit_url(day),
        programme_data(
            [
                (
                    session_fields(title="Panel"),
                    [
                        {
                            "person": "",
                            "person_search": "Someone typed",
                            "role": "speaker",
                            "position": "",
                            "order": 0,
                        },
                    ],
                ),
            ]
        ),
    )

    content = response.content.decode()
    assert 'id="error_1_id_sessions-0-roles-0-person"' in content
    assert "Search for a person and pick them from the results." in content
    assert 'value="Someone typed"' in content
    assert Session.objects.count() == 0


def test_the_same_person_twice_in_the_same_role_is_refused(client, organiser_user, day):
    person = factories.PersonFactory()
    client.force_login(organiser_user)
    role = {"person": person.pk, "role": "speaker", "position": "", "order": 0}

    response = client.post(
        _edit_url(day), programme_data([(session_fields(title="Panel"), [role, role])])
    )

    assert "Please correct the duplicate data" in response.content.decode()
    assert Session.objects.count() == 0


def test_people_added_to_an_empty_new_session_are_not_lost(client, organiser_user, day):
    person = factories.PersonFactory()
    client.force_login(organiser_user)

    response = client.post(
        _edit_url(day),
        programme_data(
            [
                (
                    session_fields(title="", start_time="", end_time="", kind=""),
                    [
                        {"person": person.pk, "role": "speaker", "position": "", "order": 0},
                    ],
                ),
            ]
        ),
    )

    assert "Fill in this session&#x27;s times, kind and title before adding people." in (
        response.content.decode()
    )
    assert SessionRole.objects.count() == 0


def test_geneva_series_has_one_session_per_state_under_review(client, organiser_user):
    event = factories.EventFactory(format=EventFormat.GENEVA, slug="geneva")
    first_day = factories.ProgrammeDayFactory(event=event)
    second_day = factories.ProgrammeDayFactory(
        event=event, date=event.start_date + datetime.timedelta(days=1)
    )
    factories.SessionFactory(day=first_day, title="Cambodia", state_under_review="KH")
    client.force_login(organiser_user)

    response = client.post(
        _edit_url(second_day),
        programme_data(
            [
                (session_fields(title="Cambodia again", state_under_review="KH"), []),
                (
                    session_fields(
                        title="Chile", state_under_review="CL", start_time="11:00", end_time="12:00"
                    ),
                    [],
                ),
                (
                    session_fields(
                        title="Chile twice",
                        state_under_review="CL",
                        start_time="13:00",
                        end_time="14:00",
                    ),
                    [],
                ),
            ]
        ),
    )

    content = response.content.decode()
    assert "Cambodia already has a session in this series" in content
    assert "Chile already has a session in this series" in content
    assert second_day.sessions.count() == 0


def test_geneva_session_records_missions_present(client, organiser_user):
    event = factories.EventFactory(format=EventFormat.GENEVA, slug="geneva")
    day = factories.ProgrammeDayFactory(event=event)
    sweden = factories.MissionFactory(state="SE")
    client.force_login(organiser_user)

    response = client.post(
        _edit_url(day),
        programme_data(
            [
                (
                    session_fields(
                        title="Cambodia",
                        state_under_review="KH",
                        sur_delegation_present="present",
                        sur_took_floor="yes",
                        missions_present=[sweden.pk],
                    ),
                    [],
                ),
            ]
        ),
    )

    assert response.status_code == 302
    session = day.sessions.get()
    assert session.state_under_review == "KH"
    assert (session.sur_delegation_present, session.sur_took_floor) == ("present", "yes")
    assert list(session.missions_present.all()) == [sweden]


def test_geneva_session_refuses_an_absent_delegation_that_took_the_floor(client, organiser_user):
    event = factories.EventFactory(format=EventFormat.GENEVA, slug="geneva")
    day = factories.ProgrammeDayFactory(event=event)
    client.force_login(organiser_user)

    response = client.post(
        _edit_url(day),
        programme_data(
            [
                (
                    session_fields(
                        title="Cambodia",
                        state_under_review="KH",
                        sur_delegation_present="absent",
                        sur_took_floor="yes",
                    ),
                    [],
                ),
            ]
        ),
    )

    assert response.status_code == 200
    assert "A delegation that was not present cannot have taken the floor." in (
        response.content.decode()
    )
    assert day.sessions.count() == 0


def test_geneva_editor_offers_the_sur_delegation_fields(client, organiser_user):
    event = factories.EventFactory(format=EventFormat.GENEVA, slug="geneva")
    day = factories.ProgrammeDayFactory(event=event)
    client.force_login(organiser_user)

    content = client.get(_edit_url(day)).content.decode()

    assert "SuR delegation present" in content
    assert '<option value="not_recorded" selected>Not recorded</option>' in content
    assert '<option value="absent">Not present</option>' in content
    assert "SuR took the floor" in content


def test_in_country_editor_has_no_geneva_fields(client, organiser_user, day):
    client.force_login(organiser_user)

    content = client.get(_edit_url(day)).content.decode()

    assert "State under Review" not in content
    assert 'name="sessions-0-title"' in content


def _event_data(**overrides):
    data = {
        "title": "Pre-session on Testland",
        "slug": "",
        "format": "in_country",
        "status": "draft",
        "country_under_review": "KH",
        "upr_cycle": "3",
        "city": "Phnom Penh",
        "start_date": "2018-11-14",
        "end_date": "2018-11-16",
        "days-TOTAL_FORMS": "3",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-date": "2018-11-14",
        "days-0-title": "Preparatory day",
        "days-1-date": "2018-11-15",
        "days-1-title": "Pre-session",
        "days-2-date": "",
    }
    return {**data, **overrides}


def _create_url(team=None):
    return reverse("events:event_create", args=[(team or factories.TeamFactory()).slug])


def test_event_create_with_days_and_co_organisers(client, organiser_user):
    cchr = factories.OrganisationFactory(name="CCHR")
    client.force_login(organiser_user)

    response = client.post(_create_url(), _event_data(co_organisers=[cchr.pk]))

    event = Event.objects.get(title="Pre-session on Testland")
    assert response.status_code == 302
    assert response.url == reverse("events:programme", args=["pre-session-on-testland"])
    assert event.slug == "pre-session-on-testland"
    assert event.team == factories.TeamFactory()
    assert list(event.co_organisers.all()) == [cchr]
    assert list(event.days.values_list("title", flat=True)) == ["Preparatory day", "Pre-session"]


def test_event_create_bad_input_saves_nothing(client, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        _create_url(),
        _event_data(**{"end_date": "2018-11-12", "days-1-date": "2018-12-01"}),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="error_1_id_end_date"' in content
    assert "The event cannot end before it starts." in content
    assert 'value="Pre-session on Testland"' in content
    assert 'value="Preparatory day"' in content
    assert Event.objects.count() == 0
    assert ProgrammeDay.objects.count() == 0


def test_event_day_outside_the_event_is_refused_and_nothing_saved(client, organiser_user):
    client.force_login(organiser_user)

    response = client.post(_create_url(), _event_data(**{"days-1-date": "2018-12-01"}))

    content = response.content.decode()
    assert 'id="error_1_id_days-1-date"' in content
    assert "The day must lie within the event" in content
    assert 'value="2018-12-01"' in content
    assert Event.objects.count() == 0


def test_event_day_outside_the_event_names_its_dates_in_the_users_language(client, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        _create_url(), _event_data(**{"days-1-date": "2018-12-01"}), HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert "(du 14 novembre 2018 au 16 novembre 2018)" in response.content.decode()


def test_event_edit_moves_dates_and_days_together(client, organiser_user, day):
    event = day.event
    client.force_login(organiser_user)

    response = client.post(
        reverse("events:event_update", args=[event.slug]),
        _event_data(
            title=event.title,
            slug=event.slug,
            start_date="2019-01-10",
            end_date="2019-01-11",
            **{
                "days-TOTAL_FORMS": "1",
                "days-INITIAL_FORMS": "1",
                "days-0-id": day.pk,
                "days-0-event": event.pk,
                "days-0-date": "2019-01-10",
                "days-0-title": "Moved day",
            },
        ),
    )

    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.date, day.title) == (datetime.date(2019, 1, 10), "Moved day")


def test_event_edit_leaving_a_day_outside_changes_nothing(client, organiser_user, day):
    event = day.event
    client.force_login(organiser_user)

    response = client.post(
        reverse("events:event_update", args=[event.slug]),
        _event_data(
            title="Renamed",
            slug=event.slug,
            start_date="2019-01-10",
            end_date="2019-01-11",
            **{
                "days-TOTAL_FORMS": "1",
                "days-INITIAL_FORMS": "1",
                "days-0-id": day.pk,
                "days-0-date": "2018-11-14",
                "days-0-title": day.title,
            },
        ),
    )

    assert "The day must lie within the event" in response.content.decode()
    event.refresh_from_db()
    assert (event.title, event.start_date) == (day.event.title, datetime.date(2018, 11, 14))


def test_event_duplicate_slug_is_refused(client, organiser_user, day):
    client.force_login(organiser_user)

    response = client.post(_create_url(), _event_data(slug=day.event.slug))

    assert 'id="error_1_id_slug"' in response.content.decode()
    assert Event.objects.count() == 1


def test_a_person_of_another_team_cannot_be_put_on_the_programme(client, organiser_user, day):
    outsider = factories.PersonFactory(
        given_name="Secret", family_name="Defender", team=factories.TeamFactory(slug="other-team")
    )
    client.force_login(organiser_user)

    response = client.post(
        _edit_url(day),
        programme_data(
            [
                (
                    session_fields(),
                    [{"person": outsider.pk, "role": "speaker", "position": "", "order": 0}],
                )
            ]
        ),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Pick a person from the search results." in content
    assert "Secret Defender" not in content
    assert not Session.objects.filter(day=day).exists()


def test_person_pickers_search_the_events_team(client, organiser_user, day):
    client.force_login(organiser_user)

    response = client.get(_edit_url(day))

    session_form, role_formset = response.context["session_forms"][0]
    picker = role_formset.forms[0].fields["person"]
    assert set(picker.queryset) == set(day.event.team.people.all())
    assert picker.widget.search_url.startswith("/participants/people/search/") or (
        picker.widget.search_url == reverse("participants:person_search", args=[day.event.slug])
    )


def test_event_edit_with_an_empty_slug_shows_the_form_about_the_stored_event(
    client, organiser_user
):
    event = factories.EventFactory(slug="pre-session-kh")
    client.force_login(organiser_user)
    url = reverse("events:event_update", args=[event.slug])
    data = _event_data(**{"slug": "", "end_date": "2018-11-12", "days-TOTAL_FORMS": "0"})

    response = client.post(url, data)

    content = response.content.decode()
    assert response.status_code == 200
    assert "The event cannot end before it starts." in content
    assert reverse("reports:event_overview", args=["pre-session-kh"]) in content
    assert Event.objects.get(pk=event.pk).slug == "pre-session-kh"
