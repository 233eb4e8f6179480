"""Markup that assistive technology relies on, found missing by the browser tests' axe-core
pass and the journeys (tests/e2e): names for unlabelled fields and live regions."""

import re

from django.urls import reverse

from events.models import EventFormat
from tests import factories


def test_programme_editor_role_fields_have_accessible_names(client, organiser_user):
    day = factories.ProgrammeDayFactory()
    factories.SessionRoleFactory(session__day=day)
    client.force_login(organiser_user)

    response = client.get(reverse("events:programme_day_edit", args=[day.event.slug, day.pk]))

    content = response.content.decode()
    role_selects = re.findall(r'<select name="sessions-0-roles-\d+-role"[^>]*>', content)
    assert len(role_selects) == 2  # the existing role and one blank row
    assert all('aria-label="Role"' in select for select in role_selects)
    positions = re.findall(r'<input [^>]*name="sessions-0-roles-\d+-position"[^>]*>', content)
    assert len(positions) == 2
    assert all('aria-label="Position at the time"' in field for field in positions)


def test_desk_counters_are_a_named_status_region(client, organiser_user):
    day = factories.ProgrammeDayFactory()
    client.force_login(organiser_user)

    response = client.get(reverse("participants:desk", args=[day.event.slug, day.pk]))

    assert (
        '<div id="desk-counters" class="desk-counters d-flex flex-wrap gap-2 mb-3" '
        'role="status" aria-label="Counters of this day">'
    ) in response.content.decode()


def test_geneva_figures_are_a_region_named_by_their_heading(client, organiser_user):
    event = factories.EventFactory(format=EventFormat.GENEVA, country_under_review="")
    client.force_login(organiser_user)

    response = client.get(event.get_absolute_url())

    content = response.content.decode()
    assert '<section class="card shadow-sm mb-4" aria-labelledby="geneva-figures-title">' in content
    assert 'id="geneva-figures-title">Geneva series</h2>' in content
