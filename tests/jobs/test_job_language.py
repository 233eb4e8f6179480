"""A printout made by the job worker is in the language of the person who asked for it,
whatever language the worker itself runs in."""

import io

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from jobs.models import Job, JobStatus
from jobs.services import run_job
from reports import tasks
from tests import factories
from tests.recommendations.conftest import UPR_INFO_CSV


def pdf_language(job):
    with job.result.open("rb") as result:
        return pypdf.PdfReader(io.BytesIO(result.read())).trailer["/Root"]["/Lang"]


@pytest.fixture
def event(db):
    event = factories.EventFactory(slug="queued")
    day = factories.ProgrammeDayFactory(event=event)
    factories.SessionFactory(day=day)
    factories.RegistrationFactory(event=event)
    return event


# The worker closes its database connection when it is done: a real transaction, not the
# test's, as in tests/jobs/test_jobs.py (PostgreSQL would find its connection closed).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_queued_badges_job_prints_in_the_requesters_language(
    client, event, settings, private_storage
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.UPR_JOB_INLINE_MAX = 0
    client.force_login(factories.organiser())
    client.get(
        reverse("reports:badges_pdf", kwargs={"slug": event.slug}), HTTP_ACCEPT_LANGUAGE="km"
    )
    assert Job.objects.get().status == JobStatus.QUEUED

    with translation.override("en"):
        call_command("jobs_worker", batch=True, startup_delay=False, reload=False)

    job = Job.objects.get()
    assert job.status == JobStatus.DONE
    assert pdf_language(job) == "km"


@pytest.mark.parametrize(
    ("task", "kwargs"),
    [
        (tasks.make_badges, lambda event: {"event_id": event.pk, "registration_ids": []}),
        (tasks.make_sign_in_sheet, lambda event: {"day_id": event.days.get().pk}),
        (
            tasks.make_mission_sign_in_sheet,
            lambda event: {"session_id": event.days.get().sessions.get().pk},
        ),
    ],
    ids=["badges", "sign-in-sheet", "missions-sign-in-sheet"],
)
def test_printout_task_renders_under_the_language_it_carries(event, private_storage, task, kwargs):
    user = factories.organiser()
    job = Job.objects.create(team=event.team, kind="test", label="Test", created_by=user, total=1)

    with translation.override("en"):
        task.call(job_id=str(job.pk), language="fr", **kwargs(event))
        worker_language_after = translation.get_language()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert pdf_language(job) == "fr"
    assert worker_language_after == "en"


def test_printout_task_with_a_language_no_longer_offered_prints_in_the_default_one(
    event, private_storage, settings
):
    user = factories.organiser()
    job = Job.objects.create(team=event.team, kind="test", label="Test", created_by=user, total=1)

    with translation.override("km"):
        tasks.make_sign_in_sheet.call(job_id=str(job.pk), day_id=event.days.get().pk, language="de")

    job.refresh_from_db()
    assert pdf_language(job) == settings.LANGUAGE_CODE


def test_failed_job_without_a_message_says_so_in_the_jobs_language(db):
    user = factories.organiser()
    job = Job.objects.create(
        team=factories.default_team(), kind="test", label="Test", created_by=user
    )

    def work(progress):
        raise RuntimeError

    with translation.override("en"):
        run_job(str(job.pk), work, language="fr")

    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "Une erreur inattendue s'est produite.")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_queued_recommendations_import_reports_in_the_confirmers_language(
    client, settings, private_storage
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.UPR_IMPORT_INLINE_MAX_ROWS = 0
    team = factories.TeamFactory(slug="team-a")
    client.force_login(factories.organiser(team))
    uploaded = client.post(
        reverse("recommendations:import_upload", args=[team.slug]),
        {"file": SimpleUploadedFile(UPR_INFO_CSV.name, UPR_INFO_CSV.read_bytes())},
    )
    client.post(uploaded.url, {"confirm": "1"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert Job.objects.get().status == JobStatus.QUEUED

    with translation.override("en"):
        call_command("jobs_worker", batch=True, startup_delay=False, reload=False)

    job = Job.objects.get()
    assert job.status == JobStatus.DONE
    assert job.result.read().decode() == (
        "Recommandations importées\u00a0: 138 nouvelles, 0 mise à jour, 0 inchangée."
    )
