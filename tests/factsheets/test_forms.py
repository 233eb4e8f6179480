"""The factsheet form offers what belongs to the chosen event, and says so clearly when
something posted does not."""

import pytest
from django.urls import reverse
from django.utils import translation

from factsheets.forms import FactsheetCreateForm, FactsheetForm
from factsheets.models import Factsheet
from tests import factories
from tests.factsheets.conftest import make_factsheet, upload


@pytest.fixture
def setting(db):
    """CSO staff of an organisation invited to an event of team A that covers two themes;
    another event of A they are not linked to; an event of team B."""
    team_a = factories.TeamFactory()
    team_b = factories.TeamFactory(slug="team-b")
    organisation = factories.OrganisationFactory(name="Land Rights Network")
    themes = list(team_a.themes.order_by("order"))
    event = factories.EventFactory(title="Cambodia pre-session", themes=themes[:2])
    event.invited_organisations.add(organisation)
    return {
        "user": factories.cso_staff(organisation=organisation),
        "event": event,
        "on_event": themes[:2],
        "off_event": themes[2],
        "unlinked_event": factories.EventFactory(title="Unlinked pre-session"),
        "team_b_event": factories.EventFactory(team=team_b, title="Team B pre-session"),
        "partner": factories.OrganisationFactory(name="Workers' Coalition"),
        "team_b_organisation": factories.OrganisationFactory(team=team_b, name="B's NGO"),
        "team_b_theme": team_b.themes.order_by("order").first(),
    }


def form_data(setting, **overrides):
    return {
        "event": setting["event"].pk,
        "theme": setting["on_event"][0].pk,
        "title": "Land rights",
        "language": "en",
        "summary": "",
        **overrides,
    }


def test_form_offers_only_the_events_the_organisation_is_linked_to(setting):
    form = FactsheetCreateForm(user=setting["user"])

    assert list(form.fields["event"].queryset) == [setting["event"]]


def test_form_offers_the_chosen_events_active_themes(setting):
    retired = setting["on_event"][1]
    retired.is_active = False
    retired.save()

    form = FactsheetCreateForm(user=setting["user"], initial={"event": setting["event"].pk})

    assert list(form.fields["theme"].queryset) == [setting["on_event"][0]]


def test_form_offers_the_event_teams_organisations_as_co_authors(setting):
    form = FactsheetCreateForm(user=setting["user"], initial={"event": setting["event"].pk})

    offered = set(form.fields["co_authors"].queryset)

    assert setting["partner"] in offered
    assert setting["team_b_organisation"] not in offered
    assert setting["user"].organisation not in offered


@pytest.mark.parametrize("theme", ["off_event", "team_b_theme"])
def test_form_theme_not_of_the_event_is_refused(setting, theme):
    form = FactsheetCreateForm(
        form_data(setting, theme=setting[theme].pk),
        {"file": upload()},
        user=setting["user"],
    )

    assert not form.is_valid()
    if theme == "off_event":
        assert form.errors["theme"] == [
            f"“{setting['off_event'].name}” is not one of the themes of Cambodia pre-session. "
            "Choose one of its themes."
        ]
    else:
        # Another team's theme is not even a choice.
        assert "theme" in form.errors


def test_form_event_not_linked_is_refused(setting):
    form = FactsheetCreateForm(
        form_data(setting, event=setting["team_b_event"].pk),
        {"file": upload()},
        user=setting["user"],
    )

    assert not form.is_valid()
    assert "event" in form.errors


def test_form_co_author_of_another_team_is_refused(setting):
    form = FactsheetCreateForm(
        form_data(setting, co_authors=[setting["team_b_organisation"].pk]),
        {"file": upload()},
        user=setting["user"],
    )

    assert not form.is_valid()
    assert "co_authors" in form.errors


def test_co_author_of_another_team_is_refused_naming_the_event_in_the_users_language(setting):
    setting["team_b_event"].invited_organisations.add(setting["user"].organisation)
    setting["event"].translations = {"fr": {"title": "Pré-session sur le Cambodge"}}
    setting["event"].save()
    form = FactsheetCreateForm(
        form_data(setting, co_authors=[setting["team_b_organisation"].pk]),
        {"file": upload()},
        user=setting["user"],
    )

    with translation.override("fr"):
        errors = form.errors["co_authors"]

    assert errors == [
        "B's NGO ne peut pas être coautrice d'une fiche d'information de "
        "Pré-session sur le Cambodge."
    ]


def test_edit_form_offers_the_factsheets_event_choices(setting):
    factsheet = make_factsheet(by=setting["user"], event=setting["event"])

    form = FactsheetForm(instance=factsheet, user=setting["user"])

    assert "event" not in form.fields
    assert list(form.fields["theme"].queryset) == setting["on_event"]
    assert setting["team_b_organisation"] not in form.fields["co_authors"].queryset


def test_edit_form_theme_of_another_event_shows_clear_error(setting):
    factsheet = make_factsheet(by=setting["user"], event=setting["event"])

    form = FactsheetForm(
        form_data(setting, theme=setting["off_event"].pk), instance=factsheet, user=setting["user"]
    )

    assert not form.is_valid()
    assert "is not one of the themes of Cambodia pre-session" in form.errors["theme"][0]


def test_create_page_theme_of_another_event_shows_error_and_writes_nothing(client, setting):
    client.force_login(setting["user"])
    data = {
        **form_data(setting, theme=setting["off_event"].pk),
        "file": upload(),
        "recommendations-TOTAL_FORMS": "1",
        "recommendations-INITIAL_FORMS": "0",
        "recommendations-0-text": "Ratify.",
        "recommendations-0-ORDER": "1",
    }

    response = client.post(reverse("factsheets:factsheet_create"), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "is not one of the themes of Cambodia pre-session" in page
    assert "The factsheet was not saved." in page
    assert not Factsheet.all_objects.exists()


def test_create_page_preselects_the_event_asked_for(client, setting):
    other = factories.EventFactory(title="Second pre-session")
    other.invited_organisations.add(setting["user"].organisation)
    client.force_login(setting["user"])

    response = client.get(reverse("factsheets:factsheet_create") + f"?event={other.slug}")

    assert response.context["form"].initial["event"] == other.pk
    assert list(response.context["form"].fields["theme"].queryset) == list(
        other.themes.order_by("order", "name")
    )


def test_create_page_ignores_an_event_not_linked(client, setting):
    client.force_login(setting["user"])

    response = client.get(
        reverse("factsheets:factsheet_create") + f"?event={setting['team_b_event'].slug}"
    )

    assert "event" not in response.context["form"].initial
    assert "Team B pre-session" not in response.content.decode()
