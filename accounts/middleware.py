from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404

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
