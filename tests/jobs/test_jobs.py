import datetime
import logging
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from jobs.models import Job, JobStatus, WorkerHeartbeat
from jobs.services import beat, delete_expired_jobs, run_job, runs_inline, worker_is_running
from tests import factories

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def event(db):
    event = factories.EventFactory(title="Big pre-session", slug="big")
    factories.ProgrammeDayFactory(event=event)
    for _ in range(3):
        factories.RegistrationFactory(event=event)
    return event


@pytest.fixture
def always_queue(settings):
    settings.UPR_JOB_INLINE_MAX = 0


def badges_url(event):
    return reverse("reports:badges_pdf", kwargs={"slug": event.slug})


def make_job(user, team=None, **kwargs):
    return Job.objects.create(
        team=team or factories.default_team(),
        kind="test",
        label="Test job",
        created_by=user,
        total=kwargs.pop("total", 10),
        **kwargs,
    )


def test_badges_request_answers_with_the_job_page(client, event, always_queue, private_storage):
    user = factories.organiser()
    client.force_login(user)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(badges_url(event))

    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("jobs:job_detail", kwargs={"pk": job.pk})
    assert (job.kind, job.status, job.done, job.total) == ("reports.badges", JobStatus.DONE, 3, 3)
    assert len(queries) < 40


def test_badges_job_makes_a_pdf_that_is_downloaded(client, event, always_queue, private_storage):
    client.force_login(factories.organiser())
    job_url = client.get(badges_url(event)).url
    job = Job.objects.get()

    page = client.get(job_url)
    download = client.get(reverse("jobs:job_download", kwargs={"pk": job.pk}))

    assert "3 of 3" in page.content.decode()
    assert reverse("jobs:job_download", kwargs={"pk": job.pk}) in page.content.decode()
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Content-Disposition"] == 'attachment; filename="big-badges.pdf"'
    assert download["Cache-Control"] == "private, no-store"


def test_sign_in_sheet_job_makes_a_pdf(client, event, always_queue, private_storage):
    client.force_login(factories.organiser())
    day = event.days.get()

    response = client.get(
        reverse("reports:sign_in_pdf", kwargs={"slug": event.slug, "day_pk": day.pk})
    )

    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert job.status == JobStatus.DONE
    assert job.result.open("rb").read(4) == b"%PDF"


def test_mission_sign_in_sheet_job_makes_a_pdf(client, event, always_queue, private_storage):
    session = factories.SessionFactory(day=event.days.get(), title="Session on Chile")
    factories.MissionFactory(organisation__name="Permanent Mission of Norway")
    client.force_login(factories.organiser())

    response = client.get(
        reverse(
            "reports:mission_sign_in_pdf", kwargs={"slug": event.slug, "session_pk": session.pk}
        )
    )

    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert (job.kind, job.status) == ("reports.mission_sign_in_sheet", JobStatus.DONE)
    assert job.result.open("rb").read(4) == b"%PDF"


@pytest.mark.parametrize(
    ("url", "label"),
    [
        (badges_url, "Badges\u00a0: Grande pré-session"),
        (
            lambda event: reverse(
                "reports:sign_in_pdf", kwargs={"slug": event.slug, "day_pk": event.days.get().pk}
            ),
            "Feuille d'émargement, jour 1\u00a0: Grande pré-session",
        ),
        (
            lambda event: reverse(
                "reports:mission_sign_in_pdf",
                kwargs={
                    "slug": event.slug,
                    "session_pk": factories.SessionFactory(day=event.days.get(), title="Chili").pk,
                },
            ),
            "Feuille d'émargement des missions, Chili\u00a0: Grande pré-session",
        ),
    ],
    ids=["badges", "sign-in-sheet", "missions-sign-in-sheet"],
)
def test_printout_job_is_labelled_with_the_events_title_in_the_users_language(
    client, event, always_queue, private_storage, url, label
):
    event.translations = {"fr": {"title": "Grande pré-session"}}
    event.save()
    factories.MissionFactory()
    client.force_login(factories.organiser())

    client.get(url(event), HTTP_ACCEPT_LANGUAGE="fr")

    assert Job.objects.get().label == label


def test_small_badges_without_worker_run_inline(client, event, private_storage):
    client.force_login(factories.organiser())

    response = client.get(badges_url(event))

    assert response["Content-Type"] == "application/pdf"
    assert Job.objects.count() == 0


def test_small_job_queues_when_a_worker_is_running(db, settings):
    beat(name="worker-1")

    assert worker_is_running() is True
    assert runs_inline(settings.UPR_JOB_INLINE_MAX) is False


def test_worker_with_an_old_heartbeat_is_not_running(db):
    WorkerHeartbeat.objects.create(
        name="gone", seen_at=timezone.now() - datetime.timedelta(minutes=5)
    )

    assert worker_is_running() is False


def test_another_teams_job_is_not_found(client, db):
    other_team = factories.TeamFactory(slug="other-team")
    job = make_job(factories.organiser(other_team), team=other_team)
    client.force_login(factories.organiser())

    responses = [
        client.get(reverse(name, kwargs={"pk": job.pk}))
        for name in ("jobs:job_detail", "jobs:job_progress", "jobs:job_download")
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]


def test_a_colleagues_job_is_not_found(client, db):
    job = make_job(factories.organiser())
    client.force_login(factories.organiser())

    response = client.get(job.get_absolute_url())

    assert response.status_code == 404


def test_job_of_a_member_who_left_the_team_is_not_found(client, db):
    user = factories.organiser()
    job = make_job(user)
    user.memberships.update(is_active=False)
    # Still in another team, so not sent to the "no access" page.
    Membership.objects.create(user=user, team=factories.TeamFactory(slug="new"), role="organiser")
    client.force_login(user)

    response = client.get(job.get_absolute_url())

    assert response.status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, db):
    job = make_job(factories.organiser())

    response = client.get(job.get_absolute_url())

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_queued_job_polls_and_says_it_waits_for_the_worker(client, db):
    user = factories.organiser()
    job = make_job(user, done=4)
    client.force_login(user)

    html = client.get(reverse("jobs:job_progress", kwargs={"pk": job.pk})).content.decode()

    assert 'hx-trigger="every 1s"' in html
    assert "4 of 10" in html
    assert "Waiting for the worker" in html
    assert "job-progress-40" in html


def test_unfinished_job_cannot_be_downloaded(client, db):
    user = factories.organiser()
    job = make_job(user, status=JobStatus.RUNNING)
    client.force_login(user)

    response = client.get(reverse("jobs:job_download", kwargs={"pk": job.pk}))

    assert response.status_code == 404


def test_failed_job_shows_the_error_logs_it_and_keeps_no_file(client, db, private_storage, caplog):
    user = factories.organiser()
    job = make_job(user)

    def work(progress):
        progress(5)
        raise ValueError("The badge template is broken")

    with caplog.at_level(logging.ERROR, logger="jobs.services"):
        run_job(str(job.pk), work, every=1)
    client.force_login(user)
    html = client.get(job.get_absolute_url()).content.decode()

    job.refresh_from_db()
    assert (job.status, job.done, job.result.name) == (JobStatus.FAILED, 5, "")
    assert "The badge template is broken" in html
    assert "hx-trigger" not in html
    assert "failed" in caplog.text
    assert list(private_storage.rglob("*.*")) == []


def test_job_is_run_once(db, private_storage):
    job = make_job(factories.organiser(), total=1)
    run_job(str(job.pk), lambda progress: (b"%PDF first", "a.pdf"))

    second = run_job(str(job.pk), lambda progress: (b"%PDF second", "b.pdf"))

    job.refresh_from_db()
    assert second is None
    assert job.result.read() == b"%PDF first"


def test_progress_is_stored_every_n_items(db):
    job = make_job(factories.organiser(), total=10)
    seen = []

    def work(progress):
        for done in range(1, 11):
            progress(done)
            seen.append(Job.objects.get(pk=job.pk).done)
        return b"x", "x.txt"

    run_job(str(job.pk), work, every=4)

    assert seen == [0, 0, 0, 4, 4, 4, 4, 8, 8, 10]


def test_retention_removes_old_jobs_and_their_files(db, private_storage, settings):
    settings.UPR_JOB_RETENTION_HOURS = 24
    user = factories.organiser()
    old, recent = make_job(user, total=1), make_job(user, total=1)
    for job in (old, recent):
        run_job(str(job.pk), lambda progress: (b"%PDF", "file.pdf"))
    old.refresh_from_db()
    old_path = Path(old.result.path)
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))

    deleted = delete_expired_jobs()

    assert deleted == 1
    assert list(Job.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not old_path.exists()
    assert len(list(private_storage.rglob("*.pdf"))) == 1


def test_delete_old_jobs_command_refuses_negative_hours(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--hours must be 0 or more"):
        call_command("delete_old_jobs", hours=-1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_worker_runs_a_queued_badges_job(client, settings, tmp_path):
    """The real queue: the request enqueues in the database, `jobs_worker --batch` runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.UPR_JOB_INLINE_MAX = 0
    event = factories.EventFactory(slug="queued")
    factories.RegistrationFactory(event=event)
    client.force_login(factories.organiser())
    client.get(badges_url(event))
    assert Job.objects.get().status == JobStatus.QUEUED

    call_command("jobs_worker", batch=True, startup_delay=False, reload=False)

    job = Job.objects.get()
    assert job.status == JobStatus.DONE
    assert job.result.open("rb").read(4) == b"%PDF"
