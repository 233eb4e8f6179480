from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CfpConfig(AppConfig):
    """The call for speakers: organisers open a call for an event, CSO staff of the team's
    directory apply, organisers score, select with a balance panel and accept."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "cfp"
    verbose_name = _("Call for speakers")

    def ready(self):
        # The e-mail templates the call sends (notifications.registry).
        from . import emails  # noqa: F401
