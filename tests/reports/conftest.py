import io
from html.parser import HTMLParser

import pypdf
import pytest
from django.core.cache import cache

from demo.loader import load_demo
from events.models import Event
from participants.models import Gender
from tests import factories

DEMO_SLUG = "cambodia-2018"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def pdf_text(content):
    """All the text of a PDF, page after page, as pypdf extracts it."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def one_line(text):
    """Text with line breaks and repeated spaces folded, for phrases that wrap."""
    return " ".join(text.split())


@pytest.fixture
def demo_event(db):
    load_demo()  # the data only: no factsheet files written to the storage
    return Event.objects.get(slug=DEMO_SLUG)


class _ElementCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html):
    """The start tags of an HTML document as (tag, attributes): what a browser would act on,
    as opposed to escaped text that merely looks like markup."""
    collector = _ElementCollector()
    collector.feed(html)
    collector.close()
    return collector.elements


@pytest.fixture
def small_event(db):
    """An event with a day, a session with a speaker and a moderator, a few people checked
    in, and a short narrative."""
    event = factories.EventFactory(title="Test pre-session Cambodia", slug="test-cambodia")
    event.co_organisers.add(factories.OrganisationFactory(name="Organising Partner"))
    day = factories.ProgrammeDayFactory(event=event, title="Pre-session")
    session = factories.SessionFactory(day=day, title="Opening of the dialogue")
    factories.SessionRoleFactory(
        session=session,
        role="speaker",
        person=factories.PersonFactory(given_name="Dara", family_name="Sok"),
    )
    factories.SessionRoleFactory(
        session=session,
        role="moderator",
        person=factories.PersonFactory(given_name="Mona", family_name="Keo", gender=Gender.MAN),
    )
    for index in range(4):
        registration = factories.RegistrationFactory(
            event=event,
            person=factories.PersonFactory(gender=Gender.WOMAN if index % 2 else Gender.MAN),
        )
        factories.AttendanceFactory(registration=registration, day=day)
    report = factories.ActivityReportFactory(event=event, introduction="An **introduction**.")
    factories.TestimonyFactory(report=report, text="A published testimony.")
    return event
