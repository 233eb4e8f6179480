from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TeamRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    REPORT_ADMINISTRATOR = "report_administrator", _("Report administrator")


class TeamQuerySet(models.QuerySet):
    def of_user(self, user):
        """The teams `user` is a member of (every team for a superuser)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(memberships__user=user, memberships__is_active=True)


class Team(models.Model):
    """An organising team (for example "UPR Info Geneva" or "CCHR Phnom Penh"). It owns its
    events and everything under them, and its directory of people and organisations."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Whom people without access yet, and visitors, should write to."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("accounts:team_detail", kwargs={"team": self.slug})


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)


class Membership(models.Model):
    """A user's role in one team. A user may belong to several teams, in a role each."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=TeamRole.choices)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("A deactivated member keeps their history but sees nothing of the team."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    # Audit trail (who and when): see security/history.py.
    history = HistoricalRecords()

    class Meta:
        ordering = ["team", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user"],
                name="membership_one_per_user_per_team",
                violation_error_message=_("This user is already a member of this team."),
            ),
        ]

    def __str__(self):
        return _("%(user)s, %(role)s of %(team)s") % {
            "user": self.user,
            "role": self.get_role_display(),
            "team": self.team,
        }
