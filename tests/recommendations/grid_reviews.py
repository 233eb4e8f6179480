"""Permission grid rows of the reviews' own pages (tests/test_permission_grid.py)."""

from django.urls import reverse

from tests.grid import Row

READERS = ("organiser_a", "report_admin_a", "superuser")

ROWS = [
    Row(
        "recommendations:review_list",
        lambda w: reverse("recommendations:review_list", args=[w.team_a.slug]),
        lambda w: reverse("recommendations:review_detail", args=[w.review.pk]),
        ok=READERS,
    ),
    Row(
        "recommendations:review_create",
        lambda w: reverse("recommendations:review_create", args=[w.team_a.slug]),
        lambda w: "New review",
        sees=("report_admin_a",),
    ),
    Row(
        "recommendations:review_update",
        lambda w: reverse("recommendations:review_update", args=[w.review.pk]),
        lambda w: "Edit Cambodia, cycle 3",
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "recommendations:review_update",
        lambda w: reverse("recommendations:review_update", args=[w.review.pk]),
        method="post",
        data=lambda w: {"state_under_review": "KH", "cycle": 3, "events": []},
        ok_status=302,
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "recommendations:review_detail",
        lambda w: reverse("recommendations:review_detail", args=[w.review.pk]),
        lambda w: "Recommendation made to A",
        ok=(*READERS, "cso_registered"),
    ),
]
