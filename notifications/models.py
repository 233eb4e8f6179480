from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class EmailMessageLogQuerySet(models.QuerySet):
    def of_team(self, team):
        return self.filter(team=team)

    def older_than(self, cutoff):
        return self.filter(created_at__lt=cutoff)


class EmailMessageLog(models.Model):
    """One e-mail to one address: what was sent (its template and subject), to whom, in
    which language, when, whether it left, and who caused it.

    The body is never stored: it may hold a link that signs someone in, or a person's own
    details, and the log is read by the whole organising team.

    `team` is empty for a message about an account rather than a team's work (the password
    reset): a user may belong to several teams, or none, and no team's organisers should
    read another's. Such rows are in no team's log page, only in the admin, and are
    deleted after the same retention period.
    """

    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="email_messages",
    )
    template_key = models.CharField(_("template"), max_length=100)
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the message answers a visitor's own action."),
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = EmailMessageLogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail message")
        verbose_name_plural = _("e-mail messages")
        indexes = [models.Index(fields=["team", "-created_at"], name="emaillog_team_created")]

    def __str__(self):
        return f"{self.template_key} → {self.recipient}"


class PendingEmail(models.Model):
    """The rendered body of a message not delivered yet: what the queue sends. Deleted in
    the same transaction that marks the message sent, or failed for good, so bodies never
    outlive their delivery (and the log never holds one)."""

    message = models.OneToOneField(
        EmailMessageLog, on_delete=models.CASCADE, primary_key=True, related_name="pending"
    )
    text_body = models.TextField()
    html_body = models.TextField()

    def __str__(self):
        return str(self.message)
