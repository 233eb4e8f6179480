"""Reads of reviews and their recommendations, one selector per page shape, shared by the
page, its exports and its PDF. Each runs a fixed number of queries, whatever the number of
recommendations."""

import json
import re
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import groupby

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, TextField
from django.db.models.functions import Cast
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries
from django_countries.fields import Country

from accounts import charts
from events.models import Event, Session, Theme
from factsheets.models import Distribution, Factsheet, SuggestedRecommendation
from participants.models import Attendance, Mission, Registration

from . import matching
from .models import (
    ActionCategory,
    ImplementationAssessment,
    Recommendation,
    RecommendingState,
    Response,
    Review,
    ReviewEvent,
    UptakeLink,
    UptakeRejection,
)
from .regions import REGIONAL_GROUPS, RegionalGroup, regional_group
from .themes import theme_names_for

# Reviews: the team's list.


def team_reviews(team):
    """The team's reviews, each with `recommendation_count`, `supported_count`,
    `noted_count` and `event_count` (events linked), in one query."""
    return (
        Review.objects.for_team(team)
        .annotate(
            recommendation_count=Count("recommendations", distinct=True),
            supported_count=Count(
                "recommendations",
                filter=Q(recommendations__response=Response.SUPPORTED),
                distinct=True,
            ),
            noted_count=Count(
                "recommendations",
                filter=Q(recommendations__response=Response.NOTED),
                distinct=True,
            ),
            event_count=Count("event_links", distinct=True),
        )
        .order_by("state_under_review", "-cycle")
    )


def filter_choices(review):
    """What the review page's filters offer: the ISO codes of the States that made the
    review's recommendations, and the themes of the review's team."""
    state_codes = list(
        RecommendingState.objects.filter(recommendation__review=review)
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )
    return state_codes, list(Theme.objects.filter(team=review.team_id).order_by("order", "name"))


def event_reviews(event, user):
    """The reviews linked to `event` that `user` may open, with their State and cycle."""
    return list(
        Review.objects.visible_to(user).for_event(event).order_by("state_under_review", "cycle")
    )


# Review page: the recommendations of a review, filtered and searched, with counts and
# charts of what the filters keep.
#
# The text search uses PostgreSQL's full-text search with the 'english' configuration
# (stemmed: "discriminations" finds "discrimination"), every word required, served by the
# GIN index of migration "0004_text_search"; SQLite has no full-text search of its
# own here, so there each word must appear in the text (case-insensitive). PostgreSQL
# reads the search as a web search does: words all required, "quoted phrases", or, -word.

SEARCH_CONFIG = "english"
PER_PAGE = 50
TOP_STATES = 15
# A chart's label, on its own line above the bar, fits about this many characters.
CHART_LABEL_LENGTH = 48


def search_vector():
    """The expression the GIN index is built on: the query must use the same one."""
    return SearchVector("text", config=SEARCH_CONFIG)


@dataclass(frozen=True)
class ReviewPage:
    review: Review
    # Recommendations in the review, whatever the filters.
    total: int
    # Recommendations the filters keep (over every page).
    shown: int
    page: object  # django.core.paginator.Page of annotated recommendations
    # `{name: [(label, count)]}` over the recommendations the filters keep.
    counts: dict
    charts: dict
    filtered: bool


def filtered_recommendations(
    review,
    *,
    search="",
    state="",
    regional_group="",
    theme=None,
    response="",
    action_category=None,
    matched=None,
    level="",
):
    """The review's recommendations the filters keep (each filter narrows; empty means
    any). `state`: an ISO code among the recommending States; `regional_group`: a
    `RegionalGroup` one of the recommending States belongs to; `theme`: a theme's pk;
    `matched`: True/False for "reflects a CSO suggestion (an uptake link exists)";
    `level`: an `ImplementationLevel` some organisation's latest assessment gives, or
    "none" for recommendations nobody has assessed."""
    recommendations = Recommendation.objects.for_review(review)
    if state:
        recommendations = recommendations.filter(
            Exists(RecommendingState.objects.filter(recommendation=OuterRef("pk"), country=state))
        )
    if regional_group:
        recommendations = recommendations.filter(
            Exists(
                RecommendingState.objects.filter(
                    recommendation=OuterRef("pk"),
                    country__in=sorted(REGIONAL_GROUPS[RegionalGroup(regional_group)]),
                )
            )
        )
    if theme:
        recommendations = recommendations.filter(
            Exists(
                Recommendation.themes.through.objects.filter(
                    recommendation=OuterRef("pk"), theme=theme
                )
            )
        )
    if response:
        recommendations = recommendations.filter(response=response)
    if action_category:
        recommendations = recommendations.filter(action_category=action_category)
    if matched is not None:
        linked = Exists(UptakeLink.objects.filter(recommendation=OuterRef("pk")))
        recommendations = recommendations.filter(linked if matched else ~linked)
    if level:
        assessed = ImplementationAssessment.objects.filter(recommendation=OuterRef("pk"))
        if level == "none":
            recommendations = recommendations.filter(~Exists(assessed))
        else:
            recommendations = recommendations.filter(
                Exists(assessed.latest_per_organisation().filter(level=level))
            )
    if search:
        recommendations = _search(recommendations, search)
    return recommendations


def _search(recommendations, search):
    if connection.vendor == "postgresql":
        return recommendations.annotate(search=search_vector()).filter(
            search=SearchQuery(search, config=SEARCH_CONFIG, search_type="websearch")
        )
    for word in search.split():
        recommendations = recommendations.filter(text__icontains=word)
    return recommendations


def review_page(review, *, page=1, per_page=PER_PAGE, **filters):
    """The review page: one page of the recommendations the filters keep
    (`filtered_recommendations`), in document order, each with its States, themes and
    `is_matched`; the counts and charts of every recommendation the filters keep, by
    response, action category, theme, recommending State (the first 15) and regional
    group. A joint recommendation counts once for each of its States, and once for each
    group its States belong to. Seven queries, whatever the number of recommendations."""
    kept = filtered_recommendations(review, **filters)
    ids = kept.values("pk")
    listing = (
        kept.annotate(is_matched=Exists(UptakeLink.objects.filter(recommendation=OuterRef("pk"))))
        .prefetch_related("recommending_states", "themes")
        .order_by("pk")
    )
    by_response, by_category, shown = _by_response_and_category(kept)
    by_state, by_group = _by_state_and_group(ids)
    paginator = CountedPaginator(listing, per_page, count=shown)
    current = paginator.get_page(page)
    list(current.object_list)  # read now, so the query count does not depend on the template
    counts = {
        "response": by_response,
        "category": by_category,
        "theme": _by_theme(ids),
        "state": by_state,
        "group": by_group,
    }
    return ReviewPage(
        review=review,
        total=Recommendation.objects.for_review(review).count(),
        shown=shown,
        page=current,
        counts=counts,
        charts=_charts(counts),
        filtered=any(value not in ("", None) for value in filters.values()),
    )


class CountedPaginator(Paginator):
    """A paginator told its count: the counts by response already sum to it, so the
    search is not run once more only to count."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


def _by_response_and_category(kept):
    """Counts by response and by action category, and their total, from one query."""
    by_response, by_category = {}, {}
    rows = kept.order_by().values_list("response", "action_category").annotate(n=Count("pk"))
    for response, category, n in rows:
        by_response[response] = by_response.get(response, 0) + n
        by_category[category] = by_category.get(category, 0) + n
    responses = [
        (Response(value).label, by_response[value])
        for value in Response.values
        if by_response.get(value)
    ]
    categories = [
        (ActionCategory(value).label, by_category[value])
        for value in ActionCategory.values
        if by_category.get(value)
    ]
    if by_category.get(None):
        categories.append((_("No category"), by_category[None]))
    return responses, categories, sum(by_response.values())


def _by_theme(ids):
    rows = (
        Theme.objects.filter(recommendations__in=ids)
        .annotate(n=Count("recommendations"))
        .order_by("-n", "name")
        .only("name", "language", "translations")
    )
    # the theme's name in the reader's language (its translation, else as written)
    return [(str(theme), theme.n) for theme in rows]


def _by_state_and_group(ids):
    """Recommendations per recommending State and per regional group, from the pairs of
    one query: a joint recommendation counts once for each State and once for each group
    (several States of one group count it once). Grouping twice in the database would
    read the States twice; one group is a CASE over a hundred codes."""
    states, groups = {}, {}
    pairs = (
        RecommendingState.objects.filter(recommendation__in=ids)
        .order_by()
        .values_list("recommendation_id", "country")
    )
    for recommendation, code in pairs:
        states.setdefault(code, set()).add(recommendation)
        groups.setdefault(regional_group(code) or "", set()).add(recommendation)
    by_state = sorted(
        ((countries.name(code) or code, len(members)) for code, members in states.items()),
        key=lambda row: (-row[1], row[0]),
    )
    by_group = [
        (key.label, len(groups[key.value])) for key in RegionalGroup if groups.get(key.value)
    ]
    if groups.get(""):
        by_group.append((_("No regional group"), len(groups[""])))
    return by_state, by_group


def _short(rows):
    return [(Truncator(label).chars(CHART_LABEL_LENGTH), n) for label, n in rows]


def _charts(counts):
    titles = {
        "response": _("Recommendations by response"),
        "category": _("Recommendations by action category"),
        "theme": _("Recommendations by theme"),
        "state": _("Recommendations by recommending State (first %(count)s)")
        % {"count": TOP_STATES},
        "group": _("Recommendations by regional group of the recommending States"),
    }
    # The groups' names without "Group", which the chart's title says: they fit the labels.
    short_groups = {
        str(RegionalGroup.AFRICAN.label): _("African"),
        str(RegionalGroup.ASIA_PACIFIC.label): _("Asia-Pacific"),
        str(RegionalGroup.EASTERN_EUROPEAN.label): _("Eastern European"),
        str(RegionalGroup.LATIN_AMERICAN_CARIBBEAN.label): _("Latin American and Caribbean"),
        str(RegionalGroup.WESTERN_EUROPEAN_OTHERS.label): _("Western European and others"),
    }
    rows = dict(
        counts,
        state=counts["state"][:TOP_STATES],
        group=[(short_groups.get(str(label), label), n) for label, n in counts["group"]],
    )
    return {
        name: charts.horizontal_bar_chart(_short(rows[name]), title=titles[name], stacked=True)
        for name in titles
    }


# --- Uptake ----------------------------------------------------------------------------

CANDIDATES_SHOWN = 3
# Candidates scoring less are not proposed at all, so that "none of these" ends a
# suggestion's list instead of bringing ever weaker ones. On the labelled fixture
# (recommendations/matching.py) no true match found among the first three scores below 26.
MIN_SCORE = 20


def uptake_factsheets(review):
    """The live factsheets of the events linked to `review`, with `suggestion_count` and
    `taken_up_count` (suggestions with a confirmed link to one of the review's
    recommendations), in event and theme order (1 query)."""
    return (
        Factsheet.objects.filter(event__review_links__review=review)
        .select_related("event", "theme")
        .annotate(
            suggestion_count=Count("recommendations", distinct=True),
            taken_up_count=Count(
                "recommendations",
                filter=Q(recommendations__uptake_links__recommendation__review=review),
                distinct=True,
            ),
        )
        .order_by("event__start_date", "event__pk", "theme__order", "title", "pk")
    )


def uptake_factsheet(review, pk):
    """One factsheet of `uptake_factsheets(review)`, or Factsheet.DoesNotExist (a 404):
    another review's factsheet is never reached."""
    return uptake_factsheets(review).get(pk=pk)


def review_index(review):
    """The review's recommendations with what the candidates show ({pk: recommendation})
    and a `matching.MadeIndex` of them (3 queries)."""
    recommendations = {
        recommendation.pk: recommendation
        for recommendation in review.recommendations.with_listing().order_by("pk")
    }
    index = matching.MadeIndex([(pk, item.text) for pk, item in recommendations.items()])
    return recommendations, index


@dataclass(frozen=True)
class ShownCandidate:
    recommendation: object
    candidate: matching.Candidate
    shortcut: int


@dataclass(frozen=True)
class SuggestionMatch:
    """A suggestion, its confirmed links, and the candidates still to decide on."""

    suggested: SuggestedRecommendation
    links: tuple  # UptakeLink, with its recommendation
    candidates: tuple  # ShownCandidate
    rejected: int

    @property
    def is_decided(self):
        return bool(self.links) or not self.candidates


def suggestion_matches(review, factsheet, *, suggestions=None, shown=CANDIDATES_SHOWN):
    """Each suggestion of `factsheet` (or only `suggestions`) with its confirmed links and
    its best `shown` candidates among the review's recommendations, leaving out those
    already linked or rejected (6 queries, ranking in memory)."""
    if suggestions is None:
        suggestions = factsheet.recommendations.all()
    suggestions = list(
        suggestions.prefetch_related(
            Prefetch(
                "uptake_links",
                queryset=UptakeLink.objects.filter(recommendation__review=review).order_by("pk"),
                to_attr="review_links",
            ),
            Prefetch(
                "uptake_rejections",
                queryset=UptakeRejection.objects.filter(recommendation__review=review),
                to_attr="review_rejections",
            ),
        )
    )
    recommendations, index = review_index(review)
    excluded_counts = [len(item.review_links) + len(item.review_rejections) for item in suggestions]
    ranked = index.rank_many(
        [item.text for item in suggestions], k=shown + max(excluded_counts, default=0)
    )
    result = []
    for item, candidates in zip(suggestions, ranked, strict=True):
        excluded = {link.recommendation_id for link in item.review_links}
        excluded |= {rejection.recommendation_id for rejection in item.review_rejections}
        kept = [
            candidate
            for candidate in candidates
            if candidate.key not in excluded and candidate.score >= MIN_SCORE
        ][:shown]
        result.append(
            SuggestionMatch(
                suggested=item,
                links=tuple(
                    _with_recommendation(link, recommendations) for link in item.review_links
                ),
                candidates=tuple(
                    ShownCandidate(recommendations[candidate.key], candidate, number)
                    for number, candidate in enumerate(kept, start=1)
                ),
                rejected=len(item.review_rejections),
            )
        )
    return result


def _with_recommendation(link, recommendations):
    link.recommendation = recommendations[link.recommendation_id]
    return link


def likely_matches(review, factsheets):
    """{factsheet pk: suggestions whose best candidate scores `matching.LIKELY_SCORE` or
    more}, for the overview (4 queries, ranking in memory)."""
    suggestions = list(
        SuggestedRecommendation.objects.filter(factsheet__in=[f.pk for f in factsheets])
        .order_by()
        .values_list("factsheet_id", "text")
    )
    _recommendations, index = review_index(review)
    ranked = index.rank_many([text for _factsheet, text in suggestions], k=1)
    counts = {factsheet.pk: 0 for factsheet in factsheets}
    for (factsheet_id, _text), candidates in zip(suggestions, ranked, strict=True):
        if candidates and candidates[0].is_likely:
            counts[factsheet_id] += 1
    return counts


# =========================================================================================
# Advocacy targeting: "States to approach"
# =========================================================================================
#
# For a State under Review and one of the team's themes: which recommending States made
# recommendations on the theme at the team's reviews of that State (every cycle it has
# imported), with their responses and action categories, joined with the roster: each
# State's missions, whether they came to the team's pre-sessions on that State and whether
# they received a factsheet there. Filtered by regional group it is the "flow of
# recommendations from neighbouring countries".
#
# Definitions (shown on the page and in the brief):
# - A recommendation is on the theme when it carries the theme, or when one of the source's
#   own issue tags matches the theme: the tag equals the theme's name or one of its parts
#   (the name split at "/", "&", "," and " and "), or contains one as whole words, or is
#   contained in one as whole words, case and accents aside; or the tag is
#   one of the default catalogue's tags for the theme (themes.py, as the import uses).
# - A State's recommendations count each recommendation once, joint ones included, even when
#   the State is named twice in it.
# - Specific and supported: action category 4 (general) or 5 (specific action) and
#   supported by the State under Review (supported in part counts as supported).
# - The team's pre-sessions on the State: its events whose country under review is the
#   State, linked to one of its reviews of the State, or with a session on the State (a
#   Geneva series). At an event wholly on the State
#   (in-country, or linked without a session) a mission came when one of its diplomats in the
#   team's directory was checked in on a day, or the mission was recorded present at a
#   session; at a Geneva series only presence at the State's own session counts.
# - A mission received a factsheet when an approved factsheet was handed to it at one of
#   these events.
# - Priority: high when the State made a specific and supported recommendation on the theme
#   and its mission came to a pre-session; medium when one of the two holds; low otherwise.
#   Within a priority: more specific and supported recommendations first, then missions that
#   received a factsheet, then more recommendations, then the most recent cycle, then name.

_PART_SEPARATORS = re.compile(r"\s*(?:/|&|,|;|\band\b)\s*", re.IGNORECASE)
SPECIFIC_CATEGORIES = (ActionCategory.GENERAL, ActionCategory.SPECIFIC)
SUPPORTED_RESPONSES = (Response.SUPPORTED, Response.SUPPORTED_IN_PART)


class Priority:
    HIGH, MEDIUM, LOW = 1, 2, 3
    LABELS = {HIGH: gettext_lazy("High"), MEDIUM: gettext_lazy("Medium"), LOW: gettext_lazy("Low")}


def _fold(text):
    return " ".join(str(text).casefold().split())


def _contains_words(haystack, needle):
    return bool(needle) and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


@dataclass(frozen=True)
class ThemeMatcher:
    """Whether a source's issue tag is about a theme (the definition above)."""

    parts: tuple
    name: str  # folded

    @classmethod
    def for_theme(cls, theme):
        name = _fold(theme.name)
        parts = {name, *(_fold(part) for part in _PART_SEPARATORS.split(theme.name))}
        parts = tuple(sorted(part for part in parts if len(part) >= 4))
        return cls(parts=parts, name=name)

    def matches(self, issue):
        if any(_fold(name) == self.name for name in theme_names_for("", [issue])):
            return True
        issue = _fold(issue)
        if not issue:
            return False
        return any(
            _contains_words(issue, part) or _contains_words(part, issue) for part in self.parts
        )

    def matches_any(self, issues):
        return any(self.matches(issue) for issue in issues or ())


@dataclass(frozen=True)
class CycleRecommendations:
    """A State's recommendations on the theme in one cycle."""

    cycle: int
    count: int
    paragraphs: tuple


@dataclass(frozen=True)
class QuotedRecommendation:
    """The recommendation a State's speaker can be reminded of: its most specific supported
    one on the theme, the most recent of those (else its most specific one)."""

    text: str
    paragraph: str
    cycle: int
    response: str
    action_category: int | None

    @property
    def response_label(self):
        return Response(self.response).label


@dataclass(frozen=True)
class MissionEngagement:
    """One mission of a State and what it did at the team's pre-sessions on the State."""

    pk: int
    name: str
    city: str
    mission_type: str
    events_attended: int
    registered_not_attended: int
    factsheets_received: int
    theme_factsheets_received: int

    @cached_property
    def came(self):
        return self.events_attended > 0


@dataclass(frozen=True)
class StateToApproach:
    rank: int
    priority: int
    country: Country
    regional_group: str | None
    recommendations: int
    by_cycle: tuple  # of CycleRecommendations, by cycle
    supported: int
    noted: int
    other_responses: int
    categories: tuple  # counts of categories 1 to 5
    uncategorised: int
    specific_supported: int
    missions: tuple  # of MissionEngagement
    quoted: QuotedRecommendation

    @property
    def priority_label(self):
        return Priority.LABELS[self.priority]

    @property
    def regional_group_label(self):
        return RegionalGroup(self.regional_group).label if self.regional_group else ""

    @cached_property
    def average_category(self):
        rated = sum(self.categories)
        if not rated:
            return None
        total = sum(category * count for category, count in enumerate(self.categories, 1))
        return round(total / rated, 1)

    @cached_property
    def category_counts(self):
        """`(category, count)` of the categories used, 1 to 5."""
        return tuple(
            (category, count) for category, count in enumerate(self.categories, 1) if count
        )

    @cached_property
    def came(self):
        return any(mission.came for mission in self.missions)

    @cached_property
    def received_factsheet(self):
        return any(mission.factsheets_received for mission in self.missions)

    @cached_property
    def received_theme_factsheet(self):
        return any(mission.theme_factsheets_received for mission in self.missions)

    @cached_property
    def latest_cycle(self):
        return max(cycle.cycle for cycle in self.by_cycle)

    @cached_property
    def paragraphs(self):
        return tuple(p for cycle in self.by_cycle for p in cycle.paragraphs)


@dataclass(frozen=True)
class TargetingEvent:
    pk: int
    title: str
    slug: str
    start_date: object
    wholly_on_state: bool


@dataclass(frozen=True)
class Targeting:
    state_under_review: Country
    theme: object
    regional_group: str | None
    cycles: tuple  # the cycles of the team's reviews of the State with recommendations
    events: tuple  # of TargetingEvent: the team's pre-sessions on the State
    recommendations: int  # distinct recommendations on the theme (of the group's States)
    matched_by_issue: int  # of which found by the source's issue tags only
    states: tuple  # of StateToApproach, in priority order

    @property
    def regional_group_label(self):
        return RegionalGroup(self.regional_group).label if self.regional_group else ""

    @cached_property
    def has_paragraphs(self):
        return any(state.paragraphs for state in self.states)

    @property
    def neighbours_group(self):
        """The State under Review's own regional group: its neighbours."""
        return regional_group(self.state_under_review.code)


def targeting_states(team):
    """The States under Review of `team`'s reviews, as Countries by name (the form's
    choices). One query."""
    codes = Review.objects.for_team(team).values_list("state_under_review", flat=True)
    return sorted({Country(code) for code in codes}, key=lambda country: country.name)


def states_to_approach(team, *, state, theme, group=None):
    """The "States to approach" of `team` for State under Review `state` (ISO code) and
    `theme` (one of the team's), optionally only States of regional `group`. Seven queries,
    whatever the number of recommendations, States and missions."""
    state = str(state).upper()
    cycles = tuple(
        sorted(
            set(
                Review.objects.for_team(team)
                .filter(state_under_review=state, recommendations__isnull=False)
                .values_list("cycle", flat=True)
            )
        )
    )
    mentions = _theme_mentions(team, state, theme)
    if group:
        mentions = [row for row in mentions if regional_group(row["country"]) == group]
    events = _pre_sessions(team, state)
    codes = sorted({row["country"] for row in mentions})
    engagement = _mission_engagement(team, state, theme, codes, events)
    states = _rank(_state_rows(mentions, engagement))
    recommendations = {row["recommendation_id"]: row for row in mentions}
    return Targeting(
        state_under_review=Country(state),
        theme=theme,
        regional_group=group or None,
        cycles=cycles,
        events=tuple(events),
        recommendations=len(recommendations),
        matched_by_issue=sum(1 for row in recommendations.values() if not row["on_theme"]),
        states=states,
    )


def _theme_mentions(team, state, theme):
    """One row per (recommending State, recommendation) on the theme. One query: the
    source's tags are matched here, the same way on every database."""
    tagged = Recommendation.themes.through.objects.filter(
        recommendation_id=OuterRef("recommendation_id"), theme=theme
    )
    rows = (
        RecommendingState.objects.filter(
            recommendation__review__team=team, recommendation__review__state_under_review=state
        )
        .annotate(on_theme=Exists(tagged))
        .order_by("recommendation__review__cycle", "recommendation_id", "order")
        .values(
            "country",
            "recommendation_id",
            "on_theme",
            cycle=F("recommendation__review__cycle"),
            paragraph=F("recommendation__paragraph"),
            response=F("recommendation__response"),
            action_category=F("recommendation__action_category"),
            # As the stored JSON text: recommendations share a few tag lists, each read and
            # matched once below instead of once per row.
            source_issues=Cast("recommendation__source_issues", TextField()),
            text=F("recommendation__text"),
        )
    )
    matcher = ThemeMatcher.for_theme(theme)
    tagged_with_theme = {}
    seen = set()
    mentions = []
    for row in rows:
        key = (row["country"], row["recommendation_id"])
        if key in seen:
            continue
        if not row["on_theme"]:
            issues = row["source_issues"] or "[]"
            if issues not in tagged_with_theme:
                tagged_with_theme[issues] = matcher.matches_any(json.loads(issues))
            if not tagged_with_theme[issues]:
                continue
        seen.add(key)
        mentions.append(row)
    return mentions


def _pre_sessions(team, state):
    """The team's events on the State: in-country ones, those linked to its reviews of the
    State, and Geneva series with a session on it. One query."""
    linked = ReviewEvent.objects.filter(
        event=OuterRef("pk"), state_under_review=state, review__team=team
    )
    session_on_state = Session.objects.filter(day__event=OuterRef("pk"), state_under_review=state)
    events = (
        Event.objects.of_team(team)
        .annotate(
            linked=Exists(linked),
            linked_whole=Exists(linked.filter(session__isnull=True)),
            has_session_on_state=Exists(session_on_state),
        )
        .filter(Q(country_under_review=state) | Q(linked=True) | Q(has_session_on_state=True))
        .order_by("start_date", "pk")
        .values("pk", "title", "slug", "start_date", "country_under_review", "linked_whole")
    )
    return [
        TargetingEvent(
            pk=event["pk"],
            title=event["title"],
            slug=event["slug"],
            start_date=event["start_date"],
            wholly_on_state=event["country_under_review"] == state or event["linked_whole"],
        )
        for event in events
    ]


def _mission_engagement(team, state, theme, codes, events):
    """`{country code: (MissionEngagement, ...)}` for the missions of `codes`. Four queries
    (missions, check-ins, presence at sessions, factsheets handed over)."""
    if not codes:
        return {}
    missions = list(Mission.objects.with_organisation().filter(state__in=codes))
    mission_ids = [mission.pk for mission in missions]
    whole = [event.pk for event in events if event.wholly_on_state]
    every = [event.pk for event in events]
    attended = {mission_id: set() for mission_id in mission_ids}
    registered = {mission_id: set() for mission_id in mission_ids}
    checked_in = Attendance.objects.filter(registration=OuterRef("pk"))
    for row in (
        Registration.objects.filter(
            event_id__in=whole,
            person__team=team,
            person__organisation__mission__in=mission_ids,
        )
        .annotate(checked_in=Exists(checked_in))
        .values("event_id", "checked_in", mission_id=F("person__organisation__mission"))
    ):
        (attended if row["checked_in"] else registered)[row["mission_id"]].add(row["event_id"])
    for row in (
        Session.missions_present.through.objects.filter(
            mission_id__in=mission_ids, session__day__event_id__in=every
        )
        .filter(Q(session__day__event_id__in=whole) | Q(session__state_under_review=state))
        .values("mission_id", event_id=F("session__day__event_id"))
    ):
        attended[row["mission_id"]].add(row["event_id"])
    factsheets = {mission_id: set() for mission_id in mission_ids}
    theme_factsheets = {mission_id: set() for mission_id in mission_ids}
    for row in (
        Distribution.objects.counted()
        .filter(mission_id__in=mission_ids, event_id__in=every)
        .values("mission_id", "factsheet_id", theme_id=F("factsheet__theme_id"))
    ):
        factsheets[row["mission_id"]].add(row["factsheet_id"])
        if row["theme_id"] == theme.pk:
            theme_factsheets[row["mission_id"]].add(row["factsheet_id"])
    engagement = {}
    for mission in missions:
        engagement.setdefault(mission.state.code, []).append(
            MissionEngagement(
                pk=mission.pk,
                name=mission.organisation.name,
                city=mission.city,
                mission_type=mission.get_mission_type_display(),
                events_attended=len(attended[mission.pk]),
                registered_not_attended=len(registered[mission.pk] - attended[mission.pk]),
                factsheets_received=len(factsheets[mission.pk]),
                theme_factsheets_received=len(theme_factsheets[mission.pk]),
            )
        )
    return {code: tuple(found) for code, found in engagement.items()}


def _state_rows(mentions, engagement):
    by_state = {}
    for row in mentions:
        by_state.setdefault(row["country"], []).append(row)
    states = []
    for code, rows in by_state.items():
        categories = [0] * 5
        uncategorised = 0
        for row in rows:
            if row["action_category"]:
                categories[row["action_category"] - 1] += 1
            else:
                uncategorised += 1
        by_cycle = tuple(
            CycleRecommendations(
                cycle=cycle,
                count=len(cycle_rows := list(group)),
                paragraphs=tuple(row["paragraph"] for row in cycle_rows if row["paragraph"]),
            )
            for cycle, group in groupby(rows, key=lambda row: row["cycle"])
        )
        states.append(
            StateToApproach(
                rank=0,
                priority=Priority.LOW,
                country=Country(code),
                regional_group=regional_group(code),
                recommendations=len(rows),
                by_cycle=by_cycle,
                supported=sum(row["response"] in SUPPORTED_RESPONSES for row in rows),
                noted=sum(row["response"] == Response.NOTED for row in rows),
                other_responses=sum(
                    row["response"] not in (*SUPPORTED_RESPONSES, Response.NOTED) for row in rows
                ),
                categories=tuple(categories),
                uncategorised=uncategorised,
                specific_supported=sum(
                    row["action_category"] in SPECIFIC_CATEGORIES
                    and row["response"] in SUPPORTED_RESPONSES
                    for row in rows
                ),
                missions=engagement.get(code, ()),
                quoted=_quoted(rows),
            )
        )
    return states


def _quoted(rows):
    row = max(
        rows,
        key=lambda row: (
            row["response"] in SUPPORTED_RESPONSES,
            row["action_category"] or 0,
            row["cycle"],
        ),
    )
    return QuotedRecommendation(
        text=row["text"],
        paragraph=row["paragraph"],
        cycle=row["cycle"],
        response=row["response"],
        action_category=row["action_category"],
    )


def _priority(state):
    strong = state.specific_supported > 0
    if strong and state.came:
        return Priority.HIGH
    if strong or state.came:
        return Priority.MEDIUM
    return Priority.LOW


def _rank(states):
    ordered = sorted(
        ((_priority(state), state) for state in states),
        key=lambda pair: (
            pair[0],
            -pair[1].specific_supported,
            not pair[1].received_factsheet,
            -pair[1].recommendations,
            -pair[1].latest_cycle,
            pair[1].country.name,
        ),
    )
    return tuple(
        replace(state, rank=rank, priority=priority)
        for rank, (priority, state) in enumerate(ordered, start=1)
    )
