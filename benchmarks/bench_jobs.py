"""Badges for 1,000 people off the request.

`badges_1000_request_ms`: the request that starts the badges job of an event with 1,000
registrations (django-tasks database backend, a worker heartbeat present, so it queues),
median of 5, through Django's test client. `badges_1000_job_ms`: the worker making that
PDF (`manage.py jobs_worker --batch`), once. Runs on a throwaway SQLite file, or on a
throwaway PostgreSQL database next to the one DATABASE_URL names.

    .venv/bin/python benchmarks/bench_jobs.py
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upr_presession.settings")
os.environ["DJANGO_DEBUG"] = "1"  # local static files storage
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-key")

import django  # noqa: E402

django.setup()

from benchdb import throwaway_database  # noqa: E402
from django.conf import settings  # noqa: E402

settings.DEBUG = False

PEOPLE = 1000
RUNS = 5


def report(name, value, unit, target=None):
    print(
        json.dumps(
            {"figure": name, "value": value, "unit": unit, "target": target, "better": "lower"}
        ),
        flush=True,
    )


def build_event():
    from events.models import Event, ProgrammeDay
    from participants.models import Organisation, OrganisationKind, Person, Registration
    from tests.factories import default_team

    team = default_team()
    event = Event.objects.create(
        team=team,
        title="Badge benchmark",
        slug="badges",
        start_date="2018-11-14",
        end_date="2018-11-14",
    )
    ProgrammeDay.objects.create(event=event, date="2018-11-14")
    organisations = Organisation.objects.bulk_create(
        Organisation(team=team, name=f"Organisation {n}", kind=OrganisationKind.NATIONAL_CSO)
        for n in range(40)
    )
    people = Person.objects.bulk_create(
        Person(
            team=team,
            given_name=f"Given{n}",
            family_name=f"Family{n}",
            organisation=organisations[n % 40],
        )
        for n in range(PEOPLE)
    )
    Registration.objects.bulk_create(Registration(event=event, person=p) for p in people)
    return event


def main():
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from jobs.models import Job, JobStatus
    from jobs.services import beat
    from tests.factories import organiser

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    media = tempfile.mkdtemp(prefix="bench_jobs_media_")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": None},
        },
    }
    with throwaway_database("bench_jobs") as vendor:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        event = build_event()
        client = Client()
        client.force_login(organiser())
        url = reverse("reports:badges_pdf", kwargs={"slug": event.slug})
        times = []
        for _ in range(RUNS):
            beat(name="bench")  # a worker is there: the request only queues
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 302, response.status_code
        report(f"badges_1000_request_ms ({vendor})", round(statistics.median(times), 1), "ms", 200)
        # Keep one queued job to time; the others are dropped from the queue.
        keep = Job.objects.order_by("created_at").last()
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exclude(pk=keep.task_result_id).delete()
        Job.objects.exclude(pk=keep.pk).delete()
        start = time.perf_counter()
        call_command("jobs_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        job_ms = (time.perf_counter() - start) * 1000
        keep.refresh_from_db()
        assert keep.status == JobStatus.DONE, (keep.status, keep.error)
        report(f"badges_1000_job_ms ({vendor})", round(job_ms), "ms")
        report(f"badges_1000_pdf_bytes ({vendor})", keep.result.size, "bytes")


if __name__ == "__main__":
    main()
