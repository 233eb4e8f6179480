import datetime
import io
from html.parser import HTMLParser

import pypdf
import pytest
from django.core.cache import cache

from demo.loader import load_demo
from events.models import Event
from participants.models import Gender
from tests import factories

DEMO_SLUG = "cambodia-2018"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def pdf_text(content):
    """All the text of a PDF, page after page, as pypdf extracts it."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def one_line(text):
    """Text with line breaks and repeated spaces folded, for phrases that wrap."""
    return " ".join(text.split())


@pytest.fixture
def demo_event(db):
    load_demo()  # the data only: no factsheet files written to the storage
    return Event.objects.get(slug=DEMO_SLUG)


class _ElementCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html):
    """The start tags of an HTML document as (tag, attributes): what a browser would act on,
    as opposed to escaped text that merely looks like markup."""
    collector = _ElementCollector()
    collector.feed(html)
    collector.close()
    return collector.elements


@pytest.fixture
def small_event(db):
    """An event with a day, a session with a speaker and a moderator, a few people checked
    in, and a short narrative."""
    event = factories.EventFactory(title="Test pre-session Cambodia", slug="test-cambodia")
    event.co_organisers.add(factories.OrganisationFactory(name="Organising Partner"))
    day = factories.ProgrammeDayFactory(event=event, title="Pre-session")
    session = factories.SessionFactory(day=day, title="Opening of the dialogue")
    factories.SessionRoleFactory(
        session=session,
        role="speaker",
        person=factories.PersonFactory(given_name="Dara", family_name="Sok"),
    )
    factories.SessionRoleFactory(
        session=session,
        role="moderator",
        person=factories.PersonFactory(given_name="Mona", family_name="Keo", gender=Gender.MAN),
    )
    for index in range(4):
        registration = factories.RegistrationFactory(
            event=event,
            person=factories.PersonFactory(gender=Gender.WOMAN if index % 2 else Gender.MAN),
        )
        factories.AttendanceFactory(registration=registration, day=day)
    report = factories.ActivityReportFactory(event=event, introduction="An **introduction**.")
    factories.TestimonyFactory(report=report, text="A published testimony.")
    return event


# The series of `geneva_series`, session by session: (day index, State under Review,
# speakers as (organisation key, gender), missions present as states, SuR delegation
# present, SuR took the floor). "MZ-PM" is the mission of Mozambique: at its own session it
# is the State under Review's delegation, not a recommending state, and is not counted.
GENEVA_SERIES = (
    (0, "MZ", (("A", "woman"), ("NHRI-MZ", "man")), ("DE", "FR", "MZ-PM"), "present", "yes"),
    (0, "PE", (("B", "man"), ("X", "man")), ("DE", "FR", "BR", "MZ-PM"), "present", "yes"),
    (0, "MN", (("C", "woman"),), ("DE",), "present", "no"),
    (0, "KH", (("D", "man"), ("X", "woman")), ("DE", "FR", "BR", "JP"), "present", "yes"),
    (1, "VN", (("E", "woman"),), ("JP", "SE"), "present", "not_recorded"),
    (1, "TG", (("F", "man"), ("NHRI-TG", "woman")), (), "absent", "no"),
    (1, "YE", (("G", "man"),), ("DE", "SE", "MX"), "present", "yes"),
    (1, "ZM", (("H", "woman"), ("UN", "man")), ("DE",), "present", "yes"),
    (2, "CL", (("Y", "man"),), ("MX", "SN"), "present", "no"),
    (2, "NP", (("I", "woman"), ("I", "man")), ("DE", "FR"), "not_recorded", "not_recorded"),
    (2, "MV", (("J", "man"),), ("SE",), "present", "yes"),
    (2, "FJ", (("K", "man"),), ("DE", "JP", "SN"), "present", "yes"),
)


@pytest.fixture
def geneva_series(db):
    """A Geneva series of 12 sessions over 3 days, one per State under Review (`GENEVA_SERIES`).

    Civil society: national CSOs A to K (E a youth group) and international NGOs X and Y;
    X speaks in two sessions (a man for Peru, a woman for Cambodia). Two NHRIs (Mozambique,
    Togo) and a UN agency speak too; a CSO moderator does not count. Togo's delegation did
    not come; Viet Nam's floor and Nepal's delegation and floor were not recorded. A
    Dutch diplomat checked in, at no session: a Geneva series does not count check-ins.
    """
    event = factories.EventFactory(
        title="UPR Pre-sessions 44",
        slug="geneva-44",
        format="geneva",
        country_under_review="",
        city="Geneva",
        start_date=datetime.date(2026, 4, 7),
        end_date=datetime.date(2026, 4, 9),
    )
    days = [
        factories.ProgrammeDayFactory(
            event=event, date=event.start_date + datetime.timedelta(days=offset)
        )
        for offset in range(3)
    ]
    organisations = {
        key: factories.OrganisationFactory(
            name=f"National CSO {key}", kind="national_cso", scope="national"
        )
        for key in "ABCDFGHIJK"
    }
    organisations["E"] = factories.OrganisationFactory(
        name="Youth group E", kind="youth_group", scope="national"
    )
    for key in "XY":
        organisations[key] = factories.OrganisationFactory(
            name=f"International NGO {key}", kind="international_ngo", scope="international"
        )
    organisations["NHRI-MZ"] = factories.OrganisationFactory(
        name="Human Rights Commission of Mozambique", kind="nhri", scope="national"
    )
    organisations["NHRI-TG"] = factories.OrganisationFactory(
        name="National Human Rights Commission of Togo", kind="nhri", scope="national"
    )
    organisations["UN"] = factories.OrganisationFactory(
        name="UN agency", kind="un_agency", scope="international"
    )
    missions = {
        state: factories.MissionFactory(
            state=state,
            organisation__name=f"Permanent Mission {state}",
            mission_type="permanent_mission",
            city="Geneva",
        )
        for state in ("DE", "FR", "BR", "JP", "SE", "MX", "SN", "NL")
    }
    missions["MZ-PM"] = factories.MissionFactory(
        state="MZ", organisation__name="Permanent Mission MZ", city="Geneva"
    )
    moderator = factories.PersonFactory(gender="woman", organisation=organisations["A"])
    speakers = {}
    for index, (day, state, people, present, delegation, floor) in enumerate(GENEVA_SERIES):
        session = factories.SessionFactory(
            day=days[day],
            start_time=datetime.time(9 + index % 4 * 2),
            end_time=datetime.time(10 + index % 4 * 2),
            title=f"Pre-session on {state}",
            state_under_review=state,
            sur_delegation_present=delegation,
            sur_took_floor=floor,
        )
        session.missions_present.set([missions[key] for key in present])
        factories.SessionRoleFactory(session=session, person=moderator, role="moderator")
        for order, (key, gender) in enumerate(people):
            person = speakers.get((key, gender))
            if person is None:
                person = factories.PersonFactory(gender=gender, organisation=organisations[key])
                speakers[key, gender] = person
            factories.SessionRoleFactory(
                session=session, person=person, role="speaker", order=order
            )
    diplomat = factories.PersonFactory(organisation=missions["NL"].organisation)
    factories.AttendanceFactory(
        registration=factories.RegistrationFactory(event=event, person=diplomat), day=days[0]
    )
    return event
