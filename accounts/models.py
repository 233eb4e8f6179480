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


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at=None, revoked_at=None)


class Invitation(models.Model):
    """An invitation by e-mail: to join a team in a role, or (with an organisation of the
    team's directory) to a CSO staff account for that organisation.

    The link carries a random token; only its hash is stored. A link works once, until it
    expires, and only for the address it was sent to (see accounts/services.py).
    """

    email = models.EmailField(_("e-mail"))
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=32, choices=TeamRole.choices, blank=True)
    organisation = models.ForeignKey(
        "participants.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        help_text=_("For a CSO staff account: the organisation whose factsheets it manages."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    (~models.Q(role="") & models.Q(organisation=None))
                    | (models.Q(role="") & ~models.Q(organisation=None))
                ),
                name="invitation_role_or_organisation",
                violation_error_message=_(
                    "An invitation is either to the team in a role or to a CSO staff account "
                    "of an organisation."
                ),
            ),
        ]

    def __str__(self):
        return _("Invitation of %(email)s to %(team)s") % {"email": self.email, "team": self.team}

    @property
    def is_for_cso_staff(self):
        return self.organisation_id is not None
