from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords


class OrganisationKind(models.TextChoices):
    NATIONAL_CSO = "national_cso", _("National CSO")
    YOUTH_GROUP = "youth_group", _("Youth group")
    NHRI = "nhri", _("National human rights institution")
    INTERNATIONAL_NGO = "international_ngo", _("International NGO")
    UN_AGENCY = "un_agency", _("UN agency")
    DIPLOMATIC_MISSION = "diplomatic_mission", _("Diplomatic mission")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental body")
    GOVERNMENT = "government", _("Government")
    OTHER = "other", _("Other")


# Kinds whose people count as "civil society" in the report's figures.
CIVIL_SOCIETY_KINDS = (
    OrganisationKind.NATIONAL_CSO,
    OrganisationKind.YOUTH_GROUP,
    OrganisationKind.INTERNATIONAL_NGO,
)
# Kinds that represent recommending states (an embassy, a permanent mission, the EU).
DIPLOMATIC_KINDS = (OrganisationKind.DIPLOMATIC_MISSION, OrganisationKind.INTERGOVERNMENTAL)


class Scope(models.TextChoices):
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    ANOTHER = "another", _("Another identity")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")
    NOT_RECORDED = "not_recorded", _("Not recorded")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    AGE_18_24 = "18_24", _("18-24")
    AGE_25_34 = "25_34", _("25-34")
    AGE_35_54 = "35_54", _("35-54")
    AGE_55_PLUS = "55_plus", _("55 and over")


YOUTH_AGE_BANDS = (AgeBand.UNDER_18, AgeBand.AGE_18_24, AgeBand.AGE_25_34)


class RegistrationRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    ORGANISER = "organiser", _("Organiser")
    DIPLOMAT = "diplomat", _("Diplomat")
    OBSERVER = "observer", _("Observer")
    PRESS = "press", _("Press")


class MissionType(models.TextChoices):
    EMBASSY = "embassy", _("Embassy")
    PERMANENT_MISSION = "permanent_mission", _("Permanent mission in Geneva")
    DELEGATION = "delegation", _("Delegation")
    NON_RESIDENT = "non_resident", _("Covered from abroad")


class PublicConsent(models.TextChoices):
    """How a person may appear on the public site, its programme PDF and calendar.

    "Not listed" is the default: nobody is shown publicly without having said so. The two
    "not listed" choices differ only for a speaker or moderator, who cannot be left out of
    a session without saying that someone speaks: either "a representative of
    <organisation>", or nothing at all."""

    NAME = "name", _("Name and organisation may be shown publicly")
    ORGANISATION = "organisation", _('Organisation only ("a representative of …")')
    NOT_LISTED_REPRESENTATIVE = (
        "not_listed_representative",
        _('Not listed publicly; as a speaker, "a representative of …"'),
    )
    NOT_LISTED = "not_listed", _("Not listed publicly at all")


class OrganisationQuerySet(models.QuerySet):
    def available_to(self, team):
        """What `team` can pick: its own organisations and the shared ones (the
        organisations of recommending states' missions)."""
        return self.filter(Q(team=team) | Q(team__isnull=True))

    def of_team(self, team):
        return self.filter(team=team)

    def shared(self):
        return self.filter(team__isnull=True)

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)

    def diplomatic(self):
        return self.of_kind(*DIPLOMATIC_KINDS)


class Organisation(models.Model):
    """An organisation of a team's directory, or, with no team, a shared one: the
    organisation behind a recommending state's mission, the same for every team."""

    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("Empty for shared reference data: the missions of recommending states."),
    )
    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    country = CountryField(_("country"), blank=True)
    scope = models.CharField(
        _("national or international"),
        max_length=16,
        choices=Scope.choices,
        default=Scope.NATIONAL,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                "team",
                Lower("name"),
                name="organisation_name_unique_ci_per_team",
                violation_error_message=_("An organisation with this name already exists."),
            ),
            # NULLs are distinct in a unique index: shared organisations need their own.
            models.UniqueConstraint(
                Lower("name"),
                condition=Q(team__isnull=True),
                name="organisation_shared_name_unique_ci",
                violation_error_message=_("An organisation with this name already exists."),
            ),
        ]

    def __str__(self):
        if self.acronym:
            return f"{self.name} ({self.acronym})"
        return self.name

    @property
    def short_name(self):
        return self.acronym or self.name

    @property
    def is_shared(self):
        return self.team_id is None

    @property
    def is_diplomatic(self):
        return self.kind in DIPLOMATIC_KINDS


class User(AbstractUser):
    """A login. CSO staff are linked to the organisation whose factsheets they manage."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("For CSO staff: the organisation whose factsheets this user manages."),
    )
    # Blank until the user picks a language: the browser's (Accept-Language) applies.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the pages and e-mails this user gets."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class PersonQuerySet(models.QuerySet):
    def of_team(self, team):
        return self.filter(team=team)

    def in_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def diplomats(self):
        return self.filter(organisation__kind__in=DIPLOMATIC_KINDS)

    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)


class Person(models.Model):
    # Every person belongs to one team's directory: nothing with a person in it is shared,
    # even a diplomat of a shared mission.
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="people"
    )
    # Names are kept exactly as written, in any script (Khmer, Latin with accents, ...).
    given_name = models.CharField(_("given name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    gender = models.CharField(
        _("gender"), max_length=16, choices=Gender.choices, default=Gender.NOT_RECORDED
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    age_band = models.CharField(_("age band"), max_length=16, choices=AgeBand.choices, blank=True)
    is_youth = models.BooleanField(
        _("youth"), default=False, help_text=_("Takes part as a young person or youth delegate.")
    )
    is_focal_point = models.BooleanField(
        _("focal point of their mission"),
        default=False,
        help_text=_("For diplomats: the team's contact at the mission."),
    )
    consent_to_contact = models.BooleanField(
        _("consents to be contacted"),
        default=False,
        help_text=_("The person agreed that organisers may contact them after the event."),
    )
    public_consent = models.CharField(
        _("shown publicly"),
        max_length=32,
        choices=PublicConsent.choices,
        default=PublicConsent.NOT_LISTED,
        help_text=_(
            "What the public pages, the public programme and its calendar may show of this "
            "person. Each registration can say otherwise for its event."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(
        _("anonymised"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the name and contact details were erased (see participants.privacy)."),
    )

    objects = PersonQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [("view_contact_details", _("Can see e-mail addresses and phone numbers"))]
        indexes = [models.Index(fields=["team", "email"])]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "organisation"],
                condition=Q(is_focal_point=True),
                name="person_one_focal_point_per_mission_per_team",
                violation_error_message=_("This mission already has a focal point."),
            ),
            # One person per e-mail address in a team's directory; many have none.
            models.UniqueConstraint(
                "team",
                Lower("email"),
                condition=~Q(email=""),
                name="person_email_unique_ci_per_team",
                violation_error_code="email_taken",
                violation_error_message=_("A person with this e-mail address already exists."),
            ),
        ]

    def __str__(self):
        return self.full_name

    def validate_constraints(self, exclude=None):
        # A taken e-mail address is shown on the e-mail field, where it can be corrected.
        try:
            super().validate_constraints(exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            for problem in errors.pop(NON_FIELD_ERRORS, []):
                field = "email" if problem.code == "email_taken" else NON_FIELD_ERRORS
                errors.setdefault(field, []).append(problem)
            raise ValidationError(errors) from None

    @property
    def full_name(self):
        return " ".join(part for part in (self.given_name, self.family_name) if part)


class RegistrationQuerySet(models.QuerySet):
    def for_event(self, event):
        return self.filter(event=event)

    def with_role(self, *roles):
        return self.filter(role__in=roles)

    def speakers(self):
        return self.with_role(RegistrationRole.SPEAKER)


class Registration(models.Model):
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="registrations"
    )
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=RegistrationRole.choices,
        default=RegistrationRole.PARTICIPANT,
    )
    public_consent = models.CharField(
        _("shown publicly at this event"),
        max_length=32,
        choices=PublicConsent.choices,
        blank=True,
        help_text=_("Empty: as the person chose for every event."),
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    # The public pages' cache is keyed on the last change (a consent change shows at once).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = RegistrationQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "person__family_name", "person__given_name"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                name="registration_one_per_person_per_event",
                violation_error_message=_("This person is already registered for this event."),
            ),
        ]

    def __str__(self):
        return f"{self.person} @ {self.event} ({self.get_role_display()})"


class AttendanceQuerySet(models.QuerySet):
    def for_event(self, event):
        return self.filter(day__event=event)

    def on_day(self, day):
        return self.filter(day=day)


class Attendance(models.Model):
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    day = models.ForeignKey(
        "events.ProgrammeDay",
        verbose_name=_("day"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = AttendanceQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["day", "registration"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"],
                name="attendance_one_per_registration_per_day",
                violation_error_message=_("This person is already checked in on this day."),
            ),
        ]

    def __str__(self):
        return _("%(person)s on %(date)s") % {
            "person": self.registration.person,
            "date": date_format(self.day.date),
        }

    def clean(self):
        super().clean()
        if self.registration_id and self.day_id and self.registration.event_id != self.day.event_id:
            raise ValidationError(
                {"day": _("This day belongs to another event than the registration.")}
            )


class MissionQuerySet(models.QuerySet):
    def with_organisation(self):
        return self.select_related("organisation")


class Mission(models.Model):
    """A recommending state's mission (embassy, permanent mission, EU delegation).

    Shared reference data, the same for every team: its organisation has no team. Its
    diplomats are people, so they belong to each team's own directory."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="mission",
    )
    state = CountryField(_("recommending state"))
    mission_type = models.CharField(
        _("type"), max_length=32, choices=MissionType.choices, default=MissionType.EMBASSY
    )
    city = models.CharField(
        _("city"),
        max_length=100,
        blank=True,
        help_text=_("Where the mission sits, for example Phnom Penh, Bangkok or Geneva."),
    )

    objects = MissionQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")

    def __str__(self):
        return self.organisation.name

    def clean(self):
        super().clean()
        if self.organisation_id and not self.organisation.is_diplomatic:
            raise ValidationError(
                {
                    "organisation": _(
                        "A mission's organisation must be a diplomatic mission "
                        "or an intergovernmental body."
                    )
                }
            )
        if self.organisation_id and not self.organisation.is_shared:
            raise ValidationError(
                {"organisation": _("A mission's organisation is shared reference data.")}
            )

    def diplomats_of(self, team):
        """The mission's diplomats in `team`'s directory (people are never shared)."""
        return self.organisation.people.filter(team=team)

    def focal_point_of(self, team):
        return self.diplomats_of(team).filter(is_focal_point=True).first()


class AttendanceAction(models.TextChoices):
    CHECK_IN = "check_in", _("Checked in")
    UNDO = "undo", _("Check-in undone")


class AttendanceLog(models.Model):
    """Who checked a registration in or out on a day, and when.

    An undone check-in deletes its Attendance row (one row per person per day stays the
    invariant the figures rely on); this log keeps the trace of both actions.
    """

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="attendance_log",
    )
    day = models.ForeignKey(
        "events.ProgrammeDay",
        verbose_name=_("day"),
        on_delete=models.CASCADE,
        related_name="attendance_log",
    )
    action = models.CharField(_("action"), max_length=16, choices=AttendanceAction.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("attendance log entry")
        verbose_name_plural = _("attendance log")

    def __str__(self):
        return _("%(action)s: registration %(registration)s, day %(day)s") % {
            "action": self.get_action_display(),
            "registration": self.registration_id,
            "day": self.day_id,
        }


# --- Self-registration on the public site -------------------------------------------------


class RegistrationRequestKind(models.TextChoices):
    CSO = "cso", _("Civil society representative")
    DIPLOMAT = "diplomat", _("Diplomat of a recommending state's mission")


class RegistrationRequestStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("E-mail not confirmed yet")
    CONFIRMED = "confirmed", _("Waiting for the organisers")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class RegistrationRequestQuerySet(models.QuerySet):
    def for_event(self, event):
        return self.filter(event=event)

    def awaiting_decision(self):
        return self.filter(status=RegistrationRequestStatus.CONFIRMED)


class RegistrationRequest(models.Model):
    """Someone asked, on the public site, to be registered to an event.

    Only the submitted values: the person and the Registration are created when an
    organiser approves (participants.registration_requests). The e-mail confirmation link's
    token is stored hashed, and cleared once used."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registration_requests",
    )
    kind = models.CharField(_("taking part as"), max_length=16, choices=RegistrationRequestKind)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationRequestStatus,
        default=RegistrationRequestStatus.UNCONFIRMED,
    )
    given_name = models.CharField(_("given name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    # Free text for a civil society representative: matched to the team's organisations
    # on approval only, so the form never tells which organisations are known.
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    mission = models.ForeignKey(
        Mission,
        verbose_name=_("mission"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices)
    position = models.CharField(_("position"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    public_consent = models.CharField(
        _("shown publicly"),
        max_length=32,
        choices=PublicConsent.choices,
        default=PublicConsent.NOT_LISTED,
    )
    needs = models.TextField(_("accessibility or interpretation needs"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = RegistrationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration request")
        verbose_name_plural = _("registration requests")
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def organisation_label(self):
        if self.kind == RegistrationRequestKind.DIPLOMAT and self.mission_id:
            return str(self.mission)
        return self.organisation_name
