from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """The bottom of the app stack: organising teams, who belongs to them and in which role,
    and the helpers every other app uses to scope what a user sees. It imports no other app
    of this project."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Teams and accounts")

    # Models with audit history pages, and the lookup from each to its team
    # (security/registry.py).
    history_models = {"team": "id", "membership": "team"}
