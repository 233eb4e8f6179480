"""The demo event's activity report, read back from the PDF, says what the seed report says,
with every figure computed from the data."""

import io
from dataclasses import dataclass

import pypdf
import pytest
from django.db import transaction

from demo.loader import load_demo
from events.models import Event
from events.themes import DEFAULT_THEMES
from participants.models import Attendance
from reports import pdf
from reports.models import ActivityReport
from tests import factories
from tests.seed_report import EMBASSIES

from .conftest import DEMO_SLUG, one_line, pdf_text

# Marked as database tests so they run before the transactional ones, whose teardown
# flushes the reference data (themes, role groups) that `load_demo` needs.
pytestmark = pytest.mark.django_db

SECTION_HEADINGS = (
    "1. Introduction",
    "2. Activity",
    "2.1 Overview",
    "2.2 Achievements",
    "2.3 Lessons learnt",
    "3. Way forward",
    "4. Testimonies",
    "Contact",
)


@dataclass(frozen=True)
class DemoDocuments:
    content: bytes
    text: str
    # The same event with its narrative, achievements and testimonies removed: what is
    # left can only come from the data.
    figures_only_text: str


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the module, render, and roll everything back."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()  # the data only: no factsheet files written to the storage
        event = Event.objects.get(slug=DEMO_SLUG)
        content = pdf.html_to_pdf(pdf.activity_report_html(event))
        ActivityReport.objects.filter(event=event).delete()
        figures_only = pdf.html_to_pdf(pdf.activity_report_html(event))
        transaction.set_rollback(True)
    return DemoDocuments(
        content=content,
        text=one_line(pdf_text(content)),
        figures_only_text=one_line(pdf_text(figures_only)),
    )


def test_demo_report_has_the_seed_sections_in_order(demo):
    positions = [demo.text.find(heading) for heading in SECTION_HEADINGS]

    assert -1 not in positions, dict(zip(SECTION_HEADINGS, positions, strict=True))
    assert positions == sorted(positions)


def test_demo_report_title_block_names_event_dates_place_and_co_organisers(demo):
    assert "UPR In-country Pre-session: Cambodia" in demo.text
    assert "14–16 November 2018" in demo.text
    assert "Phnom Penh, Cambodia" in demo.text
    assert "Cambodian Center for Human Rights (CCHR)" in demo.text
    assert "UPR Info" in demo.text


def test_demo_report_lists_the_13_themes_from_the_data(demo, db):
    # The demo's event covers its team's catalogue: the default one.
    themes = list(DEFAULT_THEMES)

    missing = [theme for theme in themes if theme not in demo.figures_only_text]

    assert len(themes) == 13
    assert missing == []
    assert "Themes discussed (13)" in demo.figures_only_text


def test_demo_report_names_the_11_embassies_and_the_eu_delegation(demo):
    missing = [name for name in sorted(EMBASSIES) if name not in demo.figures_only_text]

    assert missing == []
    assert "Diplomatic missions present (12)" in demo.figures_only_text
    assert "Delegation of the European Union to Cambodia" in demo.figures_only_text


def test_demo_report_names_the_un_institutions_present(demo):
    for name in ("(UNICEF)", "(UNDP)", "(UN Women)", "(OHCHR)", "(RCO)"):
        assert name in demo.figures_only_text


def test_demo_report_gender_balance_of_pre_session_speakers_and_participants(demo):
    # Day 2 is the Pre-session proper: the day the seed's percentages describe.
    day_2 = demo.figures_only_text.split("Day 2: Pre-session:", 1)[1][:200]

    assert "speakers 54% women, 46% men" in day_2
    assert "participants 51% women, 49% men" in day_2


def test_demo_report_attendance_per_day(demo):
    for line in (
        "Day 1 (14 November 2018): 60 people",
        "Day 2 (15 November 2018): 70 people",
        "Day 3 (16 November 2018): 45 people",
    ):
        assert line in demo.figures_only_text


def test_demo_report_factsheets_disseminated(demo):
    assert "11 thematic factsheets disseminated to 12 diplomatic missions" in demo.figures_only_text


def test_demo_report_prints_the_three_testimonies_anonymously(demo):
    openings = (
        "The organisers have done an amazing job!",
        "As the leading organisation in the coalition on child rights",
        "I was delighted to participate in this important event",
    )
    testimonies = demo.text.split("4. Testimonies", 1)[1].split("Contact", 1)[0]

    assert [opening in testimonies for opening in openings] == [True, True, True]
    assert "Contributors have been guaranteed anonymity." in testimonies


def test_demo_report_contact_block(demo):
    contact = demo.text.rsplit("Contact", 1)[1]

    assert "Rue de Varembé 3" in contact
    assert "1202 Geneva" in contact
    assert "info@upr-info.org" in contact


def test_demo_report_shapes_a_khmer_organisation_name(demo):
    # Khmer text only survives PDF text extraction when its glyphs were first used in the
    # same cluster (WeasyPrint's ToUnicode map keeps the first cluster of each glyph); the
    # national CSOs are listed before the youth groups, so this name comes first.
    assert "សមាគមសិទ្ធិមនុស្សភូមិថ្មី" in demo.text


def test_demo_report_figures_are_computed_not_typed(demo):
    narrative_only = "some 60 CSO representatives"

    assert narrative_only in demo.text
    assert narrative_only not in demo.figures_only_text
    assert "60 people" in demo.figures_only_text


def test_demo_report_without_narrative_leaves_its_empty_sections_out(demo):
    assert "No text yet." not in demo.text
    assert "No text yet." not in demo.figures_only_text
    assert "1. Activity" in demo.figures_only_text
    assert "Introduction" not in demo.figures_only_text


def test_demo_report_pdf_metadata_and_bookmarks(demo):
    reader = pypdf.PdfReader(io.BytesIO(demo.content))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    nested = [
        item.title
        for group in reader.outline
        if isinstance(group, list)
        for item in group
        if not isinstance(item, list)
    ]

    assert reader.metadata.title == "Activity report: UPR In-country Pre-session: Cambodia"
    assert "UPR Info" in reader.metadata.author
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert outline == [
        "1. Introduction",
        "2. Activity",
        "3. Way forward",
        "4. Testimonies",
        "Contact",
    ]
    assert [title for title in nested if title[:2] == "2."] == [
        "2.1 Overview",
        "2.2 Achievements",
        "2.3 Lessons learnt",
    ]


def test_demo_report_pages_are_a4_with_numbers_and_running_header(demo):
    reader = pypdf.PdfReader(io.BytesIO(demo.content))
    box = reader.pages[0].mediabox
    second_page = reader.pages[1].extract_text()

    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert f"2 / {len(reader.pages)}" in second_page
    assert "Activity report · UPR In-country Pre-session: Cambodia" in second_page


def test_changing_one_attendance_changes_the_pdf_figures(demo_event):
    before = one_line(pdf_text(pdf.activity_report_pdf(demo_event).content))
    Attendance.objects.filter(day__event=demo_event, day__date="2018-11-14").first().delete()

    after = one_line(pdf_text(pdf.activity_report_pdf(demo_event).content))

    assert "Day 1 (14 November 2018): 60 people" in before
    assert "Day 1 (14 November 2018): 59 people" in after
    assert "Day 1 (14 November 2018): 60 people" not in after


def _text_depths(content, words):
    """How far down page 1 the first text run holding each of `words` is (the text
    matrix's y: WeasyPrint's page transform counts it from the top)."""
    depths = {}

    def visit(text, _cm, tm, _font, _size):
        for word in words:
            if word in text and word not in depths:
                depths[word] = tm[5]

    pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visit)
    return depths


def test_draft_mark_sits_above_the_kicker_clear_of_a_long_heading(db):
    event = factories.EventFactory(
        title="UPR In-country Pre-session on a title long enough to fill the whole line"
    )

    content = pdf.html_to_pdf(pdf.activity_report_html(event))

    depths = _text_depths(content, ["DRAFT", "ACTIVITY REPORT", "UPR In-country"])
    # The mark in the band above the kicker, the kicker above the heading.
    assert depths["DRAFT"] < depths["ACTIVITY REPORT"] < depths["UPR In-country"]
