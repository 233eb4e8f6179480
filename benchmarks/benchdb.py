"""A throwaway database for a benchmark script (run after `django.setup()`).

    from benchdb import throwaway_database

    with throwaway_database("bench_desk") as vendor:  # "SQLite" or "PostgreSQL"
        ...

SQLite: a temporary file. PostgreSQL (DATABASE_URL names one): a new database on the same
server, named after the script and the process, so that two people benchmarking on one
server never drop each other's. Migrated on entry, dropped on exit, whatever happens.
"""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection


@contextmanager
def throwaway_database(name):
    database = settings.DATABASES["default"]
    vendor = "PostgreSQL" if "postgresql" in database["ENGINE"] else "SQLite"
    if vendor == "SQLite":
        handle, path = tempfile.mkstemp(suffix=".sqlite3")
        os.close(handle)
        database["TEST"]["NAME"] = path
    else:
        database["TEST"]["NAME"] = f"{name}_{os.getpid()}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield vendor
    finally:
        connection.creation.destroy_test_db(database["NAME"], verbosity=0)
        if vendor == "SQLite":
            Path(database["TEST"]["NAME"]).unlink(missing_ok=True)
