import os
import threading
import time

from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from jobs.services import HEARTBEAT_SECONDS, beat, delete_expired_jobs

CLEANUP_SECONDS = 3600
WORKER_NICENESS = 10


def _heartbeat(name, stop):
    last_cleanup = 0.0
    while not stop.is_set():
        close_old_connections()
        beat(name=name)
        if time.monotonic() - last_cleanup > CLEANUP_SECONDS:
            delete_expired_jobs()
            last_cleanup = time.monotonic()
        stop.wait(HEARTBEAT_SECONDS)


class Command(DbWorkerCommand):
    help = (
        "Run the job worker (django-tasks database worker) and tell the app it is there: "
        "a heartbeat every few seconds, and expired job results removed every hour. "
        "Takes the options of db_worker (--batch to run what is queued and stop)."
    )

    def handle(self, *args, **options):
        # Below the web workers: a PDF of 1,000 badges must not slow the pages down.
        os.nice(WORKER_NICENESS)
        name = options.get("worker_id") or f"worker-{threading.get_native_id()}"
        stop = threading.Event()
        if not options.get("batch"):
            threading.Thread(target=_heartbeat, args=(name, stop), daemon=True).start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
