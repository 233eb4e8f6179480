"""Reading uploaded files: quoting as spreadsheets write it, encodings, cell limits, XLSX
archives that unpack to far more than they weigh."""

import io
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

from participants.importing import (
    ImportFileError,
    check_upload_size,
    max_upload_megabytes,
    read_table,
    run_import,
)
from participants.models import Organisation, Person, Registration
from participants.resources import ParticipantResource
from participants.resources.widgets import TextWidget
from tests.factories import EventFactory

FILES = Path(__file__).parent / "files"
HEADER = "Given name,Family name,Gender,Organisation,Position\n"


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read(content, name="people.csv"):
    return read_table(content, name, ParticipantResource(event=EventFactory()))


def nothing_written():
    return (Person.objects.count(), Organisation.objects.count(), Registration.objects.count())


# Quoting as Excel, LibreOffice and Google Sheets write it ----------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "excel_utf8_bom.csv",
        "excel_cp1252_semicolon.csv",
        "libreoffice_utf8.csv",
        "google_sheets.csv",
        "excel_unicode_text.csv",
    ],
    ids=[
        "excel-utf8-bom-crlf",
        "excel-cp1252-semicolon",
        "libreoffice",
        "google-sheets",
        "excel-unicode-text-utf16-tab",
    ],
)
def test_read_table_spreadsheet_csv_keeps_quotes_inside_cells(name):
    content = (FILES / name).read_bytes()

    table = read(content, name)

    first = dict(zip(table.dataset.headers, table.dataset[0], strict=True))
    assert first["Family name"] == 'Smith "The Rock"'
    assert first["Position"] == 'Director, "Youth" programme'
    assert table.dataset[1][1] in {"Chan", "Lefèvre"}


@pytest.mark.django_db
def test_import_excel_quoted_cells_stored_without_doubled_quotes():
    event = EventFactory()
    resource = ParticipantResource(event=event)
    table = read_table((FILES / "excel_utf8_bom.csv").read_bytes(), "people.csv", resource)

    outcome = run_import(resource, table, dry_run=False)

    assert outcome.written
    person = Person.objects.get(given_name="Dwayne")
    assert person.family_name == 'Smith "The Rock"'
    assert person.position == 'Director, "Youth" programme'


@pytest.mark.django_db
def test_read_table_unbalanced_quote_refused_naming_the_line():
    content = (HEADER + 'Dara,Sok,M,CCHR,Lawyer\nBo,"Ka,F,LICADHO,Director\nAn,Le,F,X,Y\n').encode()

    with pytest.raises(ImportFileError) as refused:
        read(content)

    assert "quotation mark that is never closed" in refused.value.message
    assert "line 3" in refused.value.message
    assert nothing_written() == (0, 0, 0)


# Cell length --------------------------------------------------------------------------


@pytest.mark.django_db
def test_read_table_cell_longer_than_its_column_refused_with_row_and_column():
    content = (HEADER + "Dara,Sok,M,CCHR,Lawyer\nBo,Ka,F," + "A" * 10_000 + ",Director\n").encode()

    with pytest.raises(ImportFileError) as refused:
        read(content)

    assert "Row 3, column Organisation: 10,000 characters, at most 255." in refused.value.message


@pytest.mark.django_db
def test_read_table_any_cell_over_the_general_limit_refused(settings):
    settings.IMPORT_MAX_CELL_CHARS = 100
    content = (HEADER + "Dara,Sok,M,CCHR," + "x" * 101 + "\n").encode()

    with pytest.raises(ImportFileError) as refused:
        read(content)

    assert "Row 2, column Position: 101 characters, at most 100." in refused.value.message


@pytest.mark.django_db
def test_upload_long_organisation_name_refused_with_message_and_nothing_written(client):
    from tests.factories import organiser
    from tests.participants.test_import_views import upload

    event = EventFactory()
    client.force_login(organiser())
    content = (
        "Given name,Family name,Gender,Organisation,E-mail,Role\n"
        "Dara,Sok,M," + "A" * 10_000 + ",d@example.org,speaker\n"
    ).encode()

    response = upload(client, event, content)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Row 2, column Organisation: 10,000 characters, at most 255." in html
    assert nothing_written() == (0, 0, 0)


# Encodings ----------------------------------------------------------------------------

NAMES = {
    "cp1251": [
        ("Анна", "Иванова", "Правозащитный центр «Мемориал»", "Директор программы"),
        ("Дмитрий", "Петров", "Общественная организация", "Юрист"),
        ("Ольга", "Смирнова", "Фонд защиты прав", "Координатор"),
        ("Сергей", "Кузнецов", "Молодёжное движение", "Активист"),
    ],
    "cp874": [
        ("สมชาย", "ใจดี", "มูลนิธิศูนย์ข้อมูลกฎหมาย", "ผู้อำนวยการ"),
        ("สมหญิง", "รักไทย", "สมาคมสิทธิมนุษยชน", "นักกฎหมาย"),
        ("วิชัย", "มั่นคง", "เครือข่ายเยาวชน", "ผู้ประสานงาน"),
    ],
    "shift_jis": [
        ("太郎", "田中", "人権擁護団体", "事務局長"),
        ("花子", "鈴木", "市民社会ネットワーク", "弁護士"),
        ("健", "佐藤", "青年の会", "コーディネーター"),
    ],
}


def names_csv(rows):
    return "Given name,Family name,Organisation,Position\n" + "".join(
        ",".join(row) + "\n" for row in rows
    )


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", list(NAMES), ids=list(NAMES))
def test_read_table_legacy_encoding_detected_and_said(encoding):
    content = names_csv(NAMES[encoding]).encode(encoding)

    table = read(content)

    assert [tuple(row[:4]) for row in table.dataset] == NAMES[encoding]
    assert any("it was read as" in note for note in table.notes)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be"], ids=["bom", "le-no-bom", "be-no-bom"]
)
def test_read_table_utf16_read_with_or_without_bom(encoding):
    content = names_csv(NAMES["cp1251"]).replace(",", "\t").encode(encoding)

    table = read(content)

    assert table.dataset[0][:2] == ("Анна", "Иванова")
    assert table.notes == []


@pytest.mark.django_db
def test_read_table_utf8_without_note():
    table = read(names_csv(NAMES["shift_jis"]).encode())

    assert table.dataset[0][0] == "太郎"
    assert table.notes == []


@pytest.mark.django_db
def test_read_table_undecodable_bytes_refused_asking_for_utf8():
    content = HEADER.encode() + bytes(range(0x80, 0x100)) + b",x,F,Org,\n"

    with pytest.raises(ImportFileError) as refused:
        read(content)

    assert "CSV UTF-8" in refused.value.message


@pytest.mark.django_db
def test_preview_legacy_encoding_shows_note_and_names(client):
    from tests.factories import organiser
    from tests.participants.test_import_views import upload

    event = EventFactory()
    client.force_login(organiser())
    content = names_csv(NAMES["cp1251"]).encode("cp1251")

    response = client.get(upload(client, event, content).url)

    html = response.content.decode()
    assert "Windows-1251 (Cyrillic)" in html
    assert "Анна Иванова" in html


# XLSX archives ------------------------------------------------------------------------


def with_member(content, name, size):
    """`content` (an XLSX) with `name` replaced by `size` zero bytes, deflated."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
        with target.open(name, "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


@pytest.mark.django_db
def test_read_table_xlsx_member_over_limit_refused_before_parsing():
    base = xlsx_bytes([["Given name", "Family name"], ["Dara", "Sok"]])
    bomb = with_member(base, "xl/worksheets/sheet1.xml", 128 * 1024 * 1024)

    with pytest.raises(ImportFileError) as refused:
        read(bomb, "people.xlsx")

    assert len(bomb) < 1024 * 1024
    assert "unpacks to more than 100 MB" in refused.value.message
    assert "xl/worksheets/sheet1.xml" in refused.value.message


@pytest.mark.django_db
def test_read_table_xlsx_total_over_limit_refused(settings):
    settings.IMPORT_XLSX_MAX_MEMBER_BYTES = 3 * 1024 * 1024
    settings.IMPORT_XLSX_MAX_TOTAL_BYTES = 4 * 1024 * 1024
    base = xlsx_bytes([["Given name", "Family name"], ["Dara", "Sok"]])
    bomb = with_member(with_member(base, "xl/a.bin", 2 * 1024 * 1024), "xl/b.bin", 3 * 1024 * 1024)

    with pytest.raises(ImportFileError) as refused:
        read(bomb, "people.xlsx")

    assert "unpacks to more than 4 MB" in refused.value.message


def lie_about_size(content, name, declared):
    """`content` with the uncompressed size of `name` stated as `declared` bytes."""
    data = bytearray(content)
    encoded = name.encode()
    # local header: size at 22; central directory entry: size at 24
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_offset : start + name_offset + len(encoded)] == encoded:
                struct.pack_into("<I", data, start + size_offset, declared)
            start += 4
    return bytes(data)


@pytest.mark.django_db
def test_read_table_xlsx_lying_central_directory_refused():
    rows = [["Given name", "Family name"]] + [[f"Name {n}", "x" * 50] for n in range(2000)]
    content = lie_about_size(xlsx_bytes(rows), "xl/worksheets/sheet1.xml", 1000)

    with pytest.raises(ImportFileError) as refused:
        read(content, "people.xlsx")

    assert "could not be opened" in refused.value.message


@pytest.mark.django_db
def test_read_table_xlsx_long_cell_refused():
    content = xlsx_bytes([["Given name", "Organisation"], ["Dara", "A" * 5000]])

    with pytest.raises(ImportFileError) as refused:
        read(content, "people.xlsx")

    assert "Row 2, column Organisation: 5,000 characters, at most 255." in refused.value.message


# What the preview shows ---------------------------------------------------------------


def preview_html(client, content):
    from tests.factories import organiser
    from tests.participants.test_import_views import upload

    event = EventFactory()
    client.force_login(organiser())
    response = upload(client, event, content)
    assert response.status_code == 302, response.content.decode()
    return client.get(response.url).content.decode()


@pytest.mark.django_db
def test_preview_interpreted_values_are_listed_with_their_row(client):
    content = (
        b"Given name,Family name,Gender,Organisation,E-mail,Role\n"
        b"Dara,Sok,Woman,CCHR,d@example.org,Participant\n"
        b"Alex,Lim,X,CCHR,a@example.org,Participant\n"
    )

    html = preview_html(client, content)

    assert "Row 3, Gender: “X” will be stored as “Another identity”" in html
    assert "Row 2, Gender" not in html
    assert "1 value was read as something other than what is written" in html


@pytest.mark.django_db
def test_preview_problem_column_comes_before_a_long_row_content(client):
    content = (
        "Given name,Family name,Gender,Organisation,E-mail,Role\n"
        "Dara," + "S" * 140 + "," + "Q" * 2000 + ",CCHR,d@example.org,Participant\n"
    ).encode()

    html = preview_html(client, content)

    row = html[html.index('<tr class="table-danger">') :]
    assert row.index("import-preview-problem") < row.index("import-preview-content")
    assert "is not one of" in row
    assert "Q" * 100 not in html


# Database errors ----------------------------------------------------------------------


class UncappedParticipantResource(ParticipantResource):
    """The participant import without its own limit on positions, so that the database is
    the one to refuse a long one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].widget = TextWidget()


@pytest.mark.django_db
@pytest.mark.parametrize("dry_run", [True, False], ids=["preview", "confirm"])
def test_run_import_database_error_becomes_a_row_message_and_nothing_is_written(settings, dry_run):
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("SQLite stores a value longer than its column")
    settings.IMPORT_MAX_CELL_CHARS = 20_000
    event = EventFactory()
    resource = UncappedParticipantResource(event=event)
    content = (HEADER + "Dara,Sok,M,CCHR," + "A" * 10_000 + "\nBo,Ka,F,CCHR,Director\n").encode()
    table = read_table(content, "people.csv", resource)

    outcome = run_import(resource, table, dry_run=dry_run)

    messages = [e.message for row in outcome.rows for e in row.errors] + outcome.general_errors
    assert not outcome.written
    assert messages
    assert all("value too long" not in message and "varying" not in message for message in messages)
    assert nothing_written() == (0, 0, 0)


@pytest.mark.django_db
def test_describe_error_never_shows_the_database_text():
    from django.db import DataError, IntegrityError

    resource = ParticipantResource()
    duplicate = IntegrityError(
        'duplicate key value violates unique constraint "organisation_name_unique_ci_per_team"'
    )

    assert resource.describe_error(duplicate) == (
        "This value conflicts with an existing record (an organisation with this name "
        "already exists)."
    )
    assert resource.describe_error(DataError("value too long for type character varying(255)")) == (
        "A value is too long or not valid for its column."
    )


# Figures in the reader's language --------------------------------------------------------

MEGABYTE = 1024 * 1024


def test_size_refusal_writes_megabytes_as_french_does(settings):
    settings.UPLOAD_MAX_BYTES = int(2.5 * MEGABYTE)

    with translation.override("fr"), pytest.raises(ImportFileError) as refused:
        check_upload_size(int(3.2 * MEGABYTE))

    assert refused.value.message == (
        "Le fichier est trop volumineux (3,2 Mo). La limite est de 2,5 Mo."
    )


def test_upload_limit_is_written_as_the_language_does(settings):
    settings.UPLOAD_MAX_BYTES = int(2.5 * MEGABYTE)

    with translation.override("fr"):
        french = max_upload_megabytes()
    with translation.override("en"):
        english = max_upload_megabytes()

    assert (french, english) == ("2,5", "2.5")


@pytest.mark.django_db
def test_xlsx_member_refusal_writes_megabytes_as_french_does(settings):
    settings.IMPORT_XLSX_MAX_MEMBER_BYTES = int(2.5 * MEGABYTE)
    base = xlsx_bytes([["Given name", "Family name"], ["Dara", "Sok"]])
    bomb = with_member(base, "xl/a.bin", 3 * MEGABYTE)

    with translation.override("fr"), pytest.raises(ImportFileError) as refused:
        read(bomb, "people.xlsx")

    assert "plus de 2,5 Mo (xl/a.bin fait à lui seul 3,0 Mo)" in refused.value.message


@pytest.mark.django_db
def test_cell_length_refusal_groups_thousands_as_french_does():
    content = (HEADER + "Dara,Sok,M," + "A" * 10_000 + ",Director\n").encode()

    with translation.override("fr"), pytest.raises(ImportFileError) as refused:
        read(content)

    assert "10\xa0000 caractères, 255 au maximum." in refused.value.message
