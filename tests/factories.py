"""Factories for tests. Every person they make is fictitious."""

import datetime

import factory
from django.contrib.auth.models import Group

from events.models import Event, EventFormat, ProgrammeDay, Session, SessionKind, SessionRole
from factsheets.models import Distribution, Factsheet, SuggestedRecommendation, Theme
from participants.models import (
    Attendance,
    Gender,
    Mission,
    Organisation,
    OrganisationKind,
    Person,
    Registration,
    User,
)
from participants.roles import CSO_STAFF, ORGANISERS, REPORT_ADMINISTRATORS
from reports.models import ActivityReport, Testimony


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    kind = OrganisationKind.NATIONAL_CSO
    country = "KH"


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission

    organisation = factory.SubFactory(
        OrganisationFactory,
        kind=OrganisationKind.DIPLOMATIC_MISSION,
        name=factory.Sequence(lambda n: f"Embassy {n}"),
    )
    state = "DE"
    city = "Phnom Penh"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    gender = Gender.WOMAN
    organisation = factory.SubFactory(OrganisationFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Test pre-session {n}")
    slug = factory.Sequence(lambda n: f"test-pre-session-{n}")
    format = EventFormat.IN_COUNTRY
    country_under_review = "KH"
    upr_cycle = 3
    city = "Phnom Penh"
    start_date = datetime.date(2018, 11, 14)
    end_date = datetime.date(2018, 11, 16)


class ProgrammeDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeDay

    event = factory.SubFactory(EventFactory)
    date = factory.LazyAttribute(lambda day: day.event.start_date)
    title = "Pre-session"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    day = factory.SubFactory(ProgrammeDayFactory)
    start_time = datetime.time(9, 0)
    end_time = datetime.time(10, 30)
    title = factory.Sequence(lambda n: f"Session {n}")
    kind = SessionKind.PANEL


class SessionRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionRole

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
    role = "speaker"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    role = "participant"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    registration = factory.SubFactory(RegistrationFactory)
    day = factory.SubFactory(
        ProgrammeDayFactory, event=factory.SelfAttribute("..registration.event")
    )


class FactsheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Factsheet
        skip_postgeneration_save = True  # the hook only sets a many-to-many

    event = factory.SubFactory(EventFactory)
    theme = factory.LazyFunction(lambda: Theme.objects.order_by("order").first())
    title = factory.Sequence(lambda n: f"Factsheet {n}")

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if not create:
            return
        self.organisations.set(extracted or [OrganisationFactory()])


class SuggestedRecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuggestedRecommendation

    factsheet = factory.SubFactory(FactsheetFactory)
    text = factory.Sequence(lambda n: f"Recommendation {n}")
    order = factory.Sequence(lambda n: n)


class DistributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Distribution

    factsheet = factory.SubFactory(FactsheetFactory)
    mission = factory.SubFactory(MissionFactory)
    event = factory.SelfAttribute("factsheet.event")


class ActivityReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityReport

    event = factory.SubFactory(EventFactory)


class TestimonyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Testimony

    report = factory.SubFactory(ActivityReportFactory)
    text = factory.Sequence(lambda n: f"Testimony {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        if create:
            self.save()


def organiser(**kwargs):
    return UserFactory(groups=[ORGANISERS], **kwargs)


def cso_staff(organisation=None, **kwargs):
    return UserFactory(
        groups=[CSO_STAFF], organisation=organisation or OrganisationFactory(), **kwargs
    )


def report_admin(**kwargs):
    return UserFactory(groups=[REPORT_ADMINISTRATORS], **kwargs)
