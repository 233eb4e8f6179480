import sqlite3

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from factsheets.models import FactsheetFile
from tests import factories

FILE_BYTES = b"%PDF-1.7\n fictitious factsheet \x00\x01\x02 bytes\n%%EOF\n"


def _some_data():
    attendance = factories.AttendanceFactory()
    factsheet = factories.FactsheetFactory(event=attendance.registration.event)
    factories.DistributionFactory(factsheet=factsheet)
    factories.TestimonyFactory()
    person = attendance.registration.person
    person.position = "Edited to make a history row"
    person.save()
    stored = FactsheetFile(
        factsheet=factsheet,
        version=1,
        original_name="land.pdf",
        content_type="application/pdf",
        size=len(FILE_BYTES),
    )
    stored.file.save("ignored.pdf", ContentFile(FILE_BYTES), save=True)
    return stored


def _row_counts(cursor, tables):
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump round trip: PostgreSQL only")
def test_backup_round_trip_postgresql(tmp_path, private_storage):
    stored = _some_data()
    archive = tmp_path / "backup.tar.gz"
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        source_counts = _row_counts(cursor, tables)
    db = connection.settings_dict
    target_name = f"{db['NAME']}_restore"
    admin = psycopg2.connect(
        dbname="postgres",
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"],
        port=db["PORT"] or None,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{target_name}"')
        cursor.execute(f'CREATE DATABASE "{target_name}"')
    restored_media = tmp_path / "restored_media"
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{target_name}"
    try:
        call_command("backup", "--output", str(archive))
        call_command(
            "restore", str(archive), "--database-url", url, "--media-root", str(restored_media)
        )

        target = psycopg2.connect(
            dbname=target_name,
            user=db["USER"],
            password=db["PASSWORD"] or None,
            host=db["HOST"],
            port=db["PORT"] or None,
        )
        with target, target.cursor() as cursor:
            restored_counts = _row_counts(cursor, tables)
            # Sequences come back too: the next person gets a new id, not a clash.
            cursor.execute("SELECT max(id) FROM participants_person")
            max_id = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(pg_get_serial_sequence('participants_person', 'id'))")
            next_id = cursor.fetchone()[0]
        target.close()
        with pytest.raises(CommandError, match="is not empty"):
            call_command(
                "restore", str(archive), "--database-url", url, "--media-root", str(restored_media)
            )
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')
        admin.close()

    assert restored_counts == source_counts
    assert restored_counts["participants_historicalperson"] >= 2
    assert restored_counts["axes_accessattempt"] == source_counts["axes_accessattempt"]
    assert next_id > max_id
    assert (restored_media / stored.file.name).read_bytes() == FILE_BYTES
    assert archive.stat().st_mode & 0o077 == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite backup API: SQLite only")
def test_backup_round_trip_sqlite(tmp_path, private_storage):
    stored = _some_data()
    archive = tmp_path / "backup.tar.gz"
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        source_counts = _row_counts(cursor, tables)
    target = tmp_path / "restored.sqlite3"
    restored_media = tmp_path / "restored_media"

    call_command("backup", "--output", str(archive))
    call_command(
        "restore",
        str(archive),
        "--database-url",
        f"sqlite:///{target}",
        "--media-root",
        str(restored_media),
    )

    with sqlite3.connect(target) as restored:
        assert _row_counts(restored.cursor(), tables) == source_counts
    assert (restored_media / stored.file.name).read_bytes() == FILE_BYTES


@pytest.mark.django_db
def test_restore_refuses_a_damaged_archive(tmp_path, private_storage):
    archive = tmp_path / "broken.tar.gz"
    archive.write_bytes(b"not an archive")

    with pytest.raises(CommandError, match="Cannot read the archive"):
        call_command("restore", str(archive), "--database-url", f"sqlite:///{tmp_path / 'x.db'}")

    assert not (tmp_path / "x.db").exists()
