"""Advocacy targeting benchmark: a State under Review with four cycles of 2,500
recommendations each (10,000, from 1-3 of 150 recommending States each, 10% carrying the
theme and a third tagged with its issue in the source), 150 missions on the roster and a
pre-session where 60 of them came.

Measures the "States to approach" selector, the page and the one-page PDF brief (median
time and queries); the query counts are compared with those of a 40-recommendation State
(the targets: a count that grows with recommendations misses its target). Runs on a
throwaway SQLite file by default, or on a throwaway PostgreSQL database next to the one
DATABASE_URL names.

    .venv/bin/python benchmarks/bench_targeting.py
"""

import json
import os
import random
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

PER_CYCLE = 2500
CYCLES = (1, 2, 3, 4)
MISSIONS = 150
RUNS = 10
PDF_RUNS = 3
ISSUES = ("Rights of the Child", "Women's rights", "Justice", "Labour", "Detention", "Other")


def build(team, state, per_cycle):
    """`per_cycle` recommendations in each of the four cycles of `state`'s reviews."""
    import datetime

    from django_countries import countries

    from events.models import Event, ProgrammeDay
    from participants.models import (
        Attendance,
        Mission,
        Organisation,
        OrganisationKind,
        Person,
        Registration,
    )
    from recommendations.models import Recommendation, RecommendingState, Response, Review

    rng = random.Random(state)
    theme = team.themes.get(name="Rights of the child")
    codes = [code for code, _name in countries][:MISSIONS]
    through = Recommendation.themes.through
    for cycle in CYCLES:
        review = Review.objects.create(team=team, state_under_review=state, cycle=cycle)
        made = Recommendation.objects.bulk_create(
            Recommendation(
                review=review,
                text=f"Recommendation {cycle}.{number} to {state}: take specific measures.",
                paragraph=f"{100 + cycle}.{number + 1}",
                response=rng.choice([Response.SUPPORTED, Response.NOTED]),
                action_category=rng.choice([None, 1, 2, 3, 4, 5]),
                source_issues=rng.sample(ISSUES, 2),
                source_key=f"{state}-{cycle}-{number}",
            )
            for number in range(per_cycle)
        )
        RecommendingState.objects.bulk_create(
            RecommendingState(recommendation=recommendation, country=code, order=order)
            for recommendation in made
            for order, code in enumerate(rng.sample(codes, rng.randint(1, 3)))
        )
        through.objects.bulk_create(
            through(recommendation=recommendation, theme=theme)
            for recommendation in made
            if rng.random() < 0.1
        )
    event = Event.objects.create(
        team=team,
        title=f"Pre-session on {state}",
        slug=f"bench-targeting-{state.lower()}",
        country_under_review=state,
        start_date=datetime.date(2018, 11, 14),
        end_date=datetime.date(2018, 11, 14),
    )
    day = ProgrammeDay.objects.create(event=event, date=event.start_date)
    for number, code in enumerate(codes):
        organisation, _created = Organisation.objects.get_or_create(
            name=f"Embassy of {code}", defaults={"kind": OrganisationKind.DIPLOMATIC_MISSION}
        )
        Mission.objects.get_or_create(organisation=organisation, defaults={"state": code})
        if number % 5 < 2:
            person = Person.objects.create(
                team=team, given_name=f"Diplomat {code}", organisation=organisation
            )
            registration = Registration.objects.create(event=event, person=person)
            Attendance.objects.create(registration=registration, day=day)
    return theme


def measure(call, runs):
    """Median milliseconds (wall clock and the app's CPU time) and the fewest queries (the
    session is written now and then, on a timer: a slow request meets it more often)."""
    call()
    timings, cpu_timings, counts = [], [], []
    for _run in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            call()
            timings.append((time.perf_counter() - started) * 1000)
            cpu_timings.append((time.process_time() - cpu_started) * 1000)
        counts.append(len(queries))
    return statistics.median(timings), statistics.median(cpu_timings), min(counts)


def report(figure, value, unit, target):
    print(
        json.dumps(
            {"figure": figure, "value": value, "unit": unit, "target": target, "better": "lower"}
        )
    )


def scenarios(client, team, state, theme):
    from django.urls import reverse

    from recommendations.selectors import states_to_approach

    query = {"state": state, "theme": theme.pk}

    def ok(response):
        assert response.status_code == 200, response.status_code
        return response

    return {
        "selector": (lambda: states_to_approach(team, state=state, theme=theme), RUNS, 500),
        "page": (
            lambda: ok(client.get(reverse("recommendations:targeting", args=[team.slug]), query)),
            RUNS,
            1000,
        ),
        "PDF brief": (
            lambda: ok(client.get(reverse("reports:targeting_brief", args=[team.slug]), query)),
            PDF_RUNS,
            5000,
        ),
    }


def main():
    from django.test import Client

    from tests.factories import TeamFactory, organiser

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    with throwaway_database("bench_targeting") as vendor:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        team = TeamFactory(slug="bench-targeting")
        small_theme = build(team, "LA", 10)
        theme = build(team, "KH", PER_CYCLE)
        client = Client()
        client.force_login(organiser(team))
        small = scenarios(client, team, "LA", small_theme)
        large = scenarios(client, team, "KH", theme)
        total = PER_CYCLE * len(CYCLES)
        for name, (call, runs, target_ms) in large.items():
            *_small_times, small_queries = measure(small[name][0], runs=2)
            median_ms, median_cpu_ms, queries = measure(call, runs)
            figure = f"targeting {name} over {total} recommendations ({vendor})"
            report(f"{figure}: median", round(median_ms, 1), "ms", target_ms)
            # On a busy shared machine the wall clock also counts the wait for a core.
            cpu_ms = round(median_cpu_ms, 1)
            report(f"{figure}: median CPU time of the app", cpu_ms, "ms", target_ms)
            report(f"{figure}: queries", queries, "queries", small_queries)


if __name__ == "__main__":
    main()
