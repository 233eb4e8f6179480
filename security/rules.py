"""Who may read an audit history, restore a version or bring back a deleted record: the
organisers of the team that owns it (checked on the team; see security/registry.py). An
app may name another permission for its models (`history_permission` on its AppConfig)."""

import rules

from accounts.rules import is_organiser

rules.add_perm("security.change_history", is_organiser)
