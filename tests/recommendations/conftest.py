"""The real recommendation files (tests/data/recommendations/README.md), read once per test
session: parsing is pure, and reading a PDF's text takes seconds."""

from pathlib import Path

import pytest

from recommendations.parsing import parse_file, with_responses

DATA = Path(__file__).resolve().parent.parent / "data" / "recommendations"

UPR_INFO_XLS = DATA / "upr-info-export-sessions-6-9.xls"
UPR_INFO_CSV = DATA / "upr-info-export-cambodia-session-6.csv"
CAMBODIA_REPORT = DATA / "A-HRC-13-4-cambodia-2010.pdf"
SLOVENIA_REPORT = DATA / "A-HRC-43-15-slovenia-2019.pdf"
SLOVENIA_ADDENDUM = DATA / "A-HRC-43-15-Add1-slovenia-2020.pdf"
SLOVENIA_THEMATIC = DATA / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
SLOVENIA_UHRI = DATA / "uhri-export-slovenia-fixture.xlsx"


@pytest.fixture(scope="session")
def upr_info_export():
    return parse_file(UPR_INFO_XLS.read_bytes())


@pytest.fixture(scope="session")
def cambodia_report():
    return parse_file(CAMBODIA_REPORT.read_bytes())


@pytest.fixture(scope="session")
def slovenia_report():
    return parse_file(SLOVENIA_REPORT.read_bytes())


@pytest.fixture(scope="session")
def slovenia_addendum():
    return parse_file(SLOVENIA_ADDENDUM.read_bytes())


@pytest.fixture(scope="session")
def slovenia_with_responses(slovenia_report, slovenia_addendum):
    return with_responses(slovenia_report, slovenia_addendum)


@pytest.fixture(scope="session")
def slovenia_thematic():
    return parse_file(SLOVENIA_THEMATIC.read_bytes())
