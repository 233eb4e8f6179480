"""Implementation monitoring: CSO staff's assessments, the figures, the OHCHR matrix."""

import datetime
import io
import zipfile

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.models import TeamRole
from events.models import Theme
from recommendations import services
from recommendations.matrix import render_matrix_docx, render_matrix_xlsx
from recommendations.models import ImplementationAssessment, ImplementationLevel, Response
from recommendations.parsing import parse_file
from recommendations.stats import implementation_overview
from tests import factories
from tests.recommendations.conftest import SLOVENIA_THEMATIC

pytestmark = pytest.mark.django_db

NOT = ImplementationLevel.NOT_IMPLEMENTED
PARTIALLY = ImplementationLevel.PARTIALLY_IMPLEMENTED
FULLY = ImplementationLevel.FULLY_IMPLEMENTED


@pytest.fixture
def world():
    team = factories.TeamFactory(slug="team-a")
    event = factories.EventFactory(team=team, country_under_review="KH")
    review = factories.ReviewFactory(team=team, state_under_review="KH", cycle=3)
    services.link_review_to_event(review, event, by=None)
    ours = factories.OrganisationFactory(team=team, name="Our CSO")
    theirs = factories.OrganisationFactory(team=team, name="Their CSO")
    for organisation in (ours, theirs):
        factories.RegistrationFactory(
            event=event, person=factories.PersonFactory(team=team, organisation=organisation)
        )
    return {
        "team": team,
        "review": review,
        "ours": ours,
        "theirs": theirs,
        "cso": factories.cso_staff(ours),
        "their_cso": factories.cso_staff(theirs),
        "organiser": factories.organiser(team),
        "report_admin": factories.member(TeamRole.REPORT_ADMINISTRATOR, team),
        "recommendation": factories.RecommendationFactory(
            review=review, text="Adopt a law on access to information", states=["BR"]
        ),
    }


def record(recommendation, organisation, level, day, **values):
    return services.record_assessment(
        recommendation,
        organisation=organisation,
        level=level,
        assessed_on=day,
        evidence=values.pop("evidence", ""),
        links=values.pop("links", []),
        responsible_institution=values.pop("responsible_institution", ""),
        source=values.pop("source", ""),
        by=None,
    )


# Services ---------------------------------------------------------------------------------


def test_record_assessment_accumulates_and_the_latest_by_date_counts(world):
    recommendation, ours = world["recommendation"], world["ours"]
    june = record(recommendation, ours, FULLY, datetime.date(2024, 6, 1))
    record(recommendation, ours, NOT, datetime.date(2024, 1, 1))  # recorded later, older

    latest = ImplementationAssessment.objects.for_review(world["review"]).latest_per_organisation()

    assert ImplementationAssessment.objects.count() == 2
    assert list(latest) == [june]


def test_record_assessment_same_day_the_one_recorded_last_counts(world):
    recommendation, ours = world["recommendation"], world["ours"]
    record(recommendation, ours, NOT, datetime.date(2024, 6, 1))
    second = record(recommendation, ours, PARTIALLY, datetime.date(2024, 6, 1))

    latest = ImplementationAssessment.objects.latest_per_organisation()

    assert list(latest) == [second]


def test_record_assessment_keeps_links_and_history_names_who(world):
    assessment = services.record_assessment(
        world["recommendation"],
        organisation=world["ours"],
        level=PARTIALLY,
        assessed_on=datetime.date(2024, 6, 1),
        evidence="  Law adopted  ",
        links=[" https://example.org/law ", ""],
        responsible_institution="Ministry of Information",
        source="Mid-term report",
        by=world["cso"],
    )

    assert assessment.evidence == "Law adopted"
    assert assessment.links == ["https://example.org/law"]
    assert assessment.recorded_by == world["cso"]
    assert assessment.history.get().history_user == world["cso"]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"links": ["javascript:alert(1)"]}, "links"),
        ({"links": ["ftp://example.org/file"]}, "links"),
        ({"assessed_on": datetime.date(2999, 1, 1)}, "assessed_on"),
        ({"level": "almost"}, "level"),
    ],
    ids=["javascript-link", "ftp-link", "future-date", "unknown-level"],
)
def test_record_assessment_refuses_bad_values_and_writes_nothing(world, values, field):
    arguments = {
        "organisation": world["ours"],
        "level": PARTIALLY,
        "assessed_on": datetime.date(2024, 6, 1),
        "evidence": "",
        "links": [],
        "responsible_institution": "",
        "source": "",
        "by": None,
        **values,
    }

    with pytest.raises(ValidationError) as raised:
        services.record_assessment(world["recommendation"], **arguments)

    assert field in raised.value.message_dict
    assert ImplementationAssessment.objects.count() == 0


def test_update_assessment_changes_the_values_and_keeps_the_organisation(world):
    assessment = record(world["recommendation"], world["ours"], NOT, datetime.date(2024, 1, 1))

    updated = services.update_assessment(
        assessment,
        level=FULLY,
        assessed_on=datetime.date(2024, 2, 1),
        evidence="Done",
        links=["http://example.org"],
        responsible_institution="",
        source="",
        by=world["cso"],
    )

    assessment.refresh_from_db()
    assert (assessment.level, assessment.assessed_on, assessment.links) == (
        FULLY,
        datetime.date(2024, 2, 1),
        ["http://example.org"],
    )
    assert updated.organisation == world["ours"]
    assert assessment.history.first().history_user == world["cso"]


# Figures ----------------------------------------------------------------------------------


def test_figures_count_each_organisations_latest_assessment(world):
    review, ours, theirs = world["review"], world["ours"], world["theirs"]
    both = world["recommendation"]
    # Ours moved from "not" to "fully"; theirs says "partially": the level is the lowest of
    # the latest ones, partially, so triggered action.
    record(both, ours, NOT, datetime.date(2023, 1, 1))
    record(both, ours, FULLY, datetime.date(2024, 1, 1))
    record(both, theirs, PARTIALLY, datetime.date(2024, 2, 1))
    # Ours said "fully" once, then found it was not.
    regressed = factories.RecommendationFactory(review=review, states=["NO"])
    record(regressed, ours, FULLY, datetime.date(2023, 1, 1))
    record(regressed, ours, NOT, datetime.date(2024, 1, 1))
    factories.RecommendationFactory(review=review, states=["FR"])  # nobody assessed it

    overview = implementation_overview(review)

    rows = {row.recommendation.pk: row for row in overview.rows}
    assert [a.level for a in rows[both.pk].assessments] == [FULLY, PARTIALLY]
    assert rows[both.pk].level == PARTIALLY
    assert rows[both.pk].organisations_disagree
    assert rows[regressed.pk].level == NOT
    overall = overview.figures.overall
    assert (overall.total, overall.assessed, overall.triggered, overall.percent) == (3, 2, 1, 50)
    assert overall.not_assessed == 1
    assert overview.figures.organisations == 2
    assert dict(overview.figures.levels) == {
        NOT.label: 1,
        PARTIALLY.label: 1,
        FULLY.label: 0,
    }


def test_triggered_action_share_is_partially_or_fully_over_assessed_by_response(world):
    review, ours = world["review"], world["ours"]
    day = datetime.date(2024, 1, 1)
    supported = [
        factories.RecommendationFactory(review=review, response=Response.SUPPORTED)
        for _ in range(3)
    ]
    noted = [
        factories.RecommendationFactory(review=review, response=Response.NOTED) for _ in range(2)
    ]
    record(supported[0], ours, FULLY, day)
    record(supported[1], ours, PARTIALLY, day)
    record(supported[2], ours, NOT, day)
    record(noted[0], ours, NOT, day)
    # world["recommendation"] (supported) and noted[1] are not assessed: left out.

    by_response = {
        share.label: share for share in implementation_overview(review).figures.by_response
    }

    assert set(by_response) == {Response.SUPPORTED.label, Response.NOTED.label}
    supported_share = by_response[Response.SUPPORTED.label]
    assert (supported_share.assessed, supported_share.triggered) == (3, 2)
    assert supported_share.percent == 67
    assert supported_share.not_assessed == 1
    noted_share = by_response[Response.NOTED.label]
    assert (noted_share.assessed, noted_share.triggered, noted_share.percent) == (1, 0, 0)


def test_figures_by_theme_and_by_responsible_institution(world):
    review, ours, theirs = world["review"], world["ours"], world["theirs"]
    education = Theme.objects.create(team=world["team"], name="Education", order=1)
    health = Theme.objects.create(team=world["team"], name="Health", order=2)
    world["recommendation"].themes.set([education, health])
    unthemed = factories.RecommendationFactory(review=review)
    day = datetime.date(2024, 1, 1)
    record(world["recommendation"], ours, FULLY, day, responsible_institution="Ministry of Health")
    record(
        world["recommendation"], theirs, FULLY, day, responsible_institution="ministry of health "
    )
    record(unthemed, ours, NOT, day, responsible_institution="Parliament")

    figures = implementation_overview(review).figures

    assert [(s.label, s.assessed, s.triggered) for s in figures.by_theme] == [
        ("Education", 1, 1),
        ("Health", 1, 1),
        ("No theme", 1, 0),
    ]
    assert [(s.label, s.assessed, s.triggered) for s in figures.by_institution] == [
        ("Ministry of Health", 2, 2),
        ("Parliament", 1, 0),
    ]


def test_implementation_overview_runs_a_fixed_number_of_queries(world, django_assert_num_queries):
    review = world["review"]
    record(world["recommendation"], world["ours"], FULLY, datetime.date(2024, 1, 1))
    with django_assert_num_queries(5):
        implementation_overview(review)
    for number in range(20):
        recommendation = factories.RecommendationFactory(review=review, states=["BR", "NO"])
        recommendation.themes.add(Theme.objects.create(team=world["team"], name=f"Theme {number}"))
        record(recommendation, world["theirs"], PARTIALLY, datetime.date(2024, 1, number + 1))

    with django_assert_num_queries(5):
        overview = implementation_overview(review)

    assert overview.figures.overall.assessed == 21


# Pages ------------------------------------------------------------------------------------


def monitoring_url(world):
    return reverse("recommendations:monitoring", args=[world["review"].pk])


def create_url(world, recommendation=None):
    recommendation = recommendation or world["recommendation"]
    return reverse(
        "recommendations:assessment_create", args=[world["review"].pk, recommendation.pk]
    )


def form_data(**values):
    return {
        "level": PARTIALLY,
        "assessed_on": "2024-06-01",
        "evidence": "A draft law was tabled",
        "links": "https://example.org/draft\nhttp://example.org/news",
        "responsible_institution": "Ministry of Information",
        "source": "Mid-term report",
        **values,
    }


def test_cso_staff_record_for_their_own_organisation_whatever_the_form_says(client, world):
    client.force_login(world["cso"])

    response = client.post(create_url(world), form_data(organisation=world["theirs"].pk))

    assert response.status_code == 302
    assert response.url == monitoring_url(world)
    assessment = ImplementationAssessment.objects.get()
    assert assessment.organisation == world["ours"]
    assert assessment.links == ["https://example.org/draft", "http://example.org/news"]
    assert assessment.recorded_by == world["cso"]


def test_assessment_form_errors_keep_the_input_and_write_nothing(client, world):
    client.force_login(world["cso"])

    response = client.post(
        create_url(world), form_data(links="https://example.org/ok\nnot a link", evidence="Kept")
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "“not a link” is not a web address (http:// or https://)." in content
    assert "Kept</textarea>" in content
    assert "https://example.org/ok\nnot a link</textarea>" in content
    assert ImplementationAssessment.objects.count() == 0


def test_assessment_form_refuses_a_future_date(client, world):
    client.force_login(world["cso"])

    response = client.post(create_url(world), form_data(assessed_on="2999-01-01"))

    assert "The date of an assessment cannot be in the future." in response.content.decode()
    assert ImplementationAssessment.objects.count() == 0


def test_assessment_form_asks_for_a_level(client, world):
    client.force_login(world["cso"])

    response = client.post(create_url(world), form_data(level=""))

    assert "Choose a level of implementation." in response.content.decode()
    assert ImplementationAssessment.objects.count() == 0


def test_organisers_may_not_record_assessments(client, world):
    client.force_login(world["organiser"])

    response = client.post(create_url(world), form_data())

    assert response.status_code == 403
    assert ImplementationAssessment.objects.count() == 0


def test_a_recommendation_of_another_review_is_404(client, world):
    other = factories.RecommendationFactory(
        review=factories.ReviewFactory(team=world["team"], state_under_review="SI")
    )
    client.force_login(world["cso"])

    response = client.get(create_url(world, other))

    assert response.status_code == 404


def test_cso_staff_edit_their_own_assessment(client, world):
    assessment = record(world["recommendation"], world["ours"], NOT, datetime.date(2024, 1, 1))
    client.force_login(world["cso"])
    url = reverse("recommendations:assessment_update", args=[world["review"].pk, assessment.pk])

    page = client.get(url)
    response = client.post(url, form_data(level=FULLY, links=""))

    assert "Our CSO" in page.content.decode()
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.level, assessment.links) == (FULLY, [])


def test_another_organisations_assessment_is_404(client, world):
    theirs = record(world["recommendation"], world["theirs"], NOT, datetime.date(2024, 1, 1))
    client.force_login(world["cso"])
    url = reverse("recommendations:assessment_update", args=[world["review"].pk, theirs.pk])

    page = client.get(url)
    response = client.post(url, form_data(level=FULLY))

    assert (page.status_code, response.status_code) == (404, 404)
    theirs.refresh_from_db()
    assert theirs.level == NOT


def test_monitoring_page_shows_cso_staff_only_their_own_assessments(client, world):
    recommendation = world["recommendation"]
    record(recommendation, world["ours"], NOT, datetime.date(2023, 1, 1), evidence="Our old view")
    record(recommendation, world["ours"], PARTIALLY, datetime.date(2024, 1, 1), evidence="Ours")
    record(recommendation, world["theirs"], FULLY, datetime.date(2024, 1, 1), evidence="Theirs")
    client.force_login(world["cso"])

    content = client.get(monitoring_url(world)).content.decode()

    assert "Assessments by Our CSO" in content
    assert "1 of 1 recommendation assessed by your organisation" in content
    assert "Adopt a law on access to information" in content
    assert "Ours" in content
    assert "1 earlier assessment" in content
    assert "Theirs" not in content
    assert "Their CSO" not in content
    assert create_url(world) in content
    assert "Triggered action" not in content  # the team's figures are not theirs
    assert "matrix.xlsx" not in content


def test_monitoring_page_shows_the_team_every_organisations_latest_level(client, world):
    recommendation = world["recommendation"]
    record(recommendation, world["ours"], NOT, datetime.date(2023, 1, 1), evidence="Old view")
    record(
        recommendation,
        world["ours"],
        FULLY,
        datetime.date(2024, 1, 1),
        evidence="Our view",
        links=["https://example.org/law"],
    )
    record(recommendation, world["theirs"], PARTIALLY, datetime.date(2024, 1, 1))
    client.force_login(world["report_admin"])

    content = client.get(monitoring_url(world)).content.decode()

    assert "Our CSO" in content and "Their CSO" in content
    assert "Our view" in content
    assert '<a href="https://example.org/law" rel="noopener noreferrer nofollow"' in content
    assert "Old view" not in content
    assert "organisations disagree" in content
    assert "1 of 1 assessed recommendation partially or fully implemented" in content
    assert "How these figures are counted" in content
    assert reverse("recommendations:matrix_export", args=[world["review"].pk, "docx"]) in content
    assert "Record an assessment" not in content


@pytest.mark.parametrize("role", ["organiser", "cso"])
def test_monitoring_page_queries_do_not_grow_with_recommendations(
    client, world, role, django_assert_max_num_queries
):
    client.force_login(world[role])
    record(world["recommendation"], world["ours"], FULLY, datetime.date(2024, 1, 1))
    client.get(monitoring_url(world))  # warm the session and the caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(monitoring_url(world))
    for number in range(15):
        recommendation = factories.RecommendationFactory(review=world["review"], states=["FR"])
        record(recommendation, world["ours"], PARTIALLY, datetime.date(2024, 1, number + 1))
        record(recommendation, world["ours"], NOT, datetime.date(2023, 1, number + 1))

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(monitoring_url(world))

    assert response.content.decode().count(">Partially implemented<") >= 15


# The OHCHR matrix -------------------------------------------------------------------------


@pytest.fixture
def slovenia(world):
    parsed = parse_file(SLOVENIA_THEMATIC.read_bytes())
    summary = services.import_recommendations(
        None, parsed, team=world["team"], by=None, state_under_review="SI", cycle=3
    )
    return parsed, summary.reviews[0]


def test_matrix_docx_reads_back_as_the_same_recommendations(world, slovenia):
    parsed, review = slovenia
    first = review.recommendations.order_by("pk").first()
    record(
        first,
        world["ours"],
        PARTIALLY,
        datetime.date(2024, 3, 1),
        evidence="The bill is in Parliament",
        responsible_institution="Ministry of Justice",
    )

    exported = parse_file(render_matrix_docx(review))

    def shape(item):
        return (item.paragraph, item.text, item.recommending_states, item.response)

    assert exported.errors == ()
    assert len(exported.recommendations) == 215
    assert [shape(item) for item in exported.recommendations] == [
        shape(item) for item in parsed.recommendations
    ]
    assert exported.document_symbol == "A/HRC/43/15"
    assert [item.source_issues for item in exported.recommendations] == [
        item.source_issues for item in parsed.recommendations
    ]


def test_matrix_docx_has_theme_rows_and_the_assessment_column(world, slovenia):
    _parsed, review = slovenia
    first = review.recommendations.order_by("pk").first()
    record(first, world["ours"], NOT, datetime.date(2023, 3, 1), evidence="Old")
    record(first, world["ours"], PARTIALLY, datetime.date(2024, 3, 1), evidence="In Parliament")
    record(first, world["theirs"], FULLY, datetime.date(2024, 4, 1), links=["https://e.org/x"])

    document = docx.Document(io.BytesIO(render_matrix_docx(review)))

    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0] == [
        "Recommendation",
        "Position",
        "Full list of themes",
        "Assessment/comments on level of implementation",
    ]
    assert rows[1] == ["Theme: Acceptance of international norms"] * 4
    assert rows[2][0].startswith("121.1 Ratify the International Convention")
    assert rows[2][0].endswith("Source of Position: A/HRC/43/15 - Para 121")
    assert rows[2][1] == "Supported"
    assert rows[2][3].splitlines() == [
        "Our CSO, 1 March 2024: Partially implemented. In Parliament",
        "Their CSO, 1 April 2024: Fully implemented. Links: https://e.org/x",
    ]
    assert sum(1 for row in rows if row[0].startswith("Theme:")) == 53


def test_matrix_adds_the_states_a_text_does_not_name(world):
    world["recommendation"].source_issues = ["Right to information"]
    world["recommendation"].save()
    world["review"].wg_report_symbol = "A/HRC/99/1"
    world["review"].save()

    exported = parse_file(render_matrix_docx(world["review"]))

    (item,) = exported.recommendations
    assert item.text == "Adopt a law on access to information (Brazil)"
    assert item.recommending_states == ("BR",)
    assert item.source_key == f"A/HRC/99/1 {world['recommendation'].paragraph}"


HOSTILE = '=HYPERLINK("http://evil.example","click")\x01\x02 end'


def test_matrix_xlsx_writes_user_text_as_text_never_formulas(world):
    record(
        world["recommendation"],
        world["ours"],
        PARTIALLY,
        datetime.date(2024, 3, 1),
        evidence=HOSTILE,
        responsible_institution="+SUM(A1:A9)",
    )

    content = render_matrix_xlsx(world["review"])

    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][3] == "Assessment/comments on level of implementation"
    assert values[1][0] == "Theme: Other recommendations"
    assessment = values[2][3]
    assert '=HYPERLINK("http://evil.example","click")\ufffd\ufffd end' in assessment
    assert "Responsible institution: +SUM(A1:A9)." in assessment


def test_matrix_docx_replaces_control_characters(world):
    world["recommendation"].text = "Adopt a law\x02 (Brazil)"
    world["recommendation"].save()
    record(world["recommendation"], world["ours"], NOT, datetime.date(2024, 3, 1), evidence=HOSTILE)

    document = docx.Document(io.BytesIO(render_matrix_docx(world["review"])))

    cells = [cell.text for cell in document.tables[0].rows[2].cells]
    assert cells[0].startswith("118.") and "Adopt a law\ufffd (Brazil);" in cells[0]
    assert '=HYPERLINK("http://evil.example","click")\ufffd\ufffd end' in cells[3]


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_matrix_export_downloads_for_report_administrators(client, world, fmt, content_type):
    client.force_login(world["report_admin"])

    response = client.get(reverse("recommendations:matrix_export", args=[world["review"].pk, fmt]))

    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="upr-matrix-kh-cycle-3.{fmt}"'
    )
    assert zipfile.is_zipfile(io.BytesIO(response.content))


def test_matrix_export_unknown_format_is_404(client, world):
    client.force_login(world["organiser"])

    response = client.get(
        reverse("recommendations:matrix_export", args=[world["review"].pk, "pdf"])
    )

    assert response.status_code == 404


def test_monitoring_lists_fifty_recommendations_a_page_and_counts_them_all(client, world):
    for number in range(55):
        factories.RecommendationFactory(review=world["review"], text=f"Numbered item {number:02d}")
    client.force_login(world["organiser"])

    first = client.get(monitoring_url(world)).content.decode()
    second = client.get(monitoring_url(world), {"page": 2}).content.decode()

    assert "Numbered item 48" in first and "Numbered item 49" not in first
    assert "Numbered item 49" in second and "Numbered item 00" not in second
    assert "Page 2 of 2" in second
    assert "/ 56</span>" in first  # the figures count every recommendation


@pytest.mark.parametrize("role", ["organiser", "cso"])
def test_monitoring_filters_the_list_by_level_and_keeps_the_figures(client, world, role):
    assessed = factories.RecommendationFactory(review=world["review"], text="Assessed one")
    record(assessed, world["ours"], PARTIALLY, datetime.date(2024, 1, 1))
    client.force_login(world[role])

    partially = client.get(monitoring_url(world), {"level": PARTIALLY}).content.decode()
    not_assessed = client.get(monitoring_url(world), {"level": "not_assessed"}).content.decode()
    fully = client.get(monitoring_url(world), {"level": FULLY}).content.decode()
    unknown = client.get(monitoring_url(world), {"level": "nonsense"}).content.decode()

    assert "Assessed one" in partially
    assert "Adopt a law on access to information" not in partially
    assert "Adopt a law on access to information" in not_assessed
    assert "Assessed one" not in not_assessed
    assert "No recommendation at this level." in fully
    assert "Assessed one" in unknown and "Adopt a law on access to information" in unknown


def test_matrix_keeps_ohchr_english_but_assesses_in_the_readers_language(world):
    record(world["recommendation"], world["ours"], PARTIALLY, datetime.date(2024, 3, 1))

    with translation.override("fr"):
        content = render_matrix_xlsx(world["review"])

    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][0] == "Theme: Other recommendations"
    assert values[2][0].endswith("Adopt a law on access to information (Brazil);")
    assert values[2][3] == "Our CSO, 1 mars 2024\u00a0: Partiellement mise en œuvre."
