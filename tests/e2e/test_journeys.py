"""The users' journeys, end to end in Chromium: what a person does, through visible labels,
roles and buttons. No direct URL beyond the login page, except where a journey checks
that typing another organisation's address leads nowhere."""

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader, PdfWriter

from demo.loader import load_demo_event
from events.models import SessionRole
from factsheets.models import Factsheet, FactsheetFile
from participants.models import (
    Attendance,
    Gender,
    MissionType,
    OrganisationKind,
    Registration,
    Scope,
)
from tests import factories
from tests.e2e.helpers import assert_accessible, log_in, pair_authenticator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def counter(page: Page, name):
    """One of the desk's running counters (present, women, men, other, missions)."""
    return page.get_by_role("status", name="Counters of this day").locator(
        f"[data-counter='{name}']"
    )


def pick_person(row, typed, name):
    """Type in a person picker and pick `name` among the people it finds."""
    row.get_by_role("searchbox").fill(typed)
    row.get_by_role("button", name=re.compile(name)).click()


def desk_row(page: Page, name):
    return page.get_by_role("row").filter(has_text=name)


def test_organiser_sets_up_an_event_registers_people_and_runs_the_desk(page: Page):
    user = factories.organiser(first_name="Channa", last_name="Organiser")
    known = factories.OrganisationFactory(name="Cambodian Center for Testing", acronym="CCT")
    # People the app already knows from earlier events: the panel's moderator and speakers.
    for given, family, gender in [
        ("Moderata", "Keo", Gender.WOMAN),
        ("Speakia", "Lim", Gender.WOMAN),
        ("Speako", "Ung", Gender.MAN),
    ]:
        factories.PersonFactory(
            given_name=given, family_name=family, gender=gender, organisation=known
        )

    log_in(page, user, check_accessibility=True)
    assert_accessible(page)

    # The event, with two days.
    page.get_by_role("link", name="New event").click()
    page.locator("#id_title").fill("Pre-session: Testland 2026")
    page.get_by_label("City").fill("Phnom Penh")
    page.get_by_label("Country under review").select_option(label="Cambodia")
    page.get_by_label("Start date").fill("2026-03-02")
    page.get_by_label("End date").fill("2026-03-03")
    page.get_by_role("group", name="Day 1").get_by_label("Date").fill("2026-03-02")
    page.get_by_role("group", name="Day 1").get_by_label("Focus").fill("Preparatory day")
    page.get_by_role("group", name="Day 2").get_by_label("Date").fill("2026-03-03")
    page.get_by_role("group", name="Day 2").get_by_label("Focus").fill("Pre-session")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Pre-session: Testland 2026 is saved.")
    expect(
        page.get_by_role("heading", name=re.compile("^Day 1 · Monday 2 March 2026"))
    ).to_be_visible()
    expect(
        page.get_by_role("heading", name=re.compile("^Day 2 · Tuesday 3 March 2026"))
    ).to_be_visible()

    # A panel on day 1: a moderator and a speaker, then a second speaker added to it.
    page.get_by_role("region", name=re.compile("^Day 1")).get_by_role(
        "link", name="Edit this day"
    ).click()
    session = page.get_by_role("region", name="New session")
    session.get_by_label("Starts").fill("10:00")
    session.get_by_label("Ends").fill("11:30")
    session.get_by_label("Kind").select_option(label="Panel")
    session.get_by_label("Title").fill("Civic space and the UPR")
    role_rows = session.get_by_role("row").filter(has=page.get_by_role("searchbox"))
    pick_person(role_rows.nth(0), "Moderata", "Moderata Keo")
    role_rows.nth(0).get_by_label("Role").select_option(label="Moderator")
    # More people added in place, without saving; the last one moved up with the keyboard.
    for index, (typed, name) in enumerate([("Speako", "Speako Ung"), ("Speakia", "Speakia Lim")]):
        session.get_by_role("button", name="Add a person").click()
        pick_person(role_rows.nth(index + 1), typed, name)
        role_rows.nth(index + 1).get_by_label("Role").select_option(label="Speaker")
    move_up = role_rows.nth(2).get_by_role("button", name="Move up")
    move_up.focus()
    page.keyboard.press("Enter")
    expect(role_rows.nth(1).get_by_role("searchbox")).to_have_value(re.compile("^Speakia Lim"))
    assert_accessible(page)
    page.get_by_role("button", name="Save the day").click()
    expect(page.get_by_role("alert").first).to_contain_text("is saved")
    panel = page.get_by_role("article").filter(has_text="Civic space and the UPR")
    expect(panel).to_contain_text("Moderator")
    expect(panel).to_contain_text("Moderata Keo")
    expect(panel).to_contain_text("Speakia Lim")
    expect(panel).to_contain_text("Speako Ung")
    assert list(
        SessionRole.objects.filter(session__title="Civic space and the UPR")
        .order_by("order")
        .values_list("person__given_name", flat=True)
    ) == ["Moderata", "Speakia", "Speako"]

    # Three people registered, one of them with a Khmer name and a new organisation.
    people = [
        ("សុខ", "ចាន់ធា", "Woman", None, "សមាគមយុវជនខ្មែរ"),
        ("Dara", "Pich", "Man", "Cambodian Center for Testing (CCT)", None),
        ("Maly", "Chhim", "Woman", "Cambodian Center for Testing (CCT)", None),
    ]
    page.get_by_role("navigation", name="Event pages").get_by_role(
        "link", name="Participants"
    ).click()
    for given, family, gender, organisation, new_organisation in people:
        page.get_by_role("link", name="New person").click()
        page.get_by_label("Given name").fill(given)
        page.get_by_label("Family name").fill(family)
        page.get_by_label("Gender").select_option(label=gender)
        if organisation:
            page.get_by_label("Organisation", exact=True).select_option(label=organisation)
        else:
            page.get_by_label("New organisation", exact=True).fill(new_organisation)
            page.get_by_label("Kind of the new organisation").select_option(label="Youth group")
        page.get_by_label("Registered to this event as").select_option(label="Participant")
        if given == "សុខ":
            assert_accessible(page)
        page.get_by_role("button", name="Save and register").click()
        expect(page.get_by_role("alert")).to_contain_text(f"{given} {family} is registered")
    # The panel's three people were registered when put on the programme.
    expect(page.get_by_role("heading", name="Participants 6")).to_be_visible()
    expect(page.get_by_role("link", name="សុខ ចាន់ធា")).to_be_visible()

    # A walk-in on day 2: registered and checked in at once, at that day's desk.
    page.get_by_role("navigation", name="Event pages").get_by_role(
        "link", name="Registration desk"
    ).click()
    page.get_by_role("link", name=re.compile("^Day 2 ·")).click()
    walk_in = page.get_by_role("region", name="Walk-in")
    walk_in.get_by_label("Given name").fill("Vanna")
    walk_in.get_by_label("Family name").fill("Ros")
    walk_in.get_by_label("Gender").select_option(label="Man")
    walk_in.get_by_role("button", name="Register and check in").click()
    expect(desk_row(page, "Vanna Ros")).to_contain_text("Present")
    expect(counter(page, "present")).to_have_text("1")

    # Day 1: search and check in three people; the counters follow each check-in.
    page.get_by_role("group", name="Days").get_by_role("link", name=re.compile("^Day 1")).click()
    expect(counter(page, "present")).to_have_text("0")
    assert_accessible(page)
    search = page.get_by_role("searchbox", name="Search registrations")
    for typed, name in [("ចាន់ធា", "សុខ ចាន់ធា"), ("Pich", "Dara Pich"), ("mal", "Maly Chhim")]:
        search.fill(typed)
        expect(page.get_by_role("row").filter(has=page.get_by_role("button"))).to_have_count(1)
        check_in = desk_row(page, name).get_by_role("button", name="Check in")
        if name == "Maly Chhim":
            # At a busy desk, from the search box to the button with the keyboard alone.
            for _ in range(5):
                page.keyboard.press("Tab")
                if check_in.evaluate("button => button === document.activeElement"):
                    break
            expect(check_in).to_be_focused()
            page.keyboard.press("Enter")
            # The focus stays in the row, on its new Undo button.
            expect(desk_row(page, name).get_by_role("button", name="Undo")).to_be_focused()
        else:
            check_in.click()
        expect(desk_row(page, name)).to_contain_text("Present")
    expect(counter(page, "present")).to_have_text("3")
    expect(counter(page, "women")).to_have_text("2")
    expect(counter(page, "men")).to_have_text("1")
    expect(counter(page, "other")).to_have_text("0")

    # Undo one check-in: the row and the counters follow, and a reload keeps it so.
    search.fill("Dara")
    desk_row(page, "Dara Pich").get_by_role("button", name="Undo").click()
    expect(desk_row(page, "Dara Pich").get_by_role("button", name="Check in")).to_be_visible()
    expect(counter(page, "present")).to_have_text("2")
    expect(counter(page, "men")).to_have_text("0")
    page.reload()
    expect(counter(page, "present")).to_have_text("2")
    expect(counter(page, "women")).to_have_text("2")
    expect(counter(page, "men")).to_have_text("0")
    search.fill("")
    expect(desk_row(page, "សុខ ចាន់ធា")).to_contain_text("Present")
    expect(desk_row(page, "Dara Pich").get_by_role("button", name="Check in")).to_be_visible()
    expect(desk_row(page, "Vanna Ros").get_by_role("button", name="Check in")).to_be_visible()
    assert_accessible(page)

    present = Attendance.objects.filter(day__event__title="Pre-session: Testland 2026")
    assert sorted(present.values_list("day__title", "registration__person__given_name")) == [
        ("Pre-session", "Vanna"),
        ("Preparatory day", "Maly"),
        ("Preparatory day", "សុខ"),
    ]
    assert Registration.objects.filter(event__title="Pre-session: Testland 2026").count() == 7


def small_pdf():
    """A real two-page PDF, as a CSO would export from their word processor."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Land rights factsheet"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_cso_staff_write_and_submit_a_factsheet_and_see_only_their_own(page: Page, private_storage):
    event = factories.EventFactory(title="Pre-session: Testland 2026")
    own = factories.OrganisationFactory(name="Land Rights Network", acronym="LRN")
    event.invited_organisations.add(own)  # CSO staff write for the events they are invited to
    user = factories.cso_staff(organisation=own, first_name="Sreymom", last_name="Author")
    others = factories.FactsheetFactory(
        event=event,
        title="Secret draft of another coalition",
        organisations=[factories.OrganisationFactory(name="Other Coalition")],
    )

    log_in(page, user)
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Factsheets"
    ).click()
    expect(page.get_by_role("main")).not_to_contain_text("Secret draft of another coalition")
    assert_accessible(page)

    # A new factsheet on one of the 13 themes, with two suggested recommendations and a PDF.
    page.get_by_role("link", name="New factsheet", exact=True).click()
    page.get_by_label("Event").select_option(label="Pre-session: Testland 2026")
    page.get_by_label("Theme").select_option(label="Land and Natural resources")
    page.get_by_label("Title").fill("Land and natural resources: the UPR advocacy factsheet")
    page.get_by_label("Summary").fill(
        "Forced evictions and land concessions since the last review."
    )
    page.get_by_label("File").set_input_files(
        files=[{"name": "land-rights.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}]
    )
    page.get_by_label("Recommendation 1").fill(
        "Impose a moratorium on forced evictions until a resettlement policy is adopted."
    )
    page.get_by_label("Recommendation 2").fill(
        "Publish all economic land concessions with their maps and holders."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Save as draft").click()

    heading = page.get_by_role("heading", name="Land and natural resources: the UPR advocacy")
    expect(heading).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Draft")
    expect(page.get_by_role("listitem").filter(has_text="Impose a moratorium")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Publish all economic")).to_be_visible()
    expect(page.get_by_role("link", name="Version 1: land-rights.pdf")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("2 pages")
    expect(page.get_by_role("main").get_by_role("list").filter(has_text="moratorium")).to_have_text(
        re.compile(r"Impose a moratorium.*Publish all economic", re.S)
    )
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("alert")).to_contain_text("The factsheet was submitted for review.")
    expect(page.get_by_role("main")).to_contain_text("Submitted")
    assert_accessible(page)
    factsheet = Factsheet.objects.get(title__startswith="Land and natural resources")
    assert list(factsheet.organisations.all()) == [own]
    assert list(factsheet.recommendations.order_by("order").values_list("text", flat=True)) == [
        "Impose a moratorium on forced evictions until a resettlement policy is adopted.",
        "Publish all economic land concessions with their maps and holders.",
    ]

    # Another organisation's factsheet: in no list, and not found at its address.
    for link in ["Factsheets", "Events"]:
        page.get_by_role("navigation", name="Main navigation").get_by_role(
            "link", name=link
        ).click()
        expect(page.get_by_role("main")).not_to_contain_text("Secret draft of another coalition")
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Factsheets"
    ).click()
    expect(page.get_by_role("link", name=re.compile("^Land and natural resources"))).to_be_visible()
    response = page.goto(f"/factsheets/{others.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("Secret draft of another coalition")
    page.go_back()

    # A web page renamed .pdf is refused with a clear message, and nothing is kept.
    page.get_by_role("link", name=re.compile("^Land and natural resources")).click()
    page.get_by_role("link", name="Upload a new version").click()
    page.get_by_label("File").set_input_files(
        files=[
            {
                "name": "factsheet-v2.pdf",
                "mimeType": "application/pdf",
                "buffer": b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
            }
        ]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("main")).to_contain_text(
        "This file is a web page, SVG image or other markup, not a document."
    )
    expect(page.get_by_label("File")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    assert FactsheetFile.objects.filter(factsheet=factsheet).count() == 1
    assert len([path for path in private_storage.rglob("*") if path.is_file()]) == 1


def test_organiser_records_a_geneva_series_and_sees_its_figures(page: Page):
    user = factories.organiser()
    for state, name in [
        ("DE", "Permanent Mission of Germany"),
        ("SE", "Permanent Mission of Sweden"),
        ("BR", "Permanent Mission of Brazil"),
        ("JP", "Permanent Mission of Japan"),
    ]:
        factories.MissionFactory(
            organisation__name=name,
            state=state,
            city="Geneva",
            mission_type=MissionType.PERMANENT_MISSION,
        )
    factories.PersonFactory(
        given_name="Aminath",
        family_name="Rasheed",
        gender=Gender.WOMAN,
        organisation=factories.OrganisationFactory(
            name="Maldivian Democracy Network", kind=OrganisationKind.NATIONAL_CSO
        ),
    )
    factories.PersonFactory(
        given_name="Pierre",
        family_name="Martin",
        gender=Gender.MAN,
        organisation=factories.OrganisationFactory(
            name="Rights Watch International",
            kind=OrganisationKind.INTERNATIONAL_NGO,
            scope=Scope.INTERNATIONAL,
        ),
    )

    pair_authenticator(user)
    log_in(page, user)
    page.get_by_role("link", name="New event").click()
    page.locator("#id_title").fill("UPR Pre-sessions 44: Geneva")
    page.get_by_label("Format").select_option(label="Geneva series")
    page.get_by_label("City").fill("Geneva")
    page.get_by_label("Start date").fill("2026-04-07")
    page.get_by_label("End date").fill("2026-04-07")
    page.get_by_role("group", name="Day 1").get_by_label("Date").fill("2026-04-07")
    page.get_by_role("group", name="Day 1").get_by_label("Focus").fill("Pre-sessions")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("is saved.")

    # One session per State under Review, each with the missions present.
    germany, sweden, brazil, japan = (
        f"Permanent Mission of {state}" for state in ["Germany", "Sweden", "Brazil", "Japan"]
    )
    sessions = [
        ("10:00", "10:45", "Pre-session on Maldives", "Maldives", "Yes",
         "Aminath", "Aminath Rasheed", [germany, sweden, brazil]),
        ("11:30", "12:15", "Pre-session on Nepal", "Nepal", "No",
         "Pierre", "Pierre Martin", [germany, japan]),
    ]  # fmt: skip
    for start, end, title, state, took_floor, typed, speaker, missions in sessions:
        page.get_by_role("link", name="Edit this day").click()
        session = page.get_by_role("region", name="New session")
        session.get_by_label("Starts").fill(start)
        session.get_by_label("Ends").fill(end)
        session.get_by_label("Kind").select_option(label="Interactive dialogue")
        session.get_by_label("Title").fill(title)
        session.get_by_label("State under Review", exact=True).select_option(label=state)
        session.get_by_label("SuR delegation present").select_option(label="Present")
        session.get_by_label("SuR took the floor").select_option(label=took_floor)
        missions_present = session.get_by_role("group", name="Missions present")
        missions_present.get_by_role("searchbox").fill("Permanent Mission")
        for mission in missions:
            missions_present.get_by_role("checkbox", name=mission, exact=True).check()
        row = session.get_by_role("row").filter(has=page.get_by_role("searchbox")).first
        pick_person(row, typed, speaker)
        row.get_by_label("Role").select_option(label="Speaker")
        if state == "Maldives":
            assert_accessible(page)
        page.get_by_role("button", name="Save the day").click()
        expect(page.get_by_role("alert").first).to_contain_text("is saved")
        expect(page.get_by_role("article").filter(has_text=title)).to_be_visible()

    # The figures of the series, computed from what was recorded.
    page.get_by_role("navigation", name="Event pages").get_by_role("link", name="Overview").click()
    geneva = page.get_by_role("region", name="Geneva series")
    expect(geneva).to_contain_text(
        re.compile(r"Civil society organisations that took the floor\s*2")
    )
    expect(geneva).to_contain_text(
        re.compile(r"National and international organisations\s*1 national \(50%\) and 1 int")
    )
    expect(geneva).to_contain_text(
        re.compile(r"Organisations represented by women\s*1 of 2 \(50%\)")
    )
    expect(geneva).to_contain_text(re.compile(r"Distinct missions present\s*4"))
    expect(geneva).to_contain_text(re.compile(r"Average missions per session\s*2\.5"))
    expect(geneva).to_contain_text(
        re.compile(r"State under Review delegations present\s*2 of 2 \(100%\)")
    )
    expect(geneva).to_contain_text(
        re.compile(r"States under Review that took the floor\s*1 of 2 \(50%\)")
    )
    assert_accessible(page)

    # The activity report's preview shows the same figures of the series.
    page.get_by_role("link", name="Activity report").click()
    for sentence in [
        "2 civil society organisations took the floor",
        "1 national (50%) and 1 international organisation",
        "1 of 2 represented by women (50%)",
        "4 distinct diplomatic missions attended",
        "2.5 missions per session on average",
        "The delegations of 2 of 2 States under Review attended their session",
        "1 of 2 took the floor (50%)",
    ]:
        expect(page.get_by_text(sentence, exact=True)).to_be_visible()


def test_report_administrator_previews_and_downloads_the_activity_report(page: Page):
    event = load_demo_event()
    user = factories.report_admin(team=event.team, first_name="Dara", last_name="Reports")
    pair_authenticator(user)

    log_in(page, user, check_accessibility=True)
    page.get_by_role("link", name="UPR In-country Pre-session: Cambodia").click()
    page.get_by_role("link", name="Activity report").click()

    # The preview: figures computed from the records.
    expect(page.get_by_role("heading", name="UPR In-country Pre-session: Cambodia")).to_be_visible()
    expect(
        page.get_by_role("listitem").filter(
            has_text=re.compile(r"^Day 2: Pre-session:\s+speakers 54% women, 46% men")
        )
    ).to_be_visible()
    expect(
        page.get_by_text("11 thematic factsheets disseminated to 12 diplomatic missions.")
    ).to_be_visible()
    assert_accessible(page)

    # The PDF: downloaded as a file, holding the same figures.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    pdf_path = download.path()
    with open(pdf_path, "rb") as pdf_file:
        assert pdf_file.read(5) == b"%PDF-"
    text = " ".join(
        " ".join(pdf_page.extract_text().split()) for pdf_page in PdfReader(pdf_path).pages
    )
    assert "Day 2: Pre-session: speakers 54% women, 46% men" in text
    assert "11 thematic factsheets disseminated to 12 diplomatic missions" in text
    assert "UPR In-country Pre-session: Cambodia" in text
