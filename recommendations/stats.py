"""The uptake figures of one review: what civil society suggested, what States recommended.

`uptake_figures(review)` runs a fixed number of queries (nine), whatever the number of
suggestions, recommendations or States; Python only groups the rows that come back. The
uptake page, the report's "At the review" section and the benchmark read it.

Definitions:

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
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from events.models import EventFormat, Session
from factsheets.models import Distribution, Factsheet, SuggestedRecommendation
from participants.models import Attendance

from .models import Closeness, RecommendingState, Response, ReviewEvent, UptakeLink

METHOD = _(
    "Organisers compared each recommendation suggested in the factsheets with the "
    "recommendations made at the review, helped by a ranking of the most similar texts, and "
    "confirmed by hand those that reflect it fully or in part."
)


def percent(part, whole):
    return round(100 * part / whole) if whole else 0


@dataclass(frozen=True)
class Proportion:
    """``part`` of ``whole``, with its whole-number percentage."""

    part: int
    whole: int

    @property
    def percent(self):
        return percent(self.part, self.whole)


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
    for pk, factsheet_id, title, theme_id, theme_name, order in suggestions:
        by_factsheet[factsheet_id].add(pk)
        factsheet_names[factsheet_id] = title
        by_theme[theme_id].add(pk)
        theme_names[theme_id] = theme_name
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
    return EffectComparison(label, group(_("Yes"), reached), group(_("No"), others))


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
