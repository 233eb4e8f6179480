"""SQLite, the zero-setup default, holds a small team's concurrency: several desks checking
the same people in at the same moment (one by one, undoing, and in bulk), and the same
once-only form claimed from every thread, each thread on its own connection, get no
"database is locked", and exactly one claim wins.

It runs in a subprocess on an SQLite file database, whatever database the suite runs on:
the test database of pytest-django is in memory (shared cache), where neither WAL nor the
busy timeout applies, and the settings under test are read once, at start-up.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

DESKS = 6
PEOPLE = 8

SCRIPT = f"""
import json, threading
import django
django.setup()
from django.core.management import call_command
from django.db import connection, connections, transaction
call_command("migrate", verbosity=0)

from participants import services
from participants.models import Attendance
from security.once import AlreadySubmitted, claim_submission
from tests import factories

event = factories.EventFactory()
day = factories.ProgrammeDayFactory(event=event)
registrations = [factories.RegistrationFactory(event=event) for _ in range({PEOPLE})]
desks = [factories.UserFactory() for _ in range({DESKS})]
barrier = threading.Barrier({DESKS})
errors = []
# The same form sent from every thread at once (one user's double clicks): one claim wins.
claims = []
submitter = factories.UserFactory()


def desk(user):
    try:
        for registration in registrations:
            # Every desk checks the same person in at the same moment, undoes it and checks
            # them in again: a read and a write in one transaction, from every thread.
            barrier.wait(timeout=60)
            services.check_in(registration, day=day, by=user)
            services.undo_check_in(registration, day=day, by=user)
            services.check_in(registration, day=day, by=user)
        barrier.wait(timeout=60)
        services.bulk_check_in(registrations, day=day, by=user)
        barrier.wait(timeout=60)
        try:
            with transaction.atomic():
                claim_submission("one-form", user=submitter)
            claims.append("claimed")
        except AlreadySubmitted:
            claims.append("already submitted")
    except Exception as error:
        errors.append(repr(error))
        barrier.abort()
    finally:
        connections.close_all()


threads = [threading.Thread(target=desk, args=(user,)) for user in desks]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]
print(json.dumps({{
    "errors": sorted(set(errors)),
    "present": Attendance.objects.filter(day=day).count(),
    "claims": sorted(claims),
    "journal_mode": journal_mode,
}}))
"""


def test_concurrent_check_ins_on_sqlite_file_never_locked(tmp_path):
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "upr_presession.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_SECRET_KEY": "concurrency-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_PRIVATE_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        "REDIS_URL": "",
    }

    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {
        "errors": [],
        "present": PEOPLE,
        "claims": ["already submitted"] * (DESKS - 1) + ["claimed"],
        "journal_mode": "wal",
    }
