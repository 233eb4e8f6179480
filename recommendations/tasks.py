"""Imports confirmed by the job worker: a big recommendation file is written off the
request, all or nothing, as the confirmation page does it."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.models import Team
from jobs.services import run_job
from participants import importing as uploads

from . import importing


class ImportFailed(Exception):
    """The file did not import (nothing was written): the message says why."""


@task()
def confirm_import(
    *,
    job_id,
    token,
    filename,
    addendum_token,
    addendum_filename,
    team_id,
    user_id,
    options,
    language=settings.LANGUAGE_CODE,
):
    """Import the stored upload `token` (with its addendum) into the team's reviews; its
    messages are in `language`, that of the person who confirmed."""
    bound = {"team_id": team_id, "user_id": user_id, "event_id": None}
    pending = uploads.PendingImport(token=token, kind=importing.KIND, filename=filename, **bound)
    addendum = None
    if addendum_token:
        addendum = uploads.PendingImport(
            token=addendum_token, kind=importing.ADDENDUM_KIND, filename=addendum_filename, **bound
        )

    def work(progress):
        team = Team.objects.get(pk=team_id)
        review = team.reviews.filter(pk=options.get("review_id") or None).first()
        event = team.events.filter(pk=options.get("event_id") or None).first()
        outcome = importing.confirm(
            pending,
            addendum=addendum,
            options=options,
            team=team,
            user=get_user_model().objects.get(pk=user_id),
            review=review,
            event=event,
        )
        if outcome is None:
            raise ImportFailed(
                _(
                    "This file is already being imported, or it has expired; nothing more "
                    "was written."
                )
            )
        summary, errors = outcome
        if summary is None:
            raise ImportFailed(
                " ".join([_("Nothing was imported: fix the rows and upload again."), *errors[:20]])
            )
        text = importing.describe(summary)
        return text.encode("utf-8"), "import-recommendations.txt"

    return run_job(job_id, work, language=language)
