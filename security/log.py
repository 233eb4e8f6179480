"""The "upr.security" log: logins, login failures, lockouts, second-factor failures and
denied access, each with the user id, the client address, the path and the UTC time.

What never goes in: a participant's name, anything typed into a form (a user name that
matches no account is logged as "unknown", because people type passwords into it), query
strings (they carry search terms), testimony text or file content.
"""

import logging
import time

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.utils import timezone

from .client_ip import client_ip

logger = logging.getLogger("upr.security")

SESSION_LOGIN_AT = "upr_login_at"


def _user_id(user):
    if user is not None and getattr(user, "is_authenticated", False):
        return str(user.pk)
    return "-"


def security_event(event, *, request=None, user=None, level=logging.INFO, **fields):
    """Write one line to the security log. `fields` must hold ids and codes, never names."""
    parts = {
        "event": event,
        "user_id": _user_id(user if user is not None else getattr(request, "user", None)),
        "ip": (client_ip(request) if request is not None else None) or "-",
        "method": request.method if request is not None else "-",
        "path": request.path if request is not None else "-",
        "utc": timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        **fields,
    }
    logger.log(level, " ".join(f"{key}={value}" for key, value in parts.items()))


def _account_id_for_username(username):
    if not username:
        return "unknown"
    User = get_user_model()
    user_id = (
        User.objects.filter(**{User.USERNAME_FIELD: username}).values_list("pk", flat=True).first()
    )
    return str(user_id) if user_id is not None else "unknown"


def _on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        # The absolute session lifetime counts from here (see SessionTimeoutMiddleware).
        request.session[SESSION_LOGIN_AT] = int(time.time())
    security_event("login", request=request, user=user)


def _on_logout(sender, request, user, **kwargs):
    security_event("logout", request=request, user=user)


def _on_login_failed(sender, credentials, request=None, **kwargs):
    User = get_user_model()
    account = _account_id_for_username(credentials.get(User.USERNAME_FIELD))
    security_event(
        "login_failed", request=request, user=None, level=logging.WARNING, account_id=account
    )


def _on_locked_out(sender, request, username, ip_address, **kwargs):
    security_event(
        "lockout",
        request=request,
        user=None,
        level=logging.WARNING,
        account_id=_account_id_for_username(username),
    )


def _on_admin_otp_failed(sender, user, **kwargs):
    # Sent by django-otp's admin login form; it passes no request.
    security_event("two_factor_failed", user=None, level=logging.WARNING, account_id=user.pk)


def connect_signal_receivers():
    from django_otp.forms import otp_verification_failed

    otp_verification_failed.connect(_on_admin_otp_failed, dispatch_uid="upr_security_otp_failed")
    user_logged_in.connect(_on_login, dispatch_uid="upr_security_login")
    user_logged_out.connect(_on_logout, dispatch_uid="upr_security_logout")
    user_login_failed.connect(_on_login_failed, dispatch_uid="upr_security_login_failed")
    user_locked_out.connect(_on_locked_out, dispatch_uid="upr_security_locked_out")
