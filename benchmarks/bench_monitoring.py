"""Implementation monitoring benchmark: a review of 300 recommendations (the largest reviews
receive about 300), each assessed by five organisations twice (3,000 assessments, 1,500 of
them the latest).

Measures the figures (`stats.implementation_overview`), the monitoring page as an organiser
and as CSO staff, and the OHCHR matrix export in XLSX and DOCX: median time and queries.
The page's query counts are also measured on a 10-recommendation review: they are the
targets (a count that grows with recommendations misses its target). Runs on a throwaway
SQLite file by default, or on a throwaway PostgreSQL database next to the one DATABASE_URL
names.

    .venv/bin/python benchmarks/bench_monitoring.py
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
os.environ["DJANGO_DEBUG"] = "1"
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-key")

import django  # noqa: E402

django.setup()

from benchdb import throwaway_database  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

settings.DEBUG = False

RECOMMENDATIONS = 300
ORGANISATIONS = 5
RUNS = 7
TARGETS_MS = {"figures": 250, "organiser page": 1000, "CSO page": 500}
EXPORT_TARGET_MS = {"xlsx": 1000, "docx": 3000}


def build_review(state, recommendations):
    import datetime

    from recommendations.models import (
        ImplementationAssessment,
        ImplementationLevel,
        Recommendation,
        RecommendingState,
        Response,
    )
    from recommendations.services import link_review_to_event
    from tests import factories

    team = factories.TeamFactory(slug=f"bench-{state.lower()}", name=f"Bench {state}")
    event = factories.EventFactory(team=team, country_under_review=state)
    review = factories.ReviewFactory(
        team=team, state_under_review=state, cycle=3, wg_report_symbol="A/HRC/99/1"
    )
    link_review_to_event(review, event, by=None)
    organisations = [factories.OrganisationFactory(team=team) for _ in range(ORGANISATIONS)]
    for organisation in organisations:
        factories.RegistrationFactory(
            event=event, person=factories.PersonFactory(team=team, organisation=organisation)
        )
    themes = [factories_theme(team, number) for number in range(10)]
    made = Recommendation.objects.bulk_create(
        Recommendation(
            review=review,
            text=f"Adopt measure {number} on the rights of the child (Brazil)",
            paragraph=f"118.{number + 1}",
            response=Response.SUPPORTED if number % 4 else Response.NOTED,
            source_key=f"A/HRC/99/1 118.{number + 1}",
            source_issues=[f"Issue {number % 12}"],
        )
        for number in range(recommendations)
    )
    RecommendingState.objects.bulk_create(
        RecommendingState(recommendation=r, country="BR", order=0) for r in made
    )
    Through = Recommendation.themes.through
    Through.objects.bulk_create(
        Through(recommendation_id=r.pk, theme_id=themes[index % 10].pk)
        for index, r in enumerate(made)
    )
    levels = ImplementationLevel.values
    ImplementationAssessment.objects.bulk_create(
        ImplementationAssessment(
            recommendation=r,
            organisation=organisation,
            level=levels[(index + o + year) % 3],
            assessed_on=datetime.date(2023 + year, 1 + index % 12, 1),
            evidence="Law adopted; budget not allocated.",
            responsible_institution=f"Ministry {o}",
        )
        for index, r in enumerate(made)
        for o, organisation in enumerate(organisations)
        for year in range(2)
    )
    return review, factories.cso_staff(organisations[0])


def factories_theme(team, number):
    from events.models import Theme

    return Theme.objects.create(team=team, name=f"Benchmark theme {number}", order=number)


def measure(call, runs=RUNS):
    call()  # warm up
    timings, counts = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            call()
            timings.append((time.perf_counter() - start) * 1000)
        counts.append(len(queries))
    # The median count: a session write now and then is not the page's own cost.
    return statistics.median(timings), statistics.median(counts)


def report(figure, value, unit, target):
    print(
        json.dumps(
            {"figure": figure, "value": value, "unit": unit, "target": target, "better": "lower"}
        )
    )


def scenarios(review, cso, organiser):
    from django.test import Client
    from django.urls import reverse

    from recommendations.matrix import render_matrix
    from recommendations.stats import implementation_overview

    team_client, cso_client = Client(), Client()
    team_client.force_login(organiser)
    cso_client.force_login(cso)
    url = reverse("recommendations:monitoring", args=[review.pk])

    def page(client):
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    return {
        "figures": lambda: implementation_overview(review),
        "organiser page": lambda: page(team_client),
        "CSO page": lambda: page(cso_client),
        "xlsx": lambda: render_matrix(review, "xlsx"),
        "docx": lambda: render_matrix(review, "docx"),
    }


def main():
    from accounts.models import Membership, TeamRole
    from tests.factories import UserFactory

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.UPR_REQUIRE_2FA = False
    with throwaway_database("bench_monitoring") as vendor:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        organiser = UserFactory()
        built = {}
        for name, state, size in (("small", "KH", 10), ("large", "SI", RECOMMENDATIONS)):
            review, cso = build_review(state, size)
            Membership.objects.create(user=organiser, team=review.team, role=TeamRole.ORGANISER)
            built[name] = scenarios(review, cso, organiser)
        if vendor == "PostgreSQL":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum does on a live database
        for name, call in built["large"].items():
            median_ms, queries = measure(call)
            _small_ms, small_queries = measure(built["small"][name], runs=3)
            figure = f"monitoring {name}, {RECOMMENDATIONS} recommendations ({vendor})"
            target = TARGETS_MS.get(name) or EXPORT_TARGET_MS[name]
            report(f"{figure}: median", round(median_ms, 1), "ms", target)
            report(f"{figure}: queries", queries, "queries", small_queries)


if __name__ == "__main__":
    main()
