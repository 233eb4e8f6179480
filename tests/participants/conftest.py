import datetime
from types import SimpleNamespace

import pytest

from participants.models import Gender, OrganisationKind, RegistrationRole
from tests import factories


@pytest.fixture(autouse=True)
def private_storage(private_storage):
    """Uploads kept for the preview go to a throwaway private folder."""
    return private_storage


@pytest.fixture
def world(db):
    """One event with two days, people registered to it, a mission with a diplomat, and a
    second event with its own day and registration (someone else's objects)."""
    cso = factories.OrganisationFactory(name="Cambodian Center for Testing", acronym="CCT")
    event = factories.EventFactory(title="Cambodia pre-session", slug="cambodia")
    event.co_organisers.add(cso)
    day1 = factories.ProgrammeDayFactory(event=event, title="Preparatory day")
    day2 = factories.ProgrammeDayFactory(
        event=event, date=event.start_date + datetime.timedelta(days=1), title="Pre-session"
    )
    person = factories.PersonFactory(
        given_name="Sokha", family_name="Chan", organisation=cso, email="sokha@example.org"
    )
    registration = factories.RegistrationFactory(event=event, person=person)
    mission = factories.MissionFactory(organisation__name="Embassy of Testland", state="SE")
    diplomat = factories.PersonFactory(
        given_name="Anna",
        family_name="Lind",
        gender=Gender.WOMAN,
        organisation=mission.organisation,
    )
    diplomat_registration = factories.RegistrationFactory(
        event=event, person=diplomat, role=RegistrationRole.DIPLOMAT
    )
    session = factories.SessionFactory(day=day1, title="Orientation on the UPR")
    other_event = factories.EventFactory(title="Other pre-session", slug="other")
    other_day = factories.ProgrammeDayFactory(event=other_event, title="Other day")
    other_registration = factories.RegistrationFactory(
        event=other_event,
        person=factories.PersonFactory(
            given_name="Outsider", organisation__kind=OrganisationKind.YOUTH_GROUP
        ),
    )
    return SimpleNamespace(
        cso=cso,
        event=event,
        day1=day1,
        day2=day2,
        person=person,
        registration=registration,
        mission=mission,
        diplomat=diplomat,
        diplomat_registration=diplomat_registration,
        session=session,
        other_event=other_event,
        other_day=other_day,
        other_registration=other_registration,
    )
