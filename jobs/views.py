from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import Job, JobStatus
from .services import done_so_far, worker_is_running


def _job_of(request, pk):
    # Someone else's job, or another team's, does not exist for this user.
    return get_object_or_404(Job.objects.visible_to(request.user).distinct(), pk=pk)


def _context(job):
    job.done = done_so_far(job)
    return {
        "job": job,
        "retention_hours": settings.UPR_JOB_RETENTION_HOURS,
        "waiting_for_worker": job.status == JobStatus.QUEUED and not worker_is_running(),
    }


@login_required
@require_GET
def job_detail(request, pk):
    job = _job_of(request, pk)
    return render(request, "jobs/job_detail.html", _context(job))


@login_required
@require_GET
def job_progress(request, pk):
    """The progress card alone, polled by htmx every second until the job is finished."""
    job = _job_of(request, pk)
    return render(request, "jobs/_job_progress.html", _context(job))


@login_required
@require_GET
def job_download(request, pk):
    job = _job_of(request, pk)
    if job.status != JobStatus.DONE or not job.result:
        raise Http404
    response = FileResponse(
        job.result.open("rb"), as_attachment=True, filename=job.result_name or None
    )
    response["Cache-Control"] = "private, no-store"
    return response
