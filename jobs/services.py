"""Starting, running and removing jobs. The owning apps' tasks call `run_job` with the work
to do; views call `start_job`, or run small work inline when no worker is there."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.multilingual import supported_language

from .models import Job, JobStatus, WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5
# A worker that has not written its heartbeat for this long is gone.
HEARTBEAT_STALE_SECONDS = 20


def beat(*, name):
    """Record that the worker `name` is alive (the worker's thread calls this)."""
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})


def worker_is_running():
    cutoff = timezone.now() - timedelta(seconds=HEARTBEAT_STALE_SECONDS)
    return WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).exists()


def runs_inline(total, *, inline_max=None):
    """Small work (up to `inline_max` items, UPR_JOB_INLINE_MAX by default) runs in the
    request when no worker is there, so `runserver` alone works."""
    inline_max = settings.UPR_JOB_INLINE_MAX if inline_max is None else inline_max
    return total <= inline_max and not worker_is_running()


def start_job(*, team, kind, label, by, total, task, task_kwargs, back_url=""):
    """Create a queued `Job` for `team` and enqueue `task(job_id=..., **task_kwargs)`.

    The job row is committed before the task is enqueued, so a worker always finds it.
    """
    job = Job.objects.create(
        team=team, kind=kind, label=label, created_by=by, total=total, back_url=back_url
    )
    result = task.enqueue(job_id=str(job.pk), **task_kwargs)
    Job.objects.filter(pk=job.pk, task_result_id="").update(task_result_id=str(result.id))
    job.refresh_from_db()
    return job


def _progress_key(job_id):
    return f"jobs:done:{job_id}"


class Progress:
    """Passed to the work: `progress(done)` stores the count every `every` items only.

    The count goes to the job's row and to the shared cache: work that writes in one
    transaction (an import, all or nothing) makes its own UPDATE of the row visible only
    when it commits, and the progress page reads the cache meanwhile (`done_so_far`).
    """

    def __init__(self, job, *, every):
        self.job = job
        self.every = max(1, every)
        self.last = 0

    def __call__(self, done):
        done = min(done, self.job.total)
        if done - self.last >= self.every or done == self.job.total:
            Job.objects.filter(pk=self.job.pk).update(done=done)
            cache.set(
                _progress_key(self.job.pk), done, timeout=settings.UPR_JOB_RETENTION_HOURS * 3600
            )
            self.last = done


def done_so_far(job):
    """How much of `job` is done, as its progress page shows it: the work's latest count,
    also while the work's own transaction is still open."""
    if job.status != JobStatus.RUNNING:
        return job.done
    return max(job.done, cache.get(_progress_key(job.pk)) or 0)


def run_job(job_id, work, *, every=50, language=None):
    """Run `work(progress)` for the queued job `job_id`; it returns `(content, filename)`.

    The work and its error message are in `language`, that of the person who started the
    job (the active language when None; the default one for a language no longer offered),
    whatever language the worker runs in.

    Side effects: the job goes running, then done with its result file in private media, or
    failed with the error shown to its user (and logged). The result file is written only
    once the whole document is made, and the job points at it (and is served) only after;
    if recording it fails, the file is removed. A job already started is not run again.
    """
    with translation.override(supported_language(language)):
        return _run_job(job_id, work, every=every)


def _run_job(job_id, work, *, every):
    started = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    if not started:
        return None
    job = Job.objects.get(pk=job_id)
    try:
        content, filename = work(Progress(job, every=every))
    except Exception as error:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            error=str(error) or _("An unexpected error occurred."),
            finished_at=timezone.now(),
        )
        return None
    job.result.save(filename, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            Job.objects.filter(pk=job.pk).update(
                status=JobStatus.DONE,
                done=job.total,
                result=job.result.name,
                result_name=filename,
                finished_at=timezone.now(),
            )
    except Exception:
        job.result.storage.delete(job.result.name)
        raise
    return job.result.name


def delete_expired_jobs(*, hours=None):
    """Delete the jobs older than `hours` (UPR_JOB_RETENTION_HOURS) and their result files.
    Returns how many jobs were deleted."""
    hours = settings.UPR_JOB_RETENTION_HOURS if hours is None else hours
    cutoff = timezone.now() - timedelta(hours=hours)
    expired = list(Job.objects.finished_before(cutoff))
    for job in expired:
        if job.result:
            job.result.storage.delete(job.result.name)
    Job.objects.filter(pk__in=[job.pk for job in expired]).delete()
    return len(expired)
