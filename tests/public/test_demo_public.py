"""The demo's public site: its event is published and its speakers chose varied consent."""

from demo.loader import load_demo_consent
from participants.models import Person, PublicConsent


def test_demo_programme_people_have_every_consent_level(demo_event):
    loader = load_demo_consent(demo_event)
    again = load_demo_consent(demo_event)

    levels = Person.objects.filter(session_roles__session__day__event=demo_event).values_list(
        "public_consent", flat=True
    )
    assert demo_event.status == "published"
    assert set(levels) == set(PublicConsent.values)
    assert loader.changed > 0
    assert again.changed == 0


def test_demo_factsheets_are_partly_published(demo_event):
    factsheets = demo_event.factsheets.all()

    published = factsheets.published().count()

    assert 0 < published < factsheets.count()
