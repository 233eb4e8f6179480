import datetime

import pytest
from django.utils import timezone

from cfp.models import Application, Call, ProposedSpeaker
from events.models import Theme
from tests import factories


def make_call(event, **kw):
    now = timezone.now()
    values = {
        "opens_at": now - datetime.timedelta(days=1),
        "deadline": now + datetime.timedelta(days=10),
        "questions": ["Why should you speak?"],
        "intro": "Tell us about your work.",
    }
    return Call.objects.create(event=event, **(values | kw))


def make_application(
    call,
    *,
    name="Youth for Rights",
    scope="national",
    genders=("woman",),
    themes=(),
    state="",
    minutes=None,
    language="en",
    recommendations=(),
):
    application = Application.objects.create(
        call=call,
        organisation_name=name,
        organisation_scope=scope,
        state_under_review=state,
        speaking_minutes=minutes,
        language=language,
        contact_email=f"{name.split()[0].lower()}@example.org",
        recommendations=list(recommendations),
    )
    application.themes.set(themes)
    for order, gender in enumerate(genders):
        ProposedSpeaker.objects.create(
            application=application,
            given_name=f"{name.split()[0]}{order}",
            family_name="Speaker",
            gender=gender,
            position="Director",
            email=f"{name.split()[0].lower()}{order}@example.org",
            order=order,
        )
    return application


@pytest.fixture
def cfp(db):
    team = factories.TeamFactory(slug="cfp-team")
    themes = [
        Theme.objects.create(team=team, name=name, order=order)
        for order, name in enumerate(["Civic space", "Gender equality", "Land rights"])
    ]
    event = factories.EventFactory(team=team, slug="cfp-event", status="published")
    event.themes.set(themes)
    session = factories.SessionFactory(day__event=event, title="Panel of CSOs")
    cso = factories.OrganisationFactory(team=team, name="Rights Now", scope="national")
    return type(
        "World",
        (),
        {
            "team": team,
            "themes": themes,
            "event": event,
            "session": session,
            "cso": cso,
            "organiser": factories.organiser(team, username="org1"),
            "organiser2": factories.organiser(team, username="org2"),
            "staff": factories.cso_staff(cso, username="cso1", email="staff@rightsnow.org"),
            "call": make_call(event),
        },
    )
