"""The participants' forms through their pages: good input saved, bad input refused with
the error next to the field, the typed values kept and nothing written."""

from django.template.loader import render_to_string
from django.urls import reverse

from participants.forms import PersonForm
from participants.models import Gender, Mission, Organisation, Person, Registration
from tests import factories


def _person_data(**overrides):
    data = {
        "given_name": "Srey",
        "family_name": "Mom",
        "gender": Gender.WOMAN,
        "position": "Coordinator",
        "email": "",
        "phone": "",
        "age_band": "",
        "role": "speaker",
    }
    return {**data, **overrides}


def _counts():
    return (Person.objects.count(), Organisation.objects.count(), Registration.objects.count())


def test_new_person_with_new_organisation_is_registered(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:person_create", args=[world.event.slug]),
        _person_data(
            new_organisation_name="Khmer Youth Testers",
            new_organisation_acronym="KYT",
            new_organisation_kind="youth_group",
        ),
    )

    assert response.status_code == 302
    registration = Registration.objects.get(person__given_name="Srey")
    assert registration.role == "speaker"
    assert registration.registered_by == organiser_user
    assert str(registration.person.organisation) == "Khmer Youth Testers (KYT)"


def test_new_person_bad_input_keeps_values_and_writes_nothing(client, world, organiser_user):
    client.force_login(organiser_user)
    before = _counts()

    response = client.post(
        reverse("participants:person_create", args=[world.event.slug]),
        _person_data(
            given_name="",
            email="not-an-email",
            new_organisation_name="Half-made organisation",
            new_organisation_kind="youth_group",
        ),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="error_1_id_given_name"' in content
    assert 'id="error_1_id_email"' in content
    assert 'value="not-an-email"' in content
    assert 'value="Half-made organisation"' in content
    assert _counts() == before


def test_new_person_both_organisations_is_refused(client, world, organiser_user):
    client.force_login(organiser_user)
    before = _counts()

    response = client.post(
        reverse("participants:person_create", args=[world.event.slug]),
        _person_data(
            organisation=world.cso.pk,
            new_organisation_name="Another one",
            new_organisation_kind="national_cso",
        ),
    )

    assert "Pick an organisation from the list or create a new one, not both." in (
        response.content.decode()
    )
    assert _counts() == before


def test_new_organisation_that_exists_is_refused(client, world, organiser_user):
    client.force_login(organiser_user)
    before = _counts()

    response = client.post(
        reverse("participants:person_create", args=[world.event.slug]),
        _person_data(
            new_organisation_name="cambodian center for TESTING",
            new_organisation_kind="national_cso",
        ),
    )

    assert "already exists: pick it from the list." in response.content.decode()
    assert _counts() == before


def test_possible_duplicate_is_flagged_before_saving(client, world, organiser_user):
    client.force_login(organiser_user)
    before = _counts()

    response = client.post(
        reverse("participants:person_create", args=[world.event.slug]),
        _person_data(given_name="SOKHA", family_name="chan", organisation=world.cso.pk),
    )

    content = response.content.decode()
    assert "This person may already exist" in content
    assert f'href="/participants/people/{world.person.pk}/"' in content
    assert "This is a different person: save anyway" in content
    assert 'value="SOKHA"' in content
    assert _counts() == before


def test_possible_duplicate_saved_when_confirmed(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:person_create", args=[world.event.slug]),
        _person_data(
            given_name="Sokha",
            family_name="Chan",
            organisation=world.cso.pk,
            confirm_not_duplicate="on",
        ),
    )

    assert response.status_code == 302
    assert Person.objects.filter(given_name="Sokha", family_name="Chan").count() == 2


def test_same_name_in_another_organisation_is_not_a_duplicate(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:person_create", args=[world.event.slug]),
        _person_data(
            given_name="Sokha", family_name="Chan", organisation=world.mission.organisation.pk
        ),
    )

    assert response.status_code == 302


def test_person_edit_can_create_the_organisation_inline(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:person_update", args=[world.person.pk]),
        _person_data(
            given_name="Sokha",
            family_name="Chan",
            new_organisation_name="New Home NGO",
            new_organisation_kind="international_ngo",
        ),
    )

    assert response.status_code == 302
    world.person.refresh_from_db()
    assert world.person.organisation.name == "New Home NGO"
    assert world.person.organisation.kind == "international_ngo"


def test_person_edit_bad_input_changes_nothing(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:person_update", args=[world.person.pk]),
        _person_data(given_name="", family_name="Renamed"),
    )

    assert 'id="error_1_id_given_name"' in response.content.decode()
    assert 'value="Renamed"' in response.content.decode()
    world.person.refresh_from_db()
    assert (world.person.given_name, world.person.family_name) == ("Sokha", "Chan")


def test_register_known_person_with_a_role(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:registration_create", args=[world.other_event.slug]),
        {"person": world.person.pk, "person_search": "Sokha", "role": "moderator"},
    )

    assert response.status_code == 302
    assert Registration.objects.get(event=world.other_event, person=world.person).role == (
        "moderator"
    )


def test_register_someone_already_registered_is_refused(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:registration_create", args=[world.event.slug]),
        {"person": world.person.pk, "person_search": "Sokha", "role": "speaker"},
    )

    content = response.content.decode()
    assert 'id="error_1_id_person"' in content
    assert "already registered for this event" in content
    assert world.registration.role == Registration.objects.get(pk=world.registration.pk).role


def test_register_without_picking_keeps_the_typed_search(client, world, organiser_user):
    client.force_login(organiser_user)
    registrations = Registration.objects.count()

    response = client.post(
        reverse("participants:registration_create", args=[world.event.slug]),
        {"person": "", "person_search": "somebody I typed", "role": "speaker"},
    )

    content = response.content.decode()
    assert "Search for a person and pick them from the results." in content
    assert 'value="somebody I typed"' in content
    assert Registration.objects.count() == registrations


def test_person_search_lists_matches_with_their_position(client, world, organiser_user):
    world.person.position = "Programme Director"
    world.person.save()
    client.force_login(organiser_user)

    response = client.get(
        reverse("participants:person_search", args=[world.event.slug]),
        {"sessions-0-roles-0-person_search": "chan"},
    )

    content = response.content.decode()
    assert f'data-person-id="{world.person.pk}"' in content
    assert 'data-person-position="Programme Director, CCT"' in content


def test_organisation_duplicate_name_is_refused(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:organisation_create", args=["test-team"]),
        {"name": "CAMBODIAN center for testing", "kind": "national_cso", "scope": "national"},
    )

    content = response.content.decode()
    assert 'id="error_1_id_name"' in content
    assert 'value="CAMBODIAN center for testing"' in content
    assert Organisation.objects.filter(name__iexact="cambodian center for testing").count() == 1


def test_organisation_edit_saves(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:organisation_update", args=[world.cso.pk]),
        {
            "name": "Cambodian Center for Testing",
            "acronym": "CCFT",
            "kind": "national_cso",
            "scope": "national",
        },
    )

    assert response.status_code == 302
    world.cso.refresh_from_db()
    assert world.cso.acronym == "CCFT"


def test_add_diplomat_from_the_mission_page(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:diplomat_create", args=["test-team", world.mission.pk]),
        {
            "given_name": "Lars",
            "family_name": "Berg",
            "gender": "man",
            "position": "Counsellor",
            "make_focal_point": "on",
        },
        follow=True,
    )

    assert "Lars Berg" in response.content.decode()
    mission = Mission.objects.get(pk=world.mission.pk)
    focal_point = mission.focal_point_of(world.event.team)
    assert focal_point.full_name == "Lars Berg"
    assert focal_point.organisation == mission.organisation
    assert focal_point.team == world.event.team


def test_mission_page_lists_only_the_url_teams_diplomats(client, world, organiser_user):
    team_b = factories.TeamFactory(slug="team-b")
    factories.PersonFactory(
        team=team_b,
        given_name="Bjorn",
        family_name="Other",
        organisation=world.mission.organisation,
        is_focal_point=True,
    )
    client.force_login(organiser_user)

    response = client.get(
        reverse("participants:mission_detail", args=["test-team", world.mission.pk])
    )

    content = response.content.decode()
    assert "Anna Lind" in content
    assert "Bjorn" not in content
    # Team B's focal point is not this team's: no badge on the page.
    assert ">Focal point</span>" not in content


def test_mission_list_counts_and_names_the_teams_own_diplomats(client, world, organiser_user):
    team_b = factories.TeamFactory(slug="team-b")
    factories.PersonFactory(
        team=team_b,
        given_name="Bjorn",
        organisation=world.mission.organisation,
        is_focal_point=True,
    )
    world.diplomat.is_focal_point = True
    world.diplomat.save()
    client.force_login(organiser_user)

    response = client.get(reverse("participants:mission_list", args=["test-team"]))

    content = response.content.decode()
    assert "Anna Lind" in content
    assert "Bjorn" not in content
    assert response.context["missions"][0].diplomat_count == 1


def test_old_mission_address_opens_the_users_team(client, world, organiser_user):
    client.force_login(organiser_user)

    response = client.get(f"/participants/missions/{world.mission.pk}/")

    assert response.status_code == 302
    assert response.url == reverse(
        "participants:mission_detail", args=["test-team", world.mission.pk]
    )


def test_person_search_finds_only_the_events_team(client, world, organiser_user):
    factories.PersonFactory(
        team=factories.TeamFactory(slug="team-b"), given_name="Sokha", family_name="Elsewhere"
    )
    client.force_login(organiser_user)

    response = client.get(
        reverse("participants:person_search", args=[world.event.slug]), {"q": "sokha"}
    )

    content = response.content.decode()
    assert "Sokha Chan" in content
    assert "Elsewhere" not in content


def test_registration_picker_refuses_a_person_of_another_team(client, world, organiser_user):
    outsider = factories.PersonFactory(team=factories.TeamFactory(slug="team-b"))
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:registration_create", args=[world.event.slug]),
        {"person": outsider.pk, "person_search": "", "role": "speaker"},
    )

    assert response.status_code == 200
    assert "Pick a person from the search results." in response.content.decode()
    assert outsider.full_name not in response.content.decode()
    assert not outsider.registrations.exists()


def test_duplicate_warning_lists_only_the_teams_people(client, world, organiser_user):
    factories.PersonFactory(
        team=factories.TeamFactory(slug="team-b"),
        given_name="Other",
        family_name="Team",
        email="shared@example.org",
    )
    client.force_login(organiser_user)

    response = client.post(
        reverse("participants:person_create", args=[world.event.slug]),
        {
            "given_name": "New",
            "family_name": "Person",
            "gender": "woman",
            "email": "shared@example.org",
            "role": "participant",
        },
    )

    assert response.status_code == 302
    assert Person.objects.filter(email="shared@example.org").count() == 2


def test_duplicate_warning_hides_e_mails_without_the_contact_permission(world):
    team = world.event.team
    form = PersonForm(
        data={
            "given_name": "Sokha",
            "family_name": "Chan",
            "gender": "woman",
            "organisation": world.cso.pk,
            "role": "participant",
        },
        event=world.event,
        team=team,
        show_contact=False,
    )

    assert not form.is_valid()
    html = render_to_string("participants/_person_fields.html", {"form": form})
    assert "Sokha Chan" in html
    assert "sokha@example.org" not in html


def test_organisation_choices_are_the_teams_and_the_shared_ones(world):
    other = factories.OrganisationFactory(team=factories.TeamFactory(slug="team-b"))

    form = PersonForm(event=world.event, team=world.event.team)

    choices = set(form.fields["organisation"].queryset)
    assert world.cso in choices
    assert world.mission.organisation in choices
    assert other not in choices


def test_new_person_and_new_organisation_go_into_the_events_team(client, world, organiser_user):
    client.force_login(organiser_user)

    client.post(
        reverse("participants:person_create", args=[world.event.slug]),
        {
            "given_name": "Dara",
            "family_name": "Keo",
            "gender": "man",
            "new_organisation_name": "Brand New CSO",
            "new_organisation_kind": "national_cso",
            "role": "participant",
        },
    )

    person = Person.objects.get(given_name="Dara")
    assert person.team == world.event.team
    assert person.organisation.team == world.event.team


def test_add_diplomat_bad_input_writes_nothing(client, world, organiser_user):
    client.force_login(organiser_user)
    people = Person.objects.count()

    response = client.post(
        reverse("participants:diplomat_create", args=["test-team", world.mission.pk]),
        {"given_name": "", "family_name": "Berg", "gender": "nonsense"},
    )

    content = response.content.decode()
    assert 'id="error_1_id_given_name"' in content
    assert 'id="error_1_id_gender"' in content
    assert 'value="Berg"' in content
    assert "Anna Lind" in content
    assert Person.objects.count() == people


def test_mission_page_lists_days_attended(client, world, organiser_user):
    from participants.services import check_in

    check_in(world.diplomat_registration, day=world.day2, by=organiser_user)
    client.force_login(organiser_user)

    response = client.get(
        reverse("participants:mission_detail", args=["test-team", world.mission.pk])
    )

    content = response.content.decode()
    assert "Cambodia pre-session · 15 Nov 2018 · Pre-session" in content
    assert "1 diplomat" in content


def test_participant_list_filters(client, world, organiser_user):
    from participants.services import check_in

    check_in(world.diplomat_registration, day=world.day2, by=organiser_user)
    client.force_login(organiser_user)
    url = reverse("participants:registration_list", args=[world.event.slug])

    by_kind = client.get(url, {"organisation_kind": "diplomatic_mission"}).content.decode()
    by_role = client.get(url, {"role": "participant"}).content.decode()
    by_day = client.get(url, {"day": world.day2.pk}).content.decode()
    by_gender = client.get(url, {"gender": "man"}).content.decode()
    by_search = client.get(url, {"q": "testland"}).content.decode()

    assert "Anna Lind" in by_kind and "Sokha Chan" not in by_kind
    assert "Sokha Chan" in by_role and "Anna Lind" not in by_role
    assert "Anna Lind" in by_day and "Sokha Chan" not in by_day
    assert "Nobody matches these filters." in by_gender
    assert "Anna Lind" in by_search and "Sokha Chan" not in by_search
    assert "Outsider" not in client.get(url).content.decode()


def test_organisation_edit_invalid_keeps_the_saved_name_in_the_heading(
    client, world, organiser_user
):
    client.force_login(organiser_user)
    saved_name = world.cso.name

    response = client.post(
        reverse("participants:organisation_update", args=[world.cso.pk]),
        {"name": "Renamed organisation", "acronym": "CCFT", "kind": "no-such-kind"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="error_1_id_kind"' in content
    assert f"Edit {saved_name}" in content
    world.cso.refresh_from_db()
    assert world.cso.name == saved_name
