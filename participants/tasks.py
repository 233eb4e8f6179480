"""Imports confirmed by the job worker: a big file is written off the request."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.models import Team
from events.models import Event
from jobs.services import run_job

from . import importing, transfer

# The job's progress page moves on every this many rows.
PROGRESS_EVERY_ROWS = 500


class ImportRefused(Exception):
    """The file did not import (nothing was written): the message says why."""


@task()
def confirm_import(
    *,
    job_id,
    kind,
    token,
    filename,
    team_id,
    event_id,
    user_id,
    contacts,
    language=settings.LANGUAGE_CODE,
):
    """Import the stored upload `token` all or nothing, as the confirmation page does; its
    messages are in `language`, that of the person who confirmed."""
    pending = importing.PendingImport(
        token=token,
        kind=kind,
        filename=filename,
        team_id=team_id,
        user_id=user_id,
        event_id=event_id,
    )

    def work(progress):
        try:
            resource = transfer.get_kind(kind).resource(
                team=Team.objects.get(pk=team_id),
                event=Event.objects.get(pk=event_id) if event_id else None,
                with_contact_details=contacts,
            )
            resource.progress = progress
            # Claimed as the confirmation page claims it: a second job (a double click)
            # writes nothing.
            outcome = importing.confirm_pending(
                pending, resource=resource, user=get_user_model().objects.get(pk=user_id)
            )
        except importing.ImportFileError as error:
            raise ImportRefused(error.message) from error
        if outcome is None:
            raise ImportRefused(
                _(
                    "This file is already being imported, or it has expired; nothing more "
                    "was written."
                )
            )
        if not outcome.written:
            errors = [
                *outcome.general_errors,
                *(
                    _("Line %(line)s: %(errors)s")
                    % {
                        "line": row.line,
                        "errors": "; ".join(getattr(e, "message", str(e)) for e in row.errors),
                    }
                    for row in outcome.error_rows[:20]
                ),
            ]
            raise ImportRefused(
                " ".join([_("Nothing was imported: fix the rows and upload again."), *errors])
            )
        summary = importing.summarise(outcome)
        return summary.encode("utf-8"), f"import-{kind}.txt"

    return run_job(job_id, work, every=PROGRESS_EVERY_ROWS, language=language)
