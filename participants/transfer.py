"""The kinds of spreadsheet the import and export pages offer, declared by their owners.

Each kind is declared next to its resource with `register(TransferKind(...))`; the pages
read this registry and know no kind by name. A kind is either a team's (its directory:
organisations, the embassy roster) or an event's (participants, attendance, programme).
"""

from collections.abc import Callable
from dataclasses import dataclass

TEAM = "team"
EVENT = "event"

_KINDS = {}


@dataclass(frozen=True)
class TransferKind:
    key: str
    label: str
    scope: str  # TEAM or EVENT
    help_text: str
    # Builds the resource: `make_resource(team=, event=, with_contact_details=)`.
    make_resource: Callable
    # The URL name of the list an import of this kind writes to, where the user lands after
    # confirming (reversed with the event's slug or the team's); "" for the transfer page.
    imported_into: str = ""
    import_permission: str = "participants.import_data"
    export_permission: str = "participants.export_data"

    @property
    def needs_event(self):
        return self.scope == EVENT

    def resource(self, *, team, event=None, with_contact_details=False):
        return self.make_resource(team=team, event=event, with_contact_details=with_contact_details)


def register(kind):
    """Declare `kind`; a second declaration of the same key is a programming error."""
    if kind.key in _KINDS and _KINDS[kind.key] != kind:
        raise ValueError(f"Transfer kind {kind.key!r} is declared twice.")
    _KINDS[kind.key] = kind
    return kind


def get_kind(key):
    return _KINDS.get(key)


def kinds(scope=None):
    return [kind for kind in _KINDS.values() if scope is None or kind.scope == scope]
