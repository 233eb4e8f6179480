"""Factories for tests. Every person they make is fictitious."""

import datetime

import factory

from accounts.models import Membership, Team, TeamRole
from events.models import Event, EventFormat, ProgrammeDay, Session, SessionKind, SessionRole
from events.themes import seed_default_themes
from factsheets.models import Distribution, Factsheet, SuggestedRecommendation
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
from recommendations.models import Recommendation, RecommendingState, Response, Review
from reports.models import ActivityReport, Testimony


class TeamFactory(factory.django.DjangoModelFactory):
    """A team with the default theme catalogue. Without arguments: the one default team
    that every other factory uses, so most tests need not think about teams."""

    class Meta:
        model = Team
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.LazyAttribute(lambda team: team.slug.replace("-", " ").title())
    slug = "test-team"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            seed_default_themes(self)


def default_team():
    return TeamFactory()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    team = factory.LazyFunction(default_team)
    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    kind = OrganisationKind.NATIONAL_CSO
    country = "KH"


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission

    organisation = factory.SubFactory(
        OrganisationFactory,
        team=None,  # missions are shared reference data
        kind=OrganisationKind.DIPLOMATIC_MISSION,
        name=factory.Sequence(lambda n: f"Embassy {n}"),
    )
    state = "DE"
    city = "Phnom Penh"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    team = factory.LazyFunction(default_team)
    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    gender = Gender.WOMAN
    organisation = factory.SubFactory(OrganisationFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    team = factory.LazyFunction(default_team)
    title = factory.Sequence(lambda n: f"Test pre-session {n}")
    slug = factory.Sequence(lambda n: f"test-pre-session-{n}")
    format = EventFormat.IN_COUNTRY
    country_under_review = "KH"
    upr_cycle = 3
    city = "Phnom Penh"
    start_date = datetime.date(2018, 11, 14)
    end_date = datetime.date(2018, 11, 16)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        """Every active theme of the team, unless a list is given."""
        if create:
            self.themes.set(extracted if extracted is not None else self.team.themes.active())


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
    theme = factory.LazyAttribute(lambda f: f.event.team.themes.order_by("order").first())
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


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    team = factory.SubFactory(TeamFactory)
    state_under_review = "KH"
    cycle = 3


class RecommendationFactory(factory.django.DjangoModelFactory):
    """A recommendation made; `states=["BR", "NO"]` gives its recommending States."""

    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    review = factory.SubFactory(ReviewFactory)
    text = factory.Sequence(lambda n: f"Recommendation made {n}")
    paragraph = factory.Sequence(lambda n: f"118.{n + 1}")
    response = Response.SUPPORTED
    source_key = factory.LazyAttribute(lambda r: f"A/HRC/TEST/1 {r.paragraph}")

    @factory.post_generation
    def states(self, create, extracted, **kwargs):
        if create:
            RecommendingState.objects.bulk_create(
                RecommendingState(recommendation=self, country=code, order=order)
                for order, code in enumerate(extracted or ["BR"])
            )


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
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


def member(role, team=None, **kwargs):
    user = UserFactory(**kwargs)
    Membership.objects.create(team=team or default_team(), user=user, role=role)
    return user


def organiser(team=None, **kwargs):
    """An organiser of `team` (the default team unless given)."""
    return member(TeamRole.ORGANISER, team, **kwargs)


def report_admin(team=None, **kwargs):
    return member(TeamRole.REPORT_ADMINISTRATOR, team, **kwargs)


def cso_staff(organisation=None, **kwargs):
    """CSO staff of `organisation`. They see an event only once their organisation is linked
    to it (registered, co-organising or invited): see `events.rules`."""
    return UserFactory(organisation=organisation or OrganisationFactory(), **kwargs)


def pass_second_factor(client, user):
    """Mark `client`'s session as verified by a confirmed TOTP device of `user`, as after a
    real two-factor login. Used by the `client` fixture in tests/conftest.py."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
