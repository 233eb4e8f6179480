import io
from html.parser import HTMLParser

import pypdf
import pytest
from django.core.cache import cache
from django.core.management import call_command

from events.models import Event

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
    call_command("load_demo", stdout=io.StringIO())
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
