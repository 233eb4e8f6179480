"""The two e-mails of accounts (the team invitation and the password reset), sent the way
every e-mail of the app is: a registered template in the recipient's language, through the
job queue, logged (`notifications.services.send_templated_email`).

accounts sits below notifications and may not import it. As events does for the people of
its programme (`registers_programme_people`), the app that sends mail names its function in
its AppConfig's `sends_email` (notifications does), and this module calls it. A dotted path
in an AppConfig, not a setting: which app sends mail is part of the code, not of a
deployment, and an installation cannot point it elsewhere by mistake. The templates are
declared in notifications/emails.py, next to the sender that checks their context.
"""

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

INVITATION = "accounts.invitation"
PASSWORD_RESET = "accounts.password_reset"


def email_sender():
    """The installed app's `send_templated_email(key, *, to, language, context, team, by)`."""
    paths = [
        config.sends_email
        for config in apps.get_app_configs()
        if getattr(config, "sends_email", "")
    ]
    if len(paths) != 1:
        raise ImproperlyConfigured(
            f"Exactly one installed app must name its e-mail sender in `sends_email`: {paths}"
        )
    return import_string(paths[0])


def send_email(key, *, to, language, context, team, by):
    """E-mail template `key` to `to` in `language` (see the sender's docstring); returns its
    log row."""
    return email_sender()(key, to=to, language=language, context=context, team=team, by=by)
