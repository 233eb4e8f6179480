"""The figures of a review's recommendations, computed from the data alone, each function in
a fixed number of queries whatever the number of recommendations; Python only groups the rows
that come back. The review's pages, the report's "At the review" section and the benchmarks
read them.

Uptake (``uptake_figures``, nine queries):

* **Suggested recommendation of the review**: a `factsheets.SuggestedRecommendation` of a
  live (not deleted) factsheet of an event linked to the review (`ReviewEvent`), whatever
  the factsheet's status.
* **Taken up**: a suggestion with at least one confirmed `UptakeLink` to a recommendation
  of the review; **fully** when one of its links is "fully reflected", else **partly**.
  Candidates the assistant proposes count for nothing until a person confirms them.
* **Share taken up** per factsheet, per theme (the factsheet's) and per CSO organisation
  (each author of the factsheet: a co-authored suggestion counts for each of its authors):
  suggestions taken up of the suggestions.
* **Recommendation reflecting a CSO suggestion**: a recommendation made with at least one
  uptake link. **By recommending State**: for each State among the recommendation's
  recommending States (a joint recommendation counts once for each of its States, a State
  named twice in one recommendation once), its recommendations and those reflecting a
  suggestion.
* **Mission attended the pre-session** (the activity report's definition of "present"):
  for an in-country event, a person of the State's mission checked in on a day of the
  event; for a Geneva series, the mission is listed as present at the session on the
  review's State (or at any session of the series, when the link names no session). The
  State under Review's own mission never counts.
* **Received the factsheet**: a `factsheets.Distribution` of an approved, live factsheet
  at a linked event to the State's mission.
* **Pre-session effect**: the recommending States of the review split into those whose
  mission attended (or received a factsheet, or either: "reached") and the others, with
  each group's recommendations and the share reflecting a CSO suggestion. It shows an
  association, not a cause: States that come to pre-sessions may be the ones that would
  have taken up the issue anyway.

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

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django_countries import countries

from accounts.figures import Proportion, percent
from events.models import EventFormat, Session, Theme
from factsheets.models import Distribution, Factsheet, SuggestedRecommendation
from participants.models import Attendance, Organisation

from .models import (
    TRIGGERED_ACTION,
    Closeness,
    ImplementationAssessment,
    ImplementationLevel,
    RecommendingState,
    Response,
    ReviewEvent,
    UptakeLink,
)

# Uptake -----------------------------------------------------------------------------------

METHOD = gettext_lazy(
    "Organisers compared each recommendation suggested in the factsheets with the "
    "recommendations made at the review, helped by a ranking of the most similar texts, and "
    "confirmed by hand those that reflect it fully or in part."
)


@dataclass(frozen=True)
class UptakeRow:
    """One factsheet, theme or organisation: its suggestions taken up (fully / partly)."""

    key: int
    name: str
    taken_up: Proportion
    fully: int
    partly: int


@dataclass(frozen=True)
class StateRow:
    """A recommending State: its recommendations and those reflecting a suggestion."""

    code: str
    reflecting: Proportion
    attended: bool
    received: bool

    @property
    def name(self):
        return countries.name(self.code)

    @property
    def reached(self):
        return self.attended or self.received


@dataclass(frozen=True)
class EffectRow:
    """A group of States (for example those whose mission attended) and its shares."""

    label: str
    states: int
    reflecting: Proportion


@dataclass(frozen=True)
class EffectComparison:
    """The States that were reached in one way against those that were not."""

    label: str
    reached: EffectRow
    not_reached: EffectRow


@dataclass(frozen=True)
class ResponseCount:
    response: str
    label: str
    count: int


@dataclass(frozen=True)
class UptakeFigures:
    recommendations: int
    by_response: tuple[ResponseCount, ...]
    suggestions: int
    taken_up: Proportion
    fully: int
    partly: int
    by_factsheet: tuple[UptakeRow, ...]
    by_theme: tuple[UptakeRow, ...]
    by_organisation: tuple[UptakeRow, ...]
    reflecting: Proportion  # recommendations made reflecting a suggestion
    by_state: tuple[StateRow, ...]
    effect: tuple[EffectComparison, ...]

    @property
    def has_recommendations(self):
        return self.recommendations > 0


def uptake_figures(review):
    """The uptake figures of `review` (see the module docstring), in nine queries."""
    suggestions = list(
        SuggestedRecommendation.objects.filter(
            factsheet__event__review_links__review=review,
            factsheet__deleted_at__isnull=True,
        )
        .order_by()
        .values_list(
            "pk",
            "factsheet_id",
            "factsheet__title",
            "factsheet__theme_id",
            "factsheet__theme__name",
            "factsheet__theme__order",
            "factsheet__theme__language",
            "factsheet__theme__translations",
        )
    )
    factsheet_ids = {row[1] for row in suggestions}
    authors = list(
        Factsheet.organisations.through.objects.filter(factsheet_id__in=factsheet_ids)
        .order_by()
        .values_list("factsheet_id", "organisation_id", "organisation__name")
    )
    links = list(
        UptakeLink.objects.filter(recommendation__review=review)
        .order_by()
        .values_list("suggested_id", "recommendation_id", "closeness")
    )
    mentions = set(
        RecommendingState.objects.filter(recommendation__review=review)
        .order_by()
        .values_list("recommendation_id", "country")
    )
    response_counts = dict(
        review.recommendations.order_by().values_list("response").annotate(count=Count("pk"))
    )
    attended, received = _states_reached(review)

    suggestion_ids = {row[0] for row in suggestions}
    closeness_of = {}
    reflecting_ids = set()
    for suggested_id, recommendation_id, closeness in links:
        reflecting_ids.add(recommendation_id)
        if suggested_id not in suggestion_ids:
            continue
        if closeness == Closeness.FULL or suggested_id not in closeness_of:
            closeness_of[suggested_id] = closeness

    def rows(groups, names, order):
        result = []
        for key in sorted(groups, key=order):
            members = groups[key]
            fully = sum(1 for pk in members if closeness_of.get(pk) == Closeness.FULL)
            partly = sum(1 for pk in members if closeness_of.get(pk) == Closeness.PARTIAL)
            result.append(
                UptakeRow(
                    key=key,
                    name=names[key],
                    taken_up=Proportion(fully + partly, len(members)),
                    fully=fully,
                    partly=partly,
                )
            )
        return tuple(result)

    by_factsheet, factsheet_names = defaultdict(set), {}
    by_theme, theme_names, theme_order = defaultdict(set), {}, {}
    for pk, factsheet_id, title, theme_id, theme_name, order, language, texts in suggestions:
        by_factsheet[factsheet_id].add(pk)
        factsheet_names[factsheet_id] = title
        by_theme[theme_id].add(pk)
        # the theme's name in the reader's language (its translation, else as written)
        theme = Theme(name=theme_name or "", language=language or "", translations=texts)
        theme_names[theme_id] = str(theme) if theme_name else theme_name
        theme_order[theme_id] = (order, theme_name)
    by_organisation, organisation_names = defaultdict(set), {}
    for factsheet_id, organisation_id, name in authors:
        by_organisation[organisation_id] |= by_factsheet[factsheet_id]
        organisation_names[organisation_id] = name

    recommendations_of = defaultdict(set)
    for recommendation_id, code in mentions:
        recommendations_of[code].add(recommendation_id)
    by_state = tuple(
        sorted(
            (
                StateRow(
                    code=code,
                    reflecting=Proportion(len(ids & reflecting_ids), len(ids)),
                    attended=code in attended,
                    received=code in received,
                )
                for code, ids in recommendations_of.items()
            ),
            key=lambda row: (-row.reflecting.part, -row.reflecting.whole, row.name),
        )
    )
    total = sum(response_counts.values())
    fully = sum(1 for value in closeness_of.values() if value == Closeness.FULL)
    return UptakeFigures(
        recommendations=total,
        by_response=tuple(
            ResponseCount(response, label, response_counts.get(response, 0))
            for response, label in Response.choices
            if response_counts.get(response)
        ),
        suggestions=len(suggestions),
        taken_up=Proportion(len(closeness_of), len(suggestions)),
        fully=fully,
        partly=len(closeness_of) - fully,
        by_factsheet=rows(by_factsheet, factsheet_names, lambda key: factsheet_names[key]),
        by_theme=rows(by_theme, theme_names, lambda key: theme_order[key]),
        by_organisation=rows(
            by_organisation, organisation_names, lambda key: organisation_names[key].casefold()
        ),
        reflecting=Proportion(len(reflecting_ids), total),
        by_state=by_state,
        effect=(
            _comparison(
                _("Mission attended the pre-session"),
                by_state,
                recommendations_of,
                reflecting_ids,
                lambda row: row.attended,
            ),
            _comparison(
                _("Mission received the factsheet"),
                by_state,
                recommendations_of,
                reflecting_ids,
                lambda row: row.received,
            ),
            _comparison(
                _("Attended or received the factsheet"),
                by_state,
                recommendations_of,
                reflecting_ids,
                lambda row: row.reached,
            ),
        ),
    )


def _comparison(label, by_state, recommendations_of, reflecting_ids, is_reached):
    def group(label, rows):
        ids = set().union(*(recommendations_of[row.code] for row in rows)) if rows else set()
        return EffectRow(label, len(rows), Proportion(len(ids & reflecting_ids), len(ids)))

    reached = [row for row in by_state if is_reached(row)]
    others = [row for row in by_state if not is_reached(row)]
    # Lower case: shown after the comparison's label ("Attended a session: yes").
    return EffectComparison(
        label,
        group(pgettext("answer after a colon, in lower case", "yes"), reached),
        group(pgettext("answer after a colon, in lower case", "no"), others),
    )


def _states_reached(review):
    """({States whose mission attended a linked event}, {States whose mission received a
    factsheet there}), as country codes (three queries)."""
    sur = review.state_under_review.code
    event_links = list(
        ReviewEvent.objects.filter(review=review).values_list(
            "event_id", "session_id", "event__format"
        )
    )
    in_country = [event for event, _session, format in event_links if format != EventFormat.GENEVA]
    geneva_sessions = [s for _event, s, format in event_links if format == EventFormat.GENEVA and s]
    geneva_events = [
        event for event, s, format in event_links if format == EventFormat.GENEVA and not s
    ]
    attended = set(
        Attendance.objects.filter(
            day__event_id__in=in_country,
            registration__person__organisation__mission__isnull=False,
        )
        .order_by()
        .values_list("registration__person__organisation__mission__state", flat=True)
        .distinct()
    )
    attended |= set(
        Session.missions_present.through.objects.filter(
            Q(session_id__in=geneva_sessions) | Q(session__day__event_id__in=geneva_events)
        )
        .order_by()
        .values_list("mission__state", flat=True)
        .distinct()
    )
    received = set(
        Distribution.objects.counted()
        .filter(event_id__in=[event for event, _s, _f in event_links])
        .order_by()
        .values_list("mission__state", flat=True)
        .distinct()
    )
    attended.discard(sur)
    received.discard(sur)
    return attended, received


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
        _share(str(theme), by_theme_rows[theme.pk])
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
