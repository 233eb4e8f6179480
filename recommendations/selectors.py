"""Reads of the recommendations pages, one section per page shape, each in a fixed number
of queries."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django_countries import countries

from accounts import charts
from events.models import Theme

from .models import (
    ActionCategory,
    ImplementationAssessment,
    Recommendation,
    RecommendingState,
    Response,
    Review,
    UptakeLink,
)
from .regions import REGIONAL_GROUPS, RegionalGroup, regional_group

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
# GIN index of migration "rreview_text_search"; SQLite has no full-text search of its
# own here, so there each word must appear in the text (case-insensitive). PostgreSQL
# reads the search as a web search does: words all required, "quoted phrases", or, -word.

SEARCH_CONFIG = "english"
PER_PAGE = 50
TOP_STATES = 15
# The charts' label column fits about this many characters.
CHART_LABEL_LENGTH = 30


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
        .values_list("name", "n")
    )
    return list(rows)


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
        name: charts.horizontal_bar_chart(_short(rows[name]), title=titles[name]) for name in titles
    }
