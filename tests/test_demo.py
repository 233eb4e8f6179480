"""The demo event reproduces the figures of the Cambodia 2018 activity report."""

import datetime

import pytest

from events.models import EventFormat, SessionRole, SessionRoleKind, Theme
from factsheets.models import Factsheet
from participants.models import Attendance, Organisation, OrganisationKind, Person
from reports import models as reports_models
from reports.stats import event_figures
from tests.seed_report import EMBASSIES, EU_DELEGATION

REPORT_THEMES = [
    "Gender/Women's Rights",
    "Rights of the child",
    "Sexual and reproductive health and rights & sexual orientation, gender identity and "
    "expression and sex characteristics (SOGIESC) rights",
    "Public health",
    "Persons living with disabilities",
    "Land and Natural resources",
    "Anti-Drug campaign and rights of people who use drugs",
    "Elections",
    "Khmer Krom rights",
    "Labour Rights",
    "Access to Justice",
    "Fundamental Freedoms and Civic Space",
    "Rule of law",
]


def test_demo_attendance_is_60_70_45(demo_event):
    figures = event_figures(demo_event)

    assert [day.attendance for day in figures.days] == [60, 70, 45]
    assert [day.day.title for day in figures.days] == [
        "Preparatory day",
        "Pre-session",
        "Youth engagement in the UPR",
    ]


def test_demo_pre_session_speakers_are_54_percent_women_46_percent_men(demo_event):
    speakers = event_figures(demo_event).day(2).speakers_gender

    assert (speakers.women.percent, speakers.men.percent) == (54, 46)
    assert (speakers.women.count, speakers.men.count, speakers.total) == (13, 11, 24)


def test_demo_pre_session_participants_are_51_percent_women_49_percent_men(demo_event):
    participants = event_figures(demo_event).day(2).participants_gender

    assert (participants.women.percent, participants.men.percent) == (51, 49)
    assert (participants.women.count, participants.men.count) == (36, 34)


def test_demo_missions_present_on_day_2_are_the_11_embassies_and_the_eu(demo_event):
    figures = event_figures(demo_event)
    day2 = figures.day(2)

    assert set(day2.mission_names) == EMBASSIES | {EU_DELEGATION}
    embassies = {
        m.organisation.name for m in day2.missions if m.organisation.kind == "diplomatic_mission"
    }
    assert embassies == EMBASSIES
    assert len(figures.missions) == 12
    assert figures.day(1).mission_names == ("Embassy of Germany",)
    assert figures.day(3).mission_names == ()


def test_demo_day_2_brings_together_csos_un_agencies_eu_and_states(demo_event):
    day2 = event_figures(demo_event).day(2)
    agencies = set(
        Organisation.objects.filter(
            kind=OrganisationKind.UN_AGENCY,
            people__registrations__attendances__day=day2.day,
        ).values_list("acronym", flat=True)
    )

    assert agencies == {"UNICEF", "UNDP", "UN Women", "OHCHR", "RCO"}
    assert day2.day.host.name == EU_DELEGATION
    assert day2.organisation_kinds.count(OrganisationKind.NATIONAL_CSO) > 0
    assert day2.organisation_kinds.count(OrganisationKind.INTERGOVERNMENTAL) == 3


def test_demo_day_3_is_youth_groups_and_civil_society(demo_event):
    day3 = event_figures(demo_event).day(3)

    assert day3.organisation_kinds.count(OrganisationKind.YOUTH_GROUP) == 25
    assert day3.organisation_kinds.count(OrganisationKind.NATIONAL_CSO) == 18


def test_demo_themes_and_factsheets(demo_event):
    figures = event_figures(demo_event)

    assert [theme.name for theme in figures.themes] == REPORT_THEMES
    assert (figures.factsheets_disseminated, figures.missions_reached) == (11, 12)
    assert Factsheet.objects.for_event(demo_event).approved().count() == 11
    assert Theme.objects.count() == 13
    assert [theme.name for theme in demo_event.themes.order_by("order")] == REPORT_THEMES
    assert demo_event.team.name == "CCHR / UPR Info Cambodia"


def test_demo_missions_are_shared_and_people_belong_to_the_team(demo_event):
    assert not Organisation.objects.filter(mission__isnull=False).exclude(team=None).exists()
    assert set(Person.objects.values_list("team", flat=True)) == {demo_event.team_id}


def test_demo_event_details_and_co_organisers(demo_event):
    assert demo_event.format == EventFormat.IN_COUNTRY
    assert demo_event.country_under_review == "KH"
    assert demo_event.upr_cycle == 3
    assert str(demo_event.review_date) == "2019-01-30"
    assert (str(demo_event.start_date), str(demo_event.end_date)) == ("2018-11-14", "2018-11-16")
    assert {org.short_name for org in demo_event.co_organisers.all()} == {
        "CCHR",
        "OHCHR",
        "UPR Info",
    }


OFFICIALS = [
    ("Benjamin Knödler", "speaker", "Deputy Head of Mission, German Embassy in Phnom Penh"),
    ("Wilson de los Reyes", "speaker", "The Swedish Association for Sexuality Education (RFSU)"),
    (
        "Simone Pieri",
        "opening_remarks",
        "Deputy Head of the Delegation of the European Union to Cambodia",
    ),
    (
        "Simon Walker",
        "opening_remarks",
        "Representative a.i., United Nations Office of the High Commissioner for Human Rights "
        "in Cambodia (OHCHR)",
    ),
    ("Chor Chanthyda", "opening_remarks", "Program Director, Cambodian Center for Human Rights"),
    ("Hans Fridlund", "opening_remarks", "Programme Manager, UPR Info"),
    ("Hans Fridlund", "panellist", "Programme Manager, UPR Info"),
    (
        "Simon Walker",
        "speaker",
        "Representative a.i., United Nations Office of the High "
        "Commissioner for Human Rights in Cambodia (OHCHR)",
    ),
    ("George Edgar", "speaker", "H.E. Ambassador of the European Union to Cambodia"),
    ("Yuthyia Soun", "moderator", "Advocacy Director, CCHR"),
    ("Ramana Sorn", "panellist", "Protecting Fundamental Freedoms Project Coordinator, CCHR"),
    (
        "Cybèle Haupert",
        "panellist",
        "Head of Civil Society and Fundamental Freedoms Unit, OHCHR",
    ),
]


@pytest.mark.parametrize(
    ("name", "role", "position"), OFFICIALS, ids=[f"{n}-{r}" for n, r, _ in OFFICIALS]
)
def test_demo_programme_names_the_report_s_officials(demo_event, name, role, position):
    roles = [
        session_role
        for session_role in SessionRole.objects.for_event(demo_event).select_related("person")
        if session_role.person.full_name == name
    ]

    assert (role, position) in {(r.role, r.position) for r in roles}


def test_demo_programme_has_sessions_of_every_day_in_order(demo_event):
    days = list(demo_event.days.order_by("date"))

    kinds = [[session.kind for session in day.sessions.order_by("start_time")] for day in days]

    assert kinds[1][:2] == ["opening_remarks", "interactive_dialogue"]
    assert "simulation" in kinds[0]
    assert "panel" in kinds[2]
    assert kinds[1].count("interactive_dialogue") == 2
    assert SessionRole.objects.for_event(demo_event).filter(
        role=SessionRoleKind.MODERATOR
    ).count() == 1  # fmt: skip


def test_demo_has_khmer_script_names(demo_event):
    assert Organisation.objects.filter(name="សមាគមសិទ្ធិមនុស្សភូមិថ្មី").exists()
    assert Person.objects.filter(given_name="ចាន់ សុភា").exists()


def test_demo_fictitious_people_have_reserved_example_addresses_only(demo_event):
    emails = set(Person.objects.exclude(email="").values_list("email", flat=True))

    assert emails
    assert all(email.endswith("@example.org") for email in emails)
    assert not Person.objects.filter(family_name="Knödler").exclude(email="").exists()


def test_demo_report_is_a_draft_with_the_narrative_and_three_anonymous_testimonies(demo_event):
    report = demo_event.activity_report

    assert report.status == reports_models.ReportStatus.DRAFT
    assert report.introduction.startswith("On 14-16 November 2018, the Cambodian Center")
    assert "some 70 representatives" in report.overview
    assert report.achievements_intro.endswith("The workshop succeeded in;")
    assert report.lessons_learnt.startswith("The cooperation between CCHR")
    assert report.way_forward.startswith("In December, UPR Info hosts a Pre-session")
    assert "Rue de Varembé 3" in report.contact
    assert report.achievements.count() == 7
    assert "(54% women, 46% men)" in report.achievements.last().text
    assert report.testimonies.published().count() == 3
    assert {field.name for field in reports_models.Testimony._meta.get_fields()} == {
        "id",
        "report",
        "text",
        "translations",  # of the text: still nothing on who gave it
        "order",
        "is_published",
    }


def test_demo_check_ins_carry_the_times_of_their_2018_days(demo_event):
    attendances = Attendance.objects.filter(day__event=demo_event).select_related("day")

    assert {(a.recorded_at.date() == a.day.date) for a in attendances} == {True}
    assert {a.recorded_at.year for a in attendances} == {2018}
    assert min(a.recorded_at.time() for a in attendances) == datetime.time(8, 0)
