"""Reading uploaded spreadsheets, previewing an import and confirming it.

The flow of the organiser-facing import page:

1. `store_upload` checks the upload (size, type, encoding, headers), keeps a private copy
   and returns a token for the session;
2. `preview_import` runs the import as a dry run in a transaction that is rolled back and
   turns the result into one line per row (new / update / skip / error, with row number,
   column and message);
3. `confirm_import` reads the stored copy again, re-validates it and writes everything in
   one transaction, or nothing at all when any row is wrong.

Reading is deliberately strict: a file we cannot read exactly is refused with a message
naming the row, column and problem, so no half-read sheet reaches the database. The one
guess is a CSV's text encoding when it is neither UTF-8 nor UTF-16 (see `_decode_csv`):
the preview then says which encoding was used and shows the names as they will be
stored. Limits (settings, with defaults): IMPORT_MAX_ROWS, IMPORT_MAX_CELL_CHARS (and each
column's own max_length), IMPORT_XLSX_MAX_MEMBER_BYTES and IMPORT_XLSX_MAX_TOTAL_BYTES
(uncompressed sizes, checked before an XLSX is parsed).
"""

import codecs
import contextlib
import csv
import datetime
import io
import os
import uuid
import zipfile
from dataclasses import dataclass, field

import puremagic
import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext, npgettext
from import_export.formats import base_formats
from import_export.results import RowResult

from accounts.figures import megabytes

from .resources.base import describe_database_error

CSV_EXTENSION = "csv"
XLSX_EXTENSION = "xlsx"
IMPORT_EXTENSIONS = (CSV_EXTENSION, XLSX_EXTENSION)

# Reading an XLSX stops after this many blank rows in a row: sheets often carry hundreds of
# thousands of formatted but empty rows, and reading them all would take minutes.
BLANK_ROWS_END_OF_SHEET = 1000

STORAGE_FOLDER = "imports"


class ImportFileError(Exception):
    """The upload cannot be read as a table; the message says why, for the organiser."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """A sheet as read from the file: canonical headers, rows and their line numbers."""

    dataset: tablib.Dataset
    line_numbers: list
    notes: list = field(default_factory=list)


def max_upload_bytes():
    return getattr(settings, "UPLOAD_MAX_BYTES", 10 * 1024 * 1024)


def max_upload_megabytes():
    """The upload limit as a page says it, in the active language: "10", "2,5"."""
    return megabytes(max_upload_bytes(), decimal_pos=None)


def max_import_rows():
    return getattr(settings, "IMPORT_MAX_ROWS", 50_000)


def file_extension(filename):
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def check_upload_size(size):
    """Refuse a file over settings.UPLOAD_MAX_BYTES before anything reads it."""
    limit = max_upload_bytes()
    if size > limit:
        raise ImportFileError(
            _("The file is too large (%(size)s MB). The limit is %(limit)s MB.")
            % {"size": megabytes(size), "limit": megabytes(limit, decimal_pos=None)}
        )


def _check_size(content):
    check_upload_size(len(content))


def _describe_binary(content):
    try:
        return puremagic.from_string(content[:4096], filename=False)
    except (puremagic.PureError, ValueError):
        return ""


def max_cell_chars():
    return getattr(settings, "IMPORT_MAX_CELL_CHARS", 2000)


def max_xlsx_member_bytes():
    return getattr(settings, "IMPORT_XLSX_MAX_MEMBER_BYTES", 100 * 1024 * 1024)


def max_xlsx_total_bytes():
    return getattr(settings, "IMPORT_XLSX_MAX_TOTAL_BYTES", 200 * 1024 * 1024)


SAVE_AS_UTF8 = _lazy(
    "Save it from your spreadsheet as “CSV UTF-8” (or “Unicode text”) and upload it again."
)

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _utf16_without_bom(content):
    """'utf-16-le' or 'utf-16-be' when the start of `content` reads as text in it (zero
    bytes, as UTF-16 has for every Latin letter, and no control characters), else None."""
    sample = content[:8192]
    if b"\x00" not in sample or len(sample) < 4:
        return None
    sample = sample[: len(sample) // 2 * 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        text = sample.decode(encoding, errors="replace")
        if "\ufffd" in text[:-1] or not text.strip():
            continue
        if all(char.isprintable() or char in "\t\r\n" for char in text[:-1]):
            return encoding
    return None


def _decode_csv(content):
    """Decode CSV bytes, returning (text, note) where the note says which encoding was
    guessed, or None when the file said it itself.

    What is accepted, and why:
    - UTF-8, with or without a byte order mark (Excel's "CSV UTF-8", LibreOffice, Google
      Sheets): read as is.
    - UTF-16, little or big endian, with or without a byte order mark (Excel's "Unicode
      text", which is tab-separated): read as is.
    - Anything else is detected with charset-normalizer (Windows-1252 from an older Excel,
      Windows-1251 Cyrillic, Shift-JIS, Windows-874 Thai, ...). It is accepted only when
      the detector is confident, and then the preview says which encoding was used and
      shows the names as they will be stored, so the organiser can see mojibake before
      confirming. A file the detector cannot read with confidence is refused with a
      message asking for "CSV UTF-8".
    """
    encoding = "utf-16" if content.startswith(UTF16_BOMS) else _utf16_without_bom(content)
    if encoding:
        try:
            return content.decode(encoding).lstrip("\ufeff"), None
        except UnicodeDecodeError as error:
            raise ImportFileError(
                _("The file looks like UTF-16 but is not valid UTF-16 (byte %(position)s). ")
                % {"position": error.start + 1}
                + str(SAVE_AS_UTF8)
            ) from error
    try:
        return content.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(content, threshold=CHAOS_THRESHOLD).best()
    encoding = best.encoding if best is not None else None
    if encoding is not None and _is_latin_single_byte(encoding):
        # The detector cannot tell the Latin code pages apart on a few names; Windows-1252
        # is what a Western Excel writes, so it is the one reading tried.
        encoding = "cp1252"
    try:
        text = content.decode(encoding) if encoding else None
    except (UnicodeDecodeError, LookupError):
        text = None
    if text is None or encoding in {"utf_8", "utf_16", "utf_32", "ascii"}:
        raise ImportFileError(
            _("The file's text encoding could not be recognised. ") + str(SAVE_AS_UTF8)
        )
    note = _(
        "This file is not in UTF-8; it was read as %(encoding)s. Check that the names below "
        "read correctly before confirming; if they do not, save the file as “CSV UTF-8”."
    ) % {"encoding": ENCODING_NAMES.get(encoding, encoding)}
    return text, note


def _is_latin_single_byte(encoding):
    return encoding in LATIN_SINGLE_BYTE


LATIN_SINGLE_BYTE = {
    *("cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "mac_roman", "mac_latin2"),
    *("cp437", "cp850", "cp852", "cp858", "cp860", "cp861", "cp863", "cp865"),
    *(f"iso8859_{part}" for part in (1, 2, 3, 4, 9, 10, 13, 14, 15, 16)),
}


# How much "chaos" (unlikely character sequences) charset-normalizer may see in its best
# reading before we call the encoding unknown; its own default is 0.2.
CHAOS_THRESHOLD = 0.1

ENCODING_NAMES = {
    "cp1252": "Windows-1252 (Western European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp874": "Windows-874 (Thai)",
    "shift_jis": "Shift-JIS (Japanese)",
    "cp932": "Shift-JIS (Japanese)",
}


def _sniff_delimiter(text):
    first_line = text[:4096].splitlines()[0] if text.strip() else ""
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _read_csv(content, notes=None):
    if content.startswith(UTF16_BOMS) or _utf16_without_bom(content):
        pass
    elif b"\x00" in content[:8192] or content.startswith(b"%PDF"):
        kind = _describe_binary(content) or _("binary")
        raise ImportFileError(
            _(
                "This file is not a CSV spreadsheet (it looks like a %(kind)s file). "
                "Upload a .csv or .xlsx file."
            )
            % {"kind": kind.lstrip(".").upper()}
        )
    text, note = _decode_csv(content)
    if note and notes is not None:
        notes.append(note)
    # Only the delimiter is sniffed: quoting is always the one Excel, LibreOffice and
    # Google Sheets write (a quote inside a quoted cell is doubled), which the sniffer
    # gets wrong when the first line has no quotes. strict: an unclosed quote is an error,
    # not a cell that swallows the rest of the file.
    reader = csv.reader(
        io.StringIO(text, newline=""), csv.excel, delimiter=_sniff_delimiter(text), strict=True
    )
    started_at = 1
    try:
        for values in reader:
            yield started_at, values
            started_at = reader.line_num + 1
    except csv.Error as error:
        if "end of data" in str(error) or "EOF" in str(error):
            raise ImportFileError(
                _(
                    "The CSV file has a quotation mark that is never closed, in the row that "
                    "starts on line %(line)s. Check that row's quotes, or save the file again "
                    "from your spreadsheet."
                )
                % {"line": started_at}
            ) from error
        raise ImportFileError(
            _("The CSV file is malformed in the row that starts on line %(line)s: %(error)s")
            % {"line": started_at, "error": error}
        ) from error


def _check_xlsx_archive(content):
    """Refuse an XLSX whose members would unpack to more than the limits allow (a "zip
    bomb") before any XML parser sees it. zipfile stops reading a member at its declared
    size and refuses it (bad CRC) if the data goes on, so the declared sizes checked here
    also hold for a central directory that lies."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportFileError(
            _("This XLSX file could not be opened. Save it again from your spreadsheet.")
        ) from error
    oversized = oversized_member(archive)
    if oversized is not None:
        info, limit = oversized
        raise ImportFileError(
            _(
                "This XLSX file unpacks to more than %(limit)s MB (%(member)s alone is "
                "%(size)s MB), more than a sheet within the row limit needs. Save it "
                "again from your spreadsheet, or split it into smaller files."
            )
            % {
                "limit": megabytes(limit, decimal_pos=None),
                "member": info.filename,
                "size": megabytes(info.file_size),
            }
        )


def oversized_member(archive):
    """`(ZipInfo, limit in bytes)` of the first member of the `zipfile.ZipFile` `archive`
    (an XLSX, a DOCX) past IMPORT_XLSX_MAX_MEMBER_BYTES, or at which the members together
    pass IMPORT_XLSX_MAX_TOTAL_BYTES; None when it unpacks within the limits."""
    member_limit, total_limit = max_xlsx_member_bytes(), max_xlsx_total_bytes()
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > member_limit or total > total_limit:
            return info, member_limit if info.file_size > member_limit else total_limit
    return None


def _xlsx_value(value):
    # Dates typed in a sheet arrive as datetimes; keep a bare date when there is no time.
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0, 0):
        return value.date()
    return value


def _read_xlsx(content, notes):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not content.startswith(b"PK"):
        kind = _describe_binary(content) or _("unknown")
        raise ImportFileError(
            _(
                "This file is not an XLSX spreadsheet (it looks like a %(kind)s file). "
                "Upload a .csv or .xlsx file."
            )
            % {"kind": kind.lstrip(".").upper()}
        )
    _check_xlsx_archive(content)
    try:
        # data_only=False: a formula comes in as its text and is never evaluated.
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(
            _("This XLSX file could not be opened. Save it again from your spreadsheet.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        blank_run = 0
        for line_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if all(value is None or value == "" for value in values):
                blank_run += 1
                if blank_run >= BLANK_ROWS_END_OF_SHEET:
                    notes.append(
                        _(
                            "Reading stopped at line %(line)s after %(count)s blank rows; "
                            "anything below them was not read."
                        )
                        % {"line": line_number, "count": BLANK_ROWS_END_OF_SHEET}
                    )
                    return
                continue
            blank_run = 0
            yield line_number, [_xlsx_value(value) for value in values]
    finally:
        workbook.close()


def _is_blank(row):
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in row)


# Cells over their limit named in one refusal; more would only bury the message.
TOO_LONG_SHOWN = 10


def _cell_limits(resource, headers):
    """Most characters each column may hold: the column's own limit (its model field's
    max_length) where it has one, else settings.IMPORT_MAX_CELL_CHARS, so that no cell
    longer than the database column reaches the database (SQLite would store it,
    PostgreSQL would fail)."""
    general = max_cell_chars()
    own = resource.column_max_lengths()
    return [min(own.get(header, general), general) for header in headers]


def _too_long_cells(line_number, headers, values, limits):
    problems = []
    for header, value, limit in zip(headers, values, limits, strict=False):
        if isinstance(value, str) and len(value.strip()) > limit:
            problems.append(
                ngettext(
                    "Row %(row)s, column %(column)s: %(count)s character, at most %(limit)s.",
                    "Row %(row)s, column %(column)s: %(count)s characters, at most %(limit)s.",
                    len(value.strip()),
                )
                % {
                    "row": line_number,
                    "column": header,
                    "count": number_format(len(value.strip()), force_grouping=True),
                    "limit": number_format(limit, force_grouping=True),
                }
            )
    return problems


def read_table(content, filename, resource):
    """Read an uploaded CSV/XLSX into a `Table` whose headers are `resource`'s columns.

    Raises ImportFileError with a message for the organiser when the file is too big,
    empty, not a spreadsheet, in an unknown encoding, or has wrong headers.
    """
    _check_size(content)
    if not content.strip():
        raise ImportFileError(_("The file is empty."))
    extension = file_extension(filename)
    if extension not in IMPORT_EXTENSIONS:
        raise ImportFileError(
            _("Only .csv and .xlsx files can be imported (this file is “.%(extension)s”).")
            % {"extension": extension}
        )

    notes = []
    rows = _read_csv(content, notes) if extension == CSV_EXTENSION else _read_xlsx(content, notes)
    header_row = None
    for _line, values in rows:
        if not _is_blank(values):
            header_row = values
            break
    if header_row is None:
        raise ImportFileError(_("The file is empty."))
    headers = resource.canonical_headers(header_row)

    dataset = tablib.Dataset(headers=headers)
    line_numbers = []
    width = len(headers)
    row_limit = max_import_rows()
    cell_limits = _cell_limits(resource, headers)
    header_labels = resource.column_labels(headers)
    too_long = []
    for line_number, values in rows:
        if _is_blank(values):
            continue
        values = list(values[:width]) + [None] * (width - len(values))
        if len(too_long) < TOO_LONG_SHOWN:
            too_long.extend(_too_long_cells(line_number, header_labels, values, cell_limits))
        dataset.append(values)
        line_numbers.append(line_number)
        if len(line_numbers) > row_limit:
            raise ImportFileError(
                _("The file has more than %(limit)s rows. Split it into smaller files.")
                % {"limit": row_limit}
            )
    if not line_numbers:
        raise ImportFileError(_("The file has a header row but no data rows."))
    if too_long:
        raise ImportFileError(
            " ".join(too_long[:TOO_LONG_SHOWN])
            + " "
            + _("Shorten these cells and upload the file again.")
        )
    for position, header in enumerate(headers):
        if header.startswith("__blank_") and any(
            not _is_blank([values[position]]) for values in dataset
        ):
            raise ImportFileError(
                _("Column %(position)s has values but no header. Name it or delete it.")
                % {"position": position + 1}
            )
    return Table(dataset=dataset, line_numbers=line_numbers, notes=notes)


# Preview -------------------------------------------------------------------------------

STATUS_LABELS = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "update",
    RowResult.IMPORT_TYPE_SKIP: "skip",
    RowResult.IMPORT_TYPE_INVALID: "error",
    RowResult.IMPORT_TYPE_ERROR: "error",
}


@dataclass
class RowError:
    column: str
    message: str


@dataclass
class PreviewRow:
    line: int
    status: str
    summary: str
    errors: list = field(default_factory=list)
    # Values read as something else than written: (column, cell, stored label).
    interpretations: list = field(default_factory=list)
    # What the row does beyond its own record ("removes the check-in of ..."), in words.
    changes: list = field(default_factory=list)


@dataclass
class ImportOutcome:
    """What an import did (or, for a preview, would do)."""

    rows: list
    general_errors: list
    notes: list
    totals: dict
    written: bool = False

    @property
    def error_rows(self):
        return [row for row in self.rows if row.status == "error"]

    @property
    def is_valid(self):
        return not self.general_errors and not self.error_rows

    @property
    def interpreted_count(self):
        return sum(len(row.interpretations) for row in self.rows)

    @property
    def has_changes(self):
        return bool(self.totals.get("new") or self.totals.get("update"))


def _column_label(resource, key):
    if key == NON_FIELD_ERRORS:
        return ""
    column = resource.column_for_attribute(key)
    return resource.column_label(column or key)


def _outcome(resource, table, result, *, written):
    rows = []
    invalid_by_number = {invalid.number: invalid for invalid in result.invalid_rows}
    errors_by_number = dict(result.row_errors())
    totals = {"new": 0, "update": 0, "skip": 0, "error": 0}
    interpretations_by_line = {}
    for line, column, cell, label in getattr(resource, "interpretations", []):
        interpretations_by_line.setdefault(line, []).append(
            (resource.column_label(column), cell, label)
        )
    for number, row_result in enumerate(result.rows, start=1):
        line = table.line_numbers[number - 1]
        status = STATUS_LABELS.get(row_result.import_type, "error")
        errors = []
        invalid = invalid_by_number.get(number)
        if invalid is not None:
            for key, messages in invalid.error_dict.items():
                errors.extend(RowError(_column_label(resource, key), m) for m in messages)
        for error in errors_by_number.get(number, []):
            errors.append(RowError("", resource.describe_error(error.error)))
        if errors:
            status = "error"
        totals[status] += 1
        rows.append(
            PreviewRow(
                line=line,
                status=status,
                summary=resource.row_summary(
                    dict(zip(table.dataset.headers, table.dataset[number - 1], strict=False))
                ),
                errors=errors,
                interpretations=interpretations_by_line.get(line, []),
                changes=resource.row_changes.get(line, []) if status != "error" else [],
            )
        )
    general_errors = [resource.describe_error(error.error) for error in result.base_errors]
    return ImportOutcome(
        rows=rows,
        general_errors=general_errors,
        notes=[*table.notes, *resource.import_notes],
        totals=totals,
        written=written,
    )


def run_import(resource, table, *, dry_run, user=None):
    """Run `resource` over `table`: a rolled-back dry run, or a real all-or-nothing import.

    Side effects (only when `dry_run` is false and every row is valid): the rows are
    written in a single transaction. Any error rolls the whole import back.
    """
    resource.line_numbers = table.line_numbers
    try:
        with transaction.atomic():
            result = resource.import_data(
                table.dataset,
                dry_run=dry_run,
                use_transactions=True,
                rollback_on_validation_errors=True,
                report_skipped=True,
                user=user,
            )
            outcome = _outcome(resource, table, result, written=False)
            if dry_run or not outcome.is_valid:
                transaction.set_rollback(True)
            else:
                outcome.written = True
    except DatabaseError as error:
        # Raised outside the library's per-row handling (while writing the rows it had
        # collected, or when closing the transaction): everything is rolled back.
        return ImportOutcome(
            rows=[],
            general_errors=[
                _("Nothing was imported. %(problem)s") % {"problem": describe_database_error(error)}
            ],
            notes=[],
            totals={},
        )
    return outcome


# Stored uploads ----------------------------------------------------------------------

SESSION_KEY = "pending_imports"


@dataclass
class PendingImport:
    """An upload waiting for its confirmation, bound to the team (and event) it goes into
    and to the user who sent it: any other team, event or user gets no preview of it."""

    token: str
    kind: str
    filename: str
    team_id: int
    user_id: int
    event_id: int | None

    @property
    def path(self):
        # One folder per team: anonymising someone removes their team's pending files.
        # The name's extension only where it is a plain word (a name is the sender's).
        extension = file_extension(self.filename)
        if not (extension.isascii() and extension.isalnum() and len(extension) <= 8):
            extension = "upload"
        return f"{team_folder(self.team_id)}/{self.token}.{extension}"


def team_folder(team_id):
    return f"{STORAGE_FOLDER}/{team_id}"


class UploadExpired(Exception):
    """The session still names the upload, but its stored copy is gone: removed after the
    retention period, or because someone of the team was anonymised."""


def store_upload(
    session, *, kind, uploaded_file, team_id, user_id, event_id=None, extensions=IMPORT_EXTENSIONS
):
    """Keep a private copy of `uploaded_file` and remember it in the user's session.

    Side effects: writes the file under the private media root and records its token in
    `session`. The copy is what `confirm_import` reads, so the confirmation never trusts
    anything the browser sends back except the token. `extensions=None` accepts any name,
    for importers that recognise a file from its content (and checked it before).
    """
    extension = file_extension(uploaded_file.name)
    check_upload_size(uploaded_file.size)
    if extensions is not None and extension not in extensions:
        raise ImportFileError(
            _("Only .csv and .xlsx files can be imported (this file is “.%(extension)s”).")
            % {"extension": extension}
        )
    remove_stale_uploads()
    pending = PendingImport(
        token=uuid.uuid4().hex,
        kind=kind,
        filename=uploaded_file.name[-200:],
        team_id=team_id,
        user_id=user_id,
        event_id=event_id,
    )
    default_storage.save(pending.path, ContentFile(uploaded_file.read()))
    pending_imports = session.get(SESSION_KEY, {})
    pending_imports[pending.token] = {
        "kind": kind,
        "filename": pending.filename,
        "team_id": team_id,
        "user_id": user_id,
        "event_id": event_id,
    }
    session[SESSION_KEY] = pending_imports
    return pending


def _stored_files(folder=STORAGE_FOLDER):
    """Paths of the stored uploads under `folder`, its team folders included."""
    try:
        folders, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        yield f"{folder}/{name}"
    for subfolder in folders:
        yield from _stored_files(f"{folder}/{subfolder}")


def remove_stale_uploads():
    """Uploads nobody confirmed or cancelled hold names and e-mails: they are deleted once
    older than UPR_IMPORT_RETENTION_HOURS (at the next upload and by the retention
    command). Side effects: files removed from the private media root."""
    hours = settings.UPR_IMPORT_RETENTION_HOURS
    cutoff = timezone.now() - datetime.timedelta(hours=hours)
    for path in list(_stored_files()):
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except FileNotFoundError:
            continue


def remove_team_uploads(team_id):
    """Delete every pending upload of the team `team_id`, confirmed or not yet: called when
    someone of the team is anonymised, whose name may be in one. Returns how many files
    were removed. Side effects: files removed from the private media root."""
    removed = 0
    for path in list(_stored_files(team_folder(team_id))):
        default_storage.delete(path)
        removed += 1
    return removed


def load_pending(session, token, *, kind, team_id, user_id, event_id=None):
    """The upload `token` of this session, for this kind of import into this team (and
    event) by this user, or None. Raises UploadExpired (and forgets the token) when the
    stored copy is gone and nobody is confirming it."""
    entry = session.get(SESSION_KEY, {}).get(token)
    expected = {"kind": kind, "team_id": team_id, "user_id": user_id, "event_id": event_id}
    if not entry or any(entry.get(key) != value for key, value in expected.items()):
        return None
    pending = PendingImport(token=token, **entry)
    if not default_storage.exists(pending.path):
        if default_storage.exists(f"{pending.path}.claimed"):
            return None  # another request is confirming it
        forget_pending(session, pending)
        raise UploadExpired(token)
    return pending


def _give_back(claimed_path, path):
    # Gone meanwhile when someone of the team was anonymised: nothing to give back.
    with contextlib.suppress(FileNotFoundError):
        os.rename(default_storage.path(claimed_path), default_storage.path(path))


def confirm_pending(pending, *, resource, user):
    """Write the stored upload `pending` with `resource`, once: the outcome, or None when
    another confirmation of the same upload has claimed it (a double click). Side effects:
    the rows written in one transaction (`run_import`); file renamed or removed
    (`run_once`)."""

    def write(content):
        try:
            table = read_table(content, pending.filename, resource)
        except ImportFileError as error:
            outcome = ImportOutcome(rows=[], general_errors=[error.message], notes=[], totals={})
        else:
            outcome = run_import(resource, table, dry_run=False, user=user)
        return outcome, outcome.written

    return run_once(pending, write)


def run_once(pending, write):
    """Run `write(content)` on the stored copy of `pending`, once, and return its result;
    None when another confirmation of the same upload has claimed it (a double click).
    `write` returns `(result, written)`.

    The stored copy is claimed by renaming it, which only one request can do; the copy is
    given back when nothing was written (so the user can fix and retry) and deleted once
    written. Side effects: `write`'s; file renamed or removed.
    """
    claimed_path = f"{pending.path}.claimed"
    try:
        os.rename(default_storage.path(pending.path), default_storage.path(claimed_path))
    except FileNotFoundError:
        return None
    try:
        with default_storage.open(claimed_path, "rb") as stored:
            content = stored.read()
        result, written = write(content)
    except BaseException:
        _give_back(claimed_path, pending.path)
        raise
    if written:
        default_storage.delete(claimed_path)
    else:
        _give_back(claimed_path, pending.path)
    return result


def read_pending(pending):
    with default_storage.open(pending.path, "rb") as stored:
        return stored.read()


def discard_pending(session, pending):
    """Delete the stored copy and forget it. Side effects: file removed, session updated."""
    default_storage.delete(pending.path)
    forget_pending(session, pending)


def forget_pending(session, pending):
    """Drop `pending` from the session (its file is gone, or a job owns it now)."""
    pending_imports = session.get(SESSION_KEY, {})
    pending_imports.pop(pending.token, None)
    session[SESSION_KEY] = pending_imports


def summarise(outcome):
    """One sentence for the messages framework after a confirmed import: each count with
    its own plural, agreeing with the rows it counts ("1 nouvelle, 2 mises à jour")."""
    totals = outcome.totals
    parts = {
        "new": npgettext("rows imported", "%(count)s new", "%(count)s new", totals["new"]),
        "update": npgettext(
            "rows imported", "%(count)s updated", "%(count)s updated", totals["update"]
        ),
        "skip": npgettext(
            "rows imported", "%(count)s unchanged", "%(count)s unchanged", totals["skip"]
        ),
    }
    return ngettext(
        "%(count)s row imported: %(new)s, %(update)s, %(skip)s.",
        "%(count)s rows imported: %(new)s, %(update)s, %(skip)s.",
        len(outcome.rows),
    ) % {
        "count": len(outcome.rows),
        **{key: text % {"count": totals[key]} for key, text in parts.items()},
    }


# Formats for the Django admin's import (django-import-export), reading like the app page:
# strict decoding, formulas as text, blank rows skipped.


def _raw_dataset(rows):
    dataset = tablib.Dataset()
    for _line, values in rows:
        if _is_blank(values):
            continue
        if dataset.headers is None:
            dataset.headers = [cell if cell is not None else "" for cell in values]
            continue
        width = len(dataset.headers)
        dataset.append(list(values[:width]) + [None] * (width - len(values)))
    return dataset


class AdminCSV(base_formats.CSV):
    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        _check_size(in_stream)
        return _raw_dataset(_read_csv(in_stream))


class AdminXLSX(base_formats.XLSX):
    def create_dataset(self, in_stream):
        _check_size(in_stream)
        return _raw_dataset(_read_xlsx(in_stream, []))


ADMIN_IMPORT_FORMATS = [AdminCSV, AdminXLSX]
