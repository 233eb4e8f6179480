"""Benchmark of the public site: the demo event's public programme (HTML, PDF, ICS) built
from scratch and served from the cache, with the queries of each.

Run: .venv/bin/python benchmarks/bench_public.py
Uses a throwaway database (see bench_report.py) and a throwaway cache folder. Ends with one
JSON line per figure.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upr_presession.settings")

from bench_report import throwaway_database  # noqa: E402

RUNS = 7


def main():
    drop = throwaway_database()
    cache_folder = tempfile.TemporaryDirectory(prefix="bench-public-cache-")
    os.environ["DJANGO_CACHE_DIR"] = cache_folder.name
    try:
        import django

        django.setup()
        from django.core.cache import cache
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, setup_test_environment
        from django.urls import reverse

        from demo.loader import load_demo_consent, load_demo_event

        setup_test_environment()
        call_command("migrate", verbosity=0)
        event = load_demo_event()
        load_demo_consent(event)
        client = Client()
        figures = []
        for name, label, target_cold in (
            ("public:programme", "programme_html", 300),
            ("public:programme_pdf", "programme_pdf", 3000),
            ("public:programme_ics", "programme_ics", 300),
        ):
            url = reverse(name, args=[event.team.slug, event.slug])
            cold, warm = [], []
            for _ in range(RUNS):
                cache.clear()
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as cold_queries:
                    assert client.get(url).status_code == 200
                cold.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as warm_queries:
                    assert client.get(url).status_code == 200
                warm.append((time.perf_counter() - started) * 1000)
            figures += [
                (f"public_{label}_cold_ms", statistics.median(cold), "ms", target_cold),
                (f"public_{label}_cached_ms", statistics.median(warm), "ms", 100),
                (f"public_{label}_cold_queries", len(cold_queries), "queries", 40),
                (f"public_{label}_cached_queries", len(warm_queries), "queries", 25),
            ]
        for figure, value, unit, target in figures:
            print(
                json.dumps(
                    {
                        "figure": figure,
                        "value": round(value, 1),
                        "unit": unit,
                        "target": target,
                        "better": "lower",
                    }
                )
            )
    finally:
        drop()
        cache_folder.cleanup()


if __name__ == "__main__":
    main()
