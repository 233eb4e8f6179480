"""The parsers on the real files, against the known facts of their README."""

import datetime
from collections import Counter
from dataclasses import replace

import pytest

from recommendations.models import Response, SourceFormat
from recommendations.parsing import UnrecognisedFile, parse_file, sniff
from recommendations.parsing.base import cycle_of_session
from recommendations.parsing.uprinfo import parse_upr_info_rows
from recommendations.parsing.wgreport import (
    expand_paragraphs,
    parse_wg_report_pages,
    recommending_states,
)
from recommendations.regions import RegionalGroup, regional_group
from tests.recommendations.conftest import (
    CAMBODIA_REPORT,
    SLOVENIA_ADDENDUM,
    SLOVENIA_REPORT,
    SLOVENIA_THEMATIC,
    SLOVENIA_UHRI,
    UPR_INFO_CSV,
    UPR_INFO_XLS,
)


def _of(parsed, state, session):
    return [
        item
        for item in parsed.recommendations
        if item.state_under_review == state and item.session == session
    ]


def _attributions(items):
    return Counter(state for item in items for state in item.recommending_states)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (UPR_INFO_XLS, "upr_info_xls"),
        (UPR_INFO_CSV, "upr_info_csv"),
        (CAMBODIA_REPORT, "wg_report"),
        (SLOVENIA_REPORT, "wg_report"),
        (SLOVENIA_ADDENDUM, "wg_addendum"),
        (SLOVENIA_THEMATIC, "thematic_list"),
        (SLOVENIA_UHRI, "uhri_xlsx"),
    ],
    ids=["xls", "csv", "report-1st-cycle", "report-3rd-cycle", "addendum", "docx", "uhri"],
)
def test_sniff_recognises_each_real_file_from_its_content(path, kind):
    assert sniff(path.read_bytes()) == kind


def test_sniff_refuses_a_file_of_no_known_format():
    with pytest.raises(UnrecognisedFile):
        parse_file(b"name,email\nAda,ada@example.org\n")


def test_upr_info_export_reads_every_row_without_error(upr_info_export):
    assert upr_info_export.errors == ()
    assert len(upr_info_export.recommendations) == 8343
    assert {item.session for item in upr_info_export.recommendations} == {6, 7, 8, 9}


def test_upr_info_cambodia_session_6_matches_the_known_figures(upr_info_export):
    cambodia = _of(upr_info_export, "KH", 6)

    by_state = _attributions(cambodia)
    assert len(cambodia) == 138
    assert {item.response for item in cambodia} == {Response.SUPPORTED}
    assert len(by_state) == 47
    assert (by_state["BR"], by_state["NO"]) == (7, 7)
    assert (by_state["AT"], by_state["CZ"], by_state["SK"]) == (5, 5, 5)
    assert cycle_of_session(cambodia[0].session) == 1


def test_upr_info_row_reads_floats_issues_and_trailing_spaces(upr_info_export):
    first = upr_info_export.recommendations[0]

    assert first.text == (
        "Accelerate its efforts towards the adoption of anti-discrimination and children's "
        "rights laws"
    )
    assert first.state_under_review == "AL"
    assert first.recommending_states == ("EG",)
    assert first.action_category == 4
    assert first.session == 6
    assert first.source_issues == ("Rights of the Child",)
    assert first.source_location == "row:2"


def test_upr_info_keys_are_unique_and_stable(upr_info_export):
    keys = [item.source_key for item in upr_info_export.recommendations]

    again = parse_file(UPR_INFO_XLS.read_bytes())

    assert len(set(keys)) == len(keys)
    assert [item.source_key for item in again.recommendations] == keys


def test_upr_info_csv_resave_reads_as_the_xls(upr_info_export):
    csv_rows = parse_file(UPR_INFO_CSV.read_bytes())

    assert csv_rows.errors == ()
    assert [replace(item, source_location="") for item in csv_rows.recommendations] == [
        replace(item, source_location="") for item in _of(upr_info_export, "KH", 6)
    ]


def test_upr_info_bad_rows_are_errors_naming_row_and_problem():
    header = ["SuR", "Rgrp", "Org", "Recommendation", "RS", "Rgrp", "Org", "Response"]
    header += ["Action", "Issue", "Session"]
    good = ["Cambodia", "Asia", "", "Develop a policy ", "Brazil", "", "", "Accepted", 5.0]
    good += ["Justice", 6.0]
    unknown_state = [*good[:4], "Freedonia", *good[5:]]
    bad_action = [*good[:8], 7.0, *good[9:]]
    bad_response = [*good[:7], "Maybe", *good[8:]]

    parsed = parse_upr_info_rows([header, good, unknown_state, bad_action, bad_response])

    assert [str(error) for error in parsed.errors] == [
        "row 3: Unknown State name: “Freedonia”.",
        "row 4: The action category must be a number from 1 to 5, not “7.0”.",
        "row 5: Unknown response: “Maybe”.",
    ]
    assert len(parsed.recommendations) == 1


def test_cambodia_report_matches_the_known_figures(cambodia_report):
    by_state = _attributions(cambodia_report.recommendations)

    assert cambodia_report.errors == ()
    assert len(cambodia_report.recommendations) == 91
    assert sum(by_state.values()) == 138
    assert len(by_state) == 48
    assert (by_state["NO"], by_state["BR"]) == (7, 6)
    assert (by_state["AT"], by_state["CZ"], by_state["SK"]) == (5, 5, 5)
    assert {item.response for item in cambodia_report.recommendations} == {Response.PENDING}


def test_cambodia_report_metadata(cambodia_report):
    assert (cambodia_report.document_symbol, cambodia_report.state_under_review) == (
        "A/HRC/13/4",
        "KH",
    )
    assert cambodia_report.session == 6
    assert cambodia_report.review_date == datetime.date(2009, 12, 1)


def test_cambodia_report_reads_numbering_typos_and_brunei(cambodia_report):
    by_paragraph = {item.paragraph: item for item in cambodia_report.recommendations}

    assert [item.paragraph for item in cambodia_report.recommendations] == [
        f"82.{number}" for number in range(1, 92)
    ]
    # "73 Promote" and "83 Strengthen" are printed without their dot.
    assert by_paragraph["82.73"].text.startswith("Promote and protect the rights")
    assert by_paragraph["82.83"].text.startswith("Strengthen its policy")
    assert by_paragraph["82.10"].recommending_states == ("BN",)
    # Acronyms in parentheses are text, not States.
    assert by_paragraph["82.1"].recommending_states == ("BR",)
    assert "(CED)" in by_paragraph["82.1"].text
    # Lettered clauses of several States in one item, Malaysia twice.
    assert by_paragraph["82.32"].recommending_states == (
        "NO", "PH", "SK", "IT", "BY", "MY", "MY", "ES", "DE"
    )  # fmt: skip


def test_slovenia_report_and_addendum_give_the_known_responses(slovenia_with_responses):
    responses = Counter(item.response for item in slovenia_with_responses.recommendations)

    assert slovenia_with_responses.errors == ()
    assert len(slovenia_with_responses.recommendations) == 215
    assert responses == {Response.SUPPORTED: 182, Response.NOTED: 33}


def test_slovenia_report_alone_has_58_supported_and_157_pending(slovenia_report):
    responses = Counter(item.response for item in slovenia_report.recommendations)

    assert responses == {Response.SUPPORTED: 58, Response.PENDING: 157}
    assert (slovenia_report.state_under_review, slovenia_report.session) == ("SI", 34)
    assert slovenia_report.review_date == datetime.date(2019, 11, 12)


def test_slovenia_report_reads_several_and_nested_state_names(slovenia_report):
    by_paragraph = {item.paragraph: item for item in slovenia_report.recommendations}

    assert by_paragraph["121.1"].recommending_states == ("FR", "LT")
    assert by_paragraph["122.7"].recommending_states == ("SK", "ES", "MK")
    assert by_paragraph["121.24"].recommending_states == ("IR",)
    assert by_paragraph["121.3"].recommending_states == ("GB",)
    assert by_paragraph["121.1"].source_key == "A/HRC/43/15 121.1"


def test_addendum_lists_124_supported_and_33_noted(slovenia_addendum):
    responses = Counter(slovenia_addendum.responses.values())

    assert slovenia_addendum.document_symbol == "A/HRC/43/15/Add.1"
    assert responses == {Response.SUPPORTED: 124, Response.NOTED: 33}
    assert slovenia_addendum.responses["122.118"] == Response.NOTED
    assert slovenia_addendum.responses["122.35"] == Response.SUPPORTED


def test_thematic_list_agrees_with_the_report_and_addendum(
    slovenia_thematic, slovenia_with_responses
):
    report = {item.paragraph: item for item in slovenia_with_responses.recommendations}

    responses = Counter(item.response for item in slovenia_thematic.recommendations)
    disagreeing = [
        item.paragraph
        for item in slovenia_thematic.recommendations
        if (item.text, item.recommending_states, item.response, item.source_key)
        != (
            report[item.paragraph].text,
            report[item.paragraph].recommending_states,
            report[item.paragraph].response,
            report[item.paragraph].source_key,
        )
    ]
    assert slovenia_thematic.errors == ()
    assert len(slovenia_thematic.recommendations) == 215
    assert responses == {Response.SUPPORTED: 182, Response.NOTED: 33}
    assert disagreeing == []


def test_thematic_list_reads_themes_sdgs_and_affected_persons(slovenia_thematic):
    first = slovenia_thematic.recommendations[0]

    assert first.paragraph == "121.1"
    assert first.source_issues == ("Acceptance of international norms", "Enforced disappearances")
    assert first.sdg_targets == ("16",)
    assert first.affected_persons == ("Disappeared persons",)
    assert slovenia_thematic.document_symbol == "A/HRC/43/15"


def test_uhri_export_reads_prefixes_lines_entities_and_skips_other_bodies():
    parsed = parse_file(SLOVENIA_UHRI.read_bytes())

    by_paragraph = {item.paragraph: item for item in parsed.recommendations}
    assert parsed.format == SourceFormat.UHRI
    assert parsed.errors == ()
    assert len(parsed.recommendations) == 6
    assert parsed.notes == ("1 row of another body than the UPR was left out.",)
    assert (parsed.state_under_review, parsed.session) == ("SI", 34)
    assert by_paragraph["122.7"].recommending_states == ("SK", "ES", "MK")
    assert by_paragraph["122.7"].response == Response.NOTED
    assert by_paragraph["121.3"].text.startswith(
        "Ratify and implement the International Labour Organization’s 2014 Protocol"
    )
    assert by_paragraph["121.3"].source_issues[1] == (
        "Right to work and to just & favorable conditions of work & labour rights"
    )
    assert by_paragraph["121.24"].sdg_targets == ("5", "16")
    assert len(by_paragraph["121.1"].source_key) == 36  # the annotation id, a UUID


def test_uhri_export_agrees_with_the_report(slovenia_with_responses):
    report = {item.paragraph: item for item in slovenia_with_responses.recommendations}

    parsed = parse_file(SLOVENIA_UHRI.read_bytes())

    assert [
        (item.text, item.recommending_states, item.response) for item in parsed.recommendations
    ] == [
        (
            report[item.paragraph].text,
            report[item.paragraph].recommending_states,
            report[item.paragraph].response,
        )
        for item in parsed.recommendations
    ]


@pytest.mark.parametrize(
    ("text", "states", "unknown"),
    [
        ("Ratify (France) (Lithuania);", ("FR", "LT"), []),
        ("Ratify CED (CED) now (Austria, Germany);", ("AT", "DE"), []),
        ("Act (Iran (Islamic Republic of));", ("IR",), []),
        ("(a) act (Norway); (b) act (Freedonia);", ("NO",), ["Freedonia"]),
        ("Ratify the Convention (No. 29) (Brunei)", ("BN",), []),
    ],
    ids=["two", "acronym-and-list", "nested", "unknown", "numbered-text"],
)
def test_recommending_states_in_parentheses(text, states, unknown):
    assert recommending_states(text) == (states, unknown)


def test_expand_paragraphs_reads_ranges_and_broken_lines():
    assert expand_paragraphs("122.1, 122.17-18, 122.34- 35, 122.118-120") == [
        "122.1", "122.17", "122.18", "122.34", "122.35", "122.118", "122.119", "122.120"
    ]  # fmt: skip


def test_report_number_going_backwards_is_read_as_the_next_with_a_note():
    page = "\n".join(
        [
            "II. Conclusions and/or recommendations",
            "118. The following recommendations enjoy the support of Ruritania:",
            "118.108 Adopt a law (Uruguay);",
            "118.09 Repeal the decree (Chile);",
            "118.110 Train judges (Peru).",
        ]
    )

    parsed = parse_wg_report_pages([page])

    assert [item.paragraph for item in parsed.recommendations] == [
        "118.108",
        "118.109",
        "118.110",
    ]
    assert parsed.notes == ("Paragraph 118.09 read as 118.109 (numbering).",)
    assert {item.response for item in parsed.recommendations} == {Response.SUPPORTED}


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("KH", RegionalGroup.ASIA_PACIFIC),
        ("BR", RegionalGroup.LATIN_AMERICAN_CARIBBEAN),
        ("NO", RegionalGroup.WESTERN_EUROPEAN_OTHERS),
        ("SI", RegionalGroup.EASTERN_EUROPEAN),
        ("EG", RegionalGroup.AFRICAN),
        ("VA", None),
    ],
    ids=["asia-pacific", "grulac", "weog", "eeg", "african", "observer"],
)
def test_regional_group(code, group):
    assert regional_group(code) == group


UPR_INFO_GROUPS = {
    "Africa": RegionalGroup.AFRICAN,
    "Asia": RegionalGroup.ASIA_PACIFIC,
    "EEG": RegionalGroup.EASTERN_EUROPEAN,
    "GRULAC": RegionalGroup.LATIN_AMERICAN_CARIBBEAN,
    "WEOG": RegionalGroup.WESTERN_EUROPEAN_OTHERS,
}


def test_regional_groups_agree_with_upr_info_for_every_state_of_the_export():
    import xlrd

    from events.countries import country_code

    sheet = xlrd.open_workbook(UPR_INFO_XLS, ignore_workbook_corruption=True).sheet_by_index(0)
    groups = {}
    for index in range(1, sheet.nrows):
        row = sheet.row_values(index)
        groups[country_code(row[0])] = row[1]
        groups[country_code(row[4])] = row[5]

    disagreeing = {
        code: group
        for code, group in groups.items()
        if group != "Observer" and regional_group(code) != UPR_INFO_GROUPS[group]
    }
    assert disagreeing == {}


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Bolivarian Republic of Venezuela", "VE"),
        ("Islamic Republic of Iran", "IR"),
        ("Plurinational State of Bolivia", "BO"),
        ("Federated States of Micronesia", "FM"),
    ],
    ids=["venezuela", "iran", "bolivia", "micronesia"],
)
def test_state_names_in_the_reports_older_word_order(written, code):
    from events.countries import country_code

    assert country_code(written) == code


def test_upr_info_rows_line_up_with_the_report_and_differ_on_item_10(cambodia_report):
    from recommendations.parsing.matching import match_to_report

    rows = parse_file(UPR_INFO_CSV.read_bytes()).recommendations

    matched = match_to_report(rows, cambodia_report.recommendations)

    assert matched.unmatched == ()
    assert len(matched.paragraph_of) == 138
    assert len(set(matched.paragraph_of.values())) == 91
    assert [
        (difference.paragraph, difference.report_states, difference.other_state)
        for difference in matched.differences
    ] == [("82.10", ("BN",), "BR")]
