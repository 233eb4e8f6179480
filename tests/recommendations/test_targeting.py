"""Advocacy targeting: the "States to approach" for a State under Review and a theme, its
filter by regional group, its exports and its one-page brief."""

import csv
import io
from types import SimpleNamespace
from urllib.parse import urlencode

import openpyxl
import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import TeamRole
from factsheets.models import FactsheetStatus
from participants.models import Mission
from recommendations.models import Response
from recommendations.selectors import Priority, ThemeMatcher, states_to_approach
from recommendations.services import link_review_to_event
from tests import factories

SELECTOR_QUERIES = 7


def _mission(state, name):
    return factories.MissionFactory(state=state, organisation__name=name)


@pytest.fixture
def world(db):
    """Cambodia's first and second cycles (earlier reviews) and its third (coming), a 2013
    pre-session before the second, Brazil's diplomat checked in there, Norway handed the
    theme's factsheet, Thailand's diplomat registered but never checked in."""
    team = factories.TeamFactory(slug="team-t", name="Team T")
    theme = team.themes.get(name="Rights of the child")
    women = team.themes.get(name="Gender/Women's Rights")
    first = factories.ReviewFactory(team=team, state_under_review="KH", cycle=1)
    second = factories.ReviewFactory(team=team, state_under_review="KH", cycle=2)
    third = factories.ReviewFactory(team=team, state_under_review="KH", cycle=3)

    def made(review, paragraph, states, *, response=Response.SUPPORTED, category=None, **kw):
        themes = kw.pop("themes", [])
        recommendation = factories.RecommendationFactory(
            review=review,
            paragraph=paragraph,
            states=states,
            response=response,
            action_category=category,
            **kw,
        )
        recommendation.themes.set(themes)
        return recommendation

    made(first, "118.1", ["BR", "NO"], category=5, themes=[theme])
    made(first, "118.2", ["BR"], category=4, source_issues=["Rights of the Child"])
    made(first, "118.3", ["FR"], category=5, source_issues=["Women's rights"], themes=[women])
    made(first, "118.4", ["TH"], response=Response.NOTED, category=2, themes=[theme])
    # Brazil named twice in one recommendation: counted once.
    made(
        second,
        "110.5",
        ["BR", "BR"],
        response=Response.NOTED,
        category=3,
        source_issues=["rights of the child"],
    )
    made(second, "110.6", ["NO"], response=Response.NOTED, category=5, themes=[theme])
    made(second, "110.7", ["VN"], themes=[theme])

    event = factories.EventFactory(
        team=team, title="Pre-session 2013", slug="pre-session-2013", upr_cycle=2
    )
    link_review_to_event(second, event, by=None)
    day = factories.ProgrammeDayFactory(event=event)
    brazil = _mission("BR", "Embassy of Brazil")
    norway = _mission("NO", "Royal Norwegian Embassy")
    thailand = _mission("TH", "Royal Thai Embassy")
    brazil_diplomat = factories.PersonFactory(team=team, organisation=brazil.organisation)
    factories.AttendanceFactory(
        registration=factories.RegistrationFactory(event=event, person=brazil_diplomat), day=day
    )
    factories.RegistrationFactory(
        event=event, person=factories.PersonFactory(team=team, organisation=thailand.organisation)
    )
    factsheet = factories.FactsheetFactory(
        event=event, theme=theme, status=FactsheetStatus.APPROVED
    )
    factories.DistributionFactory(factsheet=factsheet, mission=norway, day=day)

    # Another team's pre-session on Cambodia, where Thailand came: not this team's roster.
    other_event = factories.EventFactory(slug="other-team-kh")
    other_day = factories.ProgrammeDayFactory(event=other_event)
    factories.AttendanceFactory(
        registration=factories.RegistrationFactory(
            event=other_event,
            person=factories.PersonFactory(
                team=other_event.team, organisation=thailand.organisation
            ),
        ),
        day=other_day,
    )
    return SimpleNamespace(
        team=team,
        theme=theme,
        women=women,
        third=third,
        event=event,
        organiser=factories.member(TeamRole.ORGANISER, team),
    )


def _by_code(targeting):
    return {state.country.code: state for state in targeting.states}


# The selector --------------------------------------------------------------------------


def test_states_to_approach_counts_each_states_recommendations_on_the_theme(world):
    targeting = states_to_approach(world.team, state="KH", theme=world.theme)

    states = _by_code(targeting)
    assert sorted(states) == ["BR", "NO", "TH", "VN"]
    assert targeting.recommendations == 6
    assert targeting.matched_by_issue == 2
    assert targeting.cycles == (1, 2)  # the third has no recommendations yet
    brazil = states["BR"]
    assert (brazil.recommendations, brazil.supported, brazil.noted) == (3, 2, 1)
    assert brazil.categories == (0, 0, 1, 1, 1)
    assert brazil.average_category == 4.0
    assert brazil.specific_supported == 2
    assert [(c.cycle, c.count, c.paragraphs) for c in brazil.by_cycle] == [
        (1, 2, ("118.1", "118.2")),
        (2, 1, ("110.5",)),
    ]
    norway = states["NO"]
    assert (norway.recommendations, norway.supported, norway.noted) == (2, 1, 1)
    assert norway.specific_supported == 1
    # The one to recall: supported, the most specific, then the most recent.
    assert (brazil.quoted.paragraph, brazil.quoted.action_category) == ("118.1", 5)
    assert states["TH"].quoted.paragraph == "118.4"
    assert states["VN"].uncategorised == 1
    assert states["VN"].average_category is None


def test_states_to_approach_joins_the_roster_of_the_teams_pre_sessions(world):
    targeting = states_to_approach(world.team, state="KH", theme=world.theme)

    states = _by_code(targeting)
    assert [event.title for event in targeting.events] == ["Pre-session 2013"]
    assert [m.name for m in states["BR"].missions] == ["Embassy of Brazil"]
    assert (states["BR"].came, states["BR"].received_factsheet) == (True, False)
    assert (states["NO"].came, states["NO"].received_theme_factsheet) == (False, True)
    # Registered, never checked in; and what it did at another team's event does not count.
    assert states["TH"].came is False
    assert states["TH"].missions[0].registered_not_attended == 1
    assert states["VN"].missions == ()


def test_states_to_approach_at_a_geneva_series_counts_the_states_own_session(world):
    series = factories.EventFactory(
        team=world.team, title="Geneva series", slug="geneva", country_under_review=""
    )
    day = factories.ProgrammeDayFactory(event=series)
    on_cambodia = factories.SessionFactory(day=day, state_under_review="KH")
    on_laos = factories.SessionFactory(day=day, state_under_review="LA")
    thailand = Mission.objects.get(state="TH")
    viet_nam = _mission("VN", "Embassy of Viet Nam")
    on_cambodia.missions_present.add(thailand)
    on_laos.missions_present.add(viet_nam)
    # Checked in at the series, which covers many States: not a sign of interest in this one.
    factories.AttendanceFactory(
        registration=factories.RegistrationFactory(
            event=series,
            person=factories.PersonFactory(team=world.team, organisation=viet_nam.organisation),
        ),
        day=day,
    )

    targeting = states_to_approach(world.team, state="KH", theme=world.theme)

    states = _by_code(targeting)
    assert [event.title for event in targeting.events] == ["Pre-session 2013", "Geneva series"]
    assert states["TH"].came is True
    assert states["VN"].came is False


def test_states_to_approach_in_priority_order(world):
    targeting = states_to_approach(world.team, state="KH", theme=world.theme)

    assert [(s.rank, s.country.code, s.priority) for s in targeting.states] == [
        (1, "BR", Priority.HIGH),  # specific and supported, and came
        (2, "NO", Priority.MEDIUM),  # specific and supported
        (3, "VN", Priority.LOW),  # as Thailand, but more recent
        (4, "TH", Priority.LOW),
    ]


def test_states_to_approach_filtered_by_regional_group_are_the_neighbours(world):
    targeting = states_to_approach(world.team, state="KH", theme=world.theme, group="asia_pacific")

    assert [state.country.code for state in targeting.states] == ["VN", "TH"]
    assert targeting.recommendations == 2
    assert targeting.neighbours_group == "asia_pacific"


def test_states_to_approach_of_another_theme_matches_its_issue_tags(world):
    targeting = states_to_approach(world.team, state="KH", theme=world.women)

    assert [state.country.code for state in targeting.states] == ["FR"]


def test_states_to_approach_of_a_state_without_reviews_is_empty(world):
    targeting = states_to_approach(world.team, state="LA", theme=world.theme)

    assert (targeting.states, targeting.cycles, targeting.recommendations) == ((), (), 0)


@pytest.mark.parametrize(
    ("theme", "issue", "expected"),
    [
        ("Rights of the child", "Rights of the Child", True),
        ("Labour Rights", "Labour", True),
        ("Access to Justice", "Justice", True),
        ("Land and Natural resources", "Right to land", True),
        ("Public health", "Right to health", True),
        ("Gender/Women's Rights", "Women's rights", True),
        ("Elections", "Freedom of the press", False),
        ("Rule of law", "Other", False),
        ("Land and Natural resources", "Finland", False),
    ],
)
def test_theme_matcher_on_upr_info_issue_tags(theme, issue, expected):
    matcher = ThemeMatcher.for_theme(SimpleNamespace(name=theme))

    assert matcher.matches(issue) is expected


def _more_states(world, count):
    """`count` more recommending States on the theme, each with a mission that came."""
    review = world.third.team.reviews.get(cycle=1)
    day = world.event.days.get()
    codes = ["AR", "CL", "MX", "PE", "UY", "CO", "EC", "BO", "PY", "CR", "PA", "GT"][:count]
    for number, code in enumerate(codes):
        recommendation = factories.RecommendationFactory(
            review=review, paragraph=f"118.{50 + number}", states=[code], action_category=5
        )
        recommendation.themes.set([world.theme])
        mission = _mission(code, f"Embassy {code}")
        diplomat = factories.PersonFactory(team=world.team, organisation=mission.organisation)
        factories.AttendanceFactory(
            registration=factories.RegistrationFactory(event=world.event, person=diplomat),
            day=day,
        )
        factories.DistributionFactory(
            factsheet=world.event.factsheets.get(), mission=mission, day=day
        )


def test_states_to_approach_query_count_is_fixed(world, django_assert_num_queries):
    with django_assert_num_queries(SELECTOR_QUERIES):
        few = states_to_approach(world.team, state="KH", theme=world.theme)
    _more_states(world, 12)

    with django_assert_num_queries(SELECTOR_QUERIES):
        many = states_to_approach(world.team, state="KH", theme=world.theme)

    assert (len(few.states), len(many.states)) == (4, 16)


# The page ------------------------------------------------------------------------------


def _url(name, team, *args, **query):
    return f"{reverse(name, args=[team.slug, *args])}?{urlencode(query)}"


def test_targeting_page_shows_the_states_to_approach(client, world):
    client.force_login(world.organiser)

    response = client.get(
        _url("recommendations:targeting", world.team, state="KH", theme=world.theme.pk)
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("Brazil") < content.index("Norway") < content.index("Thailand")
    assert "Embassy of Brazil" in content
    assert "High priority" in content
    assert "Pre-session 2013" in content
    assert "?state=KH&amp;theme=" in content  # exports and the brief keep the query
    assert "neighbours" in content


def test_targeting_page_by_regional_group_says_it_is_the_neighbours_flow(client, world):
    client.force_login(world.organiser)

    response = client.get(
        _url(
            "recommendations:targeting",
            world.team,
            state="KH",
            theme=world.theme.pk,
            group="asia_pacific",
        )
    )

    content = response.content.decode()
    assert "The flow of recommendations from neighbouring countries" in content
    assert "Viet Nam" in content or "Vietnam" in content
    assert "Brazil" not in content


def test_targeting_page_with_only_the_state_shows_the_form_without_errors(client, world):
    client.force_login(world.organiser)

    response = client.get(_url("recommendations:targeting", world.team, state="KH"))

    content = response.content.decode()
    assert '<option value="KH" selected>Cambodia</option>' in content
    assert "is-invalid" not in content
    assert "Pick a State under Review and a theme" in content


def test_targeting_page_refuses_another_teams_theme(client, world):
    other_theme = factories.TeamFactory().themes.first()
    client.force_login(world.organiser)

    response = client.get(
        _url("recommendations:targeting", world.team, state="KH", theme=other_theme.pk)
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in content
    assert "Embassy of Brazil" not in content


def test_targeting_page_refuses_a_state_the_team_has_not_reviewed(client, world):
    client.force_login(world.organiser)

    response = client.get(
        _url("recommendations:targeting", world.team, state="FR", theme=world.theme.pk)
    )

    assert "Select a valid choice" in response.content.decode()


def test_targeting_page_refuses_an_unknown_regional_group(client, world):
    client.force_login(world.organiser)

    response = client.get(
        _url("recommendations:targeting", world.team, state="KH", theme=world.theme.pk, group="eu")
    )

    content = response.content.decode()
    assert "Regional group: Select a valid choice" in content
    assert "Embassy of Brazil" not in content


def test_targeting_page_query_count_is_fixed(client, world):
    client.force_login(world.organiser)
    url = _url("recommendations:targeting", world.team, state="KH", theme=world.theme.pk)

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _more_states(world, 12)

    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many.captured_queries) == len(few.captured_queries)


def _export(world, export_format, **query):
    return _url("recommendations:targeting_export", world.team, export_format, **query)


# Exports -------------------------------------------------------------------------------


def test_targeting_csv_export_lists_the_states_in_priority_order(client, world):
    client.force_login(world.organiser)

    response = client.get(_export(world, "csv", state="KH", theme=world.theme.pk))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"].startswith("text/csv")
    assert "kh-rights-of-the-child" in response["Content-Disposition"]
    header = rows[0]
    brazil = dict(zip(header, rows[1], strict=True))
    assert [row[header.index("State")] for row in rows[1:]] == [
        "Brazil",
        "Norway",
        "Viet Nam",
        "Thailand",
    ]
    assert brazil["Priority"] == "High"
    assert brazil["Recommendations"] == "3"
    assert brazil["Recommendations by cycle"] == "cycle 1: 2; cycle 2: 1"
    assert (brazil["Supported"], brazil["Noted"]) == ("2", "1")
    assert brazil["Average category"] == "4.0"
    assert brazil["Paragraphs"] == "cycle 1: 118.1, 118.2; cycle 2: 110.5"
    assert brazil["Missions"] == "Embassy of Brazil"
    assert brazil["Came to a pre-session"] == "yes"


def test_targeting_csv_export_escapes_formulas(client, world):
    brazil = Mission.objects.get(state="BR").organisation
    brazil.name = '=HYPERLINK("http://evil.example","Brazil")'
    brazil.save()
    client.force_login(world.organiser)

    response = client.get(_export(world, "csv", state="KH", theme=world.theme.pk))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    missions = rows[0].index("Missions")
    assert rows[1][missions] == '\'=HYPERLINK("http://evil.example","Brazil")'


def test_targeting_xlsx_export_has_the_same_rows(client, world):
    client.force_login(world.organiser)

    response = client.get(_export(world, "xlsx", state="KH", theme=world.theme.pk))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[2] for row in rows[1:]] == ["Brazil", "Norway", "Viet Nam", "Thailand"]
    assert rows[1][4] == 3


def test_targeting_export_of_an_unknown_format_is_not_found(client, world):
    client.force_login(world.organiser)

    response = client.get(_export(world, "json", state="KH", theme=world.theme.pk))

    assert response.status_code == 404


def test_targeting_export_without_a_theme_goes_back_to_the_form(client, world):
    client.force_login(world.organiser)

    response = client.get(_export(world, "csv", state="KH", theme=""))

    assert response.status_code == 302
    assert response.url.startswith(reverse("recommendations:targeting", args=[world.team.slug]))


# The brief -----------------------------------------------------------------------------


def _pdf_text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return len(reader.pages), " ".join(page.extract_text() for page in reader.pages)


def test_targeting_brief_is_one_page_with_the_theme(client, world):
    _more_states(world, 12)
    client.force_login(world.organiser)

    response = client.get(
        _url("reports:targeting_brief", world.team, state="KH", theme=world.theme.pk)
    )

    pages, text = _pdf_text(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert pages == 1
    assert "Rights of the child" in text
    assert "Brazil" in text
    assert "more States" not in text  # all 16 fit
    assert "What they recommended last time" in text


def test_targeting_brief_of_the_neighbours_names_the_group(client, world):
    client.force_login(world.organiser)

    response = client.get(
        _url(
            "reports:targeting_brief",
            world.team,
            state="KH",
            theme=world.theme.pk,
            group="asia_pacific",
        )
    )

    pages, text = _pdf_text(response.content)
    assert pages == 1
    assert "Asia-Pacific Group" in " ".join(text.split())
    assert "Brazil" not in text


def test_targeting_brief_stays_one_page_with_long_rows(client, world):
    reviews = list(world.team.reviews.filter(cycle__in=[1, 2]))
    codes = ["AR", "CL", "MX", "PE", "UY", "CO", "EC", "BO", "PY", "CR", "PA", "GT", "SV", "HN"]
    for code in codes:
        for review in reviews:
            for _number in range(6):
                recommendation = factories.RecommendationFactory(
                    review=review, states=[code], action_category=5
                )
                recommendation.themes.set([world.theme])
        _mission(code, f"Embassy of the Very Long Named Republic of {code} in Phnom Penh")
        _mission(code, f"Permanent Mission of the Republic of {code} to the United Nations")
    client.force_login(world.organiser)

    response = client.get(
        _url("reports:targeting_brief", world.team, state="KH", theme=world.theme.pk)
    )

    pages, text = _pdf_text(response.content)
    assert pages == 1
    assert "more States: see the full list" in text
