"""Khmer in the PDFs: words found and marked with zero-width spaces, lines broken inside a
paragraph that has no spaces, and the text still found by extraction."""

import pytest
from django.utils import translation
from weasyprint import HTML
from weasyprint.formatting_structure.boxes import TextBox

from reports import pdf
from reports.khmer import KHMER_RUN, ZERO_WIDTH_SPACE, break_khmer_words, segment
from tests import factories

from .conftest import pdf_text

# "The Universal Periodic Review is a process in which every member State of the United
# Nations has its human rights situation reviewed. Civil society organisations held a
# pre-session to brief the embassies of the recommending States." As Khmer is written: no
# space between words.
KHMER_PARAGRAPH = (
    "ការពិនិត្យតាមកាលកំណត់ជាសកលគឺជាដំណើរការមួយដែលរដ្ឋជាសមាជិកនៃអង្គការសហប្រជាជាតិទាំងអស់"
    "ត្រូវបានពិនិត្យលើស្ថានភាពសិទ្ធិមនុស្សរបស់ខ្លួន។"
    "អង្គការសង្គមស៊ីវិលបានរៀបចំកិច្ចប្រជុំមុនសម័យប្រជុំដើម្បីផ្តល់ព័ត៌មានដល់ស្ថានទូតនៃរដ្ឋដែលផ្តល់អនុសាសន៍។"
) * 3


def test_segment_puts_zero_width_spaces_between_words_and_changes_nothing_else():
    segmented = segment("សិទ្ធិមនុស្សរបស់ខ្លួន។")

    assert segmented.split(ZERO_WIDTH_SPACE) == ["សិទ្ធិ", "មនុស្ស", "របស់", "ខ្លួន។"]
    assert segmented.replace(ZERO_WIDTH_SPACE, "") == "សិទ្ធិមនុស្សរបស់ខ្លួន។"


def test_break_khmer_words_leaves_tags_attributes_and_head_alone():
    html = (
        '<html lang="km"><head><title>សិទ្ធិមនុស្ស</title></head>'
        '<body data-running="សិទ្ធិមនុស្ស"><p title="របស់ខ្លួន">Human rights: សិទ្ធិមនុស្ស</p>'
        "</body></html>"
    )

    broken = break_khmer_words(html)

    assert broken == html.replace(
        "Human rights: សិទ្ធិមនុស្ស", f"Human rights: សិទ្ធិ{ZERO_WIDTH_SPACE}មនុស្ស"
    )


def test_break_khmer_words_without_khmer_returns_the_document_unchanged():
    html = "<html><body><p>Les droits de l’homme, &amp; more.</p></body></html>"

    assert break_khmer_words(html) is html


def _document(event, *, breaker):
    with translation.override("km"):
        html = pdf.activity_report_html(event)
    if breaker:
        html = break_khmer_words(html)
    return HTML(
        string=html, base_url=pdf.INTERNAL_BASE_URL, url_fetcher=pdf.StaticFilesURLFetcher()
    ).render()


def _khmer_lines(document):
    """(right edge, right edge of the page's content area) of every text box with Khmer in
    it, in CSS pixels, over every page."""
    found = []
    for page in document.pages:
        box = page._page_box
        content_right = box.content_box_x() + box.width
        for child in box.descendants():
            if isinstance(child, TextBox) and KHMER_RUN.search(child.text):
                found.append((child.position_x + child.width, content_right))
    return found


@pytest.fixture
def khmer_report(db):
    event = factories.EventFactory(slug="khmer", title="Pre-session")
    factories.ActivityReportFactory(event=event, introduction=KHMER_PARAGRAPH)
    return event


def test_long_khmer_paragraph_breaks_into_lines_inside_the_page(khmer_report):
    lines = _khmer_lines(_document(khmer_report, breaker=True))

    assert len(lines) >= 6
    assert all(right <= content_right + 0.5 for right, content_right in lines)


def test_without_word_boundaries_pango_runs_khmer_off_the_page(khmer_report):
    # What the breaker is for: Pango breaks after a sentence's "។" only, so a sentence
    # longer than the line runs past the margin. Should Pango ever break Khmer words by
    # itself, this fails and the breaker can go.
    lines = _khmer_lines(_document(khmer_report, breaker=False))

    assert any(right > content_right + 20 for right, content_right in lines)


def test_khmer_report_pdf_text_is_still_found_by_extraction(khmer_report):
    with translation.override("km"):
        content = pdf.activity_report_pdf(khmer_report).content

    # Lines break inside the paragraph: fold them, and drop any zero-width space. Khmer
    # survives extraction only where each glyph was first used in the same cluster
    # (WeasyPrint's ToUnicode map keeps a glyph's first cluster: "ដែល" comes back as "ដល",
    # "របស់" as "រប្រស់" after "ប្រ"), whatever the breaker does; these words do.
    text = "".join(pdf_text(content).split()).replace(ZERO_WIDTH_SPACE, "")
    assert "ការពិនិត្យតាមកាលកំណត់ជាសកល" in text
    assert "ស្ថានភាពសិទ្ធិមនុស្ស" in text
