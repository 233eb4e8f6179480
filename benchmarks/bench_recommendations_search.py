"""Review page search benchmark: 100,000 recommendations on PostgreSQL.

Times the review page's selector (`recommendations.selectors.review_page`: the page of
results, the counts and the five charts' figures, all it reads) for a few searches of one
to three words, on synthetic recommendations written from UPR phrasing: first with the
100,000 in one review (the hard case: every match is in the review), then with the same
rows spread over 400 reviews of 250 (a team's whole database, as reviews are). Prints the
median of each, with the queries per call. Full-text search is PostgreSQL's: on SQLite the
script prints a note and stops.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/upr_x .venv/bin/python benchmarks/...
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
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-key")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RECOMMENDATIONS = 100_000
SPREAD_OVER = 400
RUNS = 15
TARGET_MS = 100
SEARCHES = ("torture", "rights of the child", "domestic violence", "ratify optional protocol")

VERBS = (
    "Continue efforts to",
    "Consider ratifying measures to",
    "Strengthen its efforts to",
    "Take further steps to",
    "Adopt legislation to",
    "Ensure the effective implementation of policies to",
    "Redouble its efforts to",
    "Intensify its work to",
)
OBJECTS = (
    "combat torture and ill-treatment in places of detention",
    "protect the rights of the child, in particular children with disabilities",
    "prevent domestic violence and violence against women",
    "ratify the Optional Protocol to the Convention against Torture",
    "guarantee freedom of expression and of the press",
    "resolve land disputes and prevent forced evictions",
    "improve access to education in rural areas",
    "eliminate child labour and trafficking in persons",
    "strengthen the independence of the judiciary",
    "ensure the rights of indigenous peoples",
    "combat corruption in public institutions",
    "protect human rights defenders and journalists",
    "abolish the death penalty",
    "ensure access to health care for all",
    "promote gender equality in employment",
    "establish a national human rights institution in line with the Paris Principles",
    "protect the rights of migrant workers and their families",
    "guarantee freedom of peaceful assembly and association",
    "combat discrimination on the basis of sexual orientation and gender identity",
    "improve conditions of detention and reduce overcrowding in prisons",
)
TAILS = (
    "",
    ", with the support of the international community",
    ", in consultation with civil society",
    ", and allocate sufficient resources to that end",
    ", in line with its international obligations",
)
STATES = [
    "BR",
    "NO",
    "FR",
    "DE",
    "JP",
    "GB",
    "US",
    "CA",
    "AU",
    "MX",
    "AR",
    "CL",
    "SE",
    "FI",
    "DK",
    "NL",
    "BE",
    "ES",
    "IT",
    "PT",
    "CH",
    "AT",
    "IE",
    "NZ",
    "TH",
    "VN",
    "LA",
    "MM",
    "ID",
    "MY",
    "PH",
    "SG",
    "KR",
    "CN",
    "IN",
    "PK",
    "BD",
    "LK",
    "NP",
    "ZA",
    "NG",
    "KE",
    "EG",
    "MA",
    "DZ",
    "GH",
    "SN",
    "PL",
    "CZ",
    "HU",
    "RO",
    "UA",
    "RU",
    "SI",
    "HR",
    "RS",
]


def report(figure, value, unit, target, better="lower"):
    print(
        json.dumps(
            {"figure": figure, "value": value, "unit": unit, "target": target, "better": better}
        ),
        flush=True,
    )


def build(team, *, reviews):
    """`RECOMMENDATIONS` recommendations over `reviews` reviews of `team`, 1 to 3 States each
    (a joint one now and then), with responses and action categories mixed."""
    from recommendations.models import Recommendation, RecommendingState, Response, Review

    rng = random.Random(7)
    made = [
        Review.objects.create(team=team, state_under_review=_state(index), cycle=1 + index // 100)
        for index in range(reviews)
    ]
    per_review = RECOMMENDATIONS // reviews
    batch = []
    for index in range(RECOMMENDATIONS):
        review = made[index // per_review]
        batch.append(
            Recommendation(
                review=review,
                text=f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}.",
                paragraph=f"118.{index % per_review + 1}",
                response=rng.choice((Response.SUPPORTED,) * 4 + (Response.NOTED,)),
                action_category=rng.randint(1, 5),
                source_key=f"bench {review.pk} {index}",
                source_file="bench.xls",
                source_location=f"row:{index + 2}",
            )
        )
    created = Recommendation.objects.bulk_create(batch, batch_size=5000)
    states = []
    for recommendation in created:
        for order, code in enumerate(rng.sample(STATES, rng.choice((1, 1, 1, 2, 3)))):
            states.append(
                RecommendingState(recommendation=recommendation, country=code, order=order)
            )
    RecommendingState.objects.bulk_create(states, batch_size=10000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return made[0]


def _state(index):
    from django_countries import countries

    codes = [code for code, _name in countries]
    return codes[index % len(codes)]


def measure(review):
    from recommendations.selectors import review_page

    times, queries = [], 0
    for search in SEARCHES:
        review_page(review, search=search)  # warm the caches once
        for _run in range(RUNS):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                review_page(review, search=search)
                times.append((time.perf_counter() - start) * 1000)
            queries = len(captured)
    return statistics.median(times), queries


def main():
    from tests.factories import TeamFactory

    database = settings.DATABASES["default"]
    if "postgresql" not in database["ENGINE"]:
        print(
            "bench_recommendations_search: skipped, full-text search is PostgreSQL's "
            "(set DATABASE_URL=postgres://...)."
        )
        return
    database["TEST"]["NAME"] = f"bench_recommendations_search_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        team = TeamFactory(slug="bench-team")
        review = build(team, reviews=1)
        median_ms, queries = measure(review)
        figure = f"Review page search, {RECOMMENDATIONS:,} recommendations in one review"
        report(f"{figure}: median", round(median_ms, 1), "ms", TARGET_MS)
        report(f"{figure}: queries per call", queries, "queries", 7)

        # Without the history and signals a queryset delete would run for each row.
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE recommendations_recommendingstate, recommendations_recommendation, "
                "recommendations_review CASCADE"
            )
        review = build(team, reviews=SPREAD_OVER)
        median_ms, _queries = measure(review)
        figure = (
            f"Review page search, {RECOMMENDATIONS:,} recommendations in {SPREAD_OVER} "
            "reviews, one review searched"
        )
        report(f"{figure}: median", round(median_ms, 1), "ms", TARGET_MS)
    finally:
        connection.close()
        connection.creation.destroy_test_db(database["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
