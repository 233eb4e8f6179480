"""Copying a past event's programme to start a new one: days moved to the new dates,
sessions and themes copied, people only when asked (and then registered)."""

import datetime

from django.urls import reverse
from django.utils.formats import date_format

from events import services
from events.models import SessionRole
from participants.models import Registration, RegistrationRole
from tests import factories


def _past_event(team):
    past = factories.EventFactory(
        team=team,
        title="Pre-session 2018",
        slug="past",
        start_date=datetime.date(2018, 11, 14),
        end_date=datetime.date(2018, 11, 15),
    )
    first = factories.ProgrammeDayFactory(event=past, date=past.start_date, title="Preparatory")
    second = factories.ProgrammeDayFactory(event=past, date=past.end_date, title="Pre-session")
    panel = factories.SessionFactory(day=second, title="Panel on the UPR", order=2)
    panel.themes.set(team.themes.all()[:1])
    factories.SessionRoleFactory(
        session=panel, person__team=team, role="moderator", position="Chair", order=1
    )
    factories.SessionFactory(day=first, title="Welcome")
    return past


def _new_event(team, **kwargs):
    return factories.EventFactory(
        team=team,
        title="Pre-session 2027",
        slug="new",
        start_date=datetime.date(2027, 4, 6),
        end_date=datetime.date(2027, 4, 7),
        **kwargs,
    )


def test_copy_programme_moves_days_and_copies_sessions_without_people(db):
    team = factories.TeamFactory()
    past, new = _past_event(team), _new_event(team)

    copied, left_out = services.copy_programme(past, to=new)

    assert left_out == []
    assert list(new.days.order_by("date").values_list("date", "title")) == [
        (datetime.date(2027, 4, 6), "Preparatory"),
        (datetime.date(2027, 4, 7), "Pre-session"),
    ]
    panel = new.days.get(title="Pre-session").sessions.get()
    assert (panel.title, panel.order) == ("Panel on the UPR", 2)
    assert list(panel.themes.all()) == list(team.themes.all()[:1])
    assert SessionRole.objects.filter(session__day__event=new).count() == 0
    assert past.days.count() == 2


def test_copy_programme_with_people_registers_them(db):
    team = factories.TeamFactory()
    past, new = _past_event(team), _new_event(team)
    user = factories.organiser(team)

    services.copy_programme(past, to=new, with_people=True, by=user)

    role = SessionRole.objects.get(session__day__event=new)
    assert (role.role, role.position, role.order) == ("moderator", "Chair", 1)
    registration = Registration.objects.get(event=new)
    assert (registration.person, registration.role) == (role.person, RegistrationRole.MODERATOR)


def test_copy_programme_leaves_out_days_outside_or_taken(db):
    team = factories.TeamFactory()
    past = _past_event(team)
    new = factories.EventFactory(
        team=team,
        slug="one-day",
        start_date=datetime.date(2027, 4, 6),
        end_date=datetime.date(2027, 4, 6),
    )
    factories.ProgrammeDayFactory(event=new, date=new.start_date, title="Already there")

    copied, left_out = services.copy_programme(past, to=new)

    assert copied == []
    assert [day.title for day in left_out] == ["Preparatory", "Pre-session"]
    assert list(new.days.values_list("title", flat=True)) == ["Already there"]


def test_copy_programme_page_copies_and_says_what(client, organiser_user):
    team = organiser_user.memberships.get().team
    past, new = _past_event(team), _new_event(team)
    client.force_login(organiser_user)
    url = reverse("events:programme_copy", args=[new.slug])

    page = client.get(url)
    response = client.post(url, {"source": past.pk}, follow=True)

    assert f'<option value="{past.pk}">Pre-session 2018 ({date_format(past.start_date)})' in (
        page.content.decode()
    )
    assert "2 days copied from Pre-session 2018." in response.content.decode()
    assert new.days.count() == 2


def test_copy_programme_offers_past_events_by_their_title_in_the_users_language(
    client, organiser_user
):
    team = organiser_user.memberships.get().team
    past, new = _past_event(team), _new_event(team)
    past.translations = {"fr": {"title": "Pré-session 2018"}}
    past.save()
    client.force_login(organiser_user)

    page = client.get(reverse("events:programme_copy", args=[new.slug]), HTTP_ACCEPT_LANGUAGE="fr")

    assert f'<option value="{past.pk}">Pré-session 2018 (14 novembre 2018)' in (
        page.content.decode()
    )


def test_copy_programme_refuses_another_teams_event(client, organiser_user):
    team = organiser_user.memberships.get().team
    other = _past_event(factories.TeamFactory(slug="other-team"))
    factories.EventFactory(team=team, slug="own-past")
    new = _new_event(team)
    client.force_login(organiser_user)

    response = client.post(reverse("events:programme_copy", args=[new.slug]), {"source": other.pk})

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in content
    assert "Select a valid choice." in content
    assert new.days.count() == 0
