import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from .log import SESSION_LOGIN_AT, security_event
from .two_factor import asks_for_second_factor, has_two_factor

SESSION_LAST_SEEN = "upr_last_seen"


def _redirect(request, url):
    # An htmx request would swap the login page into a fragment: send the browser there.
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)


# Writing the session on every request would cost a query each time; a minute of
# imprecision on the idle timeout does not.
LAST_SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    """Ends a signed-in session after UPR_SESSION_IDLE_TIMEOUT seconds without a request,
    and in any case UPR_SESSION_ABSOLUTE_LIFETIME seconds after the login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            login_at = session.setdefault(SESSION_LOGIN_AT, now)
            last_seen = session.get(SESSION_LAST_SEEN, login_at)
            idle = now - last_seen > settings.UPR_SESSION_IDLE_TIMEOUT
            too_old = now - login_at > settings.UPR_SESSION_ABSOLUTE_LIFETIME
            if idle or too_old:
                security_event(
                    "session_expired", request=request, reason="idle" if idle else "lifetime"
                )
                logout(request)
                messages.info(request, _("Your session has expired. Please log in again."))
                login_url = reverse(settings.LOGIN_URL)
                return _redirect(request, f"{login_url}?{urlencode({'next': request.path})}")
            if now - last_seen >= LAST_SEEN_RESOLUTION:
                session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """Users who must use two-factor authentication, and anyone who paired an authenticator,
    reach only the 2FA pages (and logout) until they have entered a code in this session.
    Applies to every URL, the admin included, so pages added later are covered without
    doing anything."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not self._is_exempt(request.path)
            and asks_for_second_factor(request)
        ):
            if has_two_factor(user):
                target = "security:two_factor_verify"
            else:
                target = "security:two_factor_setup"
            query = urlencode({"next": request.get_full_path()})
            return _redirect(request, f"{reverse(target)}?{query}")
        return self.get_response(request)

    @staticmethod
    def _is_exempt(path):
        exempt = (
            reverse("security:two_factor_setup"),
            reverse("security:two_factor_verify"),
            reverse("logout"),
        )
        return path in exempt or path.startswith(settings.STATIC_URL)


class SecurityLogMiddleware:
    """Records denied access (403) and not-found answers (404: another organisation's
    object is a 404 by design) in the security log, with the path but never the query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            security_event("access_denied", request=request, level=logging.WARNING, status=403)
        elif response.status_code == 404:
            security_event("not_found", request=request, status=404)
        return response
