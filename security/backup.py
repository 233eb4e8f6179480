"""One-archive backups: the database (PostgreSQL through pg_dump's custom format, which
carries the schema, every table including the audit history, and the sequences; SQLite
through its online backup API) plus the private media (factsheet files).

The archive (tar.gz, created with mode 0600: it holds personal data) contains
manifest.json, the database dump and media/..., each file with its SHA-256 in the manifest.
Restoring checks every checksum and that the target database is empty before writing.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connections

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PG_DUMP_NAME = "database.pgdump"
SQLITE_NAME = "database.sqlite3"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _engine_kind(engine):
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"Unsupported database engine for backups: {engine}")


def _pg_env_and_args(db):
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _media_files(media_root):
    media_root = Path(media_root)
    if not media_root.exists():
        return []
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def create_backup(output, *, using="default", media_root=None):
    """Write the archive to `output` (atomically: a partial archive never has the final
    name). Returns the manifest."""
    output = Path(output)
    media_root = Path(media_root or settings.PRIVATE_MEDIA_ROOT)
    connection = connections[using]
    db = connection.settings_dict
    kind = _engine_kind(db["ENGINE"])
    with tempfile.TemporaryDirectory() as workdir:
        workdir = Path(workdir)
        if kind == "postgresql":
            dump = workdir / PG_DUMP_NAME
            env, args = _pg_env_and_args(db)
            _run(
                [
                    settings.UPR_BACKUP_PG_DUMP,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(dump),
                    *args,
                    str(db["NAME"]),
                ],
                env,
            )
        else:
            dump = workdir / SQLITE_NAME
            connection.ensure_connection()
            target = sqlite3.connect(dump)
            try:
                # The online backup API gives a consistent copy while the app runs.
                connection.connection.backup(target)
            finally:
                target.close()
        media = {
            str(path.relative_to(media_root)): _sha256(path) for path in _media_files(media_root)
        }
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "engine": kind,
            "database_file": dump.name,
            "database_sha256": _sha256(dump),
            "media": media,
        }
        (workdir / MANIFEST).write_text(json.dumps(manifest, indent=2))
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            archive.add(workdir / MANIFEST, arcname=MANIFEST)
            archive.add(dump, arcname=dump.name)
            for relative in media:
                archive.add(media_root / relative, arcname=f"media/{relative}")
        os.replace(partial, output)
    return manifest


def _read_archive(archive_path, workdir):
    try:
        with tarfile.open(archive_path, mode="r:gz") as archive:
            archive.extractall(workdir, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"Cannot read the archive {archive_path}: {error}") from error
    try:
        manifest = json.loads((workdir / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError("The archive has no readable manifest.json.") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown archive format {manifest.get('format')!r}.")
    dump = workdir / manifest["database_file"]
    if not dump.exists() or _sha256(dump) != manifest["database_sha256"]:
        raise BackupError("The database dump in the archive is missing or damaged.")
    for relative, digest in manifest["media"].items():
        path = workdir / "media" / relative
        if not path.exists() or _sha256(path) != digest:
            raise BackupError(f"The media file {relative} in the archive is missing or damaged.")
    return manifest, dump


def _pg_table_count(db):
    import psycopg2

    try:
        with (
            psycopg2.connect(
                dbname=db["NAME"],
                user=db.get("USER") or None,
                password=db.get("PASSWORD") or None,
                host=db.get("HOST") or None,
                port=db.get("PORT") or None,
            ) as conn,
            conn.cursor() as cursor,
        ):
            cursor.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            )
            return cursor.fetchone()[0]
    except psycopg2.OperationalError as error:
        raise BackupError(
            f"Cannot connect to the target database {db['NAME']}: {error}".strip()
        ) from error


def _sqlite_table_count(path):
    if not Path(path).exists():
        return 0
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]


def _target_settings(database_url, using):
    if database_url:
        return dj_database_url.parse(database_url)
    return connections[using].settings_dict


def restore_backup(
    archive_path, *, database_url=None, using="default", media_root=None, force=False
):
    """Restore the archive into an empty database and the media folder. Everything is
    checked (checksums, empty target, no clashing media file) before anything is written.
    With force, a non-empty PostgreSQL database is cleaned first, an SQLite file is moved
    aside, and media files are overwritten. Returns the manifest."""
    media_root = Path(media_root or settings.PRIVATE_MEDIA_ROOT)
    db = _target_settings(database_url, using)
    kind = _engine_kind(db["ENGINE"])
    with tempfile.TemporaryDirectory() as workdir:
        workdir = Path(workdir)
        manifest, dump = _read_archive(archive_path, workdir)
        if manifest["engine"] != kind:
            raise BackupError(
                f"The archive holds a {manifest['engine']} database; the target is {kind}."
            )
        non_empty = _pg_table_count(db) if kind == "postgresql" else _sqlite_table_count(db["NAME"])
        if non_empty and not force:
            raise BackupError(
                f"The target database {db['NAME']} is not empty ({non_empty} tables). Restore "
                "into a new, empty database, or pass --force to replace its content."
            )
        clashes = [
            relative
            for relative, digest in manifest["media"].items()
            if (media_root / relative).exists() and _sha256(media_root / relative) != digest
        ]
        if clashes and not force:
            raise BackupError(
                f"{len(clashes)} media files already exist with other content (first: "
                f"{clashes[0]}). Restore into an empty media folder, or pass --force."
            )
        if kind == "postgresql":
            env, args = _pg_env_and_args(db)
            clean = ["--clean", "--if-exists"] if non_empty else []
            _run(
                [
                    settings.UPR_BACKUP_PG_RESTORE,
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    *clean,
                    *args,
                    "--dbname",
                    str(db["NAME"]),
                    str(dump),
                ],
                env,
            )
        else:
            target = Path(db["NAME"])
            if target.exists() and non_empty:
                stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
                target.rename(target.with_name(f"{target.name}.before-restore-{stamp}"))
            source = sqlite3.connect(dump)
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
            finally:
                source.close()
                destination.close()
            os.chmod(target, 0o600)
        for relative in manifest["media"]:
            destination = media_root / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(workdir / "media" / relative, destination)
            os.chmod(destination, settings.FILE_UPLOAD_PERMISSIONS or 0o640)
    return manifest
