"""The permission grid's row and roles (tests/test_permission_grid.py), shared with the
rows of each area kept in their own module (tests/recommendations/grid_*.py)."""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "no_role",
    "organiser_a",
    "organiser_b",
    "report_admin_a",
    "cso_registered",
    "cso_other",
    "superuser",
)
LOGIN, NO_ACCESS = "login", "no_access"


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable
    shows: Callable = field(default=lambda w: "")
    ok: tuple = ("organiser_a", "superuser")  # may use it (200, or ok_status)
    sees: tuple = ()  # may see the object but not do this: 403
    method: str = "get"
    data: Callable = field(default=lambda w: {})
    ok_status: int = 200
    # Pages that every role with access has, each showing its own data only (the dashboard,
    # the factsheet list): organisers of B and other CSO staff get them, without A's data.
    own_page_for: tuple = ()
    hidden: Callable = field(default=lambda w: "")  # A's text that they must not see
    content_type: str = ""  # a file, not a page: its type is checked instead of its text
    # every role, anonymous too, gets ok_status; an account with no role still only gets
    # the no-access page, except for the few pages accounts.middleware lets it reach
    public: bool = False
    account: bool = False  # every signed-in role, no role too, gets ok_status
    statuses: dict = field(default_factory=dict)  # a role's own answer, where it differs

    def expected(self, role):
        if role in self.statuses:
            return self.statuses[role]
        if (self.public and role != "no_role") or (self.account and role != "anonymous"):
            return self.ok_status
        if role in self.ok or role in self.own_page_for:
            return self.ok_status
        if role == "anonymous":
            return LOGIN
        if role == "no_role":
            return NO_ACCESS
        if role in self.sees:
            return 403
        return 404
