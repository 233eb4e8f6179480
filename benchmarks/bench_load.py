"""The attendance desk under load and under a fault.

gunicorn (3 workers, 127.0.0.1 only) on a fresh PostgreSQL database that this script
creates and drops; 50 concurrent organisers (each with their own verified session) check
in 1,000 people, every person by two organisers at the same moment, for at most 60 s.
Every tenth check-in, the organiser also opens a page (the desk page and the participant
list, in turn), and one organiser starts the badges of all 1,000 people (queued for the job
worker, which runs beside gunicorn). With the shared cache on Redis (BENCH_REDIS_URL, default
redis://127.0.0.1:6379/7) when it answers. One gunicorn worker is killed (SIGKILL) a third
of the way through. The driver is plain
threads with http.client (bounded: 2,000 check-ins, at most 3 tries each, 60 s).

Run: .venv/bin/python benchmarks/bench_load.py [--stop-postgres]
With --stop-postgres (root, local Debian cluster; it interrupts every other user of that
server) it then stops PostgreSQL under the running app, checks the 503 page, starts it again
and measures how long the app takes to serve again.
Needs PostgreSQL (BENCH_ADMIN_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
and posts to the attendance desk's `participants:check_in`. It prints one JSON line per
figure: 5xx answers, duplicate and missing attendance rows, p95 latency, throughput, and
the check-ins served after the worker was killed.
"""

import http.client
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = 1_000
CLIENTS = 50
WORKERS = 3
DURATION_LIMIT = 60.0
TRIES = 3
REQUEST_TIMEOUT = 10.0
# On a machine shared with other work, three workers may take a while to import the app.
STARTUP_LIMIT = 120


def figure(name, value, unit, target, better):
    print(
        json.dumps(
            {"figure": name, "value": value, "unit": unit, "target": target, "better": better}
        ),
        flush=True,
    )


def log(message):
    print(f"bench_load: {message}", file=sys.stderr, flush=True)


def fail(message):
    print(f"bench_load: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_connection(admin_url):
    import psycopg2

    parts = urllib.parse.urlparse(admin_url)
    conn = psycopg2.connect(
        dbname=parts.path.lstrip("/") or "postgres",
        user=parts.username,
        password=parts.password,
        host=parts.hostname,
        port=parts.port,
    )
    conn.autocommit = True
    return conn, parts


def setup_environment(admin_url, database_name, static_root):
    _, parts = admin_connection(admin_url)
    netloc = parts.netloc
    env = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{netloc}/{database_name}",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_BEHIND_TLS_PROXY": "0",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings_load",
    }
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
    if redis_answers(redis_url):
        env["REDIS_URL"] = redis_url
    else:
        log(f"no Redis at {redis_url}: the file cache is used")
    os.environ.update(env)
    return {**os.environ, **env}


def redis_answers(url):
    try:
        import redis

        return redis.Redis.from_url(url, socket_timeout=2).ping()
    except Exception:  # any connection problem: no Redis
        return False


def start_job_worker(env):
    """The job worker, as in production: `manage.py jobs_worker` beside gunicorn."""
    command = [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "jobs_worker", "--no-reload"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


PAGE_EVERY = 10


def page_urls(event, day):
    """The pages organisers open between check-ins: the desk and the participant list."""
    from django.urls import reverse

    return {
        "desk page": reverse("participants:desk", kwargs={"slug": event.slug, "day_pk": day.pk}),
        "participant list": reverse("participants:registration_list", kwargs={"slug": event.slug}),
    }


def prepare_data():
    """Migrate, then create one event day, 1,000 registered people and 50 organisers with
    verified sessions. Returns (event, day, registrations, session keys)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import Membership, Team, TeamRole
    from events.models import Event, ProgrammeDay
    from participants.models import Organisation, OrganisationKind, Person, Registration, User
    from security.log import SESSION_LOGIN_AT

    phase = time.monotonic()
    call_command("migrate", verbosity=0)
    log(f"migrated the fresh database in {time.monotonic() - phase:.0f} s")
    team = Team.objects.create(name="Load test team", slug="load-test-team")
    event = Event.objects.create(
        team=team,
        title="Load test pre-session",
        slug="load-test",
        start_date="2018-11-14",
        end_date="2018-11-14",
    )
    day = ProgrammeDay.objects.create(event=event, date="2018-11-14", title="Pre-session")
    organisation = Organisation.objects.create(
        team=team, name="Fictitious network", kind=OrganisationKind.NATIONAL_CSO
    )
    people = Person.objects.bulk_create(
        Person(
            team=team, given_name=f"Test{n}", family_name="Participant", organisation=organisation
        )
        for n in range(PEOPLE)
    )
    registrations = Registration.objects.bulk_create(
        Registration(event=event, person=person) for person in people
    )
    sessions = []
    for n in range(CLIENTS):
        user = User.objects.create(username=f"desk{n}")
        user.set_unusable_password()
        user.save()
        Membership.objects.create(team=team, user=user, role=TeamRole.ORGANISER)
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[SESSION_LOGIN_AT] = int(time.time())
        session.create()
        sessions.append(session.session_key)
    return event, day, registrations, sessions


def checkin_url(event, day):
    """The attendance desk's check-in URL for `day`; the registration goes in the POST body."""
    from django.urls import reverse

    return reverse("participants:check_in", kwargs={"slug": event.slug, "day_pk": day.pk})


def start_gunicorn(env, port):
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "upr_presession.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--timeout",
        "30",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/accounts/login/", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    fail(f"gunicorn did not start within {STARTUP_LIMIT} s.")


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


class Desk(threading.Thread):
    """One organiser at the desk: a keep-alive connection and a list of check-ins."""

    def __init__(self, port, session_key, jobs, results, start_gate, deadline, pages=None):
        super().__init__(daemon=True)
        self.pages = list((pages or {}).items())
        self.page_results = []
        self.port, self.session_key, self.jobs = port, session_key, jobs
        self.results, self.start_gate, self.deadline = results, start_gate, deadline
        self.csrf = secrets.token_hex(16)
        self.acknowledged = set()

    def _connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)

    def run(self):
        conn = self._connection()
        headers = {
            "Host": "127.0.0.1",
            "Cookie": f"sessionid={self.session_key}; csrftoken={self.csrf}",
            "X-CSRFToken": self.csrf,
            "Content-Type": "application/x-www-form-urlencoded",
            "HX-Request": "true",
        }
        self.start_gate.wait()
        for index, (registration_pk, url, body) in enumerate(self.jobs):
            if self.pages and index % PAGE_EVERY == PAGE_EVERY - 1:
                conn = self.view_page(conn, headers, index // PAGE_EVERY)
            for _attempt in range(TRIES):
                if time.monotonic() > self.deadline:
                    return
                started = time.monotonic()
                try:
                    conn.request("POST", url, body=body, headers=headers)
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException):
                    # A killed worker drops its connections: check-in is idempotent, so
                    # the desk simply tries again on a new connection.
                    conn.close()
                    conn = self._connection()
                    self.results.append(("retry", time.monotonic(), 0.0))
                    continue
                elapsed = time.monotonic() - started
                self.results.append((response.status, time.monotonic(), elapsed))
                if response.status < 400:
                    self.acknowledged.add(registration_pk)
                if response.status < 500:
                    break
            else:
                self.results.append(("gave_up", time.monotonic(), 0.0))

    def view_page(self, conn, headers, turn):
        name, path = self.pages[turn % len(self.pages)]
        page_headers = {"Host": "127.0.0.1", "Cookie": headers["Cookie"]}
        started = time.monotonic()
        try:
            conn.request("GET", path, headers=page_headers)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            conn.close()
            return self._connection()
        self.page_results.append((name, response.status, time.monotonic() - started))
        return conn


def get(port, path, session_key):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request(
            "GET", path, headers={"Host": "127.0.0.1", "Cookie": f"sessionid={session_key}"}
        )
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def postgres_cluster(action):
    """Stop or start the local PostgreSQL cluster (Debian's pg_ctlcluster, run as root)."""
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
        check=True,
        capture_output=True,
    )


def database_outage(port, path, session_key):
    """Stop PostgreSQL under the running app, check the clear 503 page, start it again and
    measure how long until the same page is served again. Only with --stop-postgres: it
    interrupts everything else using this PostgreSQL server."""
    postgres_cluster("stop")
    try:
        status, body = get(port, path, session_key)
        log(f"with PostgreSQL stopped, {path} answered {status}")
        figure("outage: status while PostgreSQL is down", status, "HTTP status", 503, "lower")
        figure("outage: stack traces shown", int("Traceback" in body), "pages", 0, "lower")
    finally:
        postgres_cluster("start")
    restarted = time.monotonic()
    status = None
    while time.monotonic() - restarted < 30:
        try:
            status, _ = get(port, path, session_key)
        except OSError:
            status = None
        if status == 200:
            break
        time.sleep(0.2)
    figure("outage: status after PostgreSQL returns", status, "HTTP status", 200, "lower")
    figure(
        "outage: seconds until served again",
        round(time.monotonic() - restarted, 2),
        "s",
        5,
        "lower",
    )


def main():
    sys.path.insert(0, str(ROOT))
    stop_postgres = "--stop-postgres" in sys.argv[1:]
    admin_url = os.environ.get(
        "BENCH_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
    )
    database_name = f"upr_bench_load_{os.getpid()}"
    try:
        admin, _ = admin_connection(admin_url)
    except Exception as error:  # any connection problem ends the bench with a clear message
        fail(f"PostgreSQL is needed ({admin_url}): {error}")
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{database_name}"')
    gunicorn = job_worker = None
    static_root = tempfile.mkdtemp(prefix="bench_static_")
    try:
        env = setup_environment(admin_url, database_name, static_root)
        import django

        django.setup()
        event, day, registrations, sessions = prepare_data()
        url = checkin_url(event, day)
        jobs_per_pair = [[] for _ in range(CLIENTS // 2)]
        for index, registration in enumerate(registrations):
            body = urllib.parse.urlencode({"registration": registration.pk})
            jobs_per_pair[index % len(jobs_per_pair)].append((registration.pk, url, body))
        port = free_port()
        gunicorn = start_gunicorn(env, port)
        job_worker = start_job_worker(env)
        pages = page_urls(event, day)
        results = []
        start_gate = threading.Barrier(CLIENTS + 1)
        deadline = time.monotonic() + DURATION_LIMIT
        # Two desks per list, same order: each person is checked in by two at once.
        desks = [
            Desk(port, sessions[n], jobs_per_pair[n // 2], results, start_gate, deadline, pages)
            for n in range(CLIENTS)
        ]
        for desk in desks:
            desk.start()
        start_gate.wait()
        started = time.monotonic()
        try:
            badges_status, _ = get(port, f"/reports/{event.slug}/badges.pdf", sessions[0])
        except OSError as error:  # queued behind the desks for longer than the timeout
            log(f"the badges request got no answer: {error}")
            badges_status = None
        total = 2 * len(registrations)
        while sum(1 for r in results if r[0] != "retry") < total // 3:
            time.sleep(0.05)
            if time.monotonic() > deadline:
                break
        victims = worker_pids(gunicorn.pid)
        killed_at = time.monotonic()
        if victims:
            os.kill(victims[0], signal.SIGKILL)
        for desk in desks:
            desk.join(timeout=DURATION_LIMIT + REQUEST_TIMEOUT)
        wall = time.monotonic() - started
        from jobs.models import Job, JobStatus

        job_deadline = time.monotonic() + 120
        while time.monotonic() < job_deadline:
            badges_job = Job.objects.filter(kind="reports.badges").first()
            if badges_job is None or badges_job.is_finished:
                break
            time.sleep(0.5)

        from django.db.models import Count

        from participants.models import Attendance

        per_registration = (
            Attendance.objects.filter(day=day)
            .values("registration")
            .annotate(n=Count("pk"))
            .values_list("n", flat=True)
        )
        duplicates = sum(n - 1 for n in per_registration if n > 1)
        present = set(Attendance.objects.filter(day=day).values_list("registration_id", flat=True))
        acknowledged = set().union(*(desk.acknowledged for desk in desks))
        # A check-in the server confirmed but did not keep would be lost data.
        lost = len(acknowledged - present)
        answered = [r for r in results if isinstance(r[0], int)]
        server_errors = sum(1 for r in answered if r[0] >= 500)
        bad = sorted({r[0] for r in answered if r[0] >= 400})
        if bad:
            print(f"bench_load: HTTP status codes >= 400 seen: {bad}", file=sys.stderr)
        latencies = sorted(r[2] * 1000 for r in answered if r[0] < 400)
        p95 = statistics.quantiles(latencies, n=100)[94] if len(latencies) >= 2 else 0.0
        after_kill = sum(1 for r in answered if r[1] > killed_at and r[0] < 400)
        retries = sum(1 for r in results if r[0] == "retry")
        gave_up = sum(1 for r in results if r[0] == "gave_up")
        print(
            f"bench_load: {url}; {len(answered)} answers in {wall:.1f} s; "
            f"worker {victims[:1]} killed; {retries} dropped connections retried.",
            file=sys.stderr,
        )
        figure("load: 5xx answers", server_errors, "responses", 0, "lower")
        figure("load: duplicate attendance rows", duplicates, "rows", 0, "lower")
        figure("load: confirmed check-ins lost", lost, "people", 0, "lower")
        figure(
            "load: people checked in within the time limit",
            len(present),
            "people",
            PEOPLE,
            "higher",
        )
        figure("load: check-ins given up after retries", gave_up, "requests", 0, "lower")
        figure("load: check-in p95 latency", round(p95, 1), "ms", 500, "lower")
        figure("load: throughput", round(len(answered) / wall, 1), "requests/s", 100, "higher")
        figure(
            "load: check-ins served after a worker was killed", after_kill, "requests", 1, "higher"
        )
        for name in pages:
            times = sorted(
                elapsed * 1000
                for desk in desks
                for page, status, elapsed in desk.page_results
                if page == name and status < 400
            )
            p95_page = statistics.quantiles(times, n=100)[94] if len(times) >= 2 else 0.0
            figure(f"load: {name} p95 latency", round(p95_page, 1), "ms", 500, "lower")
            figure(f"load: {name} views", len(times), "responses", 1, "higher")
        page_errors = sum(
            1 for desk in desks for _, status, _ in desk.page_results if status >= 500
        )
        figure("load: page views answered 5xx", page_errors, "responses", 0, "lower")
        figure("load: badges request status", badges_status, "HTTP status", 302, "lower")
        figure(
            "load: badges job of 1,000 done",
            int(badges_job is not None and badges_job.status == JobStatus.DONE),
            "jobs",
            1,
            "higher",
        )
        if stop_postgres:
            from django.db import connections

            connections.close_all()
            admin.close()
            desk_path = url.removesuffix("check-in/")
            database_outage(port, desk_path, sessions[0])
            admin, _ = admin_connection(admin_url)
        else:
            log("database outage phase skipped (run with --stop-postgres, as root, to include it)")
    finally:
        if job_worker is not None:
            job_worker.terminate()
            try:
                job_worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                job_worker.kill()
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=15)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        from django.db import connections

        connections.close_all()
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
        admin.close()
        import shutil

        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
