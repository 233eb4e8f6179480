from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """E-mail to one person at a time: every message a registered template (subject, plain
    text and HTML), rendered in the recipient's language, sent by the job queue and logged
    per team (subject and template, never the body). Just above `jobs`: the apps that send
    (participants, reports, the public site) register their templates and call
    `notifications.services.send_templated_email`. accounts, below, reaches it through
    `sends_email` (accounts/mail.py); its two templates are declared in emails.py here."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("E-mail")

    # The sender that accounts calls without importing this app (accounts/mail.py).
    sends_email = "notifications.services.send_templated_email"

    def ready(self):
        # The templates of accounts' e-mails (notifications/registry.py).
        from . import emails  # noqa: F401
