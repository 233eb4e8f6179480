"""Benchmark: import 20,000 participants from CSV, then export them.

Runs on a throwaway SQLite file, or on a fresh PostgreSQL database next to the one in
DATABASE_URL when it is set. Prints one JSON line per figure.
"""

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
os.environ.setdefault("DJANGO_DEBUG", "1")

ROWS = int(os.environ.get("BENCH_ROWS", 20_000))
database_url = os.environ.get("DATABASE_URL", "")
temporary = tempfile.TemporaryDirectory()
if database_url.startswith("postgres"):
    # Named after the database in DATABASE_URL, so that two people benchmarking on one
    # server do not drop each other's database.
    base, _slash, _name = database_url.rpartition("/")
    bench_name = f"{_name or 'upr'}_bench_import_export"
    os.environ["DATABASE_URL"] = f"{base}/{bench_name}"
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{temporary.name}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, reset_queries  # noqa: E402

from accounts.models import Team  # noqa: E402
from events.models import Event  # noqa: E402
from participants import exporting  # noqa: E402
from participants.importing import read_table, run_import  # noqa: E402
from participants.models import Person, Registration  # noqa: E402
from participants.resources import ParticipantResource  # noqa: E402


def prepare_postgres():
    import psycopg2

    # The server's maintenance database: the one DATABASE_URL names may not exist.
    conn = psycopg2.connect(f"{base}/postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{bench_name}"')
        cursor.execute(f'CREATE DATABASE "{bench_name}"')
    conn.close()


WRITE_STATEMENTS = ("INSERT", "SAVEPOINT", "RELEASE SAVEPOINT")


def build_csv(rows):
    genders = ["F", "female", "M", "male", "woman", "man", "non-binary", ""]
    lines = ["Given name,Family name,Gender,Position,Organisation,E-mail,Phone,Role"]
    for n in range(rows):
        lines.append(
            f"Given{n},Family{n},{genders[n % len(genders)]},Officer,"
            f"Organisation {n % 400},person{n}@example.org,+855 12 {n:06d},participant"
        )
    return ("\n".join(lines) + "\n").encode()


def resource_for(event):
    return ParticipantResource(team=event.team, event=event, with_contact_details=True)


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
        )
    )


def main():
    if database_url.startswith("postgres"):
        prepare_postgres()
    call_command("migrate", verbosity=0)
    backend = connection.vendor
    team = Team.objects.create(name="Benchmark", slug="benchmark")
    event = Event.objects.create(
        team=team,
        title="Benchmark",
        slug="benchmark",
        start_date="2018-11-14",
        end_date="2018-11-16",
    )
    content = build_csv(ROWS)

    started, cpu_started = time.perf_counter(), time.process_time()
    table = read_table(content, "participants.csv", resource_for(event))
    outcome = run_import(resource_for(event), table, dry_run=False)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    assert outcome.written, outcome.general_errors or outcome.error_rows[:3]
    assert Person.objects.count() == ROWS and Registration.objects.count() == ROWS

    figure(f"import_{backend}_rows_per_second", ROWS / elapsed, "rows/s", 2000, "higher")
    # The machine is shared: rows per second of this process's own CPU time shows what the
    # code does when it is not waiting for a core (with PostgreSQL, server time is extra).
    figure(f"import_{backend}_rows_per_cpu_second", ROWS / cpu, "rows/s", 2000, "higher")
    figure(f"import_{backend}_peak_memory", peak / 1024 / 1024, "MB", 300, "lower")

    # Re-importing the same file matches every row and changes nothing.
    started = time.perf_counter()
    table = read_table(content, "participants.csv", resource_for(event))
    again = run_import(resource_for(event), table, dry_run=False)
    elapsed = time.perf_counter() - started
    assert again.totals["skip"] == ROWS, again.totals
    assert Person.objects.count() == ROWS
    figure(
        f"reimport_{backend}_unchanged_rows_per_second", ROWS / elapsed, "rows/s", 2000, "higher"
    )

    # Queries per row: the same import at two sizes must issue the same statements, apart
    # from bulk INSERT batches (SQLite's 999-parameter limit splits them into more).
    connection.force_debug_cursor = True
    counts = []
    for size in (100, 1000):
        other = Event.objects.create(
            team=team,
            title=f"Q{size}",
            slug=f"q{size}",
            start_date="2018-11-14",
            end_date="2018-11-16",
        )
        lines = build_csv(size).decode().replace("person", f"q{size}-").encode()
        reset_queries()
        table = read_table(lines, "q.csv", resource_for(other))
        run_import(resource_for(other), table, dry_run=False)
        statements = [query["sql"] for query in connection.queries]
        writes = sum(1 for sql in statements if sql.startswith(WRITE_STATEMENTS))
        counts.append((len(statements) - writes, writes))
    connection.force_debug_cursor = False
    figure(
        f"import_{backend}_lookup_query_growth_100_to_1000_rows",
        counts[1][0] - counts[0][0],
        "queries",
        0,
        "lower",
    )
    # Bulk writes: one INSERT per table per batch (SQLite splits batches at 999
    # parameters) plus a savepoint pair per 1,000-row batch.
    figure(f"import_{backend}_write_statements_1000_rows", counts[1][1], "queries", 30, "lower")

    participants = resource_for(event)
    participants.escape_formulae = True
    started, cpu_started = time.perf_counter(), time.process_time()
    dataset = participants.export(participants.export_queryset())
    rendered = exporting.render(dataset, "csv")
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    assert len(dataset) == ROWS and rendered
    figure(f"export_{backend}_csv_rows_per_second", ROWS / elapsed, "rows/s", 10000, "higher")
    figure(f"export_{backend}_csv_rows_per_cpu_second", ROWS / cpu, "rows/s", 10000, "higher")

    started = time.perf_counter()
    dataset = participants.export(participants.export_queryset())
    rendering_started, rendering_cpu = time.perf_counter(), time.process_time()
    exporting.render(dataset, "xlsx")
    finished, finished_cpu = time.perf_counter(), time.process_time()
    figure(
        f"export_{backend}_xlsx_rows_per_second",
        ROWS / (finished - started),
        "rows/s",
        10000,
        "higher",
    )
    # Writing the workbook alone, without the database read shared with the CSV export.
    figure(
        "export_xlsx_rows_per_second",
        ROWS / (finished - rendering_started),
        "rows/s",
        10000,
        "higher",
    )
    figure(
        "export_xlsx_rows_per_cpu_second",
        ROWS / (finished_cpu - rendering_cpu),
        "rows/s",
        10000,
        "higher",
    )

    connections.close_all()
    if database_url.startswith("postgres"):
        import psycopg2

        conn = psycopg2.connect(f"{base}/postgres")
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{bench_name}"')
        conn.close()


if __name__ == "__main__":
    main()
