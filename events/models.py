from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from accounts.languages import label_colon
from accounts.multilingual import language_field, supported_language, text_in, translations_field
from accounts.rules import team_roles


def date_range(start, end):
    """ "14–16 November 2018", "30 November – 2 December 2018", "6 April 2027" (one day),
    in the language's own formats (DATE_FORMAT, MONTH_DAY_FORMAT) and its own order of the
    parts (a translatable pattern for each shape of range)."""
    if start == end:
        return date_format(end)
    if (start.year, start.month) == (end.year, end.month):
        return pgettext("date range within one month", "%(start_day)s–%(end_date)s") % {
            "start_day": start.day,
            "end_date": date_format(end),
        }
    if start.year == end.year:
        return pgettext("date range within one year", "%(start_day_month)s – %(end_date)s") % {
            "start_day_month": date_format(start, "MONTH_DAY_FORMAT"),
            "end_date": date_format(end),
        }
    return pgettext("date range over two years", "%(start_date)s – %(end_date)s") % {
        "start_date": date_format(start),
        "end_date": date_format(end),
    }


@dataclass(frozen=True)
class EventHeading:
    title: str
    dates: str


def event_heading(event, language):
    """`event`'s title (its translation, else the original) and dates in `language`, for
    what is written for one reader whatever language is active (an e-mail, a job)."""
    language = supported_language(language)
    with translation.override(language):
        return EventHeading(title=str(text_in(event, "title", language)), dates=event.dates)


class EventFormat(models.TextChoices):
    IN_COUNTRY = "in_country", _("In-country pre-session")
    GENEVA = "geneva", _("Geneva series")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class SessionKind(models.TextChoices):
    OPENING_REMARKS = "opening_remarks", _("Opening remarks")
    PANEL = "panel", _("Panel")
    INTERACTIVE_DIALOGUE = "interactive_dialogue", _("Interactive dialogue")
    BREAKOUT_GROUP = "breakout_group", _("Break-out groups")
    PRESENTATION = "presentation", _("Presentation")
    QA = "qa", _("Q&A")
    SIMULATION = "simulation", _("Simulation / mock session")
    TRAINING = "training", _("Training")
    CLOSING = "closing", _("Closing")
    BREAK = "break", _("Break")


class SessionRoleKind(models.TextChoices):
    MODERATOR = "moderator", _("Moderator")
    SPEAKER = "speaker", _("Speaker")
    PANELLIST = "panellist", _("Panellist")
    PRESENTER = "presenter", _("Presenter")
    OPENING_REMARKS = "opening_remarks", _("Opening remarks")


class DelegationPresence(models.TextChoices):
    """Whether the State under Review's own delegation came to its session."""

    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Not present")
    NOT_RECORDED = "not_recorded", _("Not recorded")


class FloorTaken(models.TextChoices):
    """Whether the State under Review's delegation took the floor when offered it."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_RECORDED = "not_recorded", _("Not recorded")


# Roles whose holders "take the floor" and count as speakers in the report's figures.
SPEAKING_ROLES = (
    SessionRoleKind.SPEAKER,
    SessionRoleKind.PANELLIST,
    SessionRoleKind.PRESENTER,
    SessionRoleKind.OPENING_REMARKS,
)


class ThemeQuerySet(models.QuerySet):
    def of_team(self, team):
        return self.filter(team=team)

    def active(self):
        return self.filter(is_active=True)


class Theme(models.Model):
    """A thematic area of a team's catalogue (for example "Rights of the child").

    A new team starts with the default catalogue (`events.themes.DEFAULT_THEMES`, the 13
    themes of the Cambodia 2018 report); its organisers rename, reorder, add or retire
    themes, and each event picks the themes it covers.
    """

    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(_("name"), max_length=255)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Retired themes stay on past events and factsheets but are not offered."),
    )
    language = language_field()
    translations = translations_field()

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(
                "team",
                Lower("name"),
                name="theme_name_unique_per_team",
                violation_error_message=_("Your team already has a theme with this name."),
            ),
        ]

    def __str__(self):
        return str(text_in(self, "name"))


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Events `user` may open: every event of the teams they belong to, and for CSO
        staff the events their organisation is linked to (see `events.rules`)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        visible = Q(team_id__in=list(team_roles(user)))
        if user.organisation_id:
            visible |= Q(pk__in=self.linked_to_organisation(user.organisation_id).values("pk"))
        return self.filter(visible)

    def of_team(self, team):
        return self.filter(team=team)

    def linked_to_organisation(self, organisation_id):
        """Events where the organisation has someone registered, co-organises or is invited
        to contribute factsheets: the events its CSO staff may see."""
        return self.model.objects.filter(
            Q(registrations__person__organisation_id=organisation_id)
            | Q(co_organisers=organisation_id)
            | Q(invited_organisations=organisation_id)
        ).distinct()

    def published(self):
        return self.filter(status=EventStatus.PUBLISHED)

    def with_organisers(self):
        return self.prefetch_related("co_organisers")


class Event(models.Model):
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="events"
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(
        _("public description"),
        blank=True,
        help_text=_("A few lines for the public event page, once the event is published."),
    )
    language = language_field()
    translations = translations_field()
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    format = models.CharField(
        _("format"), max_length=16, choices=EventFormat.choices, default=EventFormat.IN_COUNTRY
    )
    country_under_review = CountryField(
        _("country under review"),
        blank=True,
        help_text=_("For an in-country pre-session. A Geneva series names its States per session."),
    )
    upr_cycle = models.PositiveSmallIntegerField(_("UPR cycle"), null=True, blank=True)
    review_date = models.DateField(
        _("date of the review"),
        null=True,
        blank=True,
        help_text=_("When the UPR Working Group reviews the country."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    co_organisers = models.ManyToManyField(
        "participants.Organisation",
        verbose_name=_("co-organisers"),
        blank=True,
        related_name="organised_events",
    )
    invited_organisations = models.ManyToManyField(
        "participants.Organisation",
        verbose_name=_("organisations invited to contribute factsheets"),
        blank=True,
        related_name="invited_to_events",
        help_text=_("Their CSO staff see this event and may write factsheets for it."),
    )
    themes = models.ManyToManyField(
        Theme,
        verbose_name=_("themes"),
        blank=True,
        related_name="events",
        help_text=_(
            "The themes this event covers: the factsheet coverage and the report use them."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    # Self-registration on the public site: off until the organisers open it.
    self_registration_open = models.BooleanField(
        _("open self-registration"),
        default=False,
        help_text=_(
            "Once the event is published, people may ask to register on its public page; "
            "the organisers approve or decline each request."
        ),
    )
    self_registration_deadline = models.DateField(
        _("self-registration deadline"),
        null=True,
        blank=True,
        help_text=_("The last day requests are accepted. Empty: until the event ends."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords(m2m_fields=["co_organisers", "invited_organisations", "themes"])

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="event_ends_after_it_starts",
                violation_error_message=_("The event cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return str(text_in(self, "title"))

    def get_absolute_url(self):
        return reverse("reports:event_overview", kwargs={"slug": self.slug})

    @property
    def is_geneva(self):
        return self.format == EventFormat.GENEVA

    @property
    def dates(self):
        """The event's dates as one text: "6 April 2027" for a one-day event."""
        return date_range(self.start_date, self.end_date)

    def accepts_self_registration(self, today=None):
        """Whether the public site takes registration requests today: the event is
        published, its organisers opened self-registration, and neither its deadline nor
        (without one) its last day has passed."""
        if self.status != EventStatus.PUBLISHED or not self.self_registration_open:
            return False
        today = today or timezone.localdate()
        last_day = self.self_registration_deadline or self.end_date
        return today <= last_day

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The event cannot end before it starts.")})


class ProgrammeDayQuerySet(models.QuerySet):
    def for_event(self, event):
        return self.filter(event=event)


class ProgrammeDay(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"))
    title = models.CharField(
        _("focus"), max_length=255, blank=True, help_text=_("For example: Preparatory day.")
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    host = models.ForeignKey(
        "participants.Organisation",
        verbose_name=_("host"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_days",
    )

    objects = ProgrammeDayQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "date"]
        verbose_name = _("programme day")
        verbose_name_plural = _("programme days")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "date"],
                name="programme_day_one_per_date",
                violation_error_message=_("This event already has a day on this date."),
            ),
        ]

    def __str__(self):
        label = self.title or _("Day")
        return f"{label_colon(date_format(self.date, 'SHORT_DATE_FORMAT'))} {label}"

    @property
    def number(self):
        """1 for the event's first day; computed from the dates, so it never goes stale."""
        return (self.date - self.event.start_date).days + 1

    def clean(self):
        super().clean()
        if self.event_id and self.date:
            event = self.event
            if not (event.start_date <= self.date <= event.end_date):
                raise ValidationError(
                    {
                        "date": _("The day must lie within the event (%(start)s to %(end)s).")
                        % {
                            "start": date_format(event.start_date),
                            "end": date_format(event.end_date),
                        }
                    }
                )


class SessionQuerySet(models.QuerySet):
    def for_event(self, event):
        return self.filter(day__event=event)

    def in_programme_order(self):
        return self.order_by("day__date", "start_time", "order", "pk")


class Session(models.Model):
    day = models.ForeignKey(
        ProgrammeDay, verbose_name=_("day"), on_delete=models.CASCADE, related_name="sessions"
    )
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Breaks ties between sessions at the same time.")
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=32, choices=SessionKind.choices)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes discussed"), blank=True, related_name="sessions"
    )
    # Geneva series: one short session per State under Review.
    state_under_review = CountryField(_("State under Review"), blank=True)
    # The State under Review's own delegation, apart from the recommending states' missions.
    sur_delegation_present = models.CharField(
        _("SuR delegation present"),
        max_length=16,
        choices=DelegationPresence.choices,
        default=DelegationPresence.NOT_RECORDED,
    )
    sur_took_floor = models.CharField(
        _("SuR took the floor"),
        max_length=16,
        choices=FloorTaken.choices,
        default=FloorTaken.NOT_RECORDED,
    )
    missions_present = models.ManyToManyField(
        "participants.Mission",
        verbose_name=_("missions present"),
        blank=True,
        related_name="sessions_attended",
    )

    objects = SessionQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords(m2m_fields=["themes", "missions_present"])

    class Meta:
        ordering = ["day", "start_time", "order", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="session_ends_after_it_starts",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(
                    sur_delegation_present=DelegationPresence.ABSENT,
                    sur_took_floor=FloorTaken.YES,
                ),
                name="session_absent_delegation_did_not_take_floor",
                violation_error_message=_(
                    "A delegation that was not present cannot have taken the floor."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.start_time:%H:%M} {self.title}"

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("A session must end after it starts.")})
        if (
            self.sur_delegation_present == DelegationPresence.ABSENT
            and self.sur_took_floor == FloorTaken.YES
        ):
            raise ValidationError(
                {
                    "sur_took_floor": _(
                        "A delegation that was not present cannot have taken the floor."
                    )
                }
            )


class SessionRoleQuerySet(models.QuerySet):
    def for_event(self, event):
        return self.filter(session__day__event=event)

    def speaking(self):
        return self.filter(role__in=SPEAKING_ROLES)


class SessionRole(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="roles"
    )
    person = models.ForeignKey(
        "participants.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="session_roles",
    )
    role = models.CharField(_("role"), max_length=32, choices=SessionRoleKind.choices)
    position = models.CharField(
        _("position at the time"),
        max_length=255,
        blank=True,
        help_text=_("Title and organisation as they should be printed in the programme."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SessionRoleQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "order", "pk"]
        verbose_name = _("session role")
        verbose_name_plural = _("session roles")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person", "role"],
                name="session_role_unique",
                violation_error_message=_("This person already has this role in this session."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"
