"""Actions on factsheets. Views call these; they hold the rules.

Uploaded files are checked (factsheets.validators) before anything is written. A file is
stored only inside the transaction that records it, and removed again if that transaction
fails, so a failed action leaves neither a file on disk nor a row in the database.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Distribution, Factsheet, FactsheetFile, FactsheetStatus, SuggestedRecommendation
from .validators import inspect_document, sanitise_filename

RECOMMENDATION_MAX_LENGTH = 1000


@contextmanager
def _stored_files_removed_on_failure():
    """Yields a list; names of files stored while the block runs are deleted if it fails."""
    stored = []
    try:
        yield stored
    except BaseException:
        for version in stored:
            version.file.storage.delete(version.file.name)
        raise


def _clean_recommendations(recommendations):
    texts = [text.strip() for text in recommendations]
    if any(not text for text in texts):
        raise ValidationError(_("A suggested recommendation cannot be empty."))
    too_long = [index for index, text in enumerate(texts, 1) if len(text) > 1000]
    if too_long:
        raise ValidationError(
            _("Suggested recommendation %(number)s is longer than %(limit)s characters.")
            % {"number": too_long[0], "limit": RECOMMENDATION_MAX_LENGTH}
        )
    return texts


def _set_recommendations(factsheet, texts):
    factsheet.recommendations.all().delete()
    SuggestedRecommendation.objects.bulk_create(
        SuggestedRecommendation(factsheet=factsheet, text=text, order=order)
        for order, text in enumerate(texts, 1)
    )


def _authoring_organisations(organisations, by, *, lead=None):
    """The authors to store: those chosen, the editor's own organisation and the lead
    organisation, which no co-author can remove."""
    if by.organisation_id is None:
        raise ValidationError(_("Only staff of an organisation can write factsheets."))
    return {by.organisation, *organisations, *([lead] if lead else [])}


def _store_version(factsheet, *, uploaded_file, info, by, stored):
    latest = factsheet.files.aggregate(latest=Max("version"))["latest"] or 0
    version = FactsheetFile(
        factsheet=factsheet,
        version=latest + 1,
        original_name=sanitise_filename(uploaded_file.name, info.extension),
        content_type=info.content_type,
        size=info.size,
        page_count=info.page_count,
        uploaded_by=by,
    )
    uploaded_file.seek(0)
    version.file.save(uploaded_file.name, uploaded_file, save=False)
    stored.append(version)
    version.save()
    return version


def create_factsheet(
    *,
    event,
    theme,
    title,
    language,
    summary,
    organisations,
    uploaded_file,
    recommendations,
    by,
    public=False,
):
    """Create a draft factsheet with its first file version and its ordered suggested
    recommendations. Stores the file; `by`'s organisation is always an author."""
    info = inspect_document(uploaded_file)
    texts = _clean_recommendations(recommendations)
    authors = _authoring_organisations(organisations, by)
    with _stored_files_removed_on_failure() as stored, transaction.atomic():
        factsheet = Factsheet.objects.create(
            event=event,
            theme=theme,
            title=title,
            language=language,
            summary=summary,
            public=public,
            uploaded_by=by,
            lead_organisation=by.organisation,
        )
        factsheet.organisations.set(authors)
        _store_version(factsheet, uploaded_file=uploaded_file, info=info, by=by, stored=stored)
        _set_recommendations(factsheet, texts)
    return factsheet


def update_factsheet(
    factsheet, *, theme, title, language, summary, organisations, recommendations, by, public=None
):
    """Change a draft or sent-back factsheet's details and replace its recommendations."""
    if not factsheet.is_editable:
        raise ValidationError(
            _("This factsheet can no longer be edited (%(status)s).")
            % {"status": factsheet.get_status_display()}
        )
    texts = _clean_recommendations(recommendations)
    authors = _authoring_organisations(organisations, by, lead=factsheet.lead_organisation)
    with transaction.atomic():
        factsheet.theme = theme
        factsheet.title = title
        factsheet.language = language
        factsheet.summary = summary
        if public is not None:
            factsheet.public = public
        factsheet.save()
        factsheet.organisations.set(authors)
        _set_recommendations(factsheet, texts)
    return factsheet


def _ensure_not_distributed(factsheet):
    if factsheet.distributions.exists():
        raise ValidationError(
            _("This factsheet has already been handed to missions; its file can no longer change.")
        )


def add_file_version(factsheet, *, uploaded_file, by):
    """Store a new version of the factsheet's document; older versions stay. A new version
    of an approved factsheet goes back to review, since what was approved has changed."""
    _ensure_not_distributed(factsheet)
    info = inspect_document(uploaded_file)
    with _stored_files_removed_on_failure() as stored, transaction.atomic():
        # Lock the factsheet so that two uploads at once cannot take the same version
        # number, and a distribution recorded meanwhile (which locks it too) is seen.
        locked = Factsheet.all_objects.select_for_update().get(pk=factsheet.pk)
        _ensure_not_distributed(locked)
        version = _store_version(
            locked, uploaded_file=uploaded_file, info=info, by=by, stored=stored
        )
        if locked.status == FactsheetStatus.APPROVED:
            locked.status = FactsheetStatus.SUBMITTED
        locked.save(update_fields=["status", "updated_at"])
    factsheet.refresh_from_db()
    return version


def submit_factsheet(factsheet, *, by):
    """Send a draft or sent-back factsheet to the organisers for review."""
    if not factsheet.is_editable:
        raise ValidationError(_("Only a draft or a sent-back factsheet can be submitted."))
    if not factsheet.recommendations.exists():
        raise ValidationError(
            _("Add at least one suggested recommendation before submitting the factsheet.")
        )
    factsheet.status = FactsheetStatus.SUBMITTED
    factsheet.save(update_fields=["status", "updated_at"])
    return factsheet


def review_factsheet(factsheet, *, approve, comment, version, by):
    """Approve a submitted factsheet, or send it back to its authors with a comment
    they will see. Records `by` as the reviewer, and when.

    `version` is the file version the reviewer was shown. The factsheet row is locked (as
    `add_file_version` locks it), so a version uploaded meanwhile is seen, and approving
    anything but the latest version is refused: nobody approves a file they have not seen.
    """
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError(
            _("Say what the authors should change when you send a factsheet back.")
        )
    with transaction.atomic():
        locked = Factsheet.objects.select_for_update().get(pk=factsheet.pk)
        if locked.status != FactsheetStatus.SUBMITTED:
            raise ValidationError(_("Only a factsheet submitted for review can be reviewed."))
        latest = locked.files.aggregate(latest=Max("version"))["latest"]
        if approve and latest != version:
            raise ValidationError(
                _(
                    "Version %(latest)s was uploaded after you opened this page. "
                    "Open it and review it before approving."
                )
                % {"latest": latest}
            )
        locked.status = FactsheetStatus.APPROVED if approve else FactsheetStatus.RETURNED
        locked.review_comment = comment
        locked.reviewed_by = by
        locked.reviewed_at = timezone.now()
        locked.save(
            update_fields=["status", "review_comment", "reviewed_by", "reviewed_at", "updated_at"]
        )
    factsheet.refresh_from_db()
    return factsheet


def distribute_factsheets(event, *, factsheets, missions, day=None, by):
    """Record that each of `factsheets` was handed to each of `missions` at `event`
    (on `day` if given). Pairs already recorded are left as they are. Returns the new
    Distribution rows. Missions are shared reference data; the factsheets and the day
    must be `event`'s, so a distribution's event is always its factsheet's."""
    factsheets = list(factsheets)
    missions = list(missions)
    if not factsheets or not missions:
        raise ValidationError(_("Choose at least one factsheet and at least one mission."))
    if day is not None and day.event_id != event.pk:
        raise ValidationError(_("This day belongs to another event."))
    with transaction.atomic():
        # Locked and read afresh: a new file version cannot slip in while we record.
        locked = list(
            Factsheet.all_objects.select_for_update()
            .filter(pk__in=[factsheet.pk for factsheet in factsheets])
            .order_by("pk")
        )
        for factsheet in locked:
            if factsheet.event_id != event.pk:
                raise ValidationError(
                    _("“%(title)s” belongs to another event.") % {"title": factsheet.title}
                )
            if factsheet.status != FactsheetStatus.APPROVED or factsheet.is_deleted:
                raise ValidationError(
                    _("“%(title)s” is not approved; only approved factsheets are handed out.")
                    % {"title": factsheet.title}
                )
        factsheets = locked
        already = set(
            Distribution.objects.filter(
                event=event, factsheet__in=factsheets, mission__in=missions
            ).values_list("factsheet_id", "mission_id")
        )
        new = [
            Distribution(factsheet=factsheet, mission=mission, event=event, day=day, recorded_by=by)
            for factsheet in factsheets
            for mission in missions
            if (factsheet.pk, mission.pk) not in already
        ]
        return Distribution.objects.bulk_create(new)


def remove_distribution(distribution, *, by):
    """Delete a distribution recorded by mistake."""
    distribution.delete()


def delete_factsheet(factsheet, *, by):
    """Hide a factsheet from every page. Its row, files and history are kept, and an
    administrator can restore it (restore_factsheet, or the admin's restore action).

    A factsheet handed to missions counts in the event's figures, so deleting it is
    refused. The row is locked as `distribute_factsheets` locks it: a distribution being
    recorded meanwhile is either seen here, or sees the deletion and is refused.
    """
    with transaction.atomic():
        locked = Factsheet.all_objects.select_for_update().get(pk=factsheet.pk)
        handed_out = locked.distributions.count()
        if handed_out:
            raise ValidationError(
                ngettext(
                    "This factsheet was handed to %(count)s mission and counts in the "
                    "event's figures. Remove its distribution first if it was recorded by "
                    "mistake.",
                    "This factsheet was handed to %(count)s missions and counts in the "
                    "event's figures. Remove its distributions first if they were recorded "
                    "by mistake.",
                    handed_out,
                )
                % {"count": handed_out}
            )
        locked.deleted_at = timezone.now()
        locked.deleted_by = by
        locked.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    factsheet.refresh_from_db()
    return factsheet


def restore_factsheet(factsheet, *, by):
    """Bring back a deleted factsheet, with its files and recommendations as they were."""
    factsheet.deleted_at = None
    factsheet.deleted_by = None
    factsheet.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    return factsheet
