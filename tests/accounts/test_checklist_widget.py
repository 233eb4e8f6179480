"""The searchable checklist (accounts.widgets.Checklist): plain checkboxes without
JavaScript, with its search, filters and "select all shown" rendered hidden for the script."""

from django import forms
from django.urls import reverse

from accounts.widgets import Checklist
from events.forms import MISSION_FILTERS, mission_facets
from events.models import EventFormat
from participants.models import Mission, MissionType
from tests import factories


def _mission_form(selected=()):
    class MissionsForm(forms.Form):
        missions = forms.ModelMultipleChoiceField(
            queryset=Mission.objects.with_organisation().order_by("organisation__name"),
            widget=Checklist(facets=mission_facets, filters=MISSION_FILTERS),
            required=False,
        )

    return MissionsForm(initial={"missions": list(selected)})


def test_checklist_renders_checkboxes_with_their_filters(db):
    geneva = factories.MissionFactory(
        organisation__name="Permanent Mission of Sweden",
        mission_type=MissionType.PERMANENT_MISSION,
        city="Geneva",
    )
    factories.MissionFactory(organisation__name="Embassy of Sweden", city="Phnom Penh")

    html = str(_mission_form(selected=[geneva.pk])["missions"])

    assert (
        f'<div class="form-check checklist-option" data-city="Geneva" '
        f'data-type="permanent_mission"><input class="form-check-input" type="checkbox" '
        f'id="id_missions_1" name="missions" value="{geneva.pk}" checked>'
    ) in html
    assert "data-checklist-tools hidden" in html
    assert '<option value="">All types</option>' in html
    assert '<option value="permanent_mission">Permanent mission in Geneva</option>' in html
    assert '<option value="Phnom Penh">Phnom Penh</option>' in html
    assert "Select all shown" in html
    assert "Chosen: <span data-checklist-count>1</span>" in html


def test_checklist_without_any_ticked_box_means_none_chosen(db):
    mission = factories.MissionFactory()

    class MissionsForm(forms.Form):
        missions = forms.ModelMultipleChoiceField(
            queryset=Mission.objects.all(), widget=Checklist, required=False
        )

    chosen = MissionsForm({"missions": [mission.pk]})
    none = MissionsForm({})

    assert chosen.is_valid() and list(chosen.cleaned_data["missions"]) == [mission]
    assert none.is_valid() and list(none.cleaned_data["missions"]) == []


def test_geneva_editor_lists_missions_as_a_filtered_checklist(client, organiser_user):
    event = factories.EventFactory(format=EventFormat.GENEVA, country_under_review="")
    day = factories.ProgrammeDayFactory(event=event)
    factories.MissionFactory(
        organisation__name="Permanent Mission of Chile",
        mission_type=MissionType.PERMANENT_MISSION,
        city="Geneva",
    )
    client.force_login(organiser_user)

    response = client.get(reverse("events:programme_day_edit", args=[event.slug, day.pk]))

    content = response.content.decode()
    assert "Ctrl-click" not in content
    assert '<select name="sessions-0-missions_present"' not in content
    assert 'data-checklist-filter="city"' in content
    assert "Permanent Mission of Chile</label>" in content
    assert 'src="/static/js/checklist.js"' in content
