import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.rules import team_roles
from events.rules import linked_event_ids


class FactsheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Sent back")
    APPROVED = "approved", _("Approved")


class FactsheetLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    KHMER = "km", _("Khmer")
    OTHER = "other", _("Other")


class FactsheetQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Factsheets `user` may open (the query form of `factsheets.view_factsheet`):
        superusers every one; team members those of their teams' events; CSO staff those
        their organisation authors or co-authors, at events their organisation is linked to.
        Team roles and linked events are read once per request (cached on the user), and
        the rest is one filter of the list's own query: no query per row."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        visible = Q(event__team_id__in=list(team_roles(user)))
        if user.organisation_id:
            authored = Factsheet.all_objects.filter(
                organisations=user.organisation_id, event_id__in=list(linked_event_ids(user))
            ).values("pk")
            visible |= Q(pk__in=authored)
        return self.filter(visible)

    def for_event(self, event):
        return self.filter(event=event)

    def in_theme_order(self):
        return self.order_by("event", "theme__order", "title", "pk")

    def with_listing(self):
        """What list pages show, fetched in a fixed number of queries."""
        return self.select_related("event", "theme").prefetch_related(
            "organisations",
            models.Prefetch("files", queryset=FactsheetFile.objects.order_by("-version")),
        )

    def approved(self):
        return self.filter(status=FactsheetStatus.APPROVED)

    def published(self):
        """Approved factsheets whose authors chose to publish them."""
        return self.approved().filter(public=True)

    def authored_by(self, organisation):
        return self.filter(organisations=organisation)


class LiveFactsheetManager(models.Manager.from_queryset(FactsheetQuerySet)):
    """Hides soft-deleted factsheets. `Factsheet.all_objects` still reaches them."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Factsheet(models.Model):
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.PROTECT, related_name="factsheets"
    )
    theme = models.ForeignKey(
        "events.Theme", verbose_name=_("theme"), on_delete=models.PROTECT, related_name="factsheets"
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    organisations = models.ManyToManyField(
        "participants.Organisation",
        verbose_name=_("authoring organisations"),
        related_name="factsheets",
    )
    # The organisation whose staff created the factsheet: always an author, whatever a
    # co-author ticks (a co-author cannot take the factsheet away from it).
    lead_organisation = models.ForeignKey(
        "participants.Organisation",
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=FactsheetLanguage.choices,
        default=FactsheetLanguage.ENGLISH,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=FactsheetStatus.choices, default=FactsheetStatus.DRAFT
    )
    public = models.BooleanField(
        _("publish on the public site"),
        default=False,
        help_text=_(
            "The authors' choice: once approved, the factsheet and its approved file are "
            "listed on the event's public page."
        ),
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Deleting keeps the row, its files and its history: an administrator can restore it.
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = LiveFactsheetManager()
    all_objects = FactsheetQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords(m2m_fields=["organisations"])

    class Meta:
        ordering = ["event", "theme__order", "title"]
        # Related lookups (file.factsheet) must still reach a soft-deleted factsheet.
        base_manager_name = "all_objects"
        verbose_name = _("factsheet")
        verbose_name_plural = _("factsheets")
        permissions = [("review_factsheet", _("Can approve or send back factsheets"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("factsheets:factsheet_detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self):
        return self.status in (FactsheetStatus.DRAFT, FactsheetStatus.RETURNED)

    @property
    def is_deleted(self):
        return self.deleted_at is not None


def factsheet_upload_to(instance, filename):
    """A server-generated name: the uploader's file name never reaches the file system."""
    return f"factsheets/{uuid.uuid4().hex}"


class FactsheetFile(models.Model):
    """One uploaded version of a factsheet's document. Versions are kept, never overwritten."""

    factsheet = models.ForeignKey(
        Factsheet, verbose_name=_("factsheet"), on_delete=models.CASCADE, related_name="files"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=factsheet_upload_to, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["factsheet", "-version"]
        verbose_name = _("factsheet file")
        verbose_name_plural = _("factsheet files")
        constraints = [
            models.UniqueConstraint(
                fields=["factsheet", "version"], name="factsheet_file_version_unique"
            ),
        ]

    def __str__(self):
        return f"{self.factsheet} v{self.version}"

    def get_absolute_url(self):
        return reverse(
            "factsheets:file_download",
            kwargs={"pk": self.factsheet_id, "version": self.version},
        )


class SuggestedRecommendation(models.Model):
    factsheet = models.ForeignKey(
        Factsheet,
        verbose_name=_("factsheet"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    text = models.TextField(_("recommendation"), max_length=1000)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["factsheet", "order", "pk"]
        verbose_name = _("suggested recommendation")
        verbose_name_plural = _("suggested recommendations")
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="recommendation_text_not_empty"),
        ]

    def __str__(self):
        return self.text[:80]


class DistributionQuerySet(models.QuerySet):
    def for_event(self, event):
        return self.filter(event=event)

    def counted(self):
        """Distributions that count as dissemination: of live, approved factsheets."""
        return self.filter(
            factsheet__status=FactsheetStatus.APPROVED, factsheet__deleted_at__isnull=True
        )


class Distribution(models.Model):
    """A factsheet handed to a recommending state's mission at an event."""

    factsheet = models.ForeignKey(
        Factsheet,
        verbose_name=_("factsheet"),
        on_delete=models.CASCADE,
        related_name="distributions",
    )
    mission = models.ForeignKey(
        "participants.Mission",
        verbose_name=_("mission"),
        on_delete=models.PROTECT,
        related_name="distributions",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="distributions",
    )
    day = models.ForeignKey(
        "events.ProgrammeDay",
        verbose_name=_("day"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="distributions",
    )
    distributed_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DistributionQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "mission", "factsheet"]
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")
        constraints = [
            models.UniqueConstraint(
                fields=["factsheet", "mission", "event"],
                name="distribution_once_per_mission_per_event",
                violation_error_message=_("This mission already received this factsheet."),
            ),
        ]

    def __str__(self):
        return f"{self.factsheet} -> {self.mission}"
