"""The token a badge's QR code carries, and how the registration desk reads it back.

A token is `UPR-<event id>.<registration id>:<signature>`: the two ids, which say nothing
about the person, signed with the secret key (salted for this purpose only, so no other
signed value of the app is a valid badge). A USB or phone scanner types it into the desk's
search box like a name. A token that was altered, or made for another event, finds nobody.
"""

import re
from dataclasses import dataclass

from django.core import signing

SALT = "participants.badge-token"
PREFIX = "UPR-"
# The shape of a whole token (a signature is 43 characters of URL-safe base64): anything
# else typed at the desk is an ordinary search, without a look at the signature.
TOKEN_SHAPE = re.compile(r"UPR-\d{1,12}\.\d{1,12}:[A-Za-z0-9_-]{43}")


def _signer():
    return signing.Signer(salt=SALT)


def badge_token(registration):
    """The signed token for `registration`'s badge."""
    return _signer().sign(f"{PREFIX}{registration.event_id}.{registration.pk}")


def looks_like_badge_token(text):
    return bool(TOKEN_SHAPE.fullmatch(text.strip()))


@dataclass(frozen=True)
class BadgeScan:
    """What a typed token means at the desk of `event`: a registration id, or not valid
    here (altered, or another event's)."""

    registration_id: int | None

    @property
    def is_valid(self):
        return self.registration_id is not None


def read_badge_token(text, *, event):
    """The scan of `text` at `event`'s desk, or None when `text` is not shaped like a
    token at all (an ordinary search)."""
    text = text.strip()
    if not looks_like_badge_token(text):
        return None
    try:
        value = _signer().unsign(text)
    except signing.BadSignature:
        return BadgeScan(registration_id=None)
    event_id, registration_id = value.removeprefix(PREFIX).split(".")
    if int(event_id) != event.pk:
        return BadgeScan(registration_id=None)
    return BadgeScan(registration_id=int(registration_id))
