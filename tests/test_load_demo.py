"""`manage.py load_demo`: idempotent, logins only with debug on."""

import io
from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Membership, TeamRole
from cfp.models import ApplicationStatus, Score
from events.models import Event, EventFormat, Session, SessionRole, SessionRoleKind
from factsheets.models import Factsheet, FactsheetFile, FactsheetStatus
from participants.models import Person
from recommendations.models import (
    ImplementationAssessment,
    RecommendingState,
    Response,
    Review,
    UptakeLink,
)
from reports.stats import event_figures


@pytest.fixture(autouse=True)
def _demo_files_in_a_folder_of_the_test(private_storage):
    """The demo's factsheet PDFs are written to a throwaway folder."""
    return private_storage


def _snapshot():
    """Every row of every model (and of every many-to-many table), all columns."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        rows[model._meta.label] = sorted(
            model.objects.order_by("pk").values_list(), key=lambda row: repr(row)
        )
    return rows


def test_load_demo_twice_leaves_the_same_rows(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    before = _snapshot()
    output = io.StringIO()

    call_command("load_demo", stdout=output)

    after = _snapshot()
    assert {label: len(rows) for label, rows in after.items()} == {
        label: len(rows) for label, rows in before.items()
    }
    assert after == before
    assert "Nothing to change" in output.getvalue()


def test_load_demo_restores_a_changed_demo_value(db):
    call_command("load_demo", stdout=io.StringIO())
    Person.objects.filter(family_name="Pieri").update(gender="woman")
    output = io.StringIO()

    call_command("load_demo", stdout=output)

    assert Person.objects.get(family_name="Pieri").gender == "man"
    assert "0 rows created, 1 rows updated, 0 sets of links changed." in output.getvalue()


def test_load_demo_with_debug_creates_and_prints_one_login_per_role_per_team(db, settings):
    settings.DEBUG = True
    output = io.StringIO()

    call_command("load_demo", stdout=output)

    printed = output.getvalue()
    users = get_user_model().objects.order_by("username")
    assert [user.username for user in users] == [
        "admin",
        "cso",
        "geneva-cso",
        "geneva-organiser",
        "geneva-reports",
        "organiser",
        "reports",
    ]
    roles = {
        (m.user.username, m.team.name, m.role)
        for m in Membership.objects.select_related("user", "team")
    }
    assert roles == {
        ("organiser", "CCHR / UPR Info Cambodia", TeamRole.ORGANISER),
        ("reports", "CCHR / UPR Info Cambodia", TeamRole.REPORT_ADMINISTRATOR),
        ("geneva-organiser", "UPR Info Geneva", TeamRole.ORGANISER),
        ("geneva-reports", "UPR Info Geneva", TeamRole.REPORT_ADMINISTRATOR),
    }
    assert not Group.objects.exists()
    assert users.get(username="admin").is_superuser
    cso = users.get(username="cso")
    assert Factsheet.objects.authored_by(cso.organisation).filter(
        status=FactsheetStatus.APPROVED
    ).exists()  # fmt: skip
    assert users.get(username="geneva-cso").organisation.team.name == "UPR Info Geneva"
    for line in printed.splitlines()[-7:]:
        username, password = line.split()[:2]
        assert users.get(username=username).check_password(password)


def test_demo_teams_cannot_see_each_other(db, settings, client):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    cambodia = Event.objects.get(slug="cambodia-2018")
    geneva = Event.objects.get(format=EventFormat.GENEVA)
    users = get_user_model().objects.in_bulk(field_name="username")

    assert users["organiser"].has_perm("events.view_event", cambodia)
    assert not users["organiser"].has_perm("events.view_event", geneva)
    assert users["geneva-organiser"].has_perm("events.view_event", geneva)
    assert not users["geneva-organiser"].has_perm("events.view_event", cambodia)
    assert users["geneva-cso"].has_perm("events.view_event", geneva)
    assert not users["geneva-cso"].has_perm("events.view_event", cambodia)
    assert not users["cso"].has_perm("events.view_event", geneva)


def test_demo_geneva_event_has_sessions_with_a_state_speakers_and_missions(db):
    call_command("load_demo", stdout=io.StringIO())

    geneva = Event.objects.get(format=EventFormat.GENEVA)

    sessions = list(Session.objects.for_event(geneva).prefetch_related("roles", "missions_present"))
    assert [session.state_under_review for session in sessions] == [
        "MZ", "PE", "MN", "KZ", "FJ", "MG", "BO", "GM", "AO", "SI", "NP", "LK"
    ]  # fmt: skip
    assert all(len(session.missions_present.all()) >= 5 for session in sessions)
    assert all(
        1 <= len([r for r in session.roles.all() if r.role == "speaker"]) <= 3
        for session in sessions
    )
    assert {session.sur_delegation_present for session in sessions} == {
        "present", "absent", "not_recorded"
    }  # fmt: skip
    assert {session.sur_took_floor for session in sessions} == {"yes", "no", "not_recorded"}
    assert set(
        Person.objects.filter(registrations__event=geneva).values_list("team", flat=True)
    ) == {geneva.team_id}


def test_load_demo_without_debug_creates_no_login_and_says_so(db, settings):
    settings.DEBUG = False
    output = io.StringIO()

    call_command("load_demo", stdout=output)

    assert get_user_model().objects.count() == 0
    assert "DEBUG is off: no demo logins were created" in output.getvalue()
    assert "password" not in output.getvalue().lower()
    assert [day.attendance for day in event_figures(Factsheet.objects.first().event).days] == [
        60,
        70,
        45,
    ]


def test_demo_geneva_series_figures(db):
    call_command("load_demo", stdout=io.StringIO())

    geneva = event_figures(Event.objects.get(format=EventFormat.GENEVA)).geneva

    assert (geneva.csos_took_floor, geneva.national.part, geneva.national.percent) == (16, 13, 81)
    assert (geneva.represented_by_women.part, geneva.represented_by_women.percent) == (13, 81)
    assert list(geneva.nhri_state_names) == ["Kazakhstan", "Gambia"]
    assert geneva.missions == 20
    assert str(geneva.average_missions_per_session) == "7.2"
    assert (geneva.delegations_present.part, geneva.delegations_present.whole) == (10, 11)
    assert geneva.delegations_not_recorded == 1
    assert (geneva.took_floor.part, geneva.took_floor.whole, geneva.took_floor.percent) == (
        6,
        10,
        60,
    )
    assert geneva.took_floor_not_recorded == 2


def test_load_demo_gives_every_factsheet_a_small_real_pdf(db):
    call_command("load_demo", stdout=io.StringIO())

    factsheets = Factsheet.objects.filter(event__slug__in=["cambodia-2018"])
    files = FactsheetFile.objects.filter(factsheet__in=factsheets)
    assert files.count() == factsheets.count() > 0
    for version in files:
        with version.file.open("rb") as stored:
            content = stored.read()
        assert content.startswith(b"%PDF-")
        assert len(content) == version.size < 100_000
        assert (version.version, version.content_type) == (1, "application/pdf")


def test_load_demo_imports_cambodia_first_cycle_from_the_real_export(db):
    call_command("load_demo", stdout=io.StringIO())

    review = Review.objects.get(team__slug="cchr-upr-info-cambodia", cycle=1)
    states = Counter(
        RecommendingState.objects.filter(recommendation__review=review).values_list(
            "country", flat=True
        )
    )
    assert (review.wg_session, review.wg_report_symbol) == (6, "A/HRC/13/4")
    assert review.recommendations.count() == 138
    assert set(review.recommendations.values_list("response", flat=True)) == {Response.SUPPORTED}
    assert (len(states), states["BR"], states["NO"]) == (47, 7, 7)
    assert not review.recommendations.filter(action_category__isnull=True).exists()
    # The team's themes, from UPR Info's issues: what advocacy targeting reads.
    themed = review.recommendations.filter(themes__name="Gender/Women's Rights")
    assert themed.count() >= 10
    assert set(themed.values_list("themes__team__slug", flat=True)) == {"cchr-upr-info-cambodia"}


def test_load_demo_links_the_event_to_a_fictitious_third_cycle_review(db):
    call_command("load_demo", stdout=io.StringIO())

    review = Review.objects.get(team__slug="cchr-upr-info-cambodia", cycle=3)
    assert list(review.events.values_list("slug", flat=True)) == ["cambodia-2018"]
    texts = list(review.recommendations.values_list("text", flat=True))
    assert len(texts) == 6
    assert all(text.endswith("(Fictitious, for the demo)") for text in texts)
    links = UptakeLink.objects.filter(recommendation__review=review)
    assert links.count() == 5
    assert {link.suggested.factsheet.event.slug for link in links} == {"cambodia-2018"}
    assessments = ImplementationAssessment.objects.filter(recommendation__review=review)
    assert assessments.count() == 3
    assert all("Fictitious, for the demo" in a.evidence for a in assessments)


def test_demo_call_for_speakers_has_applications_to_select_from(db, settings, client):
    settings.DEBUG = True
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    event = Event.objects.get(slug="cambodia-2018")
    call = event.call

    applications = {a.organisation_name: a for a in call.applications.all()}
    assert sorted(applications) == [
        "Civic Space Watch Cambodia",
        "Garment Workers' Solidarity Circle",
        "Sunflower Women's Network",
        "Tonle Land and Forest Watch",
    ]
    accepted = [a for a in applications.values() if a.status == ApplicationStatus.ACCEPTED]
    assert {a.organisation_name for a in accepted} == {
        "Sunflower Women's Network",
        "Tonle Land and Forest Watch",
    }
    # Each accepted speaker (of the organisation or a coalition partner) speaks on the demo
    # programme.
    for application in accepted:
        for speaker in application.speakers.all():
            assert SessionRole.objects.filter(
                session__day__event=event,
                role=SessionRoleKind.SPEAKER,
                person__given_name=speaker.given_name,
                person__family_name=speaker.family_name,
            ).exists(), speaker
    assert Score.objects.filter(application__call=call, reviewer__username="organiser").count() == 4
    assert "Call for speakers of UPR In-country Pre-session: Cambodia: 4 applications" in (
        output.getvalue()
    )

    client.force_login(get_user_model().objects.get(username="organiser"))
    page = client.get(reverse("cfp:selection", args=[event.slug]))
    # The accepted applications come ticked: 3 women of 4 speakers.
    assert page.context["balance"].women_percent == 75
    assert b"Civic Space Watch Cambodia" in page.content
