from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    default = True
    name = "security"
    verbose_name = _("Security")

    def ready(self):
        # Infrastructure only: record logins, failures and lockouts in the security log.
        from . import checks, log  # noqa: F401  (checks register themselves)

        log.connect_signal_receivers()


class OTPAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with a site that only lets in users verified by a second factor."""

    default = False
    default_site = "security.admin_site.OTPRequiredAdminSite"
