"""The public side of an event in Chromium: a visitor registers from the public programme
and, once approved and on a panel, appears there only as their consent says; a CSO applies
to speak, two organisers score, the organiser selects with the live balance panel and
accepts, and the speakers appear on the internal and printable programmes, and on the
public one as their consent says. Through visible links, labels and buttons."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from cfp.models import Application, ApplicationStatus, Call, ProposedSpeaker
from events.models import SessionRole, SessionRoleKind, Theme
from participants.models import Person, PublicConsent, RegistrationRequest
from tests import factories
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TODAY = timezone.localdate()


@pytest.fixture
def published_event():
    """A published in-country pre-session with open self-registration and a panel of CSOs,
    like the demo's: one speaker whose name is public, one "organisation only"."""
    cache.clear()  # public pages and the registration rate limits live in the cache
    team = factories.TeamFactory(slug="cchr", name="CCHR", contact_email="upr@cchr.test")
    event = factories.EventFactory(
        team=team,
        title="Cambodia pre-session",
        slug="cambodia-pre-session",
        status="published",
        start_date=TODAY + datetime.timedelta(days=20),
        end_date=TODAY + datetime.timedelta(days=21),
        self_registration_open=True,
    )
    panel = factories.SessionFactory(
        day__event=event, title="Civic space and freedom of expression"
    )
    league = factories.OrganisationFactory(team=team, name="League for Rights")
    factories.SessionRoleFactory(
        session=panel,
        role=SessionRoleKind.SPEAKER,
        person=factories.PersonFactory(
            team=team,
            given_name="Sokha",
            family_name="Chhun",
            organisation=league,
            public_consent=PublicConsent.NAME,
        ),
    )
    return {
        "team": team,
        "event": event,
        "panel": panel,
        "organiser": factories.organiser(team, username="organiser"),
    }


def confirmation_link(address):
    (message,) = [message for message in mail.outbox if message.to == [address]]
    return re.search(r"https?://\S+/register/confirm/\S+/", message.body).group(0)


def test_visitor_registers_and_appears_on_the_programme_only_as_consent_says(
    page: Page, published_event
):
    event, team = published_event["event"], published_event["team"]
    page.goto(f"/public/{team.slug}/{event.slug}/programme/")
    expect(page.get_by_text("Sokha Chhun, League for Rights")).to_be_visible()

    page.get_by_role("navigation", name="Event pages").get_by_role("link", name="About").click()
    page.get_by_role("link", name="Ask to register").click()
    expect(page.get_by_role("heading", name="Ask to register")).to_be_visible()
    page.get_by_role("radio", name="Civil society representative").check()
    page.get_by_label("Given name").fill("Sreymom")
    page.get_by_label("Family name").fill("Keo")
    page.get_by_label("Organisation (civil society)").fill("Youth Voices Cambodia")
    page.get_by_label("Gender").select_option(label="Woman")
    page.get_by_label("Position").fill("Programme officer")
    page.get_by_role("textbox", name="E-mail").fill("sreymom@youthvoices.test")
    page.get_by_label('Organisation only ("a representative of …")').check()
    page.get_by_label("Language of our e-mails to you").select_option(label="English")
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("heading", name=re.compile("e-mail", re.I))).to_be_visible()

    page.goto(confirmation_link("sreymom@youthvoices.test"))
    page.get_by_role("button", name="Confirm my request").click()
    expect(page.get_by_role("heading", name=re.compile("confirmed", re.I))).to_be_visible()

    log_in(page, published_event["organiser"])
    page.get_by_role("link", name=event.title).first.click()
    page.get_by_role("link", name="Participants").first.click()
    page.get_by_role("link", name="Registration requests").click()
    page.get_by_role("link", name="Sreymom Keo").click()
    expect(page.get_by_text('Organisation only ("a representative of …")')).to_be_visible()
    page.get_by_role("button", name="Approve and register").click()
    expect(page.get_by_text("Sreymom Keo is registered")).to_be_visible()

    # Approval registers her; the public programme shows speakers only, and a registration
    # is not a speaking role: the organisers put her on the panel.
    person = Person.objects.get(email="sreymom@youthvoices.test")
    assert RegistrationRequest.objects.get().status == "approved"
    SessionRole.objects.create(
        session=published_event["panel"], person=person, role=SessionRoleKind.SPEAKER, order=1
    )

    page.goto(f"/public/{team.slug}/{event.slug}/programme/")
    speakers = page.locator(".session-people")
    expect(speakers).to_contain_text("Sokha Chhun, League for Rights")
    expect(speakers).to_contain_text("a representative of Youth Voices Cambodia")
    for url in (
        f"/public/{team.slug}/{event.slug}/",
        f"/public/{team.slug}/{event.slug}/programme/",
    ):
        page.goto(url)
        html = page.content()
        assert "Sreymom" not in html and "Keo" not in html, url


@pytest.fixture
def call_for_speakers():
    cache.clear()
    team = factories.TeamFactory(slug="upr-info", name="UPR Info")
    themes = [
        Theme.objects.create(team=team, name=name, order=100 + order)
        for order, name in enumerate(["Civic space", "Gender equality", "Land rights"])
    ]
    event = factories.EventFactory(
        team=team,
        title="Geneva-style pre-session",
        slug="pre-session-speakers",
        status="published",
        start_date=TODAY + datetime.timedelta(days=40),
        end_date=TODAY + datetime.timedelta(days=40),
        themes=themes,
    )
    panel = factories.SessionFactory(day__event=event, title="Panel of civil society")
    now = timezone.now()
    call = Call.objects.create(
        event=event,
        opens_at=now - datetime.timedelta(days=1),
        deadline=now + datetime.timedelta(days=10),
        questions=["Why should your organisation speak?"],
    )
    rights_now = factories.OrganisationFactory(team=team, name="Rights Now", scope="national")
    # Already in the directory, and public by name.
    factories.PersonFactory(
        team=team,
        given_name="Sophea",
        family_name="Chan",
        organisation=rights_now,
        email="sophea@rightsnow.test",
        public_consent=PublicConsent.NAME,
        gender="woman",
    )
    other = Application.objects.create(
        call=call,
        organisation_name="Land Watch International",
        organisation_scope="international",
        language="en",
        contact_email="apply@landwatch.test",
    )
    other.themes.set([themes[2]])
    ProposedSpeaker.objects.create(
        application=other, given_name="Vanna", family_name="Ros", gender="man"
    )
    return {
        "team": team,
        "event": event,
        "panel": panel,
        "themes": themes,
        "staff": factories.cso_staff(rights_now, username="cso", email="staff@rightsnow.test"),
        "organiser": factories.organiser(team, username="organiser"),
        "reviewer": factories.organiser(team, username="reviewer"),
    }


def score(page: Page, event, organisation, value, comment):
    page.goto(f"/events/{event.slug}/call/applications/")
    page.get_by_role("link", name=organisation).first.click()
    expect(page.get_by_role("heading", name="Score this application")).to_be_visible()
    page.get_by_label(str(value), exact=True).check()
    page.get_by_label("Short comment").fill(comment)
    page.get_by_role("button", name="Save my score").click()
    expect(page.get_by_text("Your score is saved.")).to_be_visible()


def test_cso_applies_reviewers_score_organiser_selects_and_accepts(page: Page, call_for_speakers):
    world = call_for_speakers
    event = world["event"]

    log_in(page, world["staff"])
    page.goto("/calls/")
    page.get_by_role("link", name=re.compile(event.title)).first.click()
    expect(page.get_by_role("heading", name=f"Apply to speak: {event.title}")).to_be_visible()
    page.get_by_label("Civic space").check()
    page.get_by_label("Gender equality").check()
    page.get_by_label("Recommendations you would present").fill(
        "Repeal the provisions of the Law on Associations that restrict registration"
    )
    page.get_by_label("Speaking time you ask for (minutes)").fill("10")
    page.get_by_label("Why should your organisation speak?").fill(
        "We monitor civic space in twelve provinces."
    )
    first = page.get_by_role("group", name="Speaker 1")
    first.get_by_label("Given name").fill("Sophea")
    first.get_by_label("Family name").fill("Chan")
    first.get_by_label("Gender").select_option(label="Woman")
    first.get_by_label("E-mail").fill("sophea@rightsnow.test")
    second = page.get_by_role("group", name="Speaker 2")
    second.get_by_label("Given name").fill("Dara")
    second.get_by_label("Family name").fill("Pich")
    second.get_by_label("Gender").select_option(label="Man")
    # Sophea agreed to be named, as she is in the directory; Dara to be mentioned in the
    # session without a name. (Left at the default, "not listed", a known speaker would be
    # shown less at this event: an application can narrow, never widen.)
    expect(second.get_by_label("Not listed publicly at all")).to_be_checked()
    first.get_by_label("Name and organisation may be shown publicly").check()
    second.get_by_label('Not listed publicly; as a speaker, "a representative of …"').check()
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("your application is sent to the organisers")).to_be_visible()
    application = Application.objects.get(organisation_name="Rights Now")
    page.get_by_role("button", name="Log out").click()

    for reviewer, value, comment in (
        (world["reviewer"], 4, "Strong on civic space."),
        (world["organiser"], 5, "Women speakers, first-hand evidence."),
    ):
        page.context.clear_cookies()
        log_in(page, reviewer)
        score(page, event, "Rights Now", value, comment)
    # Having scored, each sees the other's score.
    expect(page.get_by_text("Strong on civic space.")).to_be_visible()
    assert sorted(application.scores.values_list("score", flat=True)) == [4, 5]

    page.get_by_role("link", name="Selection").click()
    balance = page.locator("#balance")
    expect(balance).to_contain_text("Applications0")
    page.get_by_role("checkbox", name=re.compile("Rights Now")).check()
    expect(balance.locator("[data-figure=women]")).to_have_text("50%")
    expect(balance).to_contain_text("(1 of 2 speakers)")
    expect(balance.locator("dd", has_text="Civic space · Gender equality")).to_be_visible()
    expect(balance.locator("dd.text-danger")).to_have_text("Land rights")
    page.get_by_role("checkbox", name=re.compile("Land Watch International")).check()
    expect(balance.locator("[data-figure=women]")).to_have_text("33%")
    expect(balance).to_contain_text("1 national · 1 international")
    page.get_by_role("checkbox", name=re.compile("Land Watch International")).uncheck()
    expect(balance.locator("[data-figure=women]")).to_have_text("50%")

    page.goto(f"/events/{event.slug}/call/applications/{application.pk}/")
    expect(
        page.get_by_text('Shown publicly: Not listed publicly; as a speaker, "a representative')
    ).to_be_visible()
    page.get_by_label("Session where they speak").select_option(index=1)
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_text("Accepted: the speakers are registered")).to_be_visible()
    # Sophea is already in the directory, public by name, and the application asks the
    # same: nothing to tell the organiser.
    expect(page.get_by_text("Sophea Chan was already in the directory")).to_have_count(0)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    applicant_mail = [m for m in mail.outbox if m.to == ["staff@rightsnow.test"]]
    assert len(applicant_mail) == 1

    page.get_by_role("link", name="Programme", exact=True).first.click()
    session = page.locator(".programme-session", has_text="Panel of civil society")
    expect(session).to_contain_text("Sophea Chan")
    expect(session).to_contain_text("Dara Pich")
    # Dara is new to the directory: not public by name, as the application said they agreed.
    expect(session.locator(".not-public-mark")).to_have_count(1)
    expect(session.locator("dd", has_text="Dara Pich").locator(".not-public-mark")).to_be_visible()
    (sophea_mail,) = [m for m in mail.outbox if m.to == ["sophea@rightsnow.test"]]
    assert 'you appear by name: "Sophea Chan, Rights Now"' in " ".join(sophea_mail.body.split())

    pdf = page.request.get(f"/reports/{event.slug}/programme.pdf")
    assert pdf.ok, pdf.status
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    text = " ".join(text.split())
    assert "Sophea Chan" in text and "Dara Pich" in text

    page.context.clear_cookies()
    page.goto(f"/public/{world['team'].slug}/{event.slug}/programme/")
    speakers = page.locator(".session-people")
    expect(speakers).to_contain_text("Sophea Chan, Rights Now")
    expect(speakers).to_contain_text("a representative of Rights Now")
    html = page.content()
    assert "Dara" not in html and "Pich" not in html
    public_pdf = page.request.get(f"/public/{world['team'].slug}/{event.slug}/programme.pdf")
    public_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(public_pdf.body())).pages)
    public_text = " ".join(public_text.split())
    assert "Sophea Chan" in public_text and "a representative of Rights Now" in public_text
    assert "Pich" not in public_text
