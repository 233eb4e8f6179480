from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    default = True
    name = "security"
    verbose_name = _("Security")

    def ready(self):
        # Infrastructure only: record logins, failures and lockouts in the security log.
        from django.contrib.auth import user_logged_in

        from . import checks, log, two_factor  # noqa: F401  (checks register themselves)

        log.connect_signal_receivers()
        user_logged_in.connect(
            two_factor.forget_device_at_login, dispatch_uid="upr_two_factor_login"
        )


class OTPAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with a site that only lets in users verified by a second factor."""

    default = False
    default_site = "security.admin_site.OTPRequiredAdminSite"
