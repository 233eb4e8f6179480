"""Reading the recommendation files: one parser per format, and `sniff` to tell which.

Every parser is a pure function of the file's bytes returning a `ParsedFile` (base.py): no
database. The format is recognised from the content (the file's signature, then its
headers or first page), never from the extension alone, so a UPR Info export saved as .txt
or a report named .bin still reads.
"""

import csv
import io
import zipfile

from django.utils.translation import gettext as _

from ..models import SourceFormat
from .base import ParsedFile, ParsedRecommendation, RowError, cycle_of_session
from .thematic import parse_thematic_list
from .uhri import is_uhri_header, parse_uhri_xlsx
from .uprinfo import looks_like_header, parse_upr_info_csv, parse_upr_info_rows, parse_upr_info_xls
from .wgreport import parse_addendum, parse_wg_report, with_responses

__all__ = [
    "ParsedFile",
    "ParsedRecommendation",
    "RowError",
    "SourceFormat",
    "UnrecognisedFile",
    "cycle_of_session",
    "parse_file",
    "sniff",
    "with_responses",
]

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class UnrecognisedFile(ValueError):
    """The file is none of the formats the importers read; the message says so."""


# What `sniff` answers: the format and the container it came in.
UPR_INFO_XLS = "upr_info_xls"
UPR_INFO_CSV = "upr_info_csv"
UPR_INFO_XLSX = "upr_info_xlsx"
WG_REPORT = "wg_report"
WG_ADDENDUM = "wg_addendum"
THEMATIC_LIST = "thematic_list"
UHRI_XLSX = "uhri_xlsx"


def sniff(data):
    """The kind of file `data` (bytes) is, one of the constants above, or None."""
    if data.startswith(OLE2_SIGNATURE):
        return UPR_INFO_XLS
    if data.startswith(b"%PDF-"):
        return _sniff_pdf(data)
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    return _sniff_text(data)


def _sniff_pdf(data):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        first_page = PdfReader(io.BytesIO(data)).pages[0].extract_text() or ""
    except (PyPdfError, IndexError, ValueError):
        return None
    if "Universal Periodic Review" not in " ".join(first_page.split()):
        return None
    if "Addendum" in first_page or "Views on conclusions" in first_page:
        return WG_ADDENDUM
    return WG_REPORT


def _sniff_zip(data):
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return None
    if "word/document.xml" in names:
        return THEMATIC_LIST
    if "xl/workbook.xml" in names:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            header = next(book.worksheets[0].iter_rows(max_row=1, values_only=True), ())
        finally:
            book.close()
        header = [cell if cell is not None else "" for cell in header]
        if is_uhri_header(header):
            return UHRI_XLSX
        if looks_like_header(header):
            return UPR_INFO_XLSX
    return None


def _sniff_text(data):
    head = data[:4096]
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first_row = next(csv.reader(io.StringIO(text)), [])
    return UPR_INFO_CSV if looks_like_header(first_row) else None


def _parse_upr_info_xlsx(data):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        return parse_upr_info_rows([("" if c is None else c) for c in row] for row in rows)
    finally:
        book.close()


PARSERS = {
    UPR_INFO_XLS: parse_upr_info_xls,
    UPR_INFO_CSV: parse_upr_info_csv,
    UPR_INFO_XLSX: _parse_upr_info_xlsx,
    WG_REPORT: parse_wg_report,
    WG_ADDENDUM: parse_addendum,
    THEMATIC_LIST: parse_thematic_list,
    UHRI_XLSX: parse_uhri_xlsx,
}


def parse_file(data):
    """Read `data` (bytes) with the parser its content calls for."""
    kind = sniff(data)
    if kind is None:
        raise UnrecognisedFile(unrecognised_message())
    return PARSERS[kind](data)


def unrecognised_message():
    return _(
        "This file is not one the importers read: a UPR Info export (.xls or CSV), "
        "a Working Group report or its addendum (PDF), an OHCHR thematic list (.docx) "
        "or a Universal Human Rights Index export (.xlsx)."
    )
