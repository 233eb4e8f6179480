"""The app's gettext catalogues (`locale/<language>/LC_MESSAGES/*.po`) and their compiled
`.mo` files.

The `.mo` files are build output, not kept in git: `make run`, `make test` and the test
suite's start compile the catalogues with polib, so no system gettext is needed to run the
app. (Extracting messages, `manage.py makemessages`, does need GNU gettext.)
"""

import os
from pathlib import Path

import polib
from django.conf import settings

# What `makemessages` does not read: the virtualenv, build output, and code whose strings
# never reach a user (tests, benchmarks, developer scripts).
IGNORED_PATHS = [
    ".venv",
    ".git",
    "staticfiles",
    "private_media",
    "test-results",
    "backups",
    "tests",
    "benchmarks",
    "scripts",
    "docs",
]


def catalogues(locale_dir=None):
    """Every `.po` file under the project's locale folder."""
    locale_dir = Path(locale_dir or settings.LOCALE_PATHS[0])
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def compile_catalogues(locale_dir=None, *, force=False):
    """Write the `.mo` beside each `.po` that is newer than it; the paths written.

    Fuzzy and untranslated entries are left out of the `.mo`, as msgfmt does, so they show
    in English rather than as a wrong guess."""
    written = []
    for po_path in catalogues(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        # Written beside, then moved into place: a process reading the catalogue meanwhile
        # (a running server, another test run) sees the old file or the new, never half.
        partial = mo_path.with_suffix(f".mo.{os.getpid()}")
        polib.pofile(str(po_path)).save_as_mofile(str(partial))
        os.replace(partial, mo_path)
        written.append(mo_path)
    return written
