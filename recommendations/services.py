"""Writing reviews and their recommendations.

`import_recommendations` is what the upload flow and `manage.py import_recommendations` call
with a parsed file (parsing/): everything or nothing, and the same file twice changes
nothing the second time.
"""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from accounts.integrity import save_unique
from events.models import Theme
from security import change_reasons

from .bulk import insert_with_history
from .models import (
    ActionCategory,
    Closeness,
    ImplementationAssessment,
    ImplementationLevel,
    Recommendation,
    RecommendingState,
    Response,
    Review,
    ReviewEvent,
    SourceFormat,
    UptakeLink,
    UptakeRejection,
)
from .parsing.base import ParsedRecommendation, RowError, cycle_of_session
from .parsing.matching import match_to_report
from .places import place_label
from .themes import theme_names_for

IMPORT_REASON = change_reasons.IMPORT

# What an import writes on each recommendation, besides its States.
IMPORTED_FIELDS = (
    "text",
    "paragraph",
    "response",
    "source_issues",
    "affected_persons",
    "action_category",
    "sdg_targets",
    "source_format",
    "source_file",
    "source_location",
)
# A source that does not know these (a report has no issue tags; UPR Info no paragraph)
# never erases what another source said.
KEPT_WHEN_MISSING = ("paragraph", "source_issues", "affected_persons", "action_category")
KEPT_WHEN_MISSING += ("sdg_targets",)

# Items looked up and written per round: one lookup query each, under SQLite's 999
# parameters.
BATCH_SIZE = 900

MAX_KEY = Recommendation._meta.get_field("source_key").max_length
MAX_PARAGRAPH = Recommendation._meta.get_field("paragraph").max_length


class ImportRefused(Exception):
    """The file was not imported; `errors` (RowError) name each row and its problem."""

    def __init__(self, errors):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = tuple(errors)


@dataclass(frozen=True)
class ImportSummary:
    reviews: tuple
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    left_out: int = 0
    # Where UPR Info's rows name another State than the report's item they repeat.
    differences: tuple = ()
    # ReviewCounts, one per review written, in the order of `reviews`.
    per_review: tuple = ()


@dataclass(frozen=True)
class ReviewCounts:
    review: Review
    new_review: bool  # the import created it
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def import_recommendations(
    review,
    parsed,
    *,
    team,
    by,
    state_under_review="",
    cycle=None,
    source_file="",
    event=None,
):
    """Write the recommendations of `parsed` (a `ParsedFile`) into `review`, or, when
    `review` is None, into the team's review of each State under Review and session the file
    holds (created when missing), limited to `state_under_review` and `cycle` when given.

    A recommendation already in its review (same source key) is updated, never duplicated;
    values a source does not know (UPR Info has no paragraph, a report no issue tags, a
    report alone says "pending") leave what another source said. Atomic: any row error
    raises `ImportRefused` naming every refused row, and nothing is written. History records
    name `by`. An addendum (`SourceFormat.WG_ADDENDUM`) sets the responses of the review
    whose report it answers. UPR Info rows that repeat an item of a report already in the
    review enrich that item instead of counting twice; the summary's `differences` name
    the States the two sources disagree on. With `event` (a pre-session event of the team),
    each review written is linked to it (`link_review_to_event`); an event about another
    State refuses the whole import.
    """
    if review is not None and review.team_id != team.pk:
        raise ValueError("The review belongs to another team.")
    if event is not None and event.team_id != team.pk:
        raise ValueError("The event belongs to another team.")
    if parsed.format == SourceFormat.WG_ADDENDUM:
        with transaction.atomic():
            summary = _import_responses(review, parsed, team=team, by=by)
            _link_to_event(summary.reviews, event, by=by)
        return summary
    targets, left_out, errors = _targets(
        review, parsed, state_under_review=state_under_review, cycle=cycle
    )
    errors = list(parsed.errors) + errors
    for items in targets.values():
        errors.extend(_item_errors(items))
    if errors:
        raise ImportRefused(errors)
    per_review, differences = [], []
    with transaction.atomic():
        for (state, review_cycle), items in targets.items():
            target, new_review = review, False
            if target is None:
                target, new_review = _review_for(
                    team, state, review_cycle, parsed=parsed, session=items[0].session, by=by
                )
            folded = (0, 0)
            if parsed.format == SourceFormat.UPR_INFO:
                items, folded, found = _fold_into_report(target, items, by=by)
                differences.extend(found)
            created, updated, unchanged = _write(
                target, items, source_format=parsed.format, source_file=source_file, by=by
            )
            per_review.append(
                ReviewCounts(
                    target, new_review, created, updated + folded[0], unchanged + folded[1]
                )
            )
        reviews = tuple(counts.review for counts in per_review)
        _link_to_event(reviews, event, by=by)
    return ImportSummary(
        reviews,
        created=sum(counts.created for counts in per_review),
        updated=sum(counts.updated for counts in per_review),
        unchanged=sum(counts.unchanged for counts in per_review),
        left_out=left_out,
        differences=tuple(differences),
        per_review=tuple(per_review),
    )


def preview_recommendations(review, parsed, **options):
    """The `ImportSummary` that `import_recommendations(review, parsed, **options)` would
    return, with nothing written: the import runs in a transaction rolled back at its end.
    Raises `ImportRefused` as the import does."""
    with transaction.atomic():
        summary = import_recommendations(review, parsed, **options)
        transaction.set_rollback(True)
    return summary


def _link_to_event(reviews, event, *, by):
    """Link each of `reviews` to `event`; an event about another State refuses them."""
    if event is None:
        return
    for review in reviews:
        try:
            link_review_to_event(review, event, by=by)
        except ValidationError as error:
            raise ImportRefused([RowError("", message) for message in error.messages]) from error


def _targets(review, parsed, *, state_under_review, cycle):
    """`{(State, cycle): [items]}` to write, the number of items left out by the filters,
    and the errors of items with no State under Review or cycle."""
    targets, left_out, errors = {}, 0, []
    for item in parsed.recommendations:
        state = item.state_under_review or parsed.state_under_review
        session = item.session or parsed.session
        if review is not None:
            if state and state != review.state_under_review.code:
                left_out += 1
                continue
            if session and review.wg_session and session != review.wg_session:
                left_out += 1
                continue
            targets.setdefault((review.state_under_review.code, review.cycle), []).append(item)
            continue
        state = state or state_under_review
        item_cycle = cycle_of_session(session) or cycle
        if state_under_review and state != state_under_review:
            left_out += 1
            continue
        if cycle and item_cycle != cycle:
            left_out += 1
            continue
        if not state:
            errors.append(
                RowError(
                    place_label(item.source_location),
                    _("The file does not say the State under Review."),
                )
            )
        elif not item_cycle:
            errors.append(
                RowError(place_label(item.source_location), _("The file does not say the cycle."))
            )
        else:
            targets.setdefault((state, item_cycle), []).append(item)
    if not targets and not errors:
        errors.append(RowError("", _("The file holds no recommendation for this review.")))
    return targets, left_out, errors


def _item_errors(items):
    errors, seen = [], set()
    for item in items:
        location = place_label(item.source_location)
        if not item.source_key or len(item.source_key) > MAX_KEY:
            errors.append(RowError(location, _("The recommendation has no usable source key.")))
        elif item.source_key in seen:
            errors.append(
                RowError(
                    location,
                    _("The file holds this recommendation twice (%(key)s).")
                    % {"key": item.source_key},
                )
            )
        seen.add(item.source_key)
        if len(item.paragraph) > MAX_PARAGRAPH:
            errors.append(RowError(location, _("The paragraph number is too long.")))
        if not item.recommending_states:
            errors.append(RowError(location, _("No recommending State was found.")))
        if item.response not in Response.values:
            errors.append(RowError(location, _("Unknown response.")))
    return errors


def _review_for(team, state, cycle, *, parsed, session, by):
    """The team's review of `state` in `cycle` (and whether it was created); the file's
    session, date and symbol fill what the review does not say yet."""
    review, created = Review.objects.select_for_update().get_or_create(
        team=team, state_under_review=state, cycle=cycle
    )
    known = {
        "wg_session": session,
        "review_date": parsed.review_date,
        "wg_report_symbol": parsed.document_symbol
        if parsed.format in (SourceFormat.WG_REPORT, SourceFormat.THEMATIC_LIST)
        else "",
    }
    missing = [name for name, value in known.items() if value and not getattr(review, name)]
    for name in missing:
        setattr(review, name, known[name])
    if missing or created:
        review._history_user = by
        review.save()
    return review, created


def _values(item, *, source_format, source_file):
    return {
        "text": item.text,
        "paragraph": item.paragraph,
        "response": item.response,
        "source_issues": list(item.source_issues),
        "affected_persons": list(item.affected_persons),
        "action_category": item.action_category,
        "sdg_targets": list(item.sdg_targets),
        "source_format": source_format,
        "source_file": source_file[:255],
        "source_location": item.source_location[:100],
    }


def _merged(current, new):
    """`new` values, except where the new source knows nothing the current row knows."""
    merged = dict(new)
    for name in KEPT_WHEN_MISSING:
        if new[name] in ("", None, []):
            merged[name] = current[name]
    if new["response"] == Response.PENDING:
        merged["response"] = current["response"]
    return merged


def _write(review, items, *, source_format, source_file, by):
    """Create or update `items` in `review`, a batch at a time (one lookup query per
    batch, bulk writes with their history): `(created, updated, unchanged)`."""
    created = updated = unchanged = 0
    now = timezone.now()
    for start in range(0, len(items), BATCH_SIZE):
        batch = items[start : start + BATCH_SIZE]
        existing = _existing(review, [item.source_key for item in batch])
        new, changed = [], []
        for item in batch:
            values = _values(item, source_format=source_format, source_file=source_file)
            current = existing.get(item.source_key)
            if current is None:
                new.append((item, values))
                continue
            after = _merged(current.values, values)
            states = tuple(item.recommending_states)
            if after == current.values and current.states == states:
                unchanged += 1
                continue
            changed.append((current, after, states))
        _create_recommendations(review, new, by=by, now=now)
        _update_recommendations(changed, by=by, now=now)
        created, updated = created + len(new), updated + len(changed)
    return created, updated, unchanged


@dataclass(frozen=True)
class _Stored:
    """A recommendation already in the review, as an import compares it."""

    pk: int
    values: dict  # IMPORTED_FIELDS
    states: tuple  # ISO codes, in order


def _existing(review, source_keys):
    """`{source key: _Stored}` of the review's recommendations among `source_keys`, in two
    queries."""
    rows = review.recommendations.filter(source_key__in=source_keys).values_list(
        "pk", "source_key", *IMPORTED_FIELDS
    )
    found = {key: (pk, dict(zip(IMPORTED_FIELDS, rest, strict=True))) for pk, key, *rest in rows}
    pks = [pk for pk, _values in found.values()]
    states = {}
    for recommendation_id, country in (
        RecommendingState.objects.filter(recommendation_id__in=pks)
        .order_by("recommendation_id", "order")
        .values_list("recommendation_id", "country")
    ):
        states.setdefault(recommendation_id, []).append(str(country))
    return {
        key: _Stored(pk, values, tuple(states.get(pk, ()))) for key, (pk, values) in found.items()
    }


RECOMMENDATION_COLUMNS = ("review_id", "source_key", *IMPORTED_FIELDS)
STATE_COLUMNS = ("recommendation_id", "country", "order")


def _create_recommendations(review, new, *, by, now):
    """Insert the `(item, values)` of `new` and their States, with history records."""
    pks = insert_with_history(
        Recommendation,
        RECOMMENDATION_COLUMNS,
        [
            (review.pk, item.source_key, *(values[name] for name in IMPORTED_FIELDS))
            for item, values in new
        ],
        by=by,
        reason=IMPORT_REASON,
        now=now,
    )
    _add_team_themes(
        review,
        [
            (pk, values["text"], values["source_issues"])
            for pk, (_item, values) in zip(pks, new, strict=True)
        ],
    )
    insert_with_history(
        RecommendingState,
        STATE_COLUMNS,
        [
            (pk, code, order)
            for pk, (item, _values) in zip(pks, new, strict=True)
            for order, code in enumerate(item.recommending_states)
        ],
        by=by,
        reason=IMPORT_REASON,
        now=now,
    )


def _update_recommendations(changed, *, by, now):
    """Write the `(stored, values, states)` of `changed`: the new values (one bulk update
    with history) and, where they differ, the States, changed in place position by
    position."""
    if not changed:
        return
    instances = Recommendation.objects.in_bulk([stored.pk for stored, _values, _states in changed])
    recommendations = []
    for stored, values, _states in changed:
        recommendation = instances[stored.pk]
        for name, value in values.items():
            setattr(recommendation, name, value)
        recommendation.updated_at = now
        recommendations.append(recommendation)
    bulk_update_with_history(
        recommendations,
        Recommendation,
        [*IMPORTED_FIELDS, "updated_at"],
        batch_size=500,
        default_user=by,
        default_change_reason=IMPORT_REASON,
        default_date=now,
    )
    _replace_states(
        {stored.pk: states for stored, _values, states in changed if stored.states != states},
        by=by,
        now=now,
    )


def _replace_states(states_of, *, by, now):
    """Give each recommendation of `states_of` (`{pk: ISO codes}`) those States: the row at
    each position takes its new State, rows past the new list are deleted, new positions
    created; every change with its history record."""
    if not states_of:
        return
    current = {}
    for state in RecommendingState.objects.filter(recommendation_id__in=list(states_of)):
        current.setdefault(state.recommendation_id, {})[state.order] = state
    changed, added, removed = [], [], []
    for pk, codes in states_of.items():
        rows = current.get(pk, {})
        for order, code in enumerate(codes):
            row = rows.pop(order, None)
            if row is None:
                added.append((pk, code, order))
            elif row.country.code != code:
                row.country = code
                changed.append(row)
        removed.extend(rows.values())
    for state in removed:
        state._history_user = by
        state.delete()
    if changed:
        bulk_update_with_history(
            changed,
            RecommendingState,
            ["country"],
            batch_size=500,
            default_user=by,
            default_change_reason=IMPORT_REASON,
            default_date=now,
        )
    insert_with_history(
        RecommendingState, STATE_COLUMNS, added, by=by, reason=IMPORT_REASON, now=now
    )


def _fold_into_report(review, rows, *, by):
    """UPR Info `rows` that repeat an item of the review's report (or thematic list, or
    UHRI export) are not recommendations of their own: they give that item UPR Info's
    action category where it has none, their issues (and the team themes these name), and
    their response where the item's is still pending and the rows agree on one (a report
    printed before the State answered: UPR Info records the answer). Returns the rows left
    to write as recommendations, `(rows updating an item, rows changing nothing)` and the
    attribution differences (parsing/matching.py)."""
    items = list(
        review.recommendations.exclude(source_format=SourceFormat.UPR_INFO)
        .exclude(paragraph="")
        .prefetch_related("recommending_states")
    )
    if not items:
        return rows, (0, 0), ()
    report = [
        ParsedRecommendation(
            text=item.text,
            recommending_states=tuple(s.country.code for s in item.recommending_states.all()),
            source_key=item.source_key,
            source_location="",
            paragraph=item.paragraph,
        )
        for item in items
    ]
    matched = match_to_report(rows, report)
    rows_of = {}
    for row in rows:
        if row.source_key in matched.paragraph_of:
            rows_of.setdefault(matched.paragraph_of[row.source_key], []).append(row)
    changed, counts = [], [0, 0]
    for item in items:
        repeats = rows_of.get(item.paragraph, [])
        if not repeats:
            continue
        before = (item.action_category, list(item.source_issues), item.response)
        if item.action_category is None:
            categories = Counter(row.action_category for row in repeats if row.action_category)
            item.action_category = categories.most_common(1)[0][0] if categories else None
        for row in repeats:
            item.source_issues += [i for i in row.source_issues if i not in item.source_issues]
        responses = {row.response for row in repeats} - {Response.PENDING}
        if item.response == Response.PENDING and len(responses) == 1:
            item.response = responses.pop()
        if (item.action_category, item.source_issues, item.response) == before:
            counts[1] += len(repeats)
            continue
        counts[0] += len(repeats)
        item.updated_at = timezone.now()
        changed.append(item)
    if changed:
        bulk_update_with_history(
            changed,
            Recommendation,
            ["action_category", "source_issues", "response", "updated_at"],
            default_user=by,
            default_change_reason=IMPORT_REASON,
        )
        _add_team_themes(review, [(item.pk, item.text, item.source_issues) for item in changed])
    return list(matched.unmatched), tuple(counts), matched.differences


def _import_responses(review, parsed, *, team, by):
    """Set the responses an addendum gives on the review whose report it answers."""
    errors = list(parsed.errors)
    report_symbol = parsed.document_symbol.split("/Add.")[0]
    if review is None:
        review = Review.objects.filter(team=team, wg_report_symbol=report_symbol).first()
    if review is None:
        raise ImportRefused(
            [
                *errors,
                RowError(
                    "",
                    _("Import the report %(symbol)s before its addendum.")
                    % {"symbol": report_symbol or "?"},
                ),
            ]
        )
    by_paragraph = {
        recommendation.paragraph: recommendation
        for recommendation in review.recommendations.exclude(paragraph="")
    }
    errors.extend(
        RowError(
            paragraph,
            _("The review has no recommendation %(paragraph)s.") % {"paragraph": paragraph},
        )
        for paragraph in parsed.responses
        if paragraph not in by_paragraph
    )
    if errors:
        raise ImportRefused(errors)
    now = timezone.now()
    changed = []
    for paragraph, response in parsed.responses.items():
        recommendation = by_paragraph[paragraph]
        if recommendation.response != response:
            recommendation.response = response
            recommendation.updated_at = now
            changed.append(recommendation)
    with transaction.atomic():
        if changed:
            bulk_update_with_history(
                changed,
                Recommendation,
                ["response", "updated_at"],
                default_user=by,
                default_change_reason=IMPORT_REASON,
            )
        if parsed.document_symbol and review.addendum_symbol != parsed.document_symbol:
            review.addendum_symbol = parsed.document_symbol
            review._history_user = by
            review.save()
    unchanged = len(parsed.responses) - len(changed)
    return ImportSummary(
        (review,),
        updated=len(changed),
        unchanged=unchanged,
        per_review=(ReviewCounts(review, False, updated=len(changed), unchanged=unchanged),),
    )


@transaction.atomic
def link_review_to_event(review, event, *, session=None, by):
    """Record that `event` (for a Geneva series, its `session` on the review's State) was
    held before `review`. Idempotent. An event keeps at most one review per State: a link
    to another review of the same State is replaced. Raises ValidationError when the event
    or session is about another State."""
    link = ReviewEvent(
        review=review,
        event=event,
        session=session,
        state_under_review=review.state_under_review,
    )
    link.full_clean(validate_constraints=False)
    existing = ReviewEvent.objects.filter(
        event=event, state_under_review=review.state_under_review
    ).first()
    if existing and existing.review_id == review.pk and existing.session_id == link.session_id:
        return existing
    if existing:
        existing._history_user = by
        existing.delete()
    link._history_user = by
    link.save()
    return link


# --- Uptake: CSO suggestions reflected by recommendations made ------------------------


def _check_same_review(suggested, recommendation):
    """The suggestion must come from a factsheet of an event held before the
    recommendation's review."""
    linked = ReviewEvent.objects.filter(
        review_id=recommendation.review_id, event_id=suggested.factsheet.event_id
    ).exists()
    if not linked:
        raise ValidationError(
            _("The suggestion comes from an event that is not linked to this review.")
        )


def confirm_uptake(suggested, recommendation, *, closeness, note="", by):
    """Record that `recommendation` reflects `suggested` (fully or partly, `closeness`),
    with `note`, confirmed by `by` now. Removes a rejection of the same pair. Idempotent
    and race-safe: a second submission of the same pair updates the one link (the unique
    constraint holds, never a duplicate, never an error). Raises ValidationError when the
    suggestion is not from an event of the recommendation's review."""
    if closeness not in Closeness.values:
        raise ValidationError(_("Say whether it is fully or partly reflected."))
    _check_same_review(suggested, recommendation)
    values = {
        "closeness": closeness,
        "note": note,
        "confirmed_by": by,
        "confirmed_at": timezone.now(),
    }
    with transaction.atomic():
        try:
            with transaction.atomic():
                link = _save_uptake_link(suggested, recommendation, values, by=by)
        except IntegrityError:
            # The same pair confirmed at the same moment by another request: update it.
            link = _save_uptake_link(suggested, recommendation, values, by=by)
    return link


def _save_uptake_link(suggested, recommendation, values, *, by):
    link = (
        UptakeLink.objects.select_for_update()
        .filter(suggested=suggested, recommendation=recommendation)
        .first()
    )
    if link is None:
        link = UptakeLink(suggested=suggested, recommendation=recommendation)
    elif all(
        getattr(link, field) == value for field, value in values.items() if field != "confirmed_at"
    ):
        _drop_rejection(suggested, recommendation, by=by)
        return link
    for field, value in values.items():
        setattr(link, field, value)
    link._history_user = by
    link.save()
    _drop_rejection(suggested, recommendation, by=by)
    return link


def _drop_rejection(suggested, recommendation, *, by):
    for rejection in UptakeRejection.objects.filter(
        suggested=suggested, recommendation=recommendation
    ):
        rejection._history_user = by
        rejection.delete()


def undo_uptake(suggested, recommendation, *, by):
    """Remove the confirmed link of the pair, if any, leaving the candidate to decide on
    again. Idempotent."""
    with transaction.atomic():
        for link in UptakeLink.objects.filter(suggested=suggested, recommendation=recommendation):
            link._history_user = by
            link.delete()


def reject_uptake(suggested, recommendation, *, note="", by):
    """Record that `recommendation` does not reflect `suggested`: it is no longer proposed
    for it, and a confirmed link of the pair is removed. Idempotent and race-safe (one
    rejection per pair). Raises ValidationError as `confirm_uptake`."""
    _check_same_review(suggested, recommendation)
    with transaction.atomic():
        undo_uptake(suggested, recommendation, by=by)
        rejection = UptakeRejection.objects.filter(
            suggested=suggested, recommendation=recommendation
        ).first()
        if rejection is None:
            rejection = UptakeRejection(
                suggested=suggested, recommendation=recommendation, note=note, rejected_by=by
            )
            rejection._history_user = by
            try:
                with transaction.atomic():
                    rejection.save()
            except IntegrityError:
                # Rejected at the same moment by another request: that one stands.
                rejection = UptakeRejection.objects.get(
                    suggested=suggested, recommendation=recommendation
                )
        elif note and rejection.note != note:
            rejection.note = note
            rejection._history_user = by
            rejection.save()
    return rejection


def reject_candidates(suggested, recommendations, *, note="", by):
    """Reject each of `recommendations` for `suggested` ("none of these"), all or none.
    Returns the rejections."""
    with transaction.atomic():
        return [
            reject_uptake(suggested, recommendation, note=note, by=by)
            for recommendation in recommendations
        ]


# Team themes of imported recommendations (themes.py)


def _add_team_themes(review, recommendations):
    """Give `recommendations` of `review` (`(pk, text, source issues)`: new ones, or report
    items that UPR Info rows gave new issue tags) the team's themes their issue tags and
    text name (themes.py), in two queries whatever the number. An unchanged re-import calls
    it for none, so a theme a person removed is not added back. The through rows are
    written in bulk, so the history records the recommendation's change, not each theme."""
    if not recommendations:
        return
    themes = {
        theme.name.casefold(): theme.pk
        for theme in Theme.objects.of_team(review.team_id).active().only("pk", "name")
    }
    through = Recommendation.themes.through
    rows = [
        through(recommendation_id=pk, theme_id=themes[name.casefold()])
        for pk, text, source_issues in recommendations
        for name in theme_names_for(text, source_issues)
        if name.casefold() in themes
    ]
    through.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


# Action categories: the suggestions of categories.py, accepted by a person


@transaction.atomic
def accept_action_category(recommendation, *, category, by):
    """Give `recommendation` the action `category` (1-5) a person chose, usually the
    suggested one. Records `by` in the history; returns whether anything changed. Raises
    ValueError for a category outside the scale (nothing written)."""
    if category not in ActionCategory.values:
        raise ValueError(_("Choose an action category from 1 to 5."))
    if recommendation.action_category == category:
        return False
    recommendation.action_category = category
    recommendation._history_user = by
    recommendation._change_reason = CATEGORY_REASON
    recommendation.save(update_fields=["action_category", "updated_at"])
    return True


@transaction.atomic
def accept_suggested_categories(review, *, by):
    """Give every recommendation of `review` without an action category its suggested one
    (categories.py): one bulk update, with history naming `by`. Returns how many were
    set. Recommendations that already have a category keep it."""
    from .categories import suggest_category

    now = timezone.now()
    changed = []
    for recommendation in review.recommendations.filter(action_category__isnull=True):
        suggestion = suggest_category(recommendation.text)
        if suggestion is None:
            continue
        recommendation.action_category = suggestion.category
        recommendation.updated_at = now
        changed.append(recommendation)
    if changed:
        bulk_update_with_history(
            changed,
            Recommendation,
            ["action_category", "updated_at"],
            batch_size=500,
            default_user=by,
            default_change_reason=CATEGORY_REASON,
        )
    return len(changed)


CATEGORY_REASON = change_reasons.CATEGORY_ACCEPTED

# Assessments --------------------------------------------------------------------------
# An organisation's view, at a date, of how far a recommendation is implemented. They
# accumulate: a new one never replaces an older one, and the latest of each organisation
# counts (`ImplementationAssessment.objects.latest_per_organisation`).

ASSESSMENT_FIELDS = (
    "level",
    "assessed_on",
    "evidence",
    "links",
    "responsible_institution",
    "source",
)
_EVIDENCE_LINK = URLValidator(schemes=["http", "https"])


def check_evidence_links(links):
    """`links` as a list of stripped http(s) addresses; ValidationError naming the first
    that is not one. The assessment form and `record_assessment` share this check."""
    cleaned = [str(link).strip() for link in links if str(link).strip()]
    for link in cleaned:
        try:
            _EVIDENCE_LINK(link)
        except ValidationError:
            raise ValidationError(
                {
                    "links": _("“%(link)s” is not a web address (http:// or https://).")
                    % {"link": link[:200]}
                }
            ) from None
    return cleaned


def _assessment_values(*, level, assessed_on, evidence, links, responsible_institution, source):
    """The fields of an assessment as given, checked and stripped; raises ValidationError
    (by field) for a level outside the scale, a date in the future or a bad link."""
    errors = {}
    if level not in ImplementationLevel.values:
        errors["level"] = _("Choose a level of implementation.")
    if assessed_on is None:
        errors["assessed_on"] = _("Say when the assessment was made.")
    elif assessed_on > timezone.localdate():
        errors["assessed_on"] = _("The date of an assessment cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    return {
        "level": level,
        "assessed_on": assessed_on,
        "evidence": evidence.strip(),
        "links": check_evidence_links(links),
        "responsible_institution": responsible_institution.strip(),
        "source": source.strip(),
    }


def record_assessment(
    recommendation,
    *,
    organisation,
    level,
    assessed_on,
    evidence="",
    links=(),
    responsible_institution="",
    source="",
    by,
):
    """Record `organisation`'s assessment of `recommendation` at `assessed_on`: a new row
    beside the organisation's earlier ones (it becomes their latest unless an earlier one
    carries a later date). Raises ValidationError (by field) for a level outside the scale,
    a date in the future or a link that is not an http(s) address; nothing is written then.

    Race-safe: the recommendation's row is locked while the assessment is written, so two
    recordings at once are ordered (by date, then by the order recorded) and never lost.
    Writes a history record naming `by`."""
    values = _assessment_values(
        level=level,
        assessed_on=assessed_on,
        evidence=evidence,
        links=links,
        responsible_institution=responsible_institution,
        source=source,
    )
    with transaction.atomic():
        Recommendation.objects.select_for_update().filter(pk=recommendation.pk).first()
        assessment = ImplementationAssessment(
            recommendation=recommendation, organisation=organisation, recorded_by=by, **values
        )
        assessment._history_user = by
        assessment.save()
    return assessment


def update_assessment(
    assessment,
    *,
    level,
    assessed_on,
    evidence="",
    links=(),
    responsible_institution="",
    source="",
    by,
):
    """Correct `assessment` (its organisation and recommendation stay). The same checks as
    `record_assessment`; the row is locked while it is written, and a history record names
    `by`. Callers make sure `by` is staff of the assessment's organisation."""
    values = _assessment_values(
        level=level,
        assessed_on=assessed_on,
        evidence=evidence,
        links=links,
        responsible_institution=responsible_institution,
        source=source,
    )
    with transaction.atomic():
        locked = ImplementationAssessment.objects.select_for_update().get(pk=assessment.pk)
        if all(getattr(locked, name) == value for name, value in values.items()):
            return locked
        for name, value in values.items():
            setattr(locked, name, value)
        locked._history_user = by
        locked.save()
    return locked


@transaction.atomic
def unlink_review_from_event(review, event, *, by):
    """Remove the link between `review` and `event` (its history records who). Returns
    whether there was one."""
    links = list(ReviewEvent.objects.filter(review=review, event=event))
    for link in links:
        link._history_user = by
        link.delete()
    return bool(links)


# Reviews: creating and editing one, with the pre-session events held before it.

REVIEW_FIELDS = (
    "state_under_review",
    "cycle",
    "wg_session",
    "review_date",
    "wg_report_symbol",
    "addendum_symbol",
)


@transaction.atomic
def create_review(team, *, values, events=(), by):
    """Create `team`'s review from `values` (its fields) and link it to `events`
    (`(event, session or None)` pairs, see `set_review_events`). All or nothing; a second
    review of the same State and cycle is a ValidationError, even under a race."""
    review = Review(team=team)
    return _save_review(review, values=values, events=events, by=by)


@transaction.atomic
def update_review(review, *, values, events=None, by):
    """Change `review`'s fields and, when `events` is given, the events it is linked to
    (`set_review_events`). All or nothing."""
    return _save_review(review, values=values, events=events, by=by)


def _save_review(review, *, values, events, by):
    for name in REVIEW_FIELDS:
        if name in values:
            setattr(review, name, values[name])
    review.full_clean(exclude=["team"], validate_unique=False, validate_constraints=False)
    review._history_user = by
    save_unique(review)
    if events is not None:
        set_review_events(review, events=events, by=by)
    return review


@transaction.atomic
def set_review_events(review, *, events, by):
    """Link `review` to exactly `events`, `(event, session or None)` pairs (a Geneva
    series names its session on the review's State): new ones linked
    (`link_review_to_event`, which takes the event from another review of the same State),
    the others unlinked. Raises ValidationError on the `events` field naming the event
    when one is about another State; nothing changes then."""
    wanted = {event.pk: (event, session) for event, session in events}
    for link in list(review.event_links.all()):
        # A link made before the review's State changed names the old State: it goes.
        if link.event_id not in wanted or link.state_under_review != review.state_under_review:
            unlink_review_from_event(review, link.event, by=by)
    problems = []
    for event, session in wanted.values():
        try:
            link_review_to_event(review, event, session=session, by=by)
        except ValidationError as error:
            problems += [
                _("%(event)s: %(problem)s") % {"event": event, "problem": message}
                for message in error.messages
            ]
    if problems:
        raise ValidationError({"events": problems})
