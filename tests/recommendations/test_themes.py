"""Team themes of imported recommendations (recommendations/themes.py and the import)."""

from collections import Counter
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.themes import DEFAULT_THEMES
from recommendations.parsing import parse_file
from recommendations.services import import_recommendations
from recommendations.themes import (
    _KEYWORDS,
    ISSUES,
    KEYWORDS,
    _keyword_themes,
    theme_names_for,
)
from tests import factories
from tests.recommendations.conftest import UPR_INFO_CSV

WOMEN, CHILD = DEFAULT_THEMES[0], DEFAULT_THEMES[1]
LAND, ELECTIONS = DEFAULT_THEMES[5], DEFAULT_THEMES[7]
JUSTICE, FREEDOMS, RULE_OF_LAW = DEFAULT_THEMES[10], DEFAULT_THEMES[11], DEFAULT_THEMES[12]


def test_tables_name_only_default_themes():
    assert set(ISSUES) | set(KEYWORDS) <= set(DEFAULT_THEMES)


def test_theme_names_for_upr_info_issues():
    names = theme_names_for("Do more", ["Women's rights", "Torture and other CID treatment"])

    assert names == [WOMEN, RULE_OF_LAW]


def test_theme_names_for_ohchr_prefix_issue_and_spacing():
    names = theme_names_for("", ["Children:  protection against exploitation"])

    assert names == [CHILD]


def test_theme_names_for_text_keywords_whole_words_only():
    assert theme_names_for("Prevent forced evictions and protect journalists") == [
        LAND,
        FREEDOMS,
    ]
    assert theme_names_for("Cooperate with Finland and the Netherlands") == []


def test_one_scan_finds_what_each_themes_own_search_finds():
    # The import scans each text once for any keyword; on the real export's texts it must
    # find what searching each theme's keywords separately finds, overlapping words too.
    texts = [item.text for item in parse_file(UPR_INFO_CSV.read_bytes()).recommendations]
    texts += ["Eliminate child labour", "End torture in police detention", "childhood", ""]
    for text in texts:
        separately = {theme for theme, pattern in _KEYWORDS if pattern.search(text)}
        assert _keyword_themes(text) == separately, text


def test_theme_names_for_unknown_issue_names_nothing():
    assert theme_names_for("Do more", ["Special procedures"]) == []


@pytest.mark.django_db
def test_import_gives_team_themes_from_issues_and_text():
    team = factories.TeamFactory()
    by = factories.organiser(team)

    summary = import_recommendations(None, parse_file(UPR_INFO_CSV.read_bytes()), team=team, by=by)

    review = summary.reviews[0]
    counts = Counter(
        theme.name
        for r in review.recommendations.prefetch_related("themes")
        for theme in r.themes.all()
    )
    assert counts[WOMEN] > 10 and counts[CHILD] > 10 and counts[JUSTICE] > 10
    assert all(
        theme.team_id == team.pk for r in review.recommendations.all() for theme in r.themes.all()
    )


def _theme_queries(team, parsed, *, by):
    with CaptureQueriesContext(connection) as queries:
        import_recommendations(None, parsed, team=team, by=by)
    return [
        q
        for q in queries.captured_queries
        if "recommendation_themes" in q["sql"] or 'FROM "events_theme"' in q["sql"]
    ]


@pytest.mark.django_db
def test_import_themes_use_a_fixed_number_of_queries():
    by = factories.organiser(factories.TeamFactory())
    parsed = parse_file(UPR_INFO_CSV.read_bytes())
    themed = next(r for r in parsed.recommendations if theme_names_for(r.text, r.source_issues))
    one = replace(parsed, recommendations=(themed,))

    few = _theme_queries(factories.TeamFactory(slug="one"), one, by=by)
    many = _theme_queries(factories.TeamFactory(slug="many"), parsed, by=by)

    assert len(many) == len(few) == 2


@pytest.mark.django_db
def test_reimport_does_not_add_back_a_removed_theme():
    team = factories.TeamFactory()
    by = factories.organiser(team)
    parsed = parse_file(UPR_INFO_CSV.read_bytes())
    review = import_recommendations(None, parsed, team=team, by=by).reviews[0]
    recommendation = review.recommendations.filter(themes__isnull=False).first()
    recommendation.themes.clear()

    import_recommendations(None, parsed, team=team, by=by)

    assert not recommendation.themes.exists()
