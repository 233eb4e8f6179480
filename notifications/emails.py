"""The e-mail templates of accounts (templates in templates/notifications/<key>/).

accounts sends them through `sends_email` (accounts/mail.py) and may not import the
registry, so they are declared here, on its behalf. Neither names anyone but the recipient:
the invitation says which team invites and in what role, the reset names the recipient's
own account."""

from django.utils.translation import gettext_lazy as _

from accounts import mail

from . import registry

INVITATION = registry.register(
    mail.INVITATION,
    description=_(
        "To an invited address: the link to choose a user name and password and join the "
        "team in a role, or a CSO staff account for one of its organisations; it works "
        "once, until it expires."
    ),
    context=("team_name", "role", "organisation_name", "link", "expires_at"),
)
PASSWORD_RESET = registry.register(
    mail.PASSWORD_RESET,
    description=_(
        "To the address of an account, when someone asked to choose a new password for "
        "it: the link that does it, valid once for a few days. Logged for no team."
    ),
    context=("username", "site_name", "link"),
)
