import csv
import datetime
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import TeamRole
from participants import exporting
from participants.importing import ImportFileError, read_table, run_import
from participants.models import (
    Attendance,
    Gender,
    Mission,
    Organisation,
    OrganisationKind,
    Person,
    Registration,
)
from participants.resources import (
    AttendanceResource,
    GenderWidget,
    OrganisationResource,
    ParticipantResource,
    RosterResource,
    parse_country,
    parse_date,
)
from tests.factories import (
    AttendanceFactory,
    EventFactory,
    MissionFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeDayFactory,
    RegistrationFactory,
    TeamFactory,
    organiser,
)

DATA = Path(__file__).resolve().parent.parent / "data"
HEADER = "Given name,Family name,Gender,Organisation,E-mail,Role\n"


def csv_bytes(*lines, header=HEADER, encoding="utf-8"):
    return (header + "".join(line + "\n" for line in lines)).encode(encoding)


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def do_import(content, *, event=None, filename="people.csv", dry_run=False, resource=None):
    make = resource or (
        lambda: ParticipantResource(event=event, team=None if event else TeamFactory())
    )
    table = read_table(content, filename, make())
    return run_import(make(), table, dry_run=dry_run)


def database_state():
    return (
        Organisation.objects.count(),
        Person.objects.count(),
        Registration.objects.count(),
        Attendance.objects.count(),
        Mission.objects.count(),
    )


# Matching -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_participants_import_creates_people_organisations_and_registrations():
    event = EventFactory()
    OrganisationFactory(name="Cambodian Center for Human Rights", acronym="CCHR")

    outcome = do_import((DATA / "participants.csv").read_bytes(), event=event)

    assert outcome.written and outcome.totals == {"new": 3, "update": 0, "skip": 0, "error": 0}
    people = {p.given_name: p for p in Person.objects.select_related("organisation")}
    assert people["Sokha"].organisation.acronym == "CCHR"
    assert people["Élodie"].family_name == "Dupré"
    assert people["សុខា"].family_name == "ចាន់"
    assert people["សុខា"].gender == Gender.WOMAN
    roles = dict(Registration.objects.values_list("person__given_name", "role"))
    assert roles == {"Sokha": "speaker", "Élodie": "participant", "សុខា": "participant"}
    assert set(Organisation.objects.values_list("name", flat=True)) == {
        "Cambodian Center for Human Rights",
        "Ligue des droits",
        "Youth Network",
    }


@pytest.mark.django_db
def test_reimporting_same_file_changes_nothing():
    event = EventFactory()
    content = (DATA / "participants.csv").read_bytes()
    do_import(content, event=event)
    before = list(Person.objects.order_by("pk").values())

    outcome = do_import(content, event=event)

    assert outcome.totals == {"new": 0, "update": 0, "skip": 3, "error": 0}
    assert list(Person.objects.order_by("pk").values()) == before
    assert database_state() == (3, 3, 3, 0, 0)


@pytest.mark.django_db
def test_corrected_file_updates_matched_rows():
    event = EventFactory()
    do_import(csv_bytes("Sokha,Chan,F,CCHR,sokha@example.org,participant"), event=event)

    outcome = do_import(
        csv_bytes("Sokha,Chan Dara,woman,cchr,SOKHA@example.org,speaker"), event=event
    )

    assert outcome.totals["update"] == 1
    person = Person.objects.get()
    assert person.family_name == "Chan Dara"
    assert Registration.objects.get().role == "speaker"
    assert Organisation.objects.count() == 1


@pytest.mark.django_db
def test_organisation_matched_ignoring_case_spaces_and_by_acronym():
    event = EventFactory()
    organisation = OrganisationFactory(name="Youth Network", acronym="YN")

    do_import(
        csv_bytes(
            "A,One,F,  youth   NETWORK ,,",
            "B,Two,M,yn,,",
            "C,Three,M,Youth Network,,",
        ),
        event=event,
    )

    assert Organisation.objects.count() == 1
    assert set(Person.objects.values_list("organisation", flat=True)) == {organisation.pk}


@pytest.mark.django_db
def test_names_with_accents_match_whichever_way_the_accent_is_encoded():
    import unicodedata

    event = EventFactory()
    organisation = OrganisationFactory(name="Association des Femmes Khmères")
    person = PersonFactory(given_name="Élodie", family_name="Dupré", organisation=organisation)
    # A Mac writes an accent as a letter and a combining mark (NFD).
    line = unicodedata.normalize("NFD", "élodie,DUPRÉ,F,association des femmes KHMÈRES,,")

    do_import(csv_bytes(line), event=event)

    assert Organisation.objects.count() == 1
    assert Person.objects.count() == 1
    assert Registration.objects.get().person == person


@pytest.mark.django_db
def test_person_matched_by_name_and_organisation_when_no_email():
    organisation = OrganisationFactory(name="Youth Network")
    person = PersonFactory(given_name="Dara", family_name="Sok", organisation=organisation)
    other = PersonFactory(given_name="Dara", family_name="Sok", organisation=OrganisationFactory())
    event = EventFactory()

    do_import(csv_bytes(" dara , SOK ,M,Youth Network,,"), event=event)

    assert Person.objects.count() == 2
    assert Registration.objects.get().person == person
    assert not other.registrations.exists()


@pytest.mark.django_db
def test_person_matched_by_email_even_in_another_organisation():
    person = PersonFactory(email="dara@example.org", given_name="Dara")
    event = EventFactory()

    do_import(csv_bytes("Dara,Sok,M,New Place,DARA@example.org,"), event=event)

    person.refresh_from_db()
    assert Person.objects.count() == 1
    assert person.organisation.name == "New Place"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("F", Gender.WOMAN),
        ("female", Gender.WOMAN),
        ("Woman", Gender.WOMAN),
        ("W", Gender.WOMAN),
        ("M", Gender.MAN),
        ("male", Gender.MAN),
        ("man", Gender.MAN),
        ("non-binary", Gender.ANOTHER),
        ("Prefer not to say", Gender.UNDISCLOSED),
        ("", Gender.NOT_RECORDED),
    ],
    ids=lambda value: str(value) or "blank",
)
def test_gender_spellings(text, expected):
    assert GenderWidget().clean(text) == expected


@pytest.mark.django_db
def test_unknown_gender_is_a_row_error_and_nothing_written():
    event = EventFactory()

    outcome = do_import(csv_bytes("Dara,Sok,robot,X,,"), event=event)

    assert not outcome.written
    assert [(e.column, e.message) for e in outcome.rows[0].errors] == [
        (
            "Gender",
            "“robot” is not one of: Woman, Man, Another identity, Prefers not to say, "
            "Not recorded.",
        )
    ]
    assert database_state() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Germany", "DE"),
        ("germany", "DE"),
        ("DE", "DE"),
        ("deu", "DE"),
        ("USA", "US"),
        ("Republic of Korea", "KR"),
        ("European Union", "EU"),
        ("Czech Republic", "CZ"),
    ],
    ids=str,
)
def test_countries_by_name_or_iso_code(text, code):
    assert parse_country(text) == code


def test_dates_iso_or_day_month_year():
    assert parse_date("2018-11-14") == parse_date("14/11/2018") == datetime.date(2018, 11, 14)
    with pytest.raises(ValueError, match="not a date"):
        parse_date("11/31/2018")


@pytest.mark.django_db
def test_organisation_import_matches_by_name_or_acronym_and_reads_country():
    existing = OrganisationFactory(name="UPR Info", acronym="UPRI", country="CH")
    content = csv_bytes(
        " upr info ,UPRI,International NGO,Switzerland,International",
        "Ligue cambodgienne,LICADHO,national cso,KHM,national",
        header="Name,Acronym,Kind,Country,National or international\n",
    )

    outcome = do_import(content, resource=lambda: OrganisationResource(team=TeamFactory()))

    assert outcome.totals == {"new": 1, "update": 1, "skip": 0, "error": 0}
    existing.refresh_from_db()
    assert existing.kind == OrganisationKind.INTERNATIONAL_NGO
    licadho = Organisation.objects.get(acronym="LICADHO")
    assert licadho.country == "KH"
    assert (
        do_import(content, resource=lambda: OrganisationResource(team=TeamFactory())).totals["skip"]
        == 2
    )


# Bad input ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_missing_header_lists_expected_columns():
    with pytest.raises(ImportFileError) as error:
        read_table(b"Name,Notes\nDara,vip\n", "x.csv", ParticipantResource())

    assert "Missing columns: Given name." in error.value.message
    assert "Unknown columns: Name, Notes." in error.value.message
    assert "Expected columns: Given name (required), Family name, Gender" in error.value.message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "x.csv", "The file is empty."),
        (b"\n\n  \n", "x.csv", "The file is empty."),
        (b"Given name\n", "x.csv", "The file has a header row but no data rows."),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "x.csv", "not a CSV"),
        (b"%PDF-1.4\n1 0 obj\n", "x.xlsx", "not an XLSX"),
        (b"Given name\nDara\n", "x.pdf", "Only .csv and .xlsx"),
        (b"PK\x03\x04broken", "x.xlsx", "could not be opened"),
    ],
    ids=["empty", "blank-lines", "header-only", "pdf-as-csv", "pdf-as-xlsx", "pdf-ext", "bad-zip"],
)
def test_unreadable_files_are_refused_with_a_message(content, filename, message):
    with pytest.raises(ImportFileError, match=message):
        read_table(content, filename, ParticipantResource())


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"], ids=str)
def test_csv_encodings_are_decoded_exactly(encoding):
    content = csv_bytes("Élodie,Dupré-Noël,F,Ligue des droits,,", encoding=encoding)
    event = EventFactory()

    do_import(content, event=event)

    person = Person.objects.get()
    assert (person.given_name, person.family_name) == ("Élodie", "Dupré-Noël")


@pytest.mark.django_db
def test_csv_in_unknown_encoding_is_refused_not_garbled():
    content = HEADER.encode() + bytes(range(0x80, 0x100)) + b",x,F,Org,,\n"

    with pytest.raises(ImportFileError, match="encoding could not be recognised"):
        read_table(content, "x.csv", ParticipantResource())
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_khmer_csv_with_bom_keeps_header_and_names():
    content = "\ufeffGiven name,Family name\nសុខា,ចាន់\n".encode()

    do_import(content)

    assert Person.objects.get().full_name == "សុខា ចាន់"


@pytest.mark.django_db
def test_semicolon_separated_csv_from_french_excel():
    do_import("Prénom;Nom;Sexe\nÉlodie;Dupré;F\n".replace("Sexe", "Sex").encode("cp1252"))

    assert Person.objects.get().family_name == "Dupré"


@pytest.mark.django_db
def test_file_over_the_size_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    content = csv_bytes(*["Dara,Sok,M,Org,,"] * 100)

    with pytest.raises(ImportFileError, match=r"too large .* The limit is 0.000953674 MB"):
        read_table(content, "x.csv", ParticipantResource())


def build_xlsx_with_empty_rows(path, blank_rows):
    """An XLSX whose sheet has two data rows and then `blank_rows` empty rows, written
    straight as XML: openpyxl would take minutes to build it."""
    ns = "http://schemas.openxmlformats.org/"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{ns}package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
            'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-office'
            'document.spreadsheetml.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{ns}package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{ns}officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{ns}spreadsheetml/2006/main" xmlns:r="{ns}officeDocument/2006/'
            'relationships"><sheets><sheet name="People" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{ns}package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{ns}officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                f'<worksheet xmlns="{ns}spreadsheetml/2006/main"><sheetData>'
                '<row r="1"><c r="A1" t="inlineStr"><is><t>Given name</t></is></c></row>'
                '<row r="2"><c r="A2" t="inlineStr"><is><t>Dara</t></is></c></row>'.encode()
            )
            for start in range(3, blank_rows + 3, 50_000):
                stop = min(start + 50_000, blank_rows + 3)
                sheet.write(b"".join(b'<row r="%d"/>' % number for number in range(start, stop)))
            sheet.write(b"</sheetData></worksheet>")


@pytest.mark.django_db
def test_xlsx_with_a_million_empty_rows_is_read_quickly(tmp_path):
    path = tmp_path / "million.xlsx"
    build_xlsx_with_empty_rows(path, 1_000_000)

    table = read_table(path.read_bytes(), "million.xlsx", ParticipantResource())

    assert list(table.dataset) == [("Dara",)]
    assert table.line_numbers == [2]
    assert "Reading stopped at line 1002 after 1000 blank rows" in table.notes[0]


@pytest.mark.django_db
def test_one_bad_row_among_many_writes_nothing_and_lists_every_bad_row():
    event = EventFactory()
    lines = [f"Person{n},Family{n},F,Org {n % 5},p{n}@example.org,participant" for n in range(50)]
    lines[10] = "Bad,Gender,robot,Org 1,bad@example.org,participant"
    lines[30] = "Bad,Email,F,Org 1,not-an-email,participant"
    lines[40] = ",No given name,F,Org 1,,chairman"

    outcome = do_import(csv_bytes(*lines), event=event)

    assert not outcome.written
    assert [(row.line, [e.column for e in row.errors]) for row in outcome.error_rows] == [
        (12, ["Gender"]),
        (32, ["E-mail"]),
        (42, ["Given name", "Role"]),
    ]
    assert database_state() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_duplicate_person_in_file_is_a_row_error():
    event = EventFactory()

    outcome = do_import(
        csv_bytes("Dara,Sok,M,Org,d@example.org,", "Dara,Sok,M,Org,D@example.org,"), event=event
    )

    assert outcome.error_rows[0].line == 3
    assert outcome.error_rows[0].errors[0].message == "The same person is already on line 2."
    assert database_state() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_formula_in_cell_is_stored_as_text():
    workbook_rows = [["Given name", "Family name", "Position"], ["=1+1", "Sok", '=HYPERLINK("x")']]

    do_import(xlsx_bytes(workbook_rows), filename="people.xlsx")
    do_import(csv_bytes("=SUM(A1:A2),Chan", header="Given name,Family name\n"))

    assert set(Person.objects.values_list("given_name", "position")) == {
        ("=1+1", '=HYPERLINK("x")'),
        ("=SUM(A1:A2)", ""),
    }


@pytest.mark.django_db
def test_xlsx_import_reads_dates_numbers_and_accents():
    event = EventFactory()
    rows = [
        ["First name", "Last name", "Sex", "Phone", "Organisation"],
        ["Cybèle", "Haupert", "F", 85512345678, "OHCHR"],
    ]

    do_import(xlsx_bytes(rows), event=event, filename="people.xlsx")

    person = Person.objects.get()
    assert (person.given_name, person.phone, person.organisation.name) == (
        "Cybèle",
        "85512345678",
        "OHCHR",
    )


@pytest.mark.django_db
def test_dry_run_writes_nothing():
    event = EventFactory()

    outcome = do_import((DATA / "participants.csv").read_bytes(), event=event, dry_run=True)

    assert outcome.totals["new"] == 3 and not outcome.written
    assert database_state() == (0, 0, 0, 0, 0)


# Query count ---------------------------------------------------------------------------


def import_queries(event, rows):
    lines = [
        f"P{n},F{n},F,Org {event.pk}-{n % 7},p{n}.{event.pk}@example.org,participant"
        for n in range(rows)
    ]
    content = csv_bytes(*lines)
    with CaptureQueriesContext(connection) as context:
        do_import(content, event=event)
    inserts = [q for q in context.captured_queries if q["sql"].startswith("INSERT")]
    return len(context.captured_queries) - len(inserts), len(inserts)


@pytest.mark.django_db
def test_import_query_count_does_not_grow_with_rows():
    first_event, second_event = EventFactory(), EventFactory()

    small_other, small_inserts = import_queries(first_event, 10)
    large_other, large_inserts = import_queries(second_event, 100)

    assert small_other == large_other
    # Bulk inserts: one per table (organisations, people, registrations) and one per
    # history table; SQLite's 999-parameter limit splits the 100 people (and their
    # history rows) into a few statements.
    assert small_inserts == 6
    assert large_inserts <= 10, large_inserts


# Exports -------------------------------------------------------------------------------

FORMULAE = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.django_db
def test_csv_export_escapes_all_six_formula_triggers():
    event = EventFactory()
    for text in FORMULAE:
        RegistrationFactory(event=event, person=PersonFactory(position=text))
    resource = ParticipantResource(event=event)
    resource.escape_formulae = True

    content = exporting.render(resource.export(resource.export_queryset()), "csv")

    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert sorted(row["Position"] for row in rows) == sorted("'" + text for text in FORMULAE)


@pytest.mark.django_db
def test_xlsx_export_writes_formula_triggers_as_text_never_formulas():
    event = EventFactory()
    for text in FORMULAE:
        RegistrationFactory(event=event, person=PersonFactory(position=text))
    resource = ParticipantResource(event=event)

    content = exporting.render(resource.export(resource.export_queryset()), "xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    position_cells = [row[3] for row in sheet.iter_rows(min_row=2)]
    assert {cell.data_type for cell in position_cells} == {"s"}
    # Without lxml, XML stores a carriage return as a line feed; the cell is still text.
    assert sorted(cell.value.replace("\r", "\n") for cell in position_cells) == sorted(
        text.replace("\r", "\n") for text in FORMULAE
    )


@pytest.mark.django_db
def test_exported_escaped_csv_reimports_to_the_same_values():
    event = EventFactory()
    RegistrationFactory(event=event, person=PersonFactory(position="=1+1", email="a@example.org"))
    resource = ParticipantResource(event=event)
    resource.escape_formulae = True
    content = exporting.render(resource.export(resource.export_queryset()), "csv")

    outcome = do_import(content, event=event)

    assert outcome.totals == {"new": 0, "update": 0, "skip": 1, "error": 0}
    assert Person.objects.get().position == "=1+1"


@pytest.mark.django_db
def test_participant_export_without_contact_permission_has_no_email_or_phone():
    event = EventFactory()
    RegistrationFactory(event=event, person=PersonFactory(email="x@example.org", phone="+855"))
    resource = ParticipantResource(event=event, with_contact_details=False)

    dataset = resource.export(resource.export_queryset())

    assert "E-mail" not in dataset.headers and "Phone" not in dataset.headers
    assert "x@example.org" not in exporting.render(dataset, "json").decode()


@pytest.mark.django_db
def test_json_export_keeps_exact_values():
    event = EventFactory()
    RegistrationFactory(
        event=event, person=PersonFactory(given_name="សុខា", position="=1+1"), role="speaker"
    )
    resource = ParticipantResource(event=event)

    rows = json.loads(exporting.render(resource.export(resource.export_queryset()), "json"))

    assert rows[0]["Given name"] == "សុខា"
    assert rows[0]["Position"] == "=1+1"
    assert rows[0]["Role"] == "Speaker"


# Attendance ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_attendance_export_has_one_column_per_day_and_reimport_changes_nothing():
    event = EventFactory()
    day_one = ProgrammeDayFactory(event=event, date=datetime.date(2018, 11, 14))
    ProgrammeDayFactory(event=event, date=datetime.date(2018, 11, 15))
    registration = RegistrationFactory(event=event, person=PersonFactory(given_name="Dara"))
    AttendanceFactory(registration=registration, day=day_one)
    resource = AttendanceResource(event=event)

    dataset = resource.export(resource.export_queryset())
    outcome = do_import(
        exporting.render(dataset, "csv"), resource=lambda: AttendanceResource(event=event)
    )

    assert dataset.headers[-2:] == ["2018-11-14", "2018-11-15"]
    assert dataset[0][-2:] == ("yes", "")
    assert outcome.totals["skip"] == 1
    assert Attendance.objects.count() == 1


@pytest.mark.django_db
def test_attendance_import_adds_and_removes_marks_and_reports_unknown_people():
    event = EventFactory()
    day_one = ProgrammeDayFactory(event=event, date=datetime.date(2018, 11, 14))
    day_two = ProgrammeDayFactory(event=event, date=datetime.date(2018, 11, 15))
    organisation = OrganisationFactory(name="CCHR")
    registration = RegistrationFactory(
        event=event,
        person=PersonFactory(given_name="Dara", family_name="Sok", organisation=organisation),
    )
    AttendanceFactory(registration=registration, day=day_one)
    header = "Given name,Family name,Organisation,14/11/2018,15/11/2018\n"

    good = do_import(
        csv_bytes("Dara,Sok,cchr,,x", header=header),
        resource=lambda: AttendanceResource(event=event),
    )
    bad = do_import(
        csv_bytes("Dara,Sok,cchr,x,x", "Nobody,Here,CCHR,x,", header=header),
        resource=lambda: AttendanceResource(event=event),
    )

    assert good.totals["update"] == 1
    assert list(Attendance.objects.values_list("day", flat=True)) == [day_two.pk]
    assert "registered for this event" in bad.error_rows[0].errors[0].message
    assert bad.error_rows[0].line == 3
    assert list(Attendance.objects.values_list("day", flat=True)) == [day_two.pk]


# Roster --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_roster_import_creates_missions_diplomats_and_focal_point():
    content = csv_bytes(
        "Embassy of Sweden,SE,Embassy,Phnom Penh,Anna,Berg,F,yes",
        "Embassy of Sweden,Sweden,Embassy,Phnom Penh,Erik,Lund,M,no",
        "Embassy of Australia,AUS,non-resident,Bangkok,,,,",
        header="Mission,State,Mission type,City,Given name,Family name,Gender,Focal point\n",
    )

    outcome = do_import(content, resource=lambda: RosterResource(team=TeamFactory()))
    again = do_import(content, resource=lambda: RosterResource(team=TeamFactory()))

    assert outcome.written, outcome
    sweden = Mission.objects.get(state="SE")
    assert sweden.organisation.is_shared
    assert sweden.focal_point_of(TeamFactory()).given_name == "Anna"
    assert sweden.diplomats_of(TeamFactory()).count() == 2
    assert Mission.objects.get(state="AU").get_mission_type_display() == "Covered from abroad"
    assert again.totals == {"new": 0, "update": 0, "skip": 3, "error": 0}


@pytest.mark.django_db
def test_roster_export_lists_missions_without_diplomats():
    MissionFactory(organisation__name="Embassy of Japan", state="JP")
    mission = MissionFactory(organisation__name="Embassy of France", state="FR")
    PersonFactory(given_name="Claire", organisation=mission.organisation)

    dataset = RosterResource(team=TeamFactory()).export()

    assert [(row[0], row[1], row[4]) for row in dataset] == [
        ("Embassy of France", "France", "Claire"),
        ("Embassy of Japan", "Japan", ""),
    ]


@pytest.mark.django_db
def test_roster_refuses_a_cso_as_mission():
    OrganisationFactory(name="CCHR", kind=OrganisationKind.NATIONAL_CSO)

    outcome = do_import(
        csv_bytes("CCHR,KH,Anna", header="Mission,State,Given name\n"),
        resource=lambda: RosterResource(team=TeamFactory()),
    )

    assert outcome.error_rows[0].errors[0].column == "Mission"
    assert Mission.objects.count() == 0


def test_factories_users_exist(db):
    assert organiser().memberships.get().role == TeamRole.ORGANISER


def test_database_error_of_a_row_is_shown_without_the_database_message():
    from django.db import IntegrityError

    from participants.resources.base import SpreadsheetResourceMixin

    error = IntegrityError(
        'duplicate key value violates unique constraint "organisation_name_unique_ci"'
    )

    described = SpreadsheetResourceMixin().describe_error(error)

    assert "duplicate key" not in described
    assert "organisation_name_unique_ci" not in described
    assert described == (
        "This value conflicts with an existing record (an organisation with this name "
        "already exists)."
    )


def test_database_error_of_a_duplicate_email_names_the_email():
    from django.db import IntegrityError

    from participants.resources.base import SpreadsheetResourceMixin

    error = IntegrityError(
        'duplicate key value violates unique constraint "person_email_unique_ci_per_team"'
    )

    described = SpreadsheetResourceMixin().describe_error(error)

    assert described == (
        "This value conflicts with an existing record (a person with this e-mail address "
        "already exists)."
    )
