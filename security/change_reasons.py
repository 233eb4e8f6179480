"""Why a version of a record was written, as the history pages say it.

A history row stores a stable code (`history_change_reason`, the English words below: the
rows written before this module hold the same words) and the page says it in the reader's
language through `change_reason_label`. A reason of no known code is shown as it is.
"""

import re

from django.utils.translation import gettext_lazy as _

IMPORT = "import"
ANONYMISED = "anonymised"
RECOVERED = "recovered after deletion"
CATEGORY_ACCEPTED = "suggested action category accepted"

LABELS = {
    IMPORT: _("imported from a file"),
    ANONYMISED: _("anonymised"),
    RECOVERED: _("recovered after deletion"),
    CATEGORY_ACCEPTED: _("suggested action category accepted"),
}
RESTORED = re.compile(r"restored version (\d+)")
# Written by participants/migrations/0007_person_email_unique_per_team.py.
EMAIL_EMPTIED = re.compile(r"e-mail duplicated person #(\d+)'s; emptied by a migration")


def restored_version(history_id):
    """The code of a version that restores the version `history_id`."""
    return f"restored version {history_id}"


def change_reason_label(reason):
    """`reason` (a stored code) in the active language."""
    if not reason:
        return ""
    if reason in LABELS:
        return str(LABELS[reason])
    restored = RESTORED.fullmatch(reason)
    if restored:
        return _("restored version %(number)s") % {"number": restored.group(1)}
    emptied = EMAIL_EMPTIED.fullmatch(reason)
    if emptied:
        return _("e-mail emptied: person #%(number)s has the same one") % {
            "number": emptied.group(1)
        }
    return reason
