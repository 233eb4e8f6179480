"""A team's theme catalogue: organisers add, rename, reorder, deactivate and delete unused
themes; events pick theirs from it."""

import pytest
from django.urls import reverse

from events.models import Theme
from tests import factories


def _list_url(team):
    return reverse("events:theme_list", args=[team.slug])


def _theme_data(theme, **overrides):
    data = {
        "theme": theme.pk,
        f"theme-{theme.pk}-name": theme.name,
        f"theme-{theme.pk}-order": theme.order,
        f"theme-{theme.pk}-is_active": "on" if theme.is_active else "",
    }
    data.update({f"theme-{theme.pk}-{name}": value for name, value in overrides.items()})
    return {name: value for name, value in data.items() if value != ""}


@pytest.fixture
def team(db):
    return factories.TeamFactory()


def test_theme_list_shows_the_teams_catalogue_in_order(client, team, organiser_user):
    client.force_login(organiser_user)

    response = client.get(_list_url(team))

    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("Gender/Women&#x27;s Rights") < content.index("Rule of law")


def test_organiser_adds_a_theme_after_the_last(client, team, organiser_user):
    client.force_login(organiser_user)
    last = team.themes.order_by("-order").first()

    response = client.post(_list_url(team), {"add": "1", "new-name": "Climate justice"})

    assert response.status_code == 302
    theme = team.themes.get(name="Climate justice")
    assert (theme.order, theme.is_active) == (last.order + 1, True)


def test_adding_a_duplicate_name_is_refused_with_a_clear_error(client, team, organiser_user):
    client.force_login(organiser_user)
    count = team.themes.count()

    response = client.post(_list_url(team), {"add": "1", "new-name": "rule of LAW"})

    assert response.status_code == 400
    assert "Your team already has a theme with this name." in response.content.decode()
    assert team.themes.count() == count


def test_the_same_name_in_another_team_is_allowed(client, team, organiser_user):
    other = factories.TeamFactory(slug="other-team")
    client.force_login(factories.organiser(other))

    response = client.post(_list_url(other), {"add": "1", "new-name": "Climate justice"})
    client.force_login(organiser_user)
    again = client.post(_list_url(team), {"add": "1", "new-name": "Climate justice"})

    assert response.status_code == again.status_code == 302
    assert Theme.objects.filter(name="Climate justice").count() == 2


def test_organiser_renames_reorders_and_deactivates_a_theme(client, team, organiser_user):
    theme = team.themes.get(name="Khmer Krom rights")
    client.force_login(organiser_user)

    response = client.post(
        _list_url(team), _theme_data(theme, name="Rights of the Khmer Krom", order=99, is_active="")
    )

    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.name, theme.order, theme.is_active) == ("Rights of the Khmer Krom", 99, False)


def test_renaming_to_an_existing_name_changes_nothing(client, team, organiser_user):
    theme = team.themes.get(name="Khmer Krom rights")
    client.force_login(organiser_user)

    response = client.post(_list_url(team), _theme_data(theme, name="Elections"))

    assert response.status_code == 400
    assert "Your team already has a theme with this name." in response.content.decode()
    assert 'value="Elections"' in response.content.decode()
    theme.refresh_from_db()
    assert theme.name == "Khmer Krom rights"


def test_an_unused_theme_is_deleted(client, team, organiser_user):
    theme = team.themes.get(name="Khmer Krom rights")
    client.force_login(organiser_user)

    response = client.post(reverse("events:theme_delete", args=[team.slug, theme.pk]))

    assert response.status_code == 302
    assert not Theme.objects.filter(pk=theme.pk).exists()


@pytest.mark.parametrize("used_by", ["event", "session", "factsheet"])
def test_a_theme_in_use_is_kept_and_deactivation_suggested(client, team, organiser_user, used_by):
    theme = team.themes.get(name="Khmer Krom rights")
    event = factories.EventFactory(themes=[])
    if used_by == "event":
        event.themes.add(theme)
    elif used_by == "session":
        factories.SessionFactory(day=factories.ProgrammeDayFactory(event=event)).themes.add(theme)
    else:
        factories.FactsheetFactory(event=event, theme=theme)
    client.force_login(organiser_user)

    response = client.post(reverse("events:theme_delete", args=[team.slug, theme.pk]), follow=True)

    assert Theme.objects.filter(pk=theme.pk).exists()
    assert "cannot be deleted: deactivate it instead" in response.content.decode()


def test_another_teams_theme_is_not_found(client, team, organiser_user):
    other = factories.TeamFactory(slug="other-team")
    theirs = other.themes.first()
    client.force_login(organiser_user)

    deleted = client.post(reverse("events:theme_delete", args=[team.slug, theirs.pk]))
    changed = client.post(_list_url(team), _theme_data(theirs, name="Changed"))

    assert deleted.status_code == changed.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name != "Changed"


def test_report_administrator_may_not_edit_themes(client, team, report_admin_user):
    client.force_login(report_admin_user)

    response = client.post(_list_url(team), {"add": "1", "new-name": "Climate justice"})

    assert response.status_code == 403
    assert not team.themes.filter(name="Climate justice").exists()


def test_new_event_starts_with_every_active_theme_ticked(client, team, organiser_user):
    retired = team.themes.get(name="Khmer Krom rights")
    retired.is_active = False
    retired.save()
    factories.TeamFactory(slug="other-team")
    client.force_login(organiser_user)

    form = client.get(reverse("events:event_create", args=[team.slug])).context["form"]

    offered = set(form.fields["themes"].queryset)
    assert offered == set(team.themes.filter(is_active=True))
    assert set(form.initial["themes"]) == {theme.pk for theme in offered}


def test_event_form_keeps_a_retired_theme_the_event_has(client, team, organiser_user):
    retired = team.themes.get(name="Khmer Krom rights")
    event = factories.EventFactory(themes=[retired])
    retired.is_active = False
    retired.save()
    client.force_login(organiser_user)

    form = client.get(reverse("events:event_update", args=[event.slug])).context["form"]

    assert retired in form.fields["themes"].queryset
    assert other_team_themes_absent(form)


def other_team_themes_absent(form):
    return not form.fields["themes"].queryset.exclude(team=factories.TeamFactory()).exists()


def test_event_form_offers_only_organisations_available_to_the_team(client, organiser_user):
    own = factories.OrganisationFactory(name="Own NGO")
    shared = factories.OrganisationFactory(name="Embassy of Testland", team=None)
    theirs = factories.OrganisationFactory(
        name="Their NGO", team=factories.TeamFactory(slug="other-team")
    )
    event = factories.EventFactory()
    client.force_login(organiser_user)

    form = client.get(reverse("events:event_update", args=[event.slug])).context["form"]

    for name in ("co_organisers", "invited_organisations"):
        offered = set(form.fields[name].queryset)
        assert {own, shared} <= offered
        assert theirs not in offered
    day_form = (
        client.get(reverse("events:event_update", args=[event.slug]))
        .context["day_formset"]
        .forms[0]
    )
    assert theirs not in set(day_form.fields["host"].queryset)


def test_event_form_refuses_another_teams_organisation(client, organiser_user):
    theirs = factories.OrganisationFactory(team=factories.TeamFactory(slug="other-team"))
    event = factories.EventFactory()
    client.force_login(organiser_user)
    form = client.get(reverse("events:event_update", args=[event.slug])).context["form"]
    data = {
        name: value
        for name, value in {**form.initial, "co_organisers": [theirs.pk]}.items()
        if value is not None
    }

    response = client.post(
        reverse("events:event_update", args=[event.slug]),
        {
            **{k: v for k, v in data.items() if k not in ("themes", "invited_organisations")},
            "start_date": "2018-11-14",
            "end_date": "2018-11-16",
            "days-TOTAL_FORMS": "0",
            "days-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not event.co_organisers.exists()
