"""Permission grid row of the language menu (tests/test_permission_grid.py)."""

from django.urls import reverse

from tests.grid import Row

ROWS = [
    # Everyone may switch, an account with no role too (accounts.middleware lets it).
    Row(
        "set_language",
        lambda w: reverse("set_language"),
        method="post",
        data=lambda w: {"language": "fr", "next": "/"},
        ok_status=302,
        public=True,
        statuses={"no_role": 302},
    ),
]
