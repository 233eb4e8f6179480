"""`Cache-Control: private, no-store` on every response to a signed-in user.

Pages and files behind the login carry personal data (participant lists, person pages,
exports, badges, report PDFs, factsheets): no browser cache, shared computer's history or
proxy may keep a copy. One middleware does it for every view, so a new view cannot forget.
A response that already says `no-store` (the admin's `never_cache`, a download that set its
own) is left as it is. Anonymous responses are untouched; static files are answered by
WhiteNoise before this middleware runs.
"""

from django.utils.cache import patch_cache_control

from .errors import DATABASE_ERRORS


def _signed_in(request):
    user = getattr(request, "user", None)
    if user is None:
        return False
    try:
        return user.is_authenticated
    except DATABASE_ERRORS:
        # The session cannot be read (database down): treat the answer as private.
        return True


class PrivateCacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _signed_in(request) and "no-store" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True, no_store=True)
        return response
