"""Two or more requests at the same moment: each worker in its own thread (its own database
connection), released together. Only PostgreSQL lets two transactions race."""

import threading

import pytest
from django.db import connection, connections

POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write, so two transactions cannot race; "
    "run with DATABASE_URL pointing at PostgreSQL",
)
# The marks of a module of race tests: real transactions (serialised rollback, so that the
# next test finds the reference data back), on PostgreSQL only.
RACE_MARKS = [pytest.mark.django_db(transaction=True, serialized_rollback=True), POSTGRES_ONLY]


def race(workers, *, timeout=60):
    """Run the callables `workers` at once; returns their results and the errors they
    raised, in no particular order."""
    barrier = threading.Barrier(len(workers))
    results, errors = [], []

    def run(worker):
        try:
            barrier.wait(timeout=10)
            results.append(worker())
        except Exception as error:  # any error is what the test looks for
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors
