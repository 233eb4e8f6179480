"""The Working Group report (PDF): its "Conclusions and/or recommendations" section, and the
addendum in which the State under Review gives its responses.

Recommendations are paragraph-numbered items. First-cycle reports number them 1, 2, ... under
one paragraph ("82. ... the following recommendations were made"); later reports write
"121.1", "121.2", ... and split them into paragraphs that "enjoy the support of" the State
and paragraphs that "will be examined" or are "noted". The recommending States follow each
recommendation in parentheses: "(Uruguay);", "(France) (Lithuania);", "(Austria, Germany)",
"(Iran (Islamic Republic of))"; a parenthesis that names no State ("(CED)") is text.
Official documents have numbering typos (a missing dot, "118.09" for 118.109): numbers are
taken in order, and a number that goes backwards is read as the next one, with a note.
"""

import io
import re

from django.utils.translation import gettext as _

from events.countries import country_code

from ..models import Response, SourceFormat
from ..places import page_place, place_label
from .base import (
    ParsedFile,
    ParsedRecommendation,
    RowError,
    clean_text,
    source_key,
    state_code,
    unknown_state,
)

SECTION_HEADING = re.compile(r"^\s*(?:[IVX]+\.\s*)?Conclusions and/or recommendations\s*$", re.M)
SYMBOL = re.compile(r"\bA/HRC/\d+/\d+(?:/Add\.\d+)?")
WG_DOCUMENT = re.compile(r"A/HRC/WG\.6/(\d+)/([A-Z]{3})/\d")
REVIEW_DATE = re.compile(
    r"review of .{2,80}? was held at the .{2,20}? meeting,?\s+on\s+(\d{1,2} [A-Z][a-z]+ \d{4})",
    re.S,
)
END_OF_SECTION = re.compile(
    r"^\s*\d{1,3}\.\s+All conclusions and/or recommendations contained in the present report", re.M
)
PARAGRAPH = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
NUMBERED_ITEM = re.compile(r"^(\d{1,3})\.(\d{1,3})\.?\s+(?=\S)")
PLAIN_ITEM = re.compile(r"^(\d{1,3})\.?\s+(?=[A-Z(“\"])")
PAGE_FURNITURE = re.compile(r"^\s*(?:A/HRC/\S+|\d{1,3}|GE\.\d\d-\d+\s*\(E\).*)?\s*$")


def _layout_text(page):
    # pypdf's layout mode keeps the words whole where its plain mode splits some
    # ("th e", "CR PD", "(G ermany)").
    return page.extract_text(extraction_mode="layout") or ""


def pdf_pages(data):
    """The text of each page of the PDF `data`, laid out as printed."""
    from pypdf import PdfReader

    return [_layout_text(page) for page in PdfReader(io.BytesIO(data)).pages]


def report_pages(data, front=3):
    """The pages of a report that the parser reads: the first `front` (symbol, session,
    date) and those from the recommendations section on, found from the end (the section
    closes the report, before the annex); the pages between are left empty, since reading
    a page's text is the slow part."""
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    texts = [""] * len(pages)
    for number in range(len(pages) - 1, -1, -1):
        texts[number] = _layout_text(pages[number])
        if SECTION_HEADING.search(texts[number]):
            break
    for number in range(min(front, len(pages))):
        texts[number] = texts[number] or _layout_text(pages[number])
    return texts


def response_of_paragraph(intro):
    """The response a paragraph's opening words give its items."""
    intro = clean_text(intro).casefold()
    if "did not enjoy the support" in intro or "not supported" in intro or "noted" in intro:
        return Response.NOTED
    if "enjoy the support" in intro or "enjoys the support" in intro:
        return Response.SUPPORTED
    return Response.PENDING


def parse_wg_report(data):
    """Read a Working Group report (PDF bytes)."""
    return parse_wg_report_pages(report_pages(data))


def parse_wg_report_pages(pages):
    front = "\n".join(pages[:3])
    symbol = _first(SYMBOL, front)
    wg_document = WG_DOCUMENT.search("\n".join(pages))
    session = int(wg_document.group(1)) if wg_document else None
    under_review = country_code(wg_document.group(2)) if wg_document else ""
    review_date = _review_date(front)
    lines = _section_lines(pages)
    if lines is None:
        return ParsedFile(
            SourceFormat.WG_REPORT,
            errors=(RowError("", _("No “Conclusions and/or recommendations” section was found.")),),
            document_symbol=symbol,
        )
    items, notes = _items(lines)
    recommendations, errors = [], []
    for item in items:
        place = page_place(item["page"], item["paragraph"])
        location = place_label(place)
        # A line ending in a hyphen goes on without a space ("OP-" "ICCPR", "well-" "being").
        text = clean_text(re.sub(r"(?<=\w-)\n", "", item["text"]))
        states, unknown = recommending_states(text)
        errors.extend(unknown_state(location, name) for name in unknown)
        if not states and not unknown:
            errors.append(RowError(location, _("No recommending State was found.")))
        recommendations.append(
            ParsedRecommendation(
                text=trim_list_punctuation(text),
                recommending_states=states,
                source_key=source_key(symbol, item["paragraph"]),
                source_location=place,
                state_under_review=under_review,
                session=session,
                paragraph=item["paragraph"],
                response=item["response"],
                document_symbol=symbol,
            )
        )
    return ParsedFile(
        SourceFormat.WG_REPORT,
        recommendations=tuple(recommendations),
        errors=tuple(errors),
        state_under_review=under_review,
        session=session,
        review_date=review_date,
        document_symbol=symbol,
        notes=tuple(notes),
    )


def _first(pattern, text):
    match = pattern.search(text)
    return match.group(0) if match else ""


def _review_date(text):
    import datetime

    match = REVIEW_DATE.search(clean_text(text))
    if not match:
        return None
    try:
        return datetime.datetime.strptime(match.group(1), "%d %B %Y").date()
    except ValueError:
        return None


def _section_lines(pages):
    """`[(page number, line)]` of the recommendations section, without running headers and
    page numbers; None when the report has no such section (the contents page's entry,
    with its dotted leader, does not count)."""
    lines, started = [], False
    for number, page in enumerate(pages, start=1):
        for line in page.splitlines():
            if not started:
                started = bool(SECTION_HEADING.match(line))
                continue
            if END_OF_SECTION.match(line) or line.strip() == "Annex":
                return lines
            if not PAGE_FURNITURE.match(line):
                lines.append((number, clean_text(line)))
    return lines if started else None


def _items(lines):
    """The numbered items of the section as dicts (paragraph, text, page, response), and
    notes on the numbering typos read through."""
    items, notes = [], []
    paragraph, response, previous, intro = None, Response.PENDING, 0, None
    for page, line in lines:
        numbered = NUMBERED_ITEM.match(line)
        if numbered and paragraph is not None and int(numbered.group(1)) == paragraph:
            number = int(numbered.group(2))
            if number <= previous:
                notes.append(
                    _("Paragraph %(printed)s read as %(paragraph)s.%(number)s (numbering).")
                    % {
                        "printed": numbered.group(0).strip(),
                        "paragraph": paragraph,
                        "number": previous + 1,
                    }
                )
                number = previous + 1
            previous = number
            items.append(_item(f"{paragraph}.{number}", line[numbered.end() :], page, response))
            intro = None
            continue
        plain = PLAIN_ITEM.match(line)
        if plain and paragraph is not None and previous < int(plain.group(1)) <= previous + 2:
            # First-cycle numbering (1, 2, ... under one paragraph). The paragraph after the
            # list has the next paragraph number, never the next item number.
            previous = int(plain.group(1))
            items.append(_item(f"{paragraph}.{previous}", line[plain.end() :], page, response))
            intro = None
            continue
        new_paragraph = PARAGRAPH.match(line)
        if new_paragraph and (paragraph is None or int(new_paragraph.group(1)) == paragraph + 1):
            paragraph, previous = int(new_paragraph.group(1)), 0
            intro = [line[new_paragraph.end() :]]
            response = response_of_paragraph(intro[0])
            continue
        if intro is not None:
            intro.append(line)
            response = response_of_paragraph(" ".join(intro))
        elif items:
            items[-1]["text"] += "\n" + line
    return [item for item in items if item["text"].strip()], notes


def _item(paragraph, text, page, response):
    return {"paragraph": paragraph, "text": text, "page": page, "response": response}


def trim_list_punctuation(text):
    """The recommendation without the list's punctuation after its last State: "...
    (Uruguay);" -> "... (Uruguay)"."""
    return re.sub(r"(?<=\))\s*[;,.]\s*$", "", text.strip())


def parenthesised(text):
    """`[(start, end, inner text)]` of the top-level parentheses in `text`."""
    groups, depth, start = [], 0, None
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                groups.append((start, index + 1, text[start + 1 : index]))
    return groups


def _split_top_level(inner):
    parts, depth, current = [], 0, []
    for char in inner:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [clean_text(part) for part in parts if clean_text(part)]


def recommending_states(text):
    """The recommending States named in `text`, in order, once per mention (an item can
    hold two clauses of one State), and the names that look like a State's place but name
    none.

    A parenthesis names States when every comma-separated part is a State ("(Austria,
    Germany)"). A parenthesis that closes a clause (before ";" or ".", another parenthesis
    or the end) but names no State is reported as unknown when it reads like a name (a
    capitalised word that is not an acronym or a list letter): "(Brunei)" is known,
    "(Freedonia)" is not, "(CED)" and "(a)" are text.
    """
    states, unknown = [], []
    for _start, end, inner in parenthesised(text):
        parts = _split_top_level(inner)
        codes = [state_code(part) for part in parts]
        if parts and all(codes):
            # Every mention counts: one item may give the same State two clauses.
            states.extend(codes)
            continue
        closes_clause = re.match(r"\s*(?:[;.,]|\(|$)", text[end:])
        if closes_clause and _reads_like_a_name(inner):
            unknown.append(clean_text(inner))
    return tuple(states), unknown


def _reads_like_a_name(inner):
    inner = clean_text(inner)
    return bool(
        re.fullmatch(r"[A-Z][a-zà-ÿ'’]+(?:[ -][A-Za-zà-ÿ'’()]+){0,6}", inner)
        and not re.search(r"\d", inner)
    )


# The addendum: "The Government accepts the following recommendations 122.1, 122.12,
# 122.17-18, ..." and "the Government notes recommendations 122.2-10, ...".
ACCEPTS = re.compile(r"\b(?:accepts|supports)\b[^.]*?recommendations?\s+((?:\d[\d.\s,–-]*)+)")
NOTES = re.compile(r"\bnotes\b[^.]*?recommendations?\s+((?:\d[\d.\s,–-]*)+)")
PART = re.compile(r"(\d{1,3})\.(\d{1,3})\s*(?:[-–]\s*(?:\1\.)?(\d{1,3}))?")


def parse_addendum(data):
    """Read the addendum (PDF bytes) of responses: `ParsedFile.responses` maps each
    paragraph ("122.17") to its response."""
    return parse_addendum_pages(pdf_pages(data))


def parse_addendum_pages(pages):
    text = clean_text("\n".join(pages))
    symbol = _first(SYMBOL, text)
    responses, errors = {}, []
    for pattern, response in ((ACCEPTS, Response.SUPPORTED), (NOTES, Response.NOTED)):
        for match in pattern.finditer(text):
            for paragraph in expand_paragraphs(match.group(1)):
                if responses.get(paragraph, response) != response:
                    errors.append(
                        RowError(
                            paragraph,
                            _("The addendum gives this recommendation two responses."),
                        )
                    )
                responses[paragraph] = response
    if not responses:
        errors.append(RowError("", _("No responses to recommendations were found.")))
    return ParsedFile(
        SourceFormat.WG_ADDENDUM,
        errors=tuple(errors),
        document_symbol=symbol,
        responses=responses,
    )


def expand_paragraphs(listing):
    """ "122.1, 122.17-18, 122.34- 35" -> ["122.1", "122.17", "122.18", "122.34", "122.35"]."""
    paragraphs = []
    for match in PART.finditer(listing):
        paragraph, first, last = match.group(1), int(match.group(2)), match.group(3)
        last = int(last) if last else first
        paragraphs.extend(f"{paragraph}.{number}" for number in range(first, last + 1))
    return paragraphs


def with_responses(report, addendum):
    """`report` with the responses `addendum` gives (items it does not mention keep theirs);
    a response to a paragraph the report does not have is an error."""
    from dataclasses import replace

    known = {item.paragraph for item in report.recommendations}
    errors = [
        RowError(
            paragraph,
            _("The addendum answers recommendation %(paragraph)s, which the report lacks.")
            % {"paragraph": paragraph},
        )
        for paragraph in addendum.responses
        if paragraph not in known
    ]
    recommendations = tuple(
        replace(item, response=addendum.responses.get(item.paragraph, item.response))
        for item in report.recommendations
    )
    return replace(
        report,
        recommendations=recommendations,
        errors=report.errors + addendum.errors + tuple(errors),
    )
