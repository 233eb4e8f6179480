import datetime
import random
from decimal import Decimal

import pytest

from events.models import EventFormat, SessionRoleKind, Theme
from factsheets.models import FactsheetStatus
from participants.models import (
    Attendance,
    Gender,
    OrganisationKind,
    Person,
    Registration,
)
from reports.stats import (
    Average,
    GenderSplit,
    event_figures,
    missions_present,
    percent,
    themes_covered,
    whole_percentages,
)
from tests.factories import (
    DistributionFactory,
    EventFactory,
    FactsheetFactory,
    MissionFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeDayFactory,
    RegistrationFactory,
    SessionFactory,
    SessionRoleFactory,
)
from tests.reports.conftest import GENEVA_SERIES

# --- Percentages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({}, {}),
        ({"women": 0, "men": 0}, {"women": 0, "men": 0}),
        ({"women": 1, "men": 0}, {"women": 100, "men": 0}),
        ({"a": 1, "b": 1, "c": 1}, {"a": 34, "b": 33, "c": 33}),
        ({"a": 2, "b": 2, "c": 2}, {"a": 34, "b": 33, "c": 33}),
        ({"a": 1, "b": 2}, {"a": 33, "b": 67}),
        ({"women": 13, "men": 11}, {"women": 54, "men": 46}),
        ({"women": 36, "men": 34}, {"women": 51, "men": 49}),
        ({"a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1, "g": 1}, None),
    ],
    ids=["empty", "nobody", "one-person", "thirds", "thirds-of-6", "one-in-three", "speakers",
         "participants", "sevenths"],
)  # fmt: skip
def test_whole_percentages_add_up_to_100(counts, expected):
    percentages = whole_percentages(counts)

    if expected is not None:
        assert percentages == expected
    assert sum(percentages.values()) == (100 if sum(counts.values()) else 0)
    assert list(percentages) == list(counts)


def test_whole_percentages_add_up_to_100_for_many_random_splits():
    generator = random.Random(2018)

    for _ in range(500):
        counts = {key: generator.randint(0, 40) for key in "abcde"}
        counts["a"] += 1

        percentages = whole_percentages(counts)

        assert sum(percentages.values()) == 100
        assert all(abs(percentages[k] - counts[k] * 100 / sum(counts.values())) < 1 for k in counts)


def test_whole_percentages_tie_goes_to_larger_count_then_first_key():
    # 1/6 = 16.67 and 5/6 = 83.33: the larger remainder wins the missing point.
    assert whole_percentages({"a": 1, "b": 5}) == {"a": 17, "b": 83}
    assert whole_percentages({"a": 1, "b": 1}) == {"a": 50, "b": 50}


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(0, 0, 0), (1, 1, 100), (1, 3, 33), (2, 3, 67), (1, 2, 50), (1, 8, 13)],
)
def test_percent_rounds_half_up_and_survives_zero(part, whole, expected):
    assert percent(part, whole) == expected


def test_gender_split_of_nobody_is_all_zero():
    split = GenderSplit.from_gender_counts({})

    assert split.total == 0
    assert split.nonzero == ()
    assert [share.percent for share in split.shares] == [0, 0, 0, 0, 0]
    assert split.women.percent == 0


def test_gender_split_keeps_every_category_in_choice_order():
    split = GenderSplit.from_gender_counts({Gender.NOT_RECORDED: 1, Gender.MAN: 1, Gender.WOMAN: 1})

    assert [share.key for share in split.shares] == [value for value, _ in Gender.choices]
    assert [(share.key, share.percent) for share in split.nonzero] == [
        (Gender.WOMAN, 34),
        (Gender.MAN, 33),
        (Gender.NOT_RECORDED, 33),
    ]


# --- Figures on a small event --------------------------------------------------------------


def _attend(event, day, person, role="participant"):
    registration, _ = Registration.objects.get_or_create(
        event=event, person=person, defaults={"role": role}
    )
    return Attendance.objects.create(registration=registration, day=day)


@pytest.fixture
def small_event(db):
    """Two days. Day 1: two CSO women and a diplomat man of mission A. Day 2: one of the
    women again and a diplomat woman of mission B. A registered man never checks in."""
    event = EventFactory()
    day1 = ProgrammeDayFactory(event=event, date=event.start_date, title="Preparatory day")
    day2 = ProgrammeDayFactory(
        event=event, date=event.start_date + datetime.timedelta(days=1), title="Pre-session"
    )
    cso = OrganisationFactory(kind=OrganisationKind.NATIONAL_CSO)
    alice = PersonFactory(given_name="Alice", gender=Gender.WOMAN, organisation=cso)
    bopha = PersonFactory(given_name="Bopha", gender=Gender.WOMAN, organisation=cso)
    mission_a = MissionFactory(organisation__name="Embassy A")
    mission_b = MissionFactory(organisation__name="Embassy B", state="FR")
    diplomat_a = PersonFactory(gender=Gender.MAN, organisation=mission_a.organisation)
    diplomat_b = PersonFactory(gender=Gender.WOMAN, organisation=mission_b.organisation)
    _attend(event, day1, alice)
    _attend(event, day1, bopha)
    _attend(event, day1, diplomat_a, "diplomat")
    _attend(event, day2, alice)
    _attend(event, day2, diplomat_b, "diplomat")
    RegistrationFactory(event=event, person=PersonFactory(gender=Gender.MAN))
    # Speakers on day 2: Alice twice (counted once), a man; a moderator who is not a speaker.
    panel = SessionFactory(day=day2, title="Panel")
    closing = SessionFactory(
        day=day2, title="Closing", start_time=datetime.time(16), end_time=datetime.time(17)
    )
    SessionRoleFactory(session=panel, person=alice, role=SessionRoleKind.PANELLIST)
    SessionRoleFactory(session=closing, person=alice, role=SessionRoleKind.SPEAKER)
    SessionRoleFactory(session=panel, person=PersonFactory(gender=Gender.MAN), role="speaker")
    SessionRoleFactory(
        session=panel, person=PersonFactory(gender=Gender.MAN), role=SessionRoleKind.MODERATOR
    )
    return {"event": event, "day1": day1, "day2": day2, "missions": (mission_a, mission_b)}


def test_event_figures_count_distinct_people_per_day_and_overall(small_event):
    figures = event_figures(small_event["event"])

    assert [day.attendance for day in figures.days] == [3, 2]
    assert figures.participants == 4
    assert figures.day(1).day == small_event["day1"]


def test_event_figures_gender_of_participants_counts_checked_in_people_only(small_event):
    figures = event_figures(small_event["event"])

    assert (figures.participants_gender.women.count, figures.participants_gender.men.count) == (
        3,
        1,
    )
    assert (figures.participants_gender.women.percent, figures.participants_gender.men.percent) == (
        75,
        25,
    )
    assert figures.day(1).participants_gender.women.percent == 67
    assert figures.day(1).participants_gender.men.percent == 33
    assert figures.day(2).participants_gender.women.percent == 100


def test_event_figures_speakers_are_distinct_and_exclude_moderators(small_event):
    figures = event_figures(small_event["event"])

    assert figures.speakers_gender.total == 2
    assert figures.speakers_gender.women.percent == 50
    assert figures.day(1).speakers_gender.total == 0
    assert figures.day(2).speakers_gender.men.count == 1


def test_event_figures_participants_by_organisation_kind(small_event):
    figures = event_figures(small_event["event"])

    assert figures.organisation_kinds.count(OrganisationKind.NATIONAL_CSO) == 2
    assert figures.organisation_kinds.count(OrganisationKind.DIPLOMATIC_MISSION) == 2
    assert figures.organisation_kinds.percent(OrganisationKind.NATIONAL_CSO) == 50
    assert figures.day(2).organisation_kinds.count(OrganisationKind.NATIONAL_CSO) == 1
    rows = figures.organisation_kind_rows
    assert [(share.key, [day.count for day in days]) for share, days in rows] == [
        (OrganisationKind.NATIONAL_CSO, [2, 1]),
        (OrganisationKind.DIPLOMATIC_MISSION, [1, 1]),
    ]


def test_participant_without_organisation_is_counted_as_none(small_event):
    person = PersonFactory(organisation=None)
    _attend(small_event["event"], small_event["day1"], person)

    figures = event_figures(small_event["event"])

    assert figures.organisation_kinds.count("none") == 1


def test_missions_present_by_day_and_by_name(small_event):
    mission_a, mission_b = small_event["missions"]

    figures = event_figures(small_event["event"])

    assert figures.mission_names == ("Embassy A", "Embassy B")
    assert figures.day(1).mission_names == ("Embassy A",)
    assert figures.day(2).mission_names == ("Embassy B",)
    assert [presence.day_ids for presence in missions_present(small_event["event"])] == [
        {small_event["day1"].pk},
        {small_event["day2"].pk},
    ]


def test_missions_of_another_event_are_not_present(small_event):
    other = EventFactory()
    other_day = ProgrammeDayFactory(event=other)
    stranger = PersonFactory(
        organisation=MissionFactory(organisation__name="Embassy C").organisation
    )
    _attend(other, other_day, stranger)

    assert event_figures(small_event["event"]).mission_names == ("Embassy A", "Embassy B")
    assert event_figures(other).mission_names == ("Embassy C",)


def test_themes_covered_from_sessions_and_approved_factsheets_only(small_event):
    event = small_event["event"]
    first, second, third, fourth = Theme.objects.order_by("order")[:4]
    session = event.days.first().sessions.first() or SessionFactory(day=small_event["day1"])
    session.themes.set([third])
    FactsheetFactory(event=event, theme=first, status=FactsheetStatus.APPROVED)
    FactsheetFactory(event=event, theme=fourth, status=FactsheetStatus.DRAFT)
    FactsheetFactory(theme=second, status=FactsheetStatus.APPROVED)  # another event

    assert themes_covered(event) == (first, third)


def test_factsheets_disseminated_counts_distinct_factsheets_and_missions(small_event):
    event = small_event["event"]
    mission_a, mission_b = small_event["missions"]
    factsheets = [FactsheetFactory(event=event, status=FactsheetStatus.APPROVED) for _ in range(3)]
    for factsheet in factsheets[:2]:
        for mission in (mission_a, mission_b):
            DistributionFactory(factsheet=factsheet, mission=mission, event=event)
    DistributionFactory(factsheet=FactsheetFactory(), mission=MissionFactory())  # other event

    figures = event_figures(event)

    assert (figures.factsheets_disseminated, figures.missions_reached) == (2, 2)


def test_event_figures_of_an_empty_event(event):
    figures = event_figures(event)

    assert figures.days == ()
    assert figures.participants == 0
    assert figures.participants_gender.total == 0
    assert figures.missions == ()
    assert figures.themes == ()
    assert (figures.factsheets_disseminated, figures.missions_reached) == (0, 0)
    assert figures.geneva is None


def test_event_figures_day_without_attendance_shows_zero(event):
    ProgrammeDayFactory(event=event)

    figures = event_figures(event)

    assert figures.days[0].attendance == 0
    assert figures.days[0].participants_gender.total == 0


def test_event_figures_are_frozen(small_event):
    figures = event_figures(small_event["event"])

    with pytest.raises(AttributeError):
        figures.participants = 99


# --- Query count ---------------------------------------------------------------------------


def _event_with_participants(count):
    """An event of two days with `count` people checked in on both, speakers and missions."""
    event = EventFactory()
    days = [
        ProgrammeDayFactory(event=event, date=event.start_date + datetime.timedelta(days=offset))
        for offset in range(2)
    ]
    cso = OrganisationFactory()
    missions = [MissionFactory(), MissionFactory(state="FR")]
    organisations = [cso, *(mission.organisation for mission in missions)]
    genders = [Gender.WOMAN, Gender.MAN, Gender.NOT_RECORDED]
    people = Person.objects.bulk_create(
        Person(
            team=event.team,
            given_name=f"Person {index}",
            gender=genders[index % 3],
            organisation=organisations[index % 3],
        )
        for index in range(count)
    )
    registrations = Registration.objects.bulk_create(
        Registration(event=event, person=person) for person in people
    )
    Attendance.objects.bulk_create(
        Attendance(registration=registration, day=day)
        for registration in registrations
        for day in days
    )
    session = SessionFactory(day=days[1])
    for person in people[: count // 2]:
        SessionRoleFactory(session=session, person=person)
    session.themes.set(event.themes.all()[:3])
    factsheet = FactsheetFactory(event=event)
    for mission in missions:
        DistributionFactory(factsheet=factsheet, mission=mission, event=event)
    return event


# days, attendance, kinds and genders (overall and per day), speakers (overall and per day),
# missions (2), themes, factsheets, participant count. Geneva series: 3 more (speaking
# roles, sessions, distinct missions).
FIGURES_QUERIES = 13


@pytest.mark.parametrize("participants", [10, 500], ids=["10-participants", "500-participants"])
def test_event_figures_query_count_does_not_grow_with_participants(
    db, participants, django_assert_num_queries
):
    event = _event_with_participants(participants)

    with django_assert_num_queries(FIGURES_QUERIES):
        figures = event_figures(event)

    assert figures.participants == participants
    assert [day.attendance for day in figures.days] == [participants, participants]
    assert figures.speakers_gender.total == participants // 2
    assert len(figures.missions) == 2


@pytest.mark.parametrize("participants", [10, 500], ids=["10-participants", "500-participants"])
def test_geneva_figures_query_count_does_not_grow_with_participants(
    db, participants, django_assert_num_queries
):
    event = _event_with_participants(participants)
    event.format = EventFormat.GENEVA
    event.save()
    session = SessionFactory(day=event.days.first(), state_under_review="TG")
    session.missions_present.set(MissionFactory.create_batch(2, state="FR"))

    with django_assert_num_queries(FIGURES_QUERIES + 3):
        figures = event_figures(event)

    assert figures.geneva is not None


# --- Geneva series -------------------------------------------------------------------------


def test_geneva_series_csos_that_took_the_floor(geneva_series):
    geneva = event_figures(geneva_series).geneva

    assert geneva.csos_took_floor == 13
    assert (geneva.national.part, geneva.national.whole, geneva.national.percent) == (11, 13, 85)
    assert (geneva.national_csos, geneva.international_csos, geneva.national_share) == (11, 2, 85)


def test_geneva_series_organisations_represented_by_women(geneva_series):
    geneva = event_figures(geneva_series).geneva

    # A, C, E, H, I and X: X sent a man to one session and a woman to another, once.
    women = geneva.represented_by_women
    assert (women.part, women.whole, women.percent) == (6, 13, 46)
    assert geneva.women_share == 46
    assert (geneva.cso_speakers_gender.women.count, geneva.cso_speakers_gender.total) == (6, 15)
    assert geneva.cso_speakers_gender.women.percent == 40


def test_geneva_series_nhris_and_their_sessions(geneva_series):
    geneva = event_figures(geneva_series).geneva

    assert [(nhri.name, [state.code for state in nhri.states]) for nhri in geneva.nhris] == [
        ("Human Rights Commission of Mozambique", ["MZ"]),
        ("National Human Rights Commission of Togo", ["TG"]),
    ]
    assert [state.code for state in geneva.nhri_states] == ["MZ", "TG"]


def test_geneva_series_missions_leave_out_the_state_under_review_and_check_ins(geneva_series):
    figures = event_figures(geneva_series)
    geneva = figures.geneva

    assert geneva.missions == 8
    assert len(figures.missions) == 8
    assert "Permanent Mission NL" not in figures.mission_names
    assert [len(day.missions) for day in figures.days] == [5, 4, 6]
    assert [row.missions for row in geneva.sessions_table] == [2, 4, 1, 4, 2, 0, 3, 1, 2, 2, 1, 3]


def test_geneva_series_average_missions_per_session(geneva_series):
    geneva = event_figures(geneva_series).geneva

    average = geneva.average_missions_per_session
    assert (average.total, average.count, geneva.sessions) == (25, 12, 12)
    assert average.rounded == Decimal("2.1")
    assert average.exact == Decimal("2.08")


def test_geneva_series_state_under_review_delegations(geneva_series):
    geneva = event_figures(geneva_series).geneva

    assert geneva.states_under_review == 12
    present = geneva.delegations_present
    assert (present.part, present.whole, present.percent) == (10, 11, 91)
    assert geneva.delegations_not_recorded == 1
    took_floor = geneva.took_floor
    assert (took_floor.part, took_floor.whole, took_floor.percent) == (7, 10, 70)
    assert geneva.took_floor_not_recorded == 2


def test_geneva_series_sessions_table(geneva_series):
    table = event_figures(geneva_series).geneva.sessions_table

    assert [row.state.code for row in table] == [state for _, state, *_ in GENEVA_SERIES]
    togo = table[5]
    assert [org.name for org in togo.csos] == ["National CSO F"]
    assert [(org.name, str(org.kind_label)) for org in togo.other_organisations] == [
        ("National Human Rights Commission of Togo", "National human rights institution")
    ]
    assert (togo.women_speakers.part, togo.women_speakers.whole) == (1, 2)
    assert (togo.delegation_present, togo.took_floor) == ("absent", "no")
    nepal = table[9]
    assert [org.name for org in nepal.csos] == ["National CSO I"]
    assert (nepal.women_speakers.part, nepal.women_speakers.whole) == (1, 2)


@pytest.mark.parametrize(
    ("total", "count", "rounded", "exact"),
    [
        (461, 12, "38", "38.42"),
        (109, 12, "9.1", "9.08"),
        (108, 12, "9", "9.00"),
        (5, 2, "2.5", "2.50"),
        (0, 0, "0", "0.00"),
    ],
    ids=["large-whole", "tenth-matters", "whole", "half", "no-sessions"],
)
def test_average_is_written_as_a_person_would(total, count, rounded, exact):
    average = Average(total, count)

    assert (str(average), str(average.exact)) == (rounded, exact)


def test_geneva_figures_of_an_empty_series(db):
    event = EventFactory(format=EventFormat.GENEVA)

    geneva = event_figures(event).geneva

    assert geneva.csos_took_floor == 0
    assert geneva.national_share == 0
    assert geneva.women_share == 0
    assert geneva.average_missions_per_session.rounded == 0
    assert (geneva.took_floor.whole, geneva.took_floor.percent) == (0, 0)


def test_themes_covered_are_only_the_events_themes(db):
    event = EventFactory(themes=[])
    chosen, left_out = event.team.themes.order_by("order")[:2]
    event.themes.add(chosen)
    session = SessionFactory(day=ProgrammeDayFactory(event=event))
    session.themes.add(chosen, left_out)

    figures = event_figures(event)

    assert list(figures.themes) == [chosen]
