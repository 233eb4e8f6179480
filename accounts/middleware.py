from django.conf import settings
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import translation

from .languages import adopt_choice_made_before_login
from .rules import has_any_access

# What an account without a team or an organisation may still reach: its own account
# pages (password, two-factor), the page that says it has no access, and logging out.
ALLOWED_WITHOUT_ACCESS = {
    "accounts:no_access",
    "accounts:invitation",
    "logout",
    "password_change",
    "password_change_done",
    "security:account",
    "security:two_factor_setup",
    "security:two_factor_verify",
    "security:recovery_codes",
    "set_language",
}


class NoAccessMiddleware:
    """A signed-in account with no team, no organisation and no superuser rights sees the
    no-access page and nothing else, whatever URL it asks for (pages added later too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not has_any_access(user):
            try:
                url_name = resolve(request.path_info).view_name
            except Resolver404:
                url_name = ""
            # The admin refuses non-staff accounts itself; an unknown URL stays a 404.
            # The public site is for everyone, whether signed in or not.
            allowed = url_name in ALLOWED_WITHOUT_ACCESS or url_name.startswith(
                ("admin:", "public:")
            )
            if url_name and not allowed:
                return redirect(reverse("accounts:no_access"))
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in user's pages in the language of their account (set by the language
    menu): activated after LocaleMiddleware's choice (cookie, Accept-Language), which stays
    for users who never chose. The cookie follows the account, so that the pages after
    logging out stay in the same language. See accounts/languages.py."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            adopt_choice_made_before_login(request)
            if request.user.language:
                translation.activate(request.user.language)
                request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        # The request may just have signed in (the login page's POST).
        user = request.user
        if user.is_authenticated:
            adopt_choice_made_before_login(request)
            cookie = settings.LANGUAGE_COOKIE_NAME
            if user.language and request.COOKIES.get(cookie) != user.language:
                response.set_cookie(
                    cookie,
                    user.language,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    path=settings.LANGUAGE_COOKIE_PATH,
                    domain=settings.LANGUAGE_COOKIE_DOMAIN,
                    secure=settings.LANGUAGE_COOKIE_SECURE,
                    httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                    samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                )
        return response
