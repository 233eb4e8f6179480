import csv
import io
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
import tablib

from participants import exporting
from participants.importing import read_table, run_import
from participants.models import Person
from participants.resources import ParticipantResource
from tests.factories import EventFactory, OrganisationFactory, PersonFactory, RegistrationFactory


def test_xlsx_keeps_every_text_exactly_and_numbers_as_numbers():
    dataset = tablib.Dataset(headers=["Name", "Notes & <remarks>", "Count"])
    dataset.append(["  Sok Dara ", "line one\r\nline two", 3])
    dataset.append(["សុខ ដារា", 'say "hi" & <b>', 2.5])
    dataset.append(["", None, True])

    content = exporting.render(dataset, "xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Name", "Notes & <remarks>", "Count"],
        ["  Sok Dara ", "line one\r\nline two", 3],
        ["សុខ ដារា", 'say "hi" & <b>', 2.5],
        [None, None, True],
    ]


def test_xlsx_replaces_characters_xml_cannot_hold():
    dataset = tablib.Dataset(headers=["Name"])
    dataset.append(["bell\x07 and \ud800 here"])

    content = exporting.render(dataset, "xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value == "bell\ufffd and \ufffd here"


def test_xlsx_sheet_title_drops_characters_excel_refuses():
    dataset = tablib.Dataset(headers=["Name"])

    content = exporting.render(dataset, "xlsx", title="Programme: day 1/2 [draft] & more text")

    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Programme  day 1 2  draft  & mo"]


def test_xlsx_writes_text_inline_with_no_shared_string_table():
    dataset = tablib.Dataset(headers=["Name"])
    dataset.append(["=1+1"])

    content = exporting.render(dataset, "xlsx")

    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert "xl/sharedStrings.xml" not in names
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("=1+1", "s")


@pytest.mark.django_db
def test_xlsx_participants_export_reimports_as_unchanged():
    event = EventFactory()
    organisation = OrganisationFactory(team=event.team, name="Youth & Rights <KH>")
    for given_name in ("Dara", "Sokha", "=Vanna"):
        RegistrationFactory(
            event=event,
            person=PersonFactory(team=event.team, given_name=given_name, organisation=organisation),
        )
    resource = ParticipantResource(event=event)
    content = exporting.render(resource.export(resource.export_queryset()), "xlsx")

    table = read_table(content, "participants.xlsx", ParticipantResource(event=event))
    outcome = run_import(ParticipantResource(event=event), table, dry_run=False)

    assert outcome.totals == {"new": 0, "update": 0, "skip": 3, "error": 0}
    assert Person.objects.count() == 3


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="needs LibreOffice (apt install libreoffice-calc-nogui)"
)
def test_xlsx_opens_in_libreoffice_with_text_kept_as_text(tmp_path):
    dataset = tablib.Dataset(headers=["Name", "Organisation", "Count"])
    dataset.append(["សុខ ដារា", 'Org "The Rock" & <co>', 3])
    dataset.append(['=HYPERLINK("http://x")', "line one\nline two", 2.5])
    (tmp_path / "export.xlsx").write_bytes(exporting.render(dataset, "xlsx", title="Export"))

    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "export.xlsx",
        ],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=True,
    )

    with open(tmp_path / "export.csv", encoding="utf-8", newline="") as converted:
        assert list(csv.reader(converted)) == [
            ["Name", "Organisation", "Count"],
            ["សុខ ដារា", 'Org "The Rock" & <co>', "3"],
            ['=HYPERLINK("http://x")', "line one\nline two", "2.5"],
        ]
