from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CfpConfig(AppConfig):
    """The call for speakers: organisers open a call for an event, CSO staff of the team's
    directory apply, organisers score, select with a balance panel and accept."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "cfp"
    verbose_name = _("Call for speakers")

    # Models with audit history pages, and the lookup from each to its team
    # (security/registry.py). Scores keep a history too, but not on these pages: see
    # cfp.models.Score.
    history_models = {
        "call": "event__team",
        "application": "call__event__team",
        "proposedspeaker": "application__call__event__team",
    }

    # Run by `anonymise_old_events` with the other retention tasks (participants).
    retention_task = "cfp.services.erase_declined_speakers"

    def ready(self):
        # The e-mail templates the call sends (notifications.registry).
        from . import emails  # noqa: F401
