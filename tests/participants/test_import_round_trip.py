"""Export → import is a no-op: re-importing any kind the app exports, as it exports it
(through the export page, CSV and XLSX, with or without the contact columns), matches
every row and writes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import (
    DelegationPresence,
    FloorTaken,
    ProgrammeDay,
    Session,
    SessionKind,
    SessionRole,
)
from participants.models import (
    AgeBand,
    Attendance,
    AttendanceLog,
    Gender,
    Mission,
    Organisation,
    OrganisationKind,
    Person,
    Registration,
    RegistrationRole,
    Scope,
)
from participants.privacy import anonymise_person
from tests.factories import (
    AttendanceFactory,
    EventFactory,
    MissionFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeDayFactory,
    RegistrationFactory,
    SessionFactory,
    SessionRoleFactory,
    organiser,
    report_admin,
)

MODELS = (
    Organisation,
    Person,
    Registration,
    Attendance,
    AttendanceLog,
    Mission,
    ProgrammeDay,
    Session,
    SessionRole,
    Session.missions_present.through,
)


def database_state():
    """Every row of what an import may write, history rows included, by model."""
    state = {}
    for model in MODELS:
        state[model.__name__] = list(model.objects.order_by("pk").values())
        if hasattr(model, "history"):
            state[f"{model.__name__} history"] = model.history.count()
    return state


@pytest.fixture
def messy_event(db):
    """An event whose lists hold what real ones do: people without e-mail, namesakes,
    accents, different cases, formula-like text, anonymised people, a diplomat."""
    event = EventFactory(slug="round-trip")
    day_one = ProgrammeDayFactory(event=event, date=datetime.date(2018, 11, 14))
    day_two = ProgrammeDayFactory(event=event, date=datetime.date(2018, 11, 15))
    accents = OrganisationFactory(
        name="Association des Femmes Khmères", acronym="AFK", kind=OrganisationKind.NATIONAL_CSO
    )
    education = OrganisationFactory(
        name="ACTION pour l’Éducation",
        acronym="ApE",
        kind=OrganisationKind.INTERNATIONAL_NGO,
        country="FR",
        scope=Scope.INTERNATIONAL,
    )
    OrganisationFactory(name="youth network", acronym="", kind=OrganisationKind.YOUTH_GROUP)
    OrganisationFactory(name="Ligue =droits", acronym="", country="")
    mission = MissionFactory(organisation__name="Embassy of Testland", state="SE")
    # The team's own organisation of the same name, in another case, as the shared mission.
    OrganisationFactory(name="embassy of TESTLAND", kind=OrganisationKind.DIPLOMATIC_MISSION)
    people = [
        PersonFactory(
            given_name="Sokha",
            family_name="Chan",
            organisation=accents,
            email="Sokha@Example.org",
            phone="+855 12 345 678",
            age_band=AgeBand.choices[1][0],
            is_youth=True,
            consent_to_contact=True,
        ),
        # Namesakes without e-mail in the same organisation: the export lists both.
        PersonFactory(given_name="Dara", family_name="Sok", organisation=accents, email=""),
        PersonFactory(given_name="Dara", family_name="Sok", organisation=accents, email=""),
        PersonFactory(
            given_name="Élodie",
            family_name="Dupré",
            organisation=education,
            gender=Gender.ANOTHER,
            position='=Director, "Youth" programme',
        ),
        PersonFactory(given_name="សុខា", family_name="ចាន់", organisation=None, email=""),
        PersonFactory(given_name="Anna", family_name="Lind", organisation=mission.organisation),
        PersonFactory(given_name="Kept", family_name="", organisation=accents, email=""),
        PersonFactory(given_name="Gone", family_name="One", organisation=accents),
        PersonFactory(given_name="Gone", family_name="Two", organisation=accents),
    ]
    roles = [RegistrationRole.SPEAKER, RegistrationRole.PARTICIPANT, RegistrationRole.PARTICIPANT]
    registrations = [
        RegistrationFactory(event=event, person=person, role=roles[index] if index < 3 else "")
        for index, person in enumerate(people)
    ]
    for registration in registrations:
        if not registration.role:
            registration.role = RegistrationRole.PARTICIPANT
            registration.save()
    registrations[5].role = RegistrationRole.DIPLOMAT
    registrations[5].save()
    for person in people[-2:]:
        anonymise_person(person, by=None)
    for registration in registrations[::2]:
        AttendanceFactory(registration=registration, day=day_one)
    for registration in registrations[1::3]:
        AttendanceFactory(registration=registration, day=day_two)
    session = SessionFactory(
        day=day_one,
        title="Orientation on the UPR",
        description="Line one\nline two, with a comma",
        kind=SessionKind.PANEL,
    )
    SessionRoleFactory(session=session, person=people[0], role="moderator")
    SessionRoleFactory(session=session, person=people[3], role="panellist")
    SessionRoleFactory(session=session, person=people[0], role="speaker")
    geneva = SessionFactory(
        day=day_two,
        title="-Mock session",
        start_time=datetime.time(14, 0),
        end_time=datetime.time(15, 30),
        state_under_review="VN",
        sur_delegation_present=DelegationPresence.PRESENT,
        sur_took_floor=FloorTaken.NO,
    )
    geneva.missions_present.set(
        [mission, MissionFactory(organisation__name="Permanent Mission (Chile)", state="CL")]
    )
    SessionRoleFactory(session=geneva, person=people[5], role="speaker")
    return event


def export_url(event, kind, export_format):
    if kind in ("organisations", "roster"):
        kwargs = {"team": event.team.slug}
    else:
        kwargs = {"slug": event.slug}
    return reverse("participants:export", kwargs={**kwargs, "kind": kind, "format": export_format})


def upload_url(event, kind):
    if kind in ("organisations", "roster"):
        kwargs = {"team": event.team.slug}
    else:
        kwargs = {"slug": event.slug}
    return reverse("participants:import_upload", kwargs={**kwargs, "kind": kind})


KINDS = [
    "participants",
    "organisations",
    "attendance",
    "programme",
    "roster",
    "mission_attendance",
    "event_roster",
]


@pytest.mark.parametrize("with_contacts", [True, False], ids=["contacts", "no-contacts"])
@pytest.mark.parametrize("export_format", ["csv", "xlsx"], ids=str)
@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_reimporting_an_export_matches_every_row_and_writes_nothing(
    client, messy_event, kind, export_format, with_contacts
):
    event = messy_event
    # Without the contact permission (a report administrator) the export has no e-mail or
    # phone column; an organiser imports the file.
    client.force_login(organiser() if with_contacts else report_admin())
    exported = client.get(export_url(event, kind, export_format))
    assert exported.status_code == 200
    client.force_login(organiser())
    before = database_state()

    uploaded = client.post(
        upload_url(event, kind),
        {"file": SimpleUploadedFile(f"export.{export_format}", exported.content)},
    )
    assert uploaded.status_code == 302, uploaded.context["form"].errors
    preview = client.get(uploaded.url)
    confirmed = client.post(uploaded.url, {"confirm": "1"})

    outcome = preview.context["outcome"]
    problems = [(row.line, row.summary, row.errors) for row in outcome.rows if row.status != "skip"]
    assert outcome.general_errors == []
    assert problems == []
    assert outcome.totals["new"] == outcome.totals["update"] == outcome.totals["error"] == 0
    assert outcome.totals["skip"] == len(outcome.rows) > 0
    assert "Everything in this file is already up to date." in preview.content.decode()
    assert confirmed.status_code == 302
    assert database_state() == before
