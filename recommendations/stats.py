"""The figures of a review's recommendations, computed from the data alone, each function in
a fixed number of queries whatever the number of recommendations.

Implementation (``implementation_overview``; UPR Info's mid-term scale):

* **Assessment that counts**: for each recommendation and organisation, the organisation's
  latest assessment (by date assessed, then by the order recorded). Earlier ones are history.
* **Level of a recommendation**: the lowest of the levels its organisations' latest
  assessments give. A recommendation is fully implemented only when every organisation that
  assessed it says so; where organisations disagree the page shows each one's level.
* **Assessed recommendation**: one with at least one assessment; the others are "not
  assessed" and stay out of every share (a share never counts a missing view as "not
  implemented").
* **Triggered action** (UPR Info's term): a level of partially or fully implemented. The
  share is the assessed recommendations whose level is one of them, over the assessed
  recommendations.
* **By response**: the same share within the recommendations of each response (supported,
  noted, and the others where there are any).
* **By theme**: within the recommendations of each of the team's themes. A recommendation
  with two themes counts in both; those with none under "No theme".
* **By responsible institution**: over the assessments that count, grouped by the
  institution they name (as written, ignoring case and surrounding spaces): how many name
  it, and how many of those give a level of triggered action. Assessments naming none are
  left out.

Percentages are whole numbers, rounded half up (as the report's), always beside their counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from participants.models import Organisation

from .models import (
    TRIGGERED_ACTION,
    ImplementationAssessment,
    ImplementationLevel,
    Response,
)

# Implementation ---------------------------------------------------------------------------

# What no page, figure or export of monitoring shows: not read (a thousand recommendations
# with five organisations' assessments are thousands of rows).
UNSHOWN_ASSESSMENT_FIELDS = ("created_at", "updated_at", "recorded_by")
UNSHOWN_RECOMMENDATION_FIELDS = (
    "created_at",
    "updated_at",
    "unofficial_translation",
    "source_file",
    "source_location",
    "source_key",
)

LEVEL_ORDER = {level: index for index, level in enumerate(ImplementationLevel.values)}


def percent(part, whole):
    """`part` as a whole-number percentage of `whole` (half up); 0 when `whole` is 0."""
    if not whole:
        return 0
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass(frozen=True)
class TriggeredShare:
    """Of `assessed` recommendations (or assessments), `triggered` found triggered action."""

    label: str
    assessed: int
    triggered: int
    total: int = 0  # recommendations in the group, assessed or not

    @property
    def percent(self):
        return percent(self.triggered, self.assessed)

    @property
    def not_assessed(self):
        return max(self.total - self.assessed, 0)


@dataclass(frozen=True)
class RecommendationImplementation:
    """One recommendation and the assessments that count (latest per organisation, by
    organisation name)."""

    recommendation: object
    assessments: tuple

    @property
    def level(self):
        """The lowest level of the assessments that count, or None when not assessed."""
        if not self.assessments:
            return None
        return min((a.level for a in self.assessments), key=LEVEL_ORDER.__getitem__)

    @property
    def level_label(self):
        return ImplementationLevel(self.level).label if self.level else ""

    @property
    def triggered_action(self):
        return self.level in TRIGGERED_ACTION

    @property
    def organisations_disagree(self):
        return len({a.level for a in self.assessments}) > 1


@dataclass(frozen=True)
class ImplementationFigures:
    overall: TriggeredShare
    levels: tuple  # (level label, count of assessed recommendations at that level)
    by_response: tuple  # TriggeredShare per response
    by_theme: tuple
    by_institution: tuple
    organisations: int  # organisations with at least one assessment that counts


@dataclass(frozen=True)
class ImplementationOverview:
    rows: tuple  # RecommendationImplementation, in the review's order
    figures: ImplementationFigures


def latest_assessments(review):
    """`{recommendation_id: [assessments that count]}` of `review`, each list by
    organisation name. Two queries: the assessments, and their organisations once each (not
    one organisation object per assessment)."""
    assessments = list(
        ImplementationAssessment.objects.for_review(review)
        .latest_per_organisation()
        .defer(*UNSHOWN_ASSESSMENT_FIELDS)
        .order_by("recommendation_id", "pk")
    )
    organisations = Organisation.objects.in_bulk({a.organisation_id for a in assessments})
    latest = defaultdict(list)
    for assessment in assessments:
        assessment.organisation = organisations[assessment.organisation_id]
        latest[assessment.recommendation_id].append(assessment)
    for row in latest.values():
        row.sort(key=lambda a: (a.organisation.name.casefold(), a.organisation_id))
    return latest


def implementation_overview(review):
    """The latest level of each recommendation of `review` and the figures above.
    Five queries: the recommendations, their States, their themes, the assessments that
    count and their organisations."""
    recommendations = (
        review.recommendations.prefetch_related("recommending_states", "themes")
        .defer(*UNSHOWN_RECOMMENDATION_FIELDS)
        .order_by("pk")
    )
    latest = latest_assessments(review)
    rows = tuple(
        RecommendationImplementation(recommendation, tuple(latest.get(recommendation.pk, ())))
        for recommendation in recommendations
    )
    return ImplementationOverview(rows=rows, figures=implementation_figures(rows))


def _share(label, rows):
    rows = list(rows)
    assessed = [row for row in rows if row.assessments]
    return TriggeredShare(
        label=label,
        assessed=len(assessed),
        triggered=sum(1 for row in assessed if row.triggered_action),
        total=len(rows),
    )


def implementation_figures(rows):
    """The figures of `rows` (RecommendationImplementation): no query."""
    overall = _share(_("All recommendations"), rows)
    level_counts = defaultdict(int)
    for row in rows:
        if row.level:
            level_counts[row.level] += 1
    levels = tuple((level.label, level_counts[level.value]) for level in ImplementationLevel)

    by_response_rows = defaultdict(list)
    for row in rows:
        by_response_rows[row.recommendation.response].append(row)
    by_response = tuple(
        _share(response.label, by_response_rows[response.value])
        for response in Response
        if response in (Response.SUPPORTED, Response.NOTED) or by_response_rows[response.value]
    )

    by_theme_rows, theme_order, unthemed = defaultdict(list), {}, []
    for row in rows:
        themes = list(row.recommendation.themes.all())
        if not themes:
            unthemed.append(row)
        for theme in themes:
            theme_order[theme.pk] = theme
            by_theme_rows[theme.pk].append(row)
    by_theme = [
        _share(theme.name, by_theme_rows[theme.pk])
        for theme in sorted(theme_order.values(), key=lambda t: (t.order, t.name))
    ]
    if unthemed:
        by_theme.append(_share(_("No theme"), unthemed))

    institutions, names = defaultdict(lambda: [0, 0]), {}
    organisations = set()
    for row in rows:
        for assessment in row.assessments:
            organisations.add(assessment.organisation_id)
            name = " ".join(assessment.responsible_institution.split())
            if not name:
                continue
            key = name.casefold()
            names.setdefault(key, name)
            institutions[key][0] += 1
            institutions[key][1] += assessment.level in TRIGGERED_ACTION
    by_institution = tuple(
        TriggeredShare(label=names[key], assessed=counts[0], triggered=counts[1])
        for key, counts in sorted(institutions.items(), key=lambda item: (-item[1][0], item[0]))
    )
    return ImplementationFigures(
        overall=overall,
        levels=levels,
        by_response=by_response,
        by_theme=tuple(by_theme),
        by_institution=by_institution,
        organisations=len(organisations),
    )


@dataclass(frozen=True)
class OrganisationRecommendation:
    """A recommendation as CSO staff see it: their organisation's assessments, latest
    first (the first counts)."""

    recommendation: object
    assessments: tuple

    @property
    def latest(self):
        return self.assessments[0] if self.assessments else None

    @property
    def history(self):
        return self.assessments[1:]


def organisation_assessments(review, organisation):
    """The recommendations of `review` with `organisation`'s assessments of each. Two
    queries and the States' prefetch."""
    recommendations = review.recommendations.prefetch_related("recommending_states").order_by("pk")
    own = defaultdict(list)
    for assessment in (
        ImplementationAssessment.objects.for_review(review)
        .filter(organisation=organisation)
        .defer(*UNSHOWN_ASSESSMENT_FIELDS)
        .order_by("recommendation_id", "-assessed_on", "-pk")
    ):
        own[assessment.recommendation_id].append(assessment)
    return tuple(
        OrganisationRecommendation(recommendation, tuple(own.get(recommendation.pk, ())))
        for recommendation in recommendations
    )
