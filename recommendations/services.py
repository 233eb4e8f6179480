"""Writing reviews and their recommendations.

`import_recommendations` is what the upload flow and `manage.py import_recommendations` call
with a parsed file (parsing/): everything or nothing, and the same file twice changes
nothing the second time.
"""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.integrity import save_unique

from .models import Recommendation, RecommendingState, Response, Review, ReviewEvent, SourceFormat
from .parsing.base import ParsedRecommendation, RowError, cycle_of_session
from .parsing.matching import match_to_report

IMPORT_REASON = "import"

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


def import_recommendations(
    review,
    parsed,
    *,
    team,
    by,
    state_under_review="",
    cycle=None,
    source_file="",
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
    the States the two sources disagree on.
    """
    if review is not None and review.team_id != team.pk:
        raise ValueError("The review belongs to another team.")
    if parsed.format == SourceFormat.WG_ADDENDUM:
        return _import_responses(review, parsed, team=team, by=by)
    targets, left_out, errors = _targets(
        review, parsed, state_under_review=state_under_review, cycle=cycle
    )
    errors = list(parsed.errors) + errors
    for items in targets.values():
        errors.extend(_item_errors(items))
    if errors:
        raise ImportRefused(errors)
    created = updated = unchanged = 0
    reviews, differences = [], []
    with transaction.atomic():
        for (state, review_cycle), items in targets.items():
            target = review or _review_for(
                team, state, review_cycle, parsed=parsed, session=items[0].session, by=by
            )
            reviews.append(target)
            if parsed.format == SourceFormat.UPR_INFO:
                items, folded, found = _fold_into_report(target, items, by=by)
                updated, unchanged = updated + folded[0], unchanged + folded[1]
                differences.extend(found)
            counts = _write(
                target, items, source_format=parsed.format, source_file=source_file, by=by
            )
            created, updated, unchanged = (
                created + counts[0],
                updated + counts[1],
                unchanged + counts[2],
            )
    return ImportSummary(tuple(reviews), created, updated, unchanged, left_out, tuple(differences))


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
                RowError(item.source_location, _("The file does not say the State under Review."))
            )
        elif not item_cycle:
            errors.append(RowError(item.source_location, _("The file does not say the cycle.")))
        else:
            targets.setdefault((state, item_cycle), []).append(item)
    if not targets and not errors:
        errors.append(RowError("", _("The file holds no recommendation for this review.")))
    return targets, left_out, errors


def _item_errors(items):
    errors, seen = [], set()
    for item in items:
        location = item.source_location
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
    """The team's review of `state` in `cycle`, created when missing; the file's session,
    date and symbol fill what the review does not say yet."""
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
    return review


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
    """Create or update `items` in `review`: `(created, updated, unchanged)`."""
    existing = {
        recommendation.source_key: recommendation
        for recommendation in review.recommendations.prefetch_related("recommending_states")
    }
    new, changed, states_changed, new_states = [], [], [], []
    unchanged = 0
    now = timezone.now()
    for item in items:
        values = _values(item, source_format=source_format, source_file=source_file)
        current = existing.get(item.source_key)
        if current is None:
            new.append((Recommendation(review=review, source_key=item.source_key, **values), item))
            continue
        before = {name: getattr(current, name) for name in IMPORTED_FIELDS}
        after = _merged(before, values)
        states = [state.country.code for state in current.recommending_states.all()]
        if after == before and states == list(item.recommending_states):
            unchanged += 1
            continue
        for name, value in after.items():
            setattr(current, name, value)
        current.updated_at = now
        changed.append(current)
        if states != list(item.recommending_states):
            states_changed.append(current)
            new_states.extend(_states(current, item))
    _create([recommendation for recommendation, _item in new], by=by)
    for recommendation, item in new:
        new_states.extend(_states(recommendation, item))
    if changed:
        bulk_update_with_history(
            changed,
            Recommendation,
            [*IMPORTED_FIELDS, "updated_at"],
            batch_size=500,
            default_user=by,
            default_change_reason=IMPORT_REASON,
        )
    if states_changed:
        for state in RecommendingState.objects.filter(recommendation__in=states_changed):
            state._history_user = by
            state.delete()
    _create(new_states, by=by)
    return len(new), len(changed), unchanged


def _fold_into_report(review, rows, *, by):
    """UPR Info `rows` that repeat an item of the review's report (or thematic list, or
    UHRI export) are not recommendations of their own: they give that item UPR Info's
    action category and issues where it has none. Returns the rows left to write as
    recommendations, `(rows updating an item, rows changing nothing)` and the attribution
    differences (parsing/matching.py)."""
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
        before = (item.action_category, list(item.source_issues))
        if item.action_category is None:
            categories = Counter(row.action_category for row in repeats if row.action_category)
            item.action_category = categories.most_common(1)[0][0] if categories else None
        for row in repeats:
            item.source_issues += [i for i in row.source_issues if i not in item.source_issues]
        if (item.action_category, item.source_issues) == before:
            counts[1] += len(repeats)
            continue
        counts[0] += len(repeats)
        item.updated_at = timezone.now()
        changed.append(item)
    if changed:
        bulk_update_with_history(
            changed,
            Recommendation,
            ["action_category", "source_issues", "updated_at"],
            default_user=by,
            default_change_reason=IMPORT_REASON,
        )
    return list(matched.unmatched), tuple(counts), matched.differences


def _states(recommendation, item):
    return [
        RecommendingState(recommendation=recommendation, country=code, order=order)
        for order, code in enumerate(item.recommending_states)
    ]


def _create(instances, *, by):
    if not instances:
        return []
    return bulk_create_with_history(
        instances,
        type(instances[0]),
        batch_size=500,
        default_user=by,
        default_change_reason=IMPORT_REASON,
    )


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
    return ImportSummary(
        (review,), updated=len(changed), unchanged=len(parsed.responses) - len(changed)
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
