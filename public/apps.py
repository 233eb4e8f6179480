from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The anonymous public site of each team's published events. UI only: it reads the
    other apps' selectors and models and owns no data."""

    name = "public"
    verbose_name = _("Public site")
