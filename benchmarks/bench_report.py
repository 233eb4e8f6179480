"""Benchmark of the activity report: HTML build vs WeasyPrint, query counts, cached download.

Run: .venv/bin/python benchmarks/bench_report.py
Uses a throwaway database: a temporary SQLite file, or a fresh PostgreSQL database on the
server of DATABASE_URL when it is set (created and dropped here). Ends with one JSON line
per figure.
"""

import datetime
import io
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upr_presession.settings")

PARTICIPANTS = 1000
RUNS = 7


def throwaway_database():
    """Point DATABASE_URL at a new, empty database; return a function that removes it."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg2

        name = f"upr_bench_report_{uuid.uuid4().hex[:8]}"
        parts = urlsplit(url)
        admin_url = urlunsplit(parts._replace(path="/postgres"))
        connection = psycopg2.connect(admin_url)
        connection.autocommit = True
        connection.cursor().execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))

        def drop():
            from django.db import connections

            connections.close_all()
            connection.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.close()

        return drop
    folder = tempfile.TemporaryDirectory(prefix="bench-report-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder.name}/bench.sqlite3"
    return folder.cleanup


def synthetic_event(participants):
    """An in-country event of three days with `participants` people checked in, speakers,
    missions, factsheets and the demo's narrative. Bulk-created: this is set-up, not measured."""
    from events.models import Event, ProgrammeDay, Session, SessionRole, Theme
    from factsheets.models import Distribution, Factsheet, FactsheetStatus
    from participants.models import (
        Attendance,
        Gender,
        Mission,
        Organisation,
        OrganisationKind,
        Person,
        Registration,
    )
    from reports.models import Achievement, ActivityReport, Testimony

    demo_report = ActivityReport.objects.select_related("event__team").get(
        event__slug="cambodia-2018"
    )
    team = demo_report.event.team
    start = datetime.date(2024, 5, 6)
    event = Event.objects.create(
        team=team,
        title="Synthetic in-country pre-session",
        slug="synthetic-1000",
        country_under_review="KH",
        upr_cycle=4,
        city="Phnom Penh",
        start_date=start,
        end_date=start + datetime.timedelta(days=2),
    )
    kinds = [OrganisationKind.NATIONAL_CSO] * 6 + [
        OrganisationKind.YOUTH_GROUP,
        OrganisationKind.INTERNATIONAL_NGO,
        OrganisationKind.UN_AGENCY,
    ]
    organisations = Organisation.objects.bulk_create(
        Organisation(
            team=team, name=f"Synthetic organisation {index}", kind=kinds[index % len(kinds)]
        )
        for index in range(60)
    )
    embassies = Organisation.objects.bulk_create(
        Organisation(name=f"Synthetic embassy {index}", kind=OrganisationKind.DIPLOMATIC_MISSION)
        for index in range(15)
    )
    missions = Mission.objects.bulk_create(
        Mission(organisation=embassy, state="FR") for embassy in embassies
    )
    event.co_organisers.set(organisations[:3])
    days = [
        ProgrammeDay.objects.create(event=event, date=start + datetime.timedelta(days=offset))
        for offset in range(3)
    ]
    genders = [Gender.WOMAN, Gender.MAN, Gender.WOMAN, Gender.MAN, Gender.NOT_RECORDED]
    everyone = organisations + embassies
    people = Person.objects.bulk_create(
        Person(
            team=team,
            given_name=f"Given{index}",
            family_name=f"Family{index}",
            gender=genders[index % len(genders)],
            organisation=everyone[index % len(everyone)],
        )
        for index in range(participants)
    )
    registrations = Registration.objects.bulk_create(
        Registration(event=event, person=person) for person in people
    )
    Attendance.objects.bulk_create(
        Attendance(registration=registration, day=day)
        for index, registration in enumerate(registrations)
        for day in days[: 1 + index % 3]
    )
    themes = list(Theme.objects.of_team(team))
    for day in days:
        for hour in range(9, 17, 2):
            session = Session.objects.create(
                day=day,
                start_time=datetime.time(hour),
                end_time=datetime.time(hour + 1, 30),
                title=f"Session {hour}",
                kind="panel",
            )
            session.themes.set(themes[hour % 13 : hour % 13 + 3])
            SessionRole.objects.bulk_create(
                SessionRole(
                    session=session,
                    person=people[(hour * 7 + offset) % participants],
                    role="speaker" if offset else "moderator",
                )
                for offset in range(5)
            )
    factsheets = [
        Factsheet.objects.create(
            event=event, theme=theme, title=f"Factsheet {theme}", status=FactsheetStatus.APPROVED
        )
        for theme in themes[:11]
    ]
    Distribution.objects.bulk_create(
        Distribution(factsheet=factsheet, mission=mission, event=event)
        for factsheet in factsheets
        for mission in missions[:12]
    )
    report = ActivityReport.objects.create(
        event=event,
        **{
            field: getattr(demo_report, field)
            for field in (
                "introduction",
                "overview",
                "achievements_intro",
                "lessons_learnt",
                "way_forward",
                "contact",
            )
        },
    )
    Achievement.objects.bulk_create(
        Achievement(report=report, text=item.text, order=item.order)
        for item in demo_report.achievements.all()
    )
    Testimony.objects.bulk_create(
        Testimony(report=report, text=item.text, order=item.order)
        for item in demo_report.testimonies.all()
    )
    return event


def median_time(function, runs):
    timings = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), result


def measure(event):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports import pdf

    pdf.activity_report_html(event)  # warm up templates and translations
    with CaptureQueriesContext(connection) as queries:
        html = pdf.activity_report_html(event)
    html_seconds, html = median_time(lambda: pdf.activity_report_html(event), RUNS)
    weasy_seconds, _content = median_time(lambda: pdf.html_to_pdf(html), 3)

    def first_download():
        cache.clear()
        return pdf.activity_report_pdf(event)

    first_seconds, first = median_time(first_download, 3)
    pdf.activity_report_pdf(event)  # warm up the fingerprint's queries
    cached_seconds, cached = median_time(lambda: pdf.activity_report_pdf(event), RUNS)
    assert not first.from_cache and cached.from_cache and cached.content == first.content
    return {
        "html_ms": html_seconds * 1000,
        "weasyprint_ms": weasy_seconds * 1000,
        "queries": len(queries),
        "first_ms": first_seconds * 1000,
        "cached_ms": cached_seconds * 1000,
    }


def main():
    cleanup = throwaway_database()
    try:
        import django

        django.setup()
        from django.core.management import call_command

        from events.models import Event
        from reports import pdf

        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=io.StringIO())
        demo = Event.objects.get(slug="cambodia-2018")
        synthetic = synthetic_event(PARTICIPANTS)

        results = {"demo": measure(demo), f"synthetic_{PARTICIPANTS}": measure(synthetic)}
        printouts = {
            "sign_in_sheet": median_time(lambda: pdf.sign_in_sheet_pdf(synthetic.days.first()), 1),
            "badges": median_time(lambda: pdf.badges_pdf(synthetic), 1),
            "programme": median_time(lambda: pdf.programme_pdf(synthetic), 1),
        }
    finally:
        cleanup()

    figures = []
    for name, result in results.items():
        share = 100 * result["html_ms"] / (result["html_ms"] + result["weasyprint_ms"])
        cached_share = 100 * result["cached_ms"] / result["first_ms"]
        figures += [
            (f"report_{name}_html_build", result["html_ms"], "ms", 500, "lower"),
            (f"report_{name}_weasyprint", result["weasyprint_ms"], "ms", 10000, "lower"),
            (f"report_{name}_app_share_of_total", share, "%", 15, "lower"),
            (f"report_{name}_queries", result["queries"], "queries", 30, "lower"),
            (f"report_{name}_first_download", result["first_ms"], "ms", 10000, "lower"),
            (
                f"report_{name}_cached_download",
                result["cached_ms"],
                "ms",
                0.05 * result["first_ms"],
                "lower",
            ),
            (f"report_{name}_cached_share_of_first", cached_share, "%", 5, "lower"),
        ]
    growth = results[f"synthetic_{PARTICIPANTS}"]["queries"] - results["demo"]["queries"]
    figures.append(("report_query_growth_demo_to_synthetic", growth, "queries", 0, "lower"))
    for name, (seconds, _rendered) in printouts.items():
        figures.append(
            (f"printout_{name}_{PARTICIPANTS}_participants", seconds * 1000, "ms", 30000, "lower")
        )
    for figure, value, unit, target, better in figures:
        print(
            json.dumps(
                {
                    "figure": figure,
                    "value": round(value, 2),
                    "unit": unit,
                    "target": round(target, 2),
                    "better": better,
                }
            )
        )


if __name__ == "__main__":
    main()
