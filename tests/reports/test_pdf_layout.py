"""Where things land on the PDF's pages, read back with pypdf."""

import datetime
import io
import re

import pypdf
import pytest

from reports import pdf
from tests import factories

from .conftest import one_line, pdf_text

MM = 72 / 25.4
# The report's @page: A4, 20 mm margins left and right; key figures 3 mm apart, padded 3 mm.
PAGE_MARGIN = 20 * MM
TILE_GAP = 3 * MM
TILE_PADDING = 3 * MM
TILE_NUMBER_SIZE = 20


def _matrix_product(first, second):
    a, b, c, d, e, f = first
    g, h, i, j, k, l = second  # noqa: E741
    return (
        a * g + b * i,
        a * h + b * j,
        c * g + d * i,
        c * h + d * j,
        e * g + f * i + k,
        e * h + f * j + l,
    )


def first_page_text_positions(content):
    """[(text, x, y, size)] of every piece of text on the first page, in PDF points."""
    page = pypdf.PdfReader(io.BytesIO(content)).pages[0]
    pieces = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            a, b, _, _, x, y = _matrix_product(tm, cm)
            pieces.append((text.strip(), x, y, font_size * (a * a + b * b) ** 0.5))

    page.extract_text(visitor_text=visit)
    return page.mediabox, pieces


def _event_with_days(days):
    event = factories.EventFactory(
        start_date=datetime.date(2026, 4, 6),
        end_date=datetime.date(2026, 4, 6) + datetime.timedelta(days=days - 1),
    )
    for offset in range(days):
        factories.ProgrammeDayFactory(
            event=event, date=event.start_date + datetime.timedelta(days=offset)
        )
    return event


def assert_tiles_inside_the_page(content, columns):
    box, pieces = first_page_text_positions(content)
    width, height = float(box.width), float(box.height)
    # The key figures are the only text printed at 20 pt.
    numbers = [(x, y) for _, x, y, size in pieces if round(size) == TILE_NUMBER_SIZE]
    starts = sorted({round(x, 1) for x, _ in numbers})
    assert len(starts) == columns
    pitch = starts[1] - starts[0] if len(starts) > 1 else width - 2 * PAGE_MARGIN + TILE_GAP
    # A number starts one padding inside its tile; a tile is one pitch less the gap wide.
    assert starts[0] - TILE_PADDING >= PAGE_MARGIN - 1
    assert starts[-1] - TILE_PADDING + pitch - TILE_GAP <= width - PAGE_MARGIN + 1
    assert all(0 <= y <= height for _, y in numbers)


@pytest.mark.parametrize(
    ("days", "columns"),
    [(1, 4), (2, 5), (3, 3), (4, 4), (5, 4), (6, 5), (7, 5)],
    ids=[f"{days}-days" for days in range(1, 8)],
)
def test_cover_key_figures_stay_inside_the_page_for_any_number_of_days(db, days, columns):
    event = _event_with_days(days)

    content = pdf.html_to_pdf(pdf.activity_report_html(event))

    text = one_line(pdf_text(content))
    for number in range(1, days + 1):
        assert f"people on day {number}" in text
    assert "diplomatic missions present" in text and "themes" in text
    assert_tiles_inside_the_page(content, columns)


def test_geneva_cover_key_figures_stay_inside_the_page(geneva_series):
    content = pdf.html_to_pdf(pdf.activity_report_html(geneva_series))

    text = one_line(pdf_text(content))
    assert re.search(r"12 ?States under Review", text)
    assert re.search(r"7/10 ?States under Review took the floor", text)
    assert_tiles_inside_the_page(content, 5)


def test_no_pdf_prints_the_empty_text_hint(geneva_series):
    in_country = _event_with_days(2)

    texts = [
        pdf_text(pdf.html_to_pdf(pdf.activity_report_html(event)))
        for event in (in_country, geneva_series)
    ]

    assert all("No text yet." not in text for text in texts)
