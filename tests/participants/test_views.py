"""Organisers' directory pages: the embassy roster opened from an event, person and
organisation pages with their breadcrumbs."""

import pytest
from django.urls import reverse

from tests import factories


def _roster(slug=None):
    url = reverse("participants:mission_list", args=[factories.default_team().slug])
    return f"{url}?event={slug}" if slug else url


@pytest.mark.django_db
def test_embassy_roster_opened_from_an_event_lists_that_events_missions_in_the_event(client):
    event = factories.EventFactory(title="Testland pre-session")
    registered = factories.MissionFactory(organisation__name="Embassy of Registered")
    present = factories.MissionFactory(organisation__name="Embassy of Present")
    factories.MissionFactory(organisation__name="Embassy of Elsewhere")
    diplomat = factories.PersonFactory(organisation=registered.organisation)
    factories.RegistrationFactory(event=event, person=diplomat, role="diplomat")
    session = factories.SessionFactory(day=factories.ProgrammeDayFactory(event=event))
    session.missions_present.add(present)
    client.force_login(factories.organiser())

    in_event = client.get(_roster(event.slug)).content.decode()
    everything = client.get(_roster()).content.decode()

    assert "Embassy of Registered" in in_event and "Embassy of Present" in in_event
    assert "Embassy of Elsewhere" not in in_event
    assert "Testland pre-session" in in_event and 'aria-label="Event pages"' in in_event
    assert f'href="{_roster(event.slug)}"' in in_event  # the event's tab stays in the event
    assert "Embassy of Elsewhere" in everything


@pytest.mark.django_db
def test_embassy_roster_of_another_teams_event_is_404(client):
    other = factories.EventFactory(team=factories.TeamFactory(slug="other-team"))
    client.force_login(factories.organiser())

    response = client.get(_roster(other.slug))

    assert response.status_code == 404


@pytest.mark.django_db
def test_person_page_has_breadcrumbs_to_the_team_and_the_organisation(client):
    organisation = factories.OrganisationFactory(name="Breadcrumb Org", acronym="BO")
    person = factories.PersonFactory(
        given_name="Sokha", family_name="Chan", organisation=organisation
    )
    client.force_login(factories.organiser())

    page = client.get(reverse("participants:person_detail", args=[person.pk])).content.decode()

    crumbs = page[page.index('<ol class="breadcrumb">') : page.index("</ol>")]
    assert reverse("accounts:team_detail", args=[person.team.slug]) in crumbs
    assert reverse("participants:organisation_detail", args=[organisation.pk]) in crumbs
    assert 'aria-current="page">Sokha Chan<' in crumbs
