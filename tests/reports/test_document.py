"""The report document's computed parts for events other than the demo."""

import datetime
from types import SimpleNamespace

from django.urls import reverse
from django.utils import translation

from accounts.figures import Proportion
from participants.models import Gender
from reports import pdf, selectors
from reports.stats import Average, GenderSplit
from tests import factories

SERIES_SENTENCES = (
    "13 civil society organisations took the floor",
    "11 national (85%) and 2 international organisations",
    "6 of 13 represented by women (46%)",
    "NHRIs took part in the sessions on Mozambique and Togo",
    "8 distinct diplomatic missions attended",
    "The delegations of 10 of 11 States under Review attended their session (1 not recorded)",
    "7 of 10 took the floor (70%); 2 not recorded",
)


def test_geneva_series_report_prints_every_series_figure_with_its_count(client, geneva_series):
    client.force_login(factories.organiser())

    html = client.get(reverse("reports:report_preview", kwargs={"slug": geneva_series.slug}))
    text = " ".join(html.content.decode().split())

    assert "UPR Pre-sessions in Geneva" in text
    for sentence in SERIES_SENTENCES:
        assert sentence in text
    assert (
        '<span title="2.08: 25 mission attendances in 12 sessions">2.1</span> missions per '
        "session on average" in text
    )


def test_geneva_series_report_has_a_row_per_session_and_no_in_country_sections(
    client, geneva_series
):
    client.force_login(factories.organiser())

    html = client.get(reverse("reports:report_preview", kwargs={"slug": geneva_series.slug}))
    text = " ".join(html.content.decode().split())

    assert text.count('<tr> <th scope="row">') == 12
    assert (
        '<th scope="row">Togo<span class="sessions-table__date">8 Apr</span></th> <td>'
        '<span class="sessions-table__organisation">National CSO F <span '
        'class="sessions-table__kind">(National CSO)</span></span><span '
        'class="sessions-table__organisation">National Human Rights Commission of Togo <span '
        'class="sessions-table__kind">(National human rights institution)</span></span></td> '
        '<td class="number">1 of 2</td> <td class="number">0</td> <td>Not present</td> '
        "<td>No</td>" in text
    )
    assert "<td>Not recorded</td> <td>Not recorded</td>" in text  # Nepal
    for in_country in ("Attendance per day", "Results in figures", "Participants by kind"):
        assert in_country not in text


def test_report_preview_keeps_empty_sections_with_a_hint_the_pdf_leaves_them_out(
    geneva_series,
):
    preview = pdf.activity_report_html(geneva_series, preview=True)
    document = " ".join(pdf.activity_report_html(geneva_series).split())

    assert preview.count("No text yet.") == 7
    assert "No text yet." not in document
    assert '<span class="section__number">1.</span> The sessions' in document
    assert '<span class="section__number">2.</span> The series in figures' in document
    assert "Introduction" not in document and "Way forward" not in document


def test_in_country_report_has_no_geneva_block(client, db):
    event = factories.EventFactory()
    client.force_login(factories.organiser())

    html = client.get(reverse("reports:report_preview", kwargs={"slug": event.slug})).content

    assert b"Geneva series" not in html
    assert b"No text yet." in html


def test_gender_sentence_names_every_category_with_people():
    split = GenderSplit.from_gender_counts({Gender.WOMAN: 5, Gender.MAN: 4, Gender.NOT_RECORDED: 1})

    assert selectors.gender_sentence(split) == "50% women, 40% men, 10% not recorded"


def test_gender_sentence_is_empty_without_people():
    assert selectors.gender_sentence(GenderSplit.from_gender_counts({})) == ""


def test_factsheets_sentence_singular_and_plural():
    assert selectors.factsheets_sentence(1, 1) == (
        "1 thematic factsheet disseminated to 1 diplomatic mission"
    )
    assert selectors.factsheets_sentence(11, 12) == (
        "11 thematic factsheets disseminated to 12 diplomatic missions"
    )


def test_date_range_forms():
    d = datetime.date

    assert selectors.date_range(d(2018, 11, 14), d(2018, 11, 16)) == "14–16 November 2018"
    assert selectors.date_range(d(2018, 11, 30), d(2018, 12, 2)) == "30 November – 2 December 2018"
    assert selectors.date_range(d(2018, 12, 31), d(2019, 1, 1)) == (
        "31 December 2018 – 1 January 2019"
    )
    assert selectors.date_range(d(2018, 11, 14), d(2018, 11, 14)) == "14 November 2018"


def test_attendance_chart_dates_follow_the_active_language(db):
    event = factories.EventFactory()
    factories.ProgrammeDayFactory(event=event, date=datetime.date(2019, 2, 14))

    with translation.override("fr"):
        chart = str(selectors.report_figures(event)["charts"]["attendance"])

    assert "14 fév." in chart
    assert "Feb" not in chart


def _geneva_figures(average):
    geneva = SimpleNamespace(
        sessions=average.count,
        csos_took_floor=3,
        average_missions_per_session=average,
        took_floor=Proportion(1, average.count),
    )
    return SimpleNamespace(geneva=geneva, missions=["a", "b", "c"])


def test_cover_average_tooltip_writes_the_number_and_the_plural_of_the_language():
    with translation.override("fr"):
        one = selectors.cover_tiles(_geneva_figures(Average(total=3, count=1)))[3].title
        two = selectors.cover_tiles(_geneva_figures(Average(total=5, count=2)))[3].title

    assert one == "3,00\u00a0: 3 présences de missions pour 1 séance"
    assert two == "2,50\u00a0: 5 présences de missions pour 2 séances"
