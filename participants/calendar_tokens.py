"""The signed token of a person's own calendar at an event: the address
`public/<team>/<event>/my-sessions/<token>.ics` that organisers send to a speaker (and that
the acceptance and approval e-mails carry), so that a person without an account can add
their sessions to their calendar.

The token is Django's signature of the person's id, salted for this purpose and for this
event only: no other signed value of the app is a valid calendar token, and a token made for
one event is a bad signature at every other. It carries the id only as signing does (base64
of a number, with its HMAC), nothing about the person, and it cannot be forged for another
person without the secret key.
"""

from django.core import signing
from django.urls import reverse

SALT = "participants.person-calendar"
# A token is a few dozen characters: anything much longer is not one (no work to refuse it).
MAX_LENGTH = 200


def _signer(event):
    return signing.Signer(salt=f"{SALT}.{event.pk}")


def calendar_token(person, *, event):
    """The token of `person`'s own calendar of `event`."""
    return _signer(event).sign_object(person.pk)


def read_calendar_token(token, *, event):
    """The id of the person `token` was made for at `event`, or None when it was altered,
    made for another event, or is not a token at all."""
    if not token or len(token) > MAX_LENGTH:
        return None
    try:
        person_id = _signer(event).unsign_object(token)
    except signing.BadSignature:
        return None
    return person_id if type(person_id) is int else None


def calendar_path(person, *, event):
    """The address (path) of `person`'s own calendar of `event`; `event.team` is read."""
    return reverse(
        "public:person_calendar",
        args=[event.team.slug, event.slug, calendar_token(person, event=event)],
    )
