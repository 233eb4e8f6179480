"""The call for speakers of an event: the call, the applications CSOs send, and the
organisers' scores of them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from participants.models import Gender, PublicConsent, Scope


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Call(models.Model):
    """One call for speakers per event. Open while `is_open` and before the deadline."""

    event = models.OneToOneField(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="call"
    )
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"))
    intro = models.TextField(_("introduction"), blank=True)
    questions = models.JSONField(
        _("questions"),
        default=list,
        blank=True,
        help_text=_("Questions every applicant answers, one per line."),
    )
    is_open = models.BooleanField(
        _("open"), default=True, help_text=_("Untick to close the call before its deadline.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("call for speakers")
        verbose_name_plural = _("calls for speakers")

    def __str__(self):
        return str(self.event)

    def accepts_applications(self, now=None):
        now = now or timezone.now()
        return self.is_open and self.opens_at <= now <= self.deadline

    def clean(self):
        super().clean()
        if self.opens_at and self.deadline and self.deadline < self.opens_at:
            raise ValidationError({"deadline": _("The deadline cannot be before the call opens.")})


class ApplicationQuerySet(models.QuerySet):
    def of_call(self, call):
        return self.filter(call=call)

    def with_listing(self):
        return self.select_related("submitted_by").prefetch_related("themes", "speakers")


class Application(models.Model):
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="applications"
    )
    organisation = models.ForeignKey(
        "participants.Organisation",
        verbose_name=_("organisation in the directory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speaker_applications",
    )
    organisation_name = models.CharField(_("organisation"), max_length=255)
    organisation_scope = models.CharField(
        _("national or international"), max_length=16, choices=Scope.choices
    )
    coalition_partners = models.TextField(
        _("coalition partners"), blank=True, help_text=_("One organisation per line.")
    )
    themes = models.ManyToManyField(
        "events.Theme", verbose_name=_("themes"), related_name="speaker_applications"
    )
    state_under_review = CountryField(
        _("State under Review"),
        blank=True,
        help_text=_("For a Geneva series: the State the speakers would talk about."),
    )
    recommendations = models.JSONField(
        _("recommendations they would present"), default=list, blank=True
    )
    answers = models.JSONField(_("answers"), default=list, blank=True)
    speaking_minutes = models.PositiveSmallIntegerField(
        _("speaking time (minutes)"), null=True, blank=True
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    contact_email = models.EmailField(_("contact e-mail"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords(m2m_fields=["themes"])

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self):
        return self.organisation_name


class ProposedSpeaker(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="speakers",
    )
    given_name = models.CharField(_("given name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices)
    position = models.CharField(_("position"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    public_consent = models.CharField(
        _("shown publicly"),
        max_length=32,
        choices=PublicConsent.choices,
        default=PublicConsent.NOT_LISTED,
        help_text=_(
            "How the speaker agreed to appear on the public pages and programme of the "
            "event. Applied to their registration when the application is accepted; a "
            "person already in the directory is shown less if this asks for less, never "
            "more."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Audit trail (who and when): see security/history.py. Erased with the speaker when a
    # declined application's retention period ends (cfp.services).
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "order", "pk"]
        verbose_name = _("proposed speaker")
        verbose_name_plural = _("proposed speakers")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return " ".join(part for part in (self.given_name, self.family_name) if part)


class Score(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="speaker_scores",
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    scored_at = models.DateTimeField(_("scored"), auto_now=True)

    # Audit trail (who changed which score, when). Not on the team's history pages: they
    # would show reviewers the others' scores before they have scored (cfp.selectors);
    # superusers read it in the admin.
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "scored_at"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                name="cfp_score_one_per_reviewer",
                violation_error_message=_("You have already scored this application."),
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="cfp_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.application}: {self.score}"
