"""Permission grid rows of the action category pages (tests/test_permission_grid.py)."""

from django.urls import reverse

from tests.grid import Row

ROWS = [
    Row(
        "recommendations:categories",
        lambda w: reverse("recommendations:categories", args=[w.review.pk]),
        lambda w: "Recommendation made to A",
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "recommendations:categories_accept",
        lambda w: reverse(
            "recommendations:categories_accept", args=[w.review.pk, w.recommendation.pk]
        ),
        method="post",
        data=lambda w: {"category": 5},
        ok_status=302,
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "recommendations:categories_accept_all",
        lambda w: reverse("recommendations:categories_accept_all", args=[w.review.pk]),
        method="post",
        ok_status=302,
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "recommendations:draft_categories",
        lambda w: reverse("recommendations:draft_categories", args=[w.factsheet.pk]),
        lambda w: "Suggested by the CSO of A",
        ok=("organiser_a", "report_admin_a", "cso_registered", "superuser"),
    ),
]
