"""Registration desk benchmark: an event with 1,000 registrations.

Measures, through Django's test client, the median time and the queries per request of the
desk page, a search-as-you-type request, a check-in and an undo (htmx POSTs). Runs on a
throwaway SQLite file by default, or on a throwaway PostgreSQL database next to the one
DATABASE_URL names. The query counts are also measured on a 10-registration event: they
are the targets (a count that grows with registrations misses its target).

    .venv/bin/python benchmarks/bench_attendance_desk.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/upr_issue3 .venv/bin/python benchmarks/...
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upr_presession.settings")
os.environ["DJANGO_DEBUG"] = "1"  # local static files storage; template debugging is off below
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-key")

import django  # noqa: E402

django.setup()

from benchdb import throwaway_database  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

settings.DEBUG = False  # measure what production renders, not the debug machinery

REGISTRATIONS = 1000
RUNS = 30
TARGET_MS = 100


def build_event(team, slug, registrations):
    """An event of `team` with three days, `registrations` people from 40 organisations
    (some of them embassies, shared as the roster's are), and 40% of them already checked
    in on the first day."""
    import datetime

    from events.models import Event, ProgrammeDay
    from participants.models import (
        Attendance,
        Gender,
        Mission,
        Organisation,
        OrganisationKind,
        Person,
        Registration,
    )

    event = Event.objects.create(
        team=team,
        title=f"Benchmark pre-session {slug}",
        slug=slug,
        start_date=datetime.date(2018, 11, 14),
        end_date=datetime.date(2018, 11, 16),
        city="Phnom Penh",
    )
    days = [
        ProgrammeDay.objects.create(event=event, date=event.start_date + datetime.timedelta(n))
        for n in range(3)
    ]
    organisations = []
    for n in range(40):
        diplomatic = n % 8 == 0
        organisation = Organisation.objects.create(
            team=None if diplomatic else team,
            name=f"{slug} organisation {n}",
            kind=OrganisationKind.DIPLOMATIC_MISSION
            if diplomatic
            else OrganisationKind.NATIONAL_CSO,
        )
        if diplomatic:
            Mission.objects.create(organisation=organisation, state="SE", city="Phnom Penh")
        organisations.append(organisation)
    genders = [Gender.WOMAN, Gender.MAN, Gender.WOMAN, Gender.MAN, Gender.NOT_RECORDED]
    people = Person.objects.bulk_create(
        Person(
            team=team,
            given_name=f"Given{n}",
            family_name=f"Family{n}",
            gender=genders[n % len(genders)],
            organisation=organisations[n % len(organisations)],
            email=f"{slug}-person{n}@example.org",
        )
        for n in range(registrations)
    )
    regs = Registration.objects.bulk_create(
        Registration(event=event, person=person) for person in people
    )
    Attendance.objects.bulk_create(
        Attendance(registration=registration, day=days[0])
        for n, registration in enumerate(regs)
        if n % 5 < 2
    )
    return event, days[0], [r for n, r in enumerate(regs) if n % 5 >= 2]


def measure(request, runs=RUNS):
    """Median milliseconds and the query count of `request()` (a callable returning a
    response), after one warm-up."""
    request()
    timings, cpu_timings, counts = [], [], []
    for index in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = request(index)
            timings.append((time.perf_counter() - started) * 1000)
            cpu_timings.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, response.status_code
        counts.append(len(queries))
    return statistics.median(timings), statistics.median(cpu_timings), max(counts)


def report(figure, value, unit, target):
    print(
        json.dumps(
            {"figure": figure, "value": value, "unit": unit, "target": target, "better": "lower"}
        )
    )


def scenarios(client, event, day, absent):
    from django.urls import reverse

    htmx = {"HTTP_HX_REQUEST": "true"}
    desk = reverse("participants:desk", args=[event.slug, day.pk])

    check_in_url = reverse("participants:check_in", args=[event.slug, day.pk])
    undo_url = reverse("participants:undo_check_in", args=[event.slug, day.pk])

    def registration(index):
        return {"registration": absent[index % len(absent)].pk}

    return {
        "desk page": lambda index=0: client.get(desk),
        "desk search": lambda index=0: client.get(
            desk, {"q": f"family{index % 10}"}, HTTP_HX_TARGET="desk-rows", **htmx
        ),
        # The warm-up call (index 0) and the first run check in the same person: the
        # second is the idempotent path. Every other run checks in someone new.
        "check-in POST": lambda index=0: client.post(check_in_url, registration(index), **htmx),
        "undo POST": lambda index=0: client.post(undo_url, registration(index), **htmx),
    }


def main():
    from django.test import Client

    from tests.factories import TeamFactory, organiser

    # Not setup_test_environment(): its template instrumentation would be measured too.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    with throwaway_database("bench_attendance_desk") as vendor:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        team = TeamFactory()
        client = Client()
        client.force_login(organiser(team))
        small = scenarios(client, *build_event(team, "small", 10))
        large = scenarios(client, *build_event(team, "large", REGISTRATIONS))
        for name, request in large.items():
            *_small_times, small_queries = measure(small[name], runs=5)
            median_ms, median_cpu_ms, queries = measure(request)
            figure = f"{name} with {REGISTRATIONS} registrations ({vendor})"
            report(f"{figure}: median", round(median_ms, 1), "ms", TARGET_MS)
            # The app's own CPU time: on a busy shared machine the wall-clock median also
            # counts the time spent waiting for a core.
            report(
                f"{figure}: median CPU time of the app", round(median_cpu_ms, 1), "ms", TARGET_MS
            )
            report(f"{figure}: queries per request", queries, "queries", small_queries)


if __name__ == "__main__":
    main()
