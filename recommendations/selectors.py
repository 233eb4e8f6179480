"""Reads behind the review pages, one function per page shape, each a fixed number of
queries."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from factsheets.models import Factsheet, SuggestedRecommendation

from . import matching
from .models import UptakeLink, UptakeRejection

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
