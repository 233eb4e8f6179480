"""The upload -> preview -> confirm flow of recommendation files, on the app's upload
hygiene (participants/importing.py: size limit, a private stored copy per team under
imports/<team>/, bound to the team and user, re-read at the confirmation, confirmed once,
removed after the retention period).

A file is checked before any copy is kept: its size, then, for a zip container (.docx,
.xlsx), what it would unpack to, then its format, recognised from the content. The options
of the import (review, State, cycle, event) and the addendum's own stored copy are kept in
the session beside the upload's token. The preview and the confirmation parse the stored
copies again: nothing from the browser but the token is trusted.
"""

import io
import zipfile
from collections import Counter
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import npgettext
from django_countries import countries

from accounts.figures import megabytes
from participants import importing as uploads

from .models import Response, SourceFormat
from .parsing import UnrecognisedFile, parse_file, sniff, unrecognised_message, with_responses
from .parsing.base import cycle_of_session
from .places import place_label
from .services import ImportRefused, import_recommendations, preview_recommendations

KIND = "recommendations"
ADDENDUM_KIND = "recommendations.addendum"
OPTIONS_KEY = "recommendation_imports"
# Items of the preview's table shown in full; the counts cover the rest.
PREVIEW_ITEM_LIMIT = 500

ImportFileError = uploads.ImportFileError
UploadExpired = uploads.UploadExpired


def check_file(content):
    """Refuse `content` (bytes) that is too large, would unpack to too much, or is none of
    the formats the importers read. Raises ImportFileError with the message to show."""
    uploads.check_upload_size(len(content))
    if not content:
        raise ImportFileError(_("The file is empty."))
    if content.startswith(b"PK"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise ImportFileError(_("This file could not be opened. Save it again.")) from error
        oversized = uploads.oversized_member(archive)
        if oversized is not None:
            info, limit = oversized
            raise ImportFileError(
                _(
                    "This file unpacks to more than %(limit)s MB (%(member)s alone is "
                    "%(size)s MB), more than a list of recommendations needs."
                )
                % {
                    "limit": megabytes(limit, decimal_pos=None),
                    "member": info.filename,
                    "size": megabytes(info.file_size),
                }
            )
    try:
        kind = sniff(content)
    except Exception as error:  # a parser library's own error on a damaged file
        raise ImportFileError(_("This file could not be read. Save it again.")) from error
    if kind is None:
        raise ImportFileError(unrecognised_message())


def parse_upload(content, addendum=None):
    """The `ParsedFile` of `content`, with the responses of `addendum` (bytes) when given.
    Raises ImportFileError for a file none of the parsers reads."""
    try:
        parsed = parse_file(content)
        if addendum:
            parsed = with_responses(parsed, parse_file(addendum))
    except UnrecognisedFile as error:
        raise ImportFileError(str(error)) from error
    except ImportFileError:
        raise
    except Exception as error:  # a parser library's own error on a damaged file
        raise ImportFileError(_("This file could not be read. Save it again.")) from error
    return parsed


@dataclass(frozen=True)
class Preview:
    """What the preview page shows: the import's summary as it would be (None when it is
    refused), every refused row, and the items it would write."""

    parsed: object
    summary: object = None
    errors: tuple = ()
    items: tuple = ()  # PreviewItem, the first PREVIEW_ITEM_LIMIT
    item_count: int = 0
    responses: tuple = ()  # (label, count)
    differences: tuple = ()  # PreviewDifference

    @property
    def format_label(self):
        return SourceFormat(self.parsed.format).label

    @property
    def is_valid(self):
        return self.summary is not None and not self.errors

    @property
    def hidden_item_count(self):
        return max(0, self.item_count - len(self.items))


@dataclass(frozen=True)
class PreviewItem:
    paragraph: str
    text: str
    state_names: tuple
    response_label: str
    source_location: str


@dataclass(frozen=True)
class PreviewDifference:
    paragraph: str
    report_names: str
    other_name: str


def _item(item):
    return PreviewItem(
        item.paragraph,
        item.text,
        tuple(countries.name(code) for code in item.recommending_states),
        Response(item.response).label,
        place_label(item.source_location),
    )


def _difference(difference):
    return PreviewDifference(
        difference.paragraph,
        ", ".join(countries.name(code) for code in difference.report_states),
        countries.name(difference.other_state),
    )


def items_asked_for(parsed, *, review=None, state_under_review="", cycle=None):
    """The items of `parsed` the options point at (an export's other States left out)."""
    state = review.state_under_review.code if review is not None else state_under_review
    for item in parsed.recommendations:
        item_state = item.state_under_review or parsed.state_under_review
        if state and item_state and item_state != state:
            continue
        item_cycle = cycle_of_session(item.session or parsed.session)
        if review is None and cycle and item_cycle and item_cycle != cycle:
            continue
        yield item


def preview(
    parsed,
    *,
    team,
    user,
    source_file,
    review=None,
    event=None,
    state_under_review="",
    cycle=None,
):
    """Run the import of `parsed` as a dry run (nothing written) and describe it."""
    items = list(
        items_asked_for(parsed, review=review, state_under_review=state_under_review, cycle=cycle)
    )
    if parsed.responses and not items:
        counts = Counter(parsed.responses.values())
    else:
        counts = Counter(item.response for item in items)
    responses = tuple((Response(key).label, counts[key]) for key in Response.values if counts[key])
    try:
        summary = preview_recommendations(
            review,
            parsed,
            team=team,
            by=user,
            state_under_review=state_under_review,
            cycle=cycle,
            source_file=source_file,
            event=event,
        )
    except ImportRefused as refused:
        summary, errors = None, refused.errors
    else:
        errors = ()
    return Preview(
        parsed,
        summary=summary,
        errors=errors,
        items=tuple(_item(item) for item in items[:PREVIEW_ITEM_LIMIT]),
        item_count=len(items),
        responses=responses,
        differences=tuple(_difference(d) for d in summary.differences) if summary else (),
    )


def confirm(pending, *, addendum, options, team, user, review, event):
    """Import the stored upload `pending` (and its stored `addendum`, a PendingImport or
    None) once: `(summary, errors)`, or None when another confirmation claimed it.

    Side effects: the recommendations written in one transaction
    (`import_recommendations`); the stored copies removed once written."""

    def write(content):
        try:
            parsed = parse_upload(
                content, uploads.read_pending(addendum) if addendum is not None else None
            )
            summary = import_recommendations(
                review,
                parsed,
                team=team,
                by=user,
                state_under_review=options["state_under_review"],
                cycle=options["cycle"],
                source_file=pending.filename,
                event=event,
            )
        except ImportFileError as error:
            return (None, (error.message,)), False
        except ImportRefused as refused:
            return (None, tuple(str(error) for error in refused.errors)), False
        return (summary, ()), True

    outcome = uploads.run_once(pending, write)
    if outcome is not None and outcome[0] is not None and addendum is not None:
        default_storage.delete(addendum.path)
    return outcome


def describe(summary):
    """One sentence after a confirmed import (the page's message, the job's result): each
    count with its own plural, agreeing with the recommendations it counts."""
    created = npgettext(
        "recommendations imported", "%(count)s new", "%(count)s new", summary.created
    )
    updated = npgettext(
        "recommendations imported", "%(count)s updated", "%(count)s updated", summary.updated
    )
    unchanged = npgettext(
        "recommendations imported", "%(count)s unchanged", "%(count)s unchanged", summary.unchanged
    )
    return _("Recommendations imported: %(created)s, %(updated)s, %(unchanged)s.") % {
        "created": created % {"count": summary.created},
        "updated": updated % {"count": summary.updated},
        "unchanged": unchanged % {"count": summary.unchanged},
    }
