"""Where to send the user after a form: the `next` they came with, if it is ours."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, default):
    """The request's `next` (POST first, then GET) when it points at this site, else
    `default` (a URL).

    Django's `url_has_allowed_host_and_scheme` refuses other hosts, scheme-relative
    (`//evil.example`) and backslash tricks (`/\\evil.example`), `javascript:` and, on an
    HTTPS request, a plain-HTTP target.
    """
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
