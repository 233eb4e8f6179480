"""The client's address, as the app's only trustworthy source of it.

Behind N reverse proxies (settings.UPR_TRUSTED_PROXY_COUNT), each proxy appends the
address it received the request from to X-Forwarded-For; the client's real address is
then the N-th entry from the right. Everything to the left of it was sent by the client and
may be forged. With N = 0 the header is ignored and REMOTE_ADDR is used.
"""

import ipaddress

from django.conf import settings


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxy_count = settings.UPR_TRUSTED_PROXY_COUNT
    if proxy_count <= 0:
        return _valid_ip(remote_addr) or remote_addr or None
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxy_count:
        # Fewer hops than proxies: the request did not come through them; trust nothing.
        return _valid_ip(remote_addr) or remote_addr or None
    return _valid_ip(forwarded[-proxy_count]) or _valid_ip(remote_addr) or None
