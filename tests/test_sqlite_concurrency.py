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


def _run_on_sqlite_file(script, tmp_path, **extra_environment):
    """Run `script` in a fresh interpreter on an SQLite file database; its last line of
    output, as JSON."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "upr_presession.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_SECRET_KEY": "concurrency-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_PRIVATE_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        "REDIS_URL": "",
        **extra_environment,
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_concurrent_check_ins_on_sqlite_file_never_locked(tmp_path):
    outcome = _run_on_sqlite_file(SCRIPT, tmp_path)

    assert outcome == {
        "errors": [],
        "present": PEOPLE,
        "claims": ["already submitted"] * (DESKS - 1) + ["claimed"],
        "journal_mode": "wal",
    }


# Every thread is a request through the whole stack (sessions in the database too): each
# user's second login step, then the same code of one shared account from every thread
# (a code is accepted once), then a new version of one factsheet from every author while
# the desks check everyone in, each check-in sent twice as a desk re-sends a request it
# got no answer to.
LOGINS_AND_UPLOADS = f"""
import io, json, threading, time
import django
django.setup()
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import reverse
from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from pypdf import PdfWriter
setup_test_environment()
call_command("migrate", verbosity=0)

from factsheets import services as factsheet_services
from participants.models import Attendance, AttendanceLog
from tests import factories

THREADS = {DESKS}
PEOPLE = {PEOPLE}


def pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile("factsheet.pdf", buffer.getvalue(), "application/pdf")


def code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{{totp.token():0{{device.digits}}d}}"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


event = factories.EventFactory()
day = factories.ProgrammeDayFactory(event=event)
registrations = [factories.RegistrationFactory(event=event) for _ in range(PEOPLE)]
users = [factories.organiser() for _ in range(THREADS)]
devices = [TOTPDevice.objects.create(user=user, name="app", confirmed=True) for user in users]
shared = factories.organiser()
shared_device = TOTPDevice.objects.create(user=shared, name="app", confirmed=True)
author = factories.cso_staff()
factsheet = factsheet_services.create_factsheet(
    event=event, theme=event.themes.first(), title="Land", language="en", summary="",
    organisations=[], uploaded_file=pdf(), recommendations=["Ratify."], by=author,
)
verify_url = reverse("security:two_factor_verify")
check_in_url = reverse("participants:check_in", args=[event.slug, day.pk])
barrier = threading.Barrier(THREADS)
errors, own_codes, shared_codes, check_ins = [], [], [], []


def worker(n):
    try:
        own, other = logged_in(users[n]), logged_in(shared)
        barrier.wait(timeout=60)
        own_codes.append(own.post(verify_url, {{"token": code(devices[n])}}).status_code)
        barrier.wait(timeout=60)
        shared_codes.append(other.post(verify_url, {{"token": code(shared_device)}}).status_code)
        barrier.wait(timeout=60)
        if n % 2:
            factsheet_services.add_file_version(factsheet, uploaded_file=pdf(), by=author)
        else:
            for registration in registrations:
                for _attempt in range(2):
                    response = own.post(check_in_url, {{"registration": registration.pk}})
                    check_ins.append(response.status_code)
    except Exception as error:
        errors.append(repr(error))
        barrier.abort()
    finally:
        connections.close_all()


threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({{
    "errors": sorted(set(errors)),
    "own_codes": sorted(own_codes),
    "shared_codes": sorted(shared_codes),
    "versions": list(factsheet.files.order_by("version").values_list("version", flat=True)),
    "check_ins": sorted(set(check_ins)),
    "present": Attendance.objects.filter(day=day).count(),
    "logged": AttendanceLog.objects.filter(day=day, action="check_in").count(),
}}))
"""


def test_logins_uploads_and_desk_resends_on_sqlite_file_never_locked(tmp_path):
    outcome = _run_on_sqlite_file(LOGINS_AND_UPLOADS, tmp_path, DJANGO_REQUIRE_2FA="0")

    uploads = DESKS // 2
    assert outcome == {
        "errors": [],
        "own_codes": [302] * DESKS,
        # A code is good once: the other threads are told it is not valid (400).
        "shared_codes": [302] + [400] * (DESKS - 1),
        "versions": list(range(1, uploads + 2)),
        "check_ins": [302],
        "present": PEOPLE,
        "logged": PEOPLE,
    }


ROUNDS = 5
IMPORTED_PEOPLE = 20
# The file marks the first 15 people present; the desks check in the last 15 (10 of them
# the same people) while the import is being confirmed.
FILE_MARKS = range(15)
DESK_MARKS = range(5, 20)

IMPORT_SCRIPT = f"""
import json, random, threading
import django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connections
call_command("migrate", verbosity=0)

from participants import importing, services, transfer
from participants.models import Attendance, AttendanceAction, AttendanceLog
from tests import factories

errors = []
rounds = []
for round_number in range({ROUNDS}):
    event = factories.EventFactory()
    day = factories.ProgrammeDayFactory(event=event)
    people = [
        factories.PersonFactory(email=f"person{{round_number}}-{{index}}@example.org")
        for index in range({IMPORTED_PEOPLE})
    ]
    registrations = [factories.RegistrationFactory(event=event, person=person) for person in people]
    importer = factories.organiser()
    desks = [factories.UserFactory() for _ in range(3)]
    lines = ["Given name,Family name,E-mail," + day.date.isoformat()]
    lines += [
        f"{{people[index].given_name}},{{people[index].family_name}},{{people[index].email}},x"
        for index in {list(FILE_MARKS)}
    ]
    pending = importing.PendingImport(
        token=f"race{{round_number}}",
        kind="attendance",
        filename="attendance.csv",
        team_id=event.team_id,
        user_id=importer.pk,
        event_id=event.pk,
    )
    default_storage.save(pending.path, ContentFile("\\n".join(lines).encode()))
    barrier = threading.Barrier(1 + len(desks))
    outcomes = []

    def confirm():
        try:
            barrier.wait(timeout=60)
            resource = transfer.get_kind("attendance").resource(
                team=event.team, event=event, with_contact_details=True
            )
            outcome = importing.confirm_pending(pending, resource=resource, user=importer)
            outcomes.append((outcome.written, outcome.general_errors))
        except Exception as error:
            errors.append(repr(error))
        finally:
            connections.close_all()

    def desk(user):
        try:
            mine = [registrations[index] for index in {list(DESK_MARKS)}]
            random.shuffle(mine)
            barrier.wait(timeout=60)
            for registration in mine:
                services.check_in(registration, day=day, by=user)
        except Exception as error:
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm)]
    threads += [threading.Thread(target=desk, args=(user,)) for user in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rounds.append({{
        "outcomes": outcomes,
        "present": Attendance.objects.filter(day=day).count(),
        "check_ins_logged": AttendanceLog.objects.filter(
            day=day, action=AttendanceAction.CHECK_IN
        ).count(),
        "undone": AttendanceLog.objects.filter(day=day, action=AttendanceAction.UNDO).count(),
    }})
print(json.dumps({{"errors": sorted(set(errors)), "rounds": rounds}}))
"""


def test_attendance_import_racing_the_desk_on_sqlite_file_loses_no_check_in(tmp_path):
    outcome = _run_on_sqlite_file(IMPORT_SCRIPT, tmp_path)

    everyone = {"outcomes": [[True, []]], "present": 20, "check_ins_logged": 20, "undone": 0}
    assert outcome == {"errors": [], "rounds": [everyone] * ROUNDS}
