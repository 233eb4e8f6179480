"""The e-mail templates the app may send, by key: `register(key, ...)` in the module of
the app that sends it (its `emails.py`, imported by its AppConfig.ready()).

A template lives in `templates/notifications/<key>/` as `subject.txt`, `body.txt` and
`body.html`. Its declared `context` is the whole of what it is given: the service refuses
a missing or an extra name, so what a message may say about whom is written down here, next
to the key, and reviewed like code.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class EmailTemplate:
    key: str
    description: str
    context: frozenset

    @property
    def folder(self):
        return f"notifications/{self.key}"


_templates = {}


class UnknownEmailTemplate(LookupError):
    pass


def register(key, *, description, context):
    """Declare the template `key` (a dotted "app.purpose" name) and the names of its
    context. Registering the same key twice with other names is a programming error."""
    template = EmailTemplate(key=key, description=description, context=frozenset(context))
    existing = _templates.get(key)
    if existing is not None and existing != template:
        raise ImproperlyConfigured(f"The e-mail template {key!r} is registered twice.")
    _templates[key] = template
    return template


def get(key):
    try:
        return _templates[key]
    except KeyError:
        raise UnknownEmailTemplate(f"No e-mail template is registered as {key!r}.") from None


def all_templates():
    return sorted(_templates.values(), key=lambda template: template.key)
