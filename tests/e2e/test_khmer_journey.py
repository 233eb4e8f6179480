"""The whole app in Khmer, end to end: CSO staff choose Khmer on the login page, log in and
write a factsheet with two suggested recommendations in Khmer; the organiser approves it and
downloads the activity report in Khmer, which lists them (its "Recommendations suggested in
the factsheets", reports/_report_suggestions.html), shaped in a Khmer font.

The buttons and labels are found by their Khmer names, taken from the catalogue (gettext in
Khmer): a missing translation would leave the English one on the page and fail the journey.

Reading Khmer back from the PDF. WeasyPrint's PDF maps each glyph back to text with one
string per glyph (its ToUnicode map keeps the first cluster seen with that glyph), so the
extracted text of a Khmer sentence is not the sentence: vowel signs drawn in one glyph with
a consonant come back with another cluster's text or are lost ("ដែល" as "ដល"), split vowels
(េ...ា) are moved, and reports/khmer.py put zero-width spaces (U+200B) between words for
line breaking. As WeasyPrint prints today, neither recommendation is found whole (seen when
this test was written). So each is looked for by its *consonant skeleton*: its Khmer
consonants and independent vowels (U+1780-U+17B3) in order, vowel signs, diacritics, the
coeng (subscript marker), U+200B and spaces dropped; the line (or two consecutive lines) of
the PDF's text closest to it, by difflib's ratio, must reach SIMILAR (0.85). Measured: 0.95
and 0.96 for the two recommendations, 0.33 and below for every other line of the report, and
the first recommendation against the second's line is checked below SIMILAR too, so the
comparison tells one Khmer sentence from another. A missing glyph (a "tofu" box, .notdef)
maps to no character, so a sentence drawn in boxes has an empty skeleton.

Then the fonts of the page holding them include a Khmer font (Noto Sans Khmer, read from the
page's resources with pypdf). The page is also drawn with pdftoppm into the test's folder
(tmp_path), to look at when the test fails.
"""

import difflib
import io
import re
import shutil
import subprocess

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect
from pypdf import PdfReader, PdfWriter

from factsheets.models import Factsheet, FactsheetStatus
from tests import factories
from tests.e2e.helpers import PASSWORD, assert_accessible, log_in, pair_authenticator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "ដីធ្លី និងធនធានធម្មជាតិ៖ ឯកសារព័ត៌មានសង្ខេបសម្រាប់ការតស៊ូមតិ"
RECOMMENDATIONS = [
    "ផ្អាកការបណ្តេញចេញដោយបង្ខំទាំងអស់ រហូតដល់មានគោលនយោបាយតាំងទីលំនៅថ្មីដែលត្រូវបានអនុម័ត។",
    "ផ្សព្វផ្សាយជាសាធារណៈនូវសម្បទានដីសេដ្ឋកិច្ចទាំងអស់ ព្រមទាំងផែនទី និងឈ្មោះម្ចាស់សម្បទាន។",
]
ZERO_WIDTH_SPACE = "\u200b"
KHMER_BASE = re.compile("[\u1780-\u17b3]")  # consonants and independent vowels
SIMILAR = 0.85


def km(message):
    """`message` as the Khmer catalogue translates it (what the page shows in Khmer)."""
    with translation.override("km"):
        return gettext(message)


def skeleton(text):
    return "".join(KHMER_BASE.findall(text))


def similarity(expected, found):
    matcher = difflib.SequenceMatcher(None, skeleton(expected), skeleton(found), autojunk=False)
    return matcher.ratio()


def closest_line(expected, pages):
    """(ratio, page index, text) of the line, or two consecutive lines, of `pages`' text
    whose skeleton is closest to `expected`'s."""
    candidates = []
    for number, text in enumerate(pages):
        lines = text.replace(ZERO_WIDTH_SPACE, "").splitlines()
        candidates += [(number, line) for line in lines]
        candidates += [(number, a + b) for a, b in zip(lines, lines[1:], strict=False)]
    return max((similarity(expected, line), number, line) for number, line in candidates)


def small_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def page_font_names(pdf_page):
    fonts = pdf_page["/Resources"].get_object().get("/Font", {})
    return [str(font.get_object()["/BaseFont"]) for font in fonts.values()]


def test_cso_staff_write_in_khmer_and_the_khmer_report_prints_their_recommendations(
    page: Page, browser, live_server, tmp_path
):
    event = factories.EventFactory(title="Pre-session: Testland 2026")
    own = factories.OrganisationFactory(name="Land Rights Network", acronym="LRN")
    event.invited_organisations.add(own)
    author = factories.cso_staff(organisation=own, first_name="Sreymom", last_name="Author")
    organiser = factories.organiser(team=event.team, first_name="Channa", last_name="Organiser")
    pair_authenticator(organiser)

    # The login page in Khmer, chosen in its language menu before signing in.
    page.goto("/accounts/login/")
    page.locator(".language-menu").get_by_role("button", name="ខ្មែរ").click()
    expect(page.locator("html")).to_have_attribute("lang", "km")
    expect(page.get_by_label(km("username"))).to_be_visible()
    assert_accessible(page)
    page.get_by_label(km("username")).fill(author.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name=km("Log in")).click()
    expect(page.get_by_role("button", name=km("Log out"))).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "km")
    author.refresh_from_db()
    assert author.language == "km"

    # A factsheet written in Khmer, with two suggested recommendations and its PDF.
    page.get_by_role("navigation", name=km("Main navigation")).get_by_role(
        "link", name=km("Factsheets")
    ).click()
    page.get_by_role("link", name=km("New factsheet"), exact=True).click()
    page.get_by_label(km("Event")).select_option(label="Pre-session: Testland 2026")
    page.get_by_label(km("Theme")).select_option(index=1)
    page.get_by_label(km("Title")).fill(TITLE)
    page.locator("select[name=language]").select_option(value="km")
    page.get_by_label(km("Summary")).fill("ការបណ្តេញចេញដោយបង្ខំ និងសម្បទានដីចាប់តាំងពីការត្រួតពិនិត្យលើកមុន។")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "land-rights-km.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}]
    )
    for number, text in enumerate(RECOMMENDATIONS, start=1):
        page.get_by_label(km("Recommendation %(number)s") % {"number": number}).fill(text)
    assert_accessible(page)
    page.get_by_role("button", name=km("Save as draft")).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    for text in RECOMMENDATIONS:
        expect(page.get_by_role("listitem").filter(has_text=text)).to_be_visible()
    page.get_by_role("button", name=km("Submit for review")).click()
    expect(page.get_by_role("alert")).to_contain_text(km("The factsheet was submitted for review."))
    expect(page.locator("html")).to_have_attribute("lang", "km")
    assert_accessible(page)
    factsheet = Factsheet.objects.get(event=event)
    assert factsheet.language == "km"
    assert list(factsheet.recommendations.values_list("text", flat=True)) == RECOMMENDATIONS

    # The organiser approves it (the report lists approved factsheets only), in English...
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    organiser_page = context.new_page()
    log_in(organiser_page, organiser)
    organiser_page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Factsheets"
    ).click()
    organiser_page.get_by_role("link", name=TITLE).click()
    organiser_page.get_by_role("link", name="Review", exact=True).click()
    organiser_page.get_by_label("Approve").check()
    organiser_page.get_by_role("button", name="Record decision").click()
    expect(organiser_page.get_by_role("alert").first).to_be_visible()
    factsheet.refresh_from_db()
    assert factsheet.status == FactsheetStatus.APPROVED

    # ...then switches to Khmer in the header and downloads the report in Khmer.
    organiser_page.locator(".language-menu").get_by_role("button", name="ខ្មែរ").click()
    expect(organiser_page.locator("html")).to_have_attribute("lang", "km")
    organiser.refresh_from_db()
    assert organiser.language == "km"
    organiser_page.get_by_role("navigation", name=km("Main navigation")).get_by_role(
        "link", name=km("Events")
    ).click()
    organiser_page.get_by_role("link", name="Pre-session: Testland 2026").first.click()
    organiser_page.get_by_role("link", name=km("Activity report")).first.click()
    expect(organiser_page.locator("html")).to_have_attribute("lang", "km")
    suggestions = organiser_page.locator("#suggested-recommendations")
    expect(suggestions).to_contain_text(km("Recommendations suggested in the factsheets"))
    for text in RECOMMENDATIONS:
        expect(suggestions.locator("ol[lang=km] li").filter(has_text=text)).to_be_visible()
    assert_accessible(organiser_page)
    with organiser_page.expect_download() as download_info:
        organiser_page.get_by_role("link", name=km("Download PDF")).click()
    pdf_path = tmp_path / "report-km.pdf"
    download_info.value.save_as(pdf_path)
    context.close()

    reader = PdfReader(pdf_path)
    assert reader.trailer["/Root"]["/Lang"] == "km"
    pages = [pdf_page.extract_text() for pdf_page in reader.pages]
    best = [closest_line(item, pages) for item in RECOMMENDATIONS]
    for item, (ratio, _number, _line) in zip(RECOMMENDATIONS, best, strict=True):
        assert ratio >= SIMILAR, (item, best)
    # The comparison tells them apart: the first is not "found" in the second's line.
    assert similarity(RECOMMENDATIONS[0], best[1][2]) < SIMILAR
    assert best[0][2] != best[1][2]
    # The page that holds them: a Khmer font among its fonts, and drawn.
    number = best[0][1]
    fonts = page_font_names(reader.pages[number])
    assert any("NotoSansKhmer" in name.replace("-", "") for name in fonts), fonts
    if shutil.which("pdftoppm"):
        from PIL import Image, ImageStat

        prefix = tmp_path / "report-km-page"
        page_number = str(number + 1)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", page_number, "-l", page_number]
            + [str(pdf_path), str(prefix)],
            check=True,
        )
        (png,) = tmp_path.glob("report-km-page*.png")
        image = Image.open(png).convert("L")
        assert ImageStat.Stat(image).extrema[0][0] < 100  # drawn: dark text on white
