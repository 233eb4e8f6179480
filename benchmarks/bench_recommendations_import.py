"""Benchmark: import 100,000 recommendations from a synthetic UPR Info export.

The file is built from the real export's structure (tests/data/recommendations/
upr-info-export-cambodia-session-6.csv: its columns, quoting, trailing spaces, UPR Info's
short State names and comma-separated issues), spread over many States under Review and
sessions, so the import creates one review per State and cycle. It is parsed and imported
through `recommendations.services.import_recommendations`, then imported again (every row
unchanged). Runs on a throwaway SQLite file, or on a fresh PostgreSQL database next to the
one in DATABASE_URL when it is set. Prints one JSON line per figure.

BENCH_ROWS sets the size (100,000); BENCH_PROFILE=1 prints a cProfile of the first import.
"""

import csv
import io
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upr_presession.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")

ROWS = int(os.environ.get("BENCH_ROWS", 100_000))
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
SAMPLE = ROOT / "tests" / "data" / "recommendations" / "upr-info-export-cambodia-session-6.csv"
database_url = os.environ.get("DATABASE_URL", "")
temporary = tempfile.TemporaryDirectory()
if database_url.startswith("postgres"):
    # Named after the database in DATABASE_URL, so that two people benchmarking on one
    # server do not drop each other's database.
    base, _slash, _name = database_url.rpartition("/")
    bench_name = f"{_name or 'upr'}_bench_recommendations"
    os.environ["DATABASE_URL"] = f"{base}/{bench_name}"
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{temporary.name}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from accounts.models import Team  # noqa: E402
from recommendations.models import Recommendation, RecommendingState, Review  # noqa: E402
from recommendations.parsing import cycle_of_session, parse_file  # noqa: E402
from recommendations.services import import_recommendations  # noqa: E402

# States under Review as UPR Info writes them (short forms included).
STATES_UNDER_REVIEW = (
    "Cambodia", "Slovenia", "Albania", "Andorra", "DPR Korea", "Laos", "Bosnia & Herzegovina",
    "Macedonia FYR", "Viet Nam", "Thailand", "Myanmar", "Indonesia", "Philippines", "Malaysia",
    "Kenya", "Ghana", "Peru", "Chile", "Norway", "Canada",
)  # fmt: skip


def prepare_postgres():
    import psycopg2

    # The server's maintenance database: the one DATABASE_URL names may not exist.
    conn = psycopg2.connect(f"{base}/postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{bench_name}"')
        cursor.execute(f'CREATE DATABASE "{bench_name}"')
    conn.close()


def build_csv(rows):
    """`rows` rows in the real export's shape: its recommendations and recommending States
    reused, each text made unique, over 20 States under Review and sessions 1 to 40."""
    sample = list(csv.reader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))))
    header, body = sample[0], sample[1:]
    # Written through a file: a StringIO of 30 MB of text would weigh four times that.
    path = Path(temporary.name) / "export.csv"
    out = path.open("w", encoding="utf-8", newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for number in range(rows):
        row = list(body[number % len(body)])
        row[0] = STATES_UNDER_REVIEW[number % len(STATES_UNDER_REVIEW)]
        # Trailing spaces as in the real file; the number makes every text its own.
        row[3] = f"{row[3].rstrip()} (benchmark item {number})  "
        row[10] = str(_session(number))
        writer.writerow(row)
    out.close()
    return path.read_bytes()


def expected_reviews(rows):
    """The (State under Review, cycle) pairs `build_csv(rows)` spreads its rows over."""
    return {
        (number % len(STATES_UNDER_REVIEW), cycle_of_session(_session(number)))
        for number in range(rows)
    }


def _session(number):
    return 1 + (number // len(STATES_UNDER_REVIEW)) % 40


def figure(name, value, unit, target, better):
    print(
        json.dumps(
            {
                "figure": name,
                "value": round(value, 2),
                "unit": unit,
                "target": target,
                "better": better,
            }
        ),
        flush=True,
    )


def timed_import(content, team):
    started, cpu_started = time.perf_counter(), time.process_time()
    parsed = parse_file(content)
    summary = import_recommendations(None, parsed, team=team, by=None, source_file="bench.csv")
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # The process's peak resident size so far (Django, the file and its parse included).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return summary, elapsed, cpu, peak


def main():
    if database_url.startswith("postgres"):
        prepare_postgres()
    call_command("migrate", verbosity=0)
    backend = connection.vendor
    team = Team.objects.create(name="Benchmark", slug="benchmark")
    content = build_csv(ROWS)

    if PROFILE:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    summary, elapsed, cpu, peak = timed_import(content, team)
    if PROFILE:
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(45)

    assert summary.created == ROWS, summary
    assert Recommendation.objects.count() == ROWS
    assert RecommendingState.objects.count() == ROWS
    assert Review.objects.count() == len(expected_reviews(ROWS)) == len(summary.reviews)

    figure(
        f"recommendations_import_{backend}_rows_per_second",
        ROWS / elapsed,
        "rows/s",
        5000,
        "higher",
    )
    # The machine is shared: rows per second of this process's own CPU time shows what the
    # code does when it is not waiting for a core (with PostgreSQL, server time is extra).
    figure(
        f"recommendations_import_{backend}_rows_per_cpu_second",
        ROWS / cpu,
        "rows/s",
        5000,
        "higher",
    )
    # The whole process's peak resident memory (ru_maxrss): Django, the file and its parse.
    figure(f"recommendations_import_{backend}_peak_memory", peak / 1024 / 1024, "MB", 300, "lower")

    summary, elapsed, cpu, peak = timed_import(content, team)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, ROWS), summary
    assert Recommendation.objects.count() == ROWS
    figure(
        f"recommendations_reimport_{backend}_unchanged_rows_per_second",
        ROWS / elapsed,
        "rows/s",
        5000,
        "higher",
    )
    figure(
        f"recommendations_reimport_{backend}_peak_memory", peak / 1024 / 1024, "MB", 300, "lower"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        temporary.cleanup()
