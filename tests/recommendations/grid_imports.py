"""Permission grid rows of the recommendation imports (tests/test_permission_grid.py):
organisers of the team import; report administrators see the team but may not."""

from django.urls import reverse

from tests.grid import Row

ROWS = [
    Row(
        "recommendations:import_upload",
        lambda w: (
            reverse("recommendations:import_upload", args=["team-a"]) + f"?review={w.review.pk}"
        ),
        lambda w: "Import recommendations",
        sees=("report_admin_a",),
    ),
    Row(
        "recommendations:import_preview",
        lambda w: reverse("recommendations:import_preview", args=["team-a", "no-such-upload"]),
        ok_status=404,  # an upload that is not in the user's session
        sees=("report_admin_a",),
    ),
]
