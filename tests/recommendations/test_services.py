"""Importing parsed files: atomic, idempotent, every refused row named."""

import datetime
import importlib
from collections import Counter
from dataclasses import replace

import pytest
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.utils import translation

from recommendations.models import (
    ImplementationAssessment,
    ImplementationLevel,
    Recommendation,
    RecommendingState,
    Response,
    Review,
    ReviewEvent,
    SourceFormat,
)
from recommendations.parsing import parse_file
from recommendations.parsing.base import RowError
from recommendations.places import place_label
from recommendations.services import ImportRefused, import_recommendations, link_review_to_event
from security.registry import history_models, team_ids_of
from tests import factories
from tests.recommendations.conftest import (
    CAMBODIA_REPORT,
    SLOVENIA_ADDENDUM,
    SLOVENIA_REPORT,
    SLOVENIA_THEMATIC,
    SLOVENIA_UHRI,
    UPR_INFO_CSV,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return factories.TeamFactory()


@pytest.fixture
def cambodia_rows():
    return parse_file(UPR_INFO_CSV.read_bytes())


def _snapshot(review):
    return [
        (
            recommendation.source_key,
            recommendation.text,
            recommendation.response,
            recommendation.updated_at,
            [state.country.code for state in recommendation.recommending_states.all()],
        )
        for recommendation in review.recommendations.order_by("pk").prefetch_related(
            "recommending_states"
        )
    ]


def test_import_upr_info_creates_one_review_per_state_and_session(team, upr_info_export):
    # Four States under Review of sessions 6 to 9 (the whole export is for a benchmark).
    chosen = {"KH", "AL", "SI", "AD"}
    four = replace(
        upr_info_export,
        recommendations=tuple(
            item for item in upr_info_export.recommendations if item.state_under_review in chosen
        ),
    )

    summary = import_recommendations(None, four, team=team, by=None)

    cambodia = Review.objects.get(team=team, state_under_review="KH")
    states = Counter(
        RecommendingState.objects.filter(recommendation__review=cambodia).values_list(
            "country", flat=True
        )
    )
    reviews = Review.objects.filter(team=team).order_by("state_under_review")
    assert summary.created == len(four.recommendations)
    assert [(str(r.state_under_review), r.cycle, r.wg_session) for r in reviews] == [
        ("AD", 1, 9),
        ("AL", 1, 6),
        ("KH", 1, 6),
        ("SI", 1, 7),
    ]
    assert (cambodia.cycle, cambodia.wg_session) == (1, 6)
    assert cambodia.recommendations.count() == 138
    assert set(cambodia.recommendations.values_list("response", flat=True)) == {"supported"}
    assert (len(states), states["BR"], states["NO"]) == (47, 7, 7)


def test_import_only_the_review_asked_for(team, upr_info_export):
    summary = import_recommendations(
        None, upr_info_export, team=team, by=None, state_under_review="KH", cycle=1
    )

    assert [str(review.state_under_review) for review in summary.reviews] == ["KH"]
    assert (summary.created, summary.left_out) == (138, 8343 - 138)
    assert Recommendation.objects.count() == 138


def test_import_into_a_given_review_takes_only_its_state_and_session(team, upr_info_export):
    review = Review.objects.create(team=team, state_under_review="KH", cycle=1, wg_session=6)

    summary = import_recommendations(review, upr_info_export, team=team, by=None)

    assert (summary.created, summary.left_out) == (138, 8343 - 138)
    assert list(Review.objects.all()) == [review]


def test_imported_rows_answer_for_their_team_in_the_history_registry(team, cambodia_rows):
    import_recommendations(None, cambodia_rows, team=team, by=None)
    models = history_models()

    recommendation = Recommendation.objects.first()
    state = RecommendingState.objects.first()

    assert team_ids_of(models["recommendation"], [recommendation]) == [team.pk]
    assert team_ids_of(models["recommendingstate"], [state]) == [team.pk]


def test_reimport_changes_nothing(team, cambodia_rows):
    import_recommendations(None, cambodia_rows, team=team, by=None)
    review = Review.objects.get(team=team)
    before = _snapshot(review)
    history = Recommendation.history.count()

    summary = import_recommendations(None, cambodia_rows, team=team, by=None)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 138)
    assert _snapshot(review) == before
    assert Recommendation.history.count() == history
    assert Review.objects.count() == 1


def test_reimport_updates_a_changed_row_by_its_key(team, cambodia_rows):
    import_recommendations(None, cambodia_rows, team=team, by=None)
    changed = replace(
        cambodia_rows,
        recommendations=(
            replace(cambodia_rows.recommendations[0], response=Response.NOTED),
            *cambodia_rows.recommendations[1:],
        ),
    )

    summary = import_recommendations(None, changed, team=team, by=None)

    key = cambodia_rows.recommendations[0].source_key
    assert (summary.created, summary.updated) == (0, 1)
    assert Recommendation.objects.get(source_key=key).response == Response.NOTED
    assert Recommendation.objects.count() == 138


def test_one_bad_row_writes_nothing(team, cambodia_rows):
    import_recommendations(None, cambodia_rows, team=team, by=None)
    before = _snapshot(Review.objects.get())
    lines = UPR_INFO_CSV.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",Accepted,", ",Maybe,")
    lines[2] = lines[2].replace("Accepted", "Noted")
    bad = parse_file(("\n".join(lines) + "\n").encode("utf-8"))

    with pytest.raises(ImportRefused) as refused:
        import_recommendations(None, bad, team=team, by=None)

    assert [str(error) for error in refused.value.errors] == ["row 6: Unknown response: “Maybe”."]
    assert _snapshot(Review.objects.get()) == before


def test_unknown_state_is_a_row_error_and_nothing_is_written(team):
    lines = UPR_INFO_CSV.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",Czech Republic,", ",Freedonia,")
    bad = parse_file(("\n".join(lines) + "\n").encode("utf-8"))

    with pytest.raises(ImportRefused) as refused:
        import_recommendations(None, bad, team=team, by=None)

    assert [str(error) for error in refused.value.errors] == [
        "row 3: Unknown State name: “Freedonia”."
    ]
    assert (Review.objects.count(), Recommendation.objects.count()) == (0, 0)


def test_a_file_with_a_key_twice_is_refused(team, cambodia_rows):
    twice = replace(
        cambodia_rows,
        recommendations=(*cambodia_rows.recommendations, cambodia_rows.recommendations[0]),
    )

    with pytest.raises(ImportRefused) as refused:
        import_recommendations(None, twice, team=team, by=None)

    assert len(refused.value.errors) == 1
    assert "twice" in refused.value.errors[0].message
    assert Recommendation.objects.count() == 0


def test_report_then_addendum_then_thematic_list_agree_and_never_duplicate(
    team, slovenia_report, slovenia_addendum, slovenia_thematic
):
    import_recommendations(None, slovenia_report, team=team, by=None)
    review = Review.objects.get(team=team)
    pending = review.recommendations.filter(response=Response.PENDING).count()

    import_recommendations(None, slovenia_addendum, team=team, by=None)
    after_addendum = Counter(review.recommendations.values_list("response", flat=True))
    summary = import_recommendations(review, slovenia_thematic, team=team, by=None)

    review.refresh_from_db()
    assert pending == 157
    assert after_addendum == {"supported": 182, "noted": 33}
    assert (review.cycle, review.wg_session, review.review_date) == (
        3,
        34,
        datetime.date(2019, 11, 12),
    )
    assert (review.wg_report_symbol, review.addendum_symbol) == (
        "A/HRC/43/15",
        "A/HRC/43/15/Add.1",
    )
    assert (summary.created, summary.updated) == (0, 215)
    assert review.recommendations.count() == 215
    assert Counter(review.recommendations.values_list("response", flat=True)) == {
        "supported": 182,
        "noted": 33,
    }
    first = review.recommendations.get(paragraph="121.1")
    assert first.source_format == SourceFormat.THEMATIC_LIST
    assert first.source_issues == ["Acceptance of international norms", "Enforced disappearances"]


def test_a_report_reimported_after_the_thematic_list_keeps_its_themes_and_responses(
    team, slovenia_with_responses, slovenia_report, slovenia_thematic
):
    import_recommendations(None, slovenia_with_responses, team=team, by=None)
    review = Review.objects.get()
    import_recommendations(review, slovenia_thematic, team=team, by=None)

    import_recommendations(None, slovenia_report, team=team, by=None)

    assert Counter(review.recommendations.values_list("response", flat=True)) == {
        "supported": 182,
        "noted": 33,
    }
    assert review.recommendations.get(paragraph="121.1").source_issues[0] == (
        "Acceptance of international norms"
    )


def test_thematic_list_without_a_state_under_review_is_refused(team, slovenia_thematic):
    with pytest.raises(ImportRefused) as refused:
        import_recommendations(None, slovenia_thematic, team=team, by=None)

    assert refused.value.errors[0] == RowError(
        "table row 3", "The file does not say the State under Review."
    )
    assert Review.objects.count() == 0


def test_uhri_import_keys_on_annotation_ids_and_reimports_unchanged(team):
    parsed = parse_file(SLOVENIA_UHRI.read_bytes())
    import_recommendations(None, parsed, team=team, by=None)

    again = import_recommendations(None, parsed, team=team, by=None)

    review = Review.objects.get()
    assert (review.state_under_review.code, review.cycle, review.wg_session) == ("SI", 3, 34)
    assert (again.created, again.unchanged) == (0, 6)
    assert review.recommendations.get(paragraph="122.7").recommending_states.count() == 3


def test_addendum_before_its_report_is_refused(team, slovenia_addendum):
    with pytest.raises(ImportRefused) as refused:
        import_recommendations(None, slovenia_addendum, team=team, by=None)

    assert str(refused.value.errors[-1]) == "Import the report A/HRC/43/15 before its addendum."


def test_import_writes_history_naming_the_importer(team, cambodia_rows):
    user = factories.organiser()

    import_recommendations(None, cambodia_rows, team=team, by=user)

    assert set(Recommendation.history.values_list("history_user", flat=True)) == {user.pk}
    assert RecommendingState.history.count() == 138


def test_command_imports_a_report_with_its_addendum(team, capsys):
    call_command(
        "import_recommendations",
        str(SLOVENIA_REPORT),
        "--team",
        team.slug,
        "--addendum",
        str(SLOVENIA_ADDENDUM),
    )

    review = Review.objects.get()
    assert "215 created, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert review.recommendations.filter(response=Response.NOTED).count() == 33


def test_command_imports_the_thematic_list_for_the_state_named(team, capsys):
    call_command(
        "import_recommendations",
        str(SLOVENIA_THEMATIC),
        "--team",
        team.slug,
        "--state-under-review",
        "Slovenia",
        "--cycle",
        "3",
    )

    assert Review.objects.get().recommendations.count() == 215


def test_command_lists_refused_rows_and_writes_nothing(team, tmp_path, capsys):
    lines = UPR_INFO_CSV.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",Czech Republic,", ",Freedonia,")
    bad = tmp_path / "export.txt"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_recommendations", str(bad), "--team", team.slug)

    assert "row 3: Unknown State name: “Freedonia”." in capsys.readouterr().err
    assert Recommendation.objects.count() == 0


def test_latest_assessment_per_organisation_counts(team, cambodia_rows):
    import_recommendations(None, cambodia_rows, team=team, by=None)
    recommendation = Recommendation.objects.first()
    first, second = factories.OrganisationFactory(), factories.OrganisationFactory()
    for organisation, day, level in [
        (first, 1, ImplementationLevel.NOT_IMPLEMENTED),
        (first, 9, ImplementationLevel.PARTIALLY_IMPLEMENTED),
        (second, 5, ImplementationLevel.FULLY_IMPLEMENTED),
        (second, 5, ImplementationLevel.NOT_IMPLEMENTED),
    ]:
        ImplementationAssessment.objects.create(
            recommendation=recommendation,
            organisation=organisation,
            assessed_on=datetime.date(2024, 1, day),
            level=level,
        )

    latest = ImplementationAssessment.objects.latest_per_organisation()

    assert sorted(latest.values_list("organisation__name", "level")) == [
        (first.name, "partially_implemented"),
        (second.name, "not_implemented"),
    ]
    assert latest.triggered_action().count() == 1


def test_an_event_links_one_review_per_state(team, cambodia_rows, slovenia_report):
    import_recommendations(None, cambodia_rows, team=team, by=None)
    first = Review.objects.get()
    event = factories.EventFactory(country_under_review="KH")
    second = Review.objects.create(team=team, state_under_review="KH", cycle=3)

    link_review_to_event(first, event, by=None)
    link_review_to_event(second, event, by=None)

    assert list(ReviewEvent.objects.values_list("review", flat=True)) == [second.pk]
    assert list(Review.objects.for_event(event)) == [second]


def test_upr_info_into_the_reports_review_adds_categories_without_double_counting(
    team, cambodia_report, cambodia_rows
):
    import_recommendations(None, cambodia_report, team=team, by=None)
    review = Review.objects.get()

    summary = import_recommendations(None, cambodia_rows, team=team, by=None)
    again = import_recommendations(None, cambodia_rows, team=team, by=None)

    item_10 = review.recommendations.get(paragraph="82.10")
    assert review.recommendations.count() == 91
    assert (summary.created, summary.updated) == (0, 138)
    assert [(d.paragraph, d.report_states, d.other_state) for d in summary.differences] == [
        ("82.10", ("BN",), "BR")
    ]
    assert (item_10.action_category, item_10.source_issues) == (2, ["General"])
    assert [state.country.code for state in item_10.recommending_states.all()] == ["BN"]
    assert (again.created, again.updated, again.unchanged) == (0, 0, 138)
    # The report says the responses "will be included in the outcome report"; UPR Info
    # records them: all supported.
    assert set(review.recommendations.values_list("response", flat=True)) == {"supported"}
    assert review.recommendations.filter(themes__isnull=False).distinct().count() > 0


def test_command_names_the_attribution_the_sources_disagree_on(team, capsys):
    call_command("import_recommendations", str(CAMBODIA_REPORT), "--team", team.slug)

    call_command("import_recommendations", str(UPR_INFO_CSV), "--team", team.slug)

    out = capsys.readouterr().out
    assert "82.10: the report names Brunei Darussalam, this file Brazil." in out
    assert "0 created, 138 updated, 0 unchanged" in out
    assert Recommendation.objects.count() == 91


def test_import_stores_the_place_without_words_for_each_reader_to_read(team):
    with translation.override("fr"):
        parsed = parse_file(UPR_INFO_CSV.read_bytes())
        import_recommendations(None, parsed, team=team, by=None)
    first = Recommendation.objects.order_by("pk").first()

    with translation.override("km"):
        card = render_to_string(
            "recommendations/_recommendation_card.html", {"recommendation": first}
        )

    assert first.source_location == "row:2"
    assert "ជួរដេកទី 2" in card
    assert "ligne" not in card


@pytest.mark.parametrize(
    ("stored", "neutral"),
    [
        ("row 12", "row:12"),
        ("ligne 12", "row:12"),
        ("ជួរដេកទី 12", "row:12"),
        ("table row 3", "table_row:3"),
        ("ligne 3 du tableau", "table_row:3"),
        ("ជួរដេកទី 3 នៃតារាង", "table_row:3"),
        ("page 14, paragraph 93.1", "page:14:93.1"),
        ("page 14, paragraphe 93.1", "page:14:93.1"),
        ("ទំព័រ 14 កថាខណ្ឌ 93.1", "page:14:93.1"),
        ("somewhere", "somewhere"),
    ],
)
def test_migration_rewrites_worded_places_without_words(stored, neutral):
    migration = importlib.import_module(
        "recommendations.migrations.0005_source_location_without_words"
    )

    assert migration.without_words(stored) == neutral


@pytest.mark.parametrize(
    ("place", "label"),
    [
        ("row:12", "row 12"),
        ("table_row:3", "table row 3"),
        ("page:14:93.1", "page 14, paragraph 93.1"),
        ("somewhere", "somewhere"),
        ("", ""),
    ],
)
def test_place_label_words_each_kind_of_place(place, label):
    with translation.override("en"):
        assert place_label(place) == label
