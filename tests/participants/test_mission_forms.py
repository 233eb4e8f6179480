"""New mission and edit mission, from a team's embassy roster: the mission and its shared
organisation saved together; bad input shown and nothing written."""

from django.urls import reverse

from participants.models import Mission, MissionType, Organisation, OrganisationKind
from tests import factories


def _data(**overrides):
    data = {
        "name": "Permanent Mission of Sweden",
        "acronym": "",
        "kind": OrganisationKind.DIPLOMATIC_MISSION,
        "state": "SE",
        "mission_type": MissionType.PERMANENT_MISSION,
        "city": "Geneva",
    }
    return {**data, **overrides}


def test_new_mission_creates_it_with_its_shared_organisation(client, organiser_user):
    team = organiser_user.memberships.get().team
    client.force_login(organiser_user)

    response = client.post(reverse("participants:mission_create", args=[team.slug]), _data())

    mission = Mission.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("participants:mission_detail", args=[team.slug, mission.pk])
    assert (mission.state.code, mission.mission_type, mission.city) == (
        "SE",
        MissionType.PERMANENT_MISSION,
        "Geneva",
    )
    assert (mission.organisation.name, mission.organisation.team) == (
        "Permanent Mission of Sweden",
        None,
    )


def test_new_mission_with_a_taken_name_keeps_the_input_and_writes_nothing(client, organiser_user):
    team = organiser_user.memberships.get().team
    factories.MissionFactory(organisation__name="Permanent Mission of Sweden")
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:mission_create", args=[team.slug]),
        _data(name="permanent mission  of sweden", city="Genève"),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in content
    assert "A mission or shared organisation has this name." in content
    assert 'value="Genève"' in content
    assert Mission.objects.count() == 1
    assert Organisation.objects.shared().count() == 1


def test_edit_mission_changes_it_and_its_organisation(client, organiser_user):
    team = organiser_user.memberships.get().team
    mission = factories.MissionFactory(organisation__name="Embassy of Sweden", state="SE")
    client.force_login(organiser_user)

    response = client.get(reverse("participants:mission_update", args=[team.slug, mission.pk]))
    saved = client.post(
        reverse("participants:mission_update", args=[team.slug, mission.pk]),
        _data(name="Embassy of Sweden in Bangkok", mission_type="embassy", city="Bangkok"),
    )

    assert 'value="Embassy of Sweden"' in response.content.decode()
    assert saved.status_code == 302
    mission.refresh_from_db()
    assert (mission.organisation.name, mission.city) == ("Embassy of Sweden in Bangkok", "Bangkok")
    assert Mission.objects.count() == 1


def test_roster_offers_a_new_mission_to_organisers(client, organiser_user):
    team = organiser_user.memberships.get().team
    client.force_login(organiser_user)

    response = client.get(reverse("participants:mission_list", args=[team.slug]))

    assert reverse("participants:mission_create", args=[team.slug]) in response.content.decode()
