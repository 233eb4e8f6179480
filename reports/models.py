from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.multilingual import language_field, translations_field


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class ActivityReport(models.Model):
    """The narrative of an event's post-event report. Figures are never stored here:
    they are computed from the data each time the report is shown (see reports.stats)."""

    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="activity_report",
    )
    introduction = models.TextField(_("introduction"), blank=True)
    overview = models.TextField(_("overview"), blank=True)
    achievements_intro = models.TextField(
        _("achievements"),
        blank=True,
        help_text=_("Narrative before the list of achievements."),
    )
    lessons_learnt = models.TextField(_("lessons learnt"), blank=True)
    way_forward = models.TextField(_("way forward"), blank=True)
    contact = models.TextField(_("contact block"), blank=True)
    language = language_field()
    translations = translations_field()
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        permissions = [("export_activityreport", _("Can preview and export activity reports"))]

    def __str__(self):
        return str(_("Activity report: %(event)s") % {"event": self.event})


class Achievement(models.Model):
    report = models.ForeignKey(
        ActivityReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="achievements",
    )
    text = models.TextField(_("achievement"))
    translations = translations_field()
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "order", "pk"]
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")

    def __str__(self):
        return self.text[:80]


class TestimonyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Testimony(models.Model):
    """An anonymous testimony. By design it has no field for who gave it."""

    report = models.ForeignKey(
        ActivityReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="testimonies",
    )
    text = models.TextField(_("testimony"))
    translations = translations_field()
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    objects = TestimonyQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "order", "pk"]
        verbose_name = _("testimony")
        verbose_name_plural = _("testimonies")

    def __str__(self):
        return self.text[:80]
