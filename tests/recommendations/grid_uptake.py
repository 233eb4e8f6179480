"""Permission grid rows of the uptake pages: organisers match; report administrators read
the overview and its figures; CSO staff of a linked event see the review but not this."""

from django.urls import reverse

from tests.grid import Row

ROWS = [
    Row(
        "recommendations:uptake",
        lambda w: reverse("recommendations:uptake", args=[w.review.pk]),
        shows=lambda w: w.factsheet.title,
        ok=("organiser_a", "report_admin_a", "superuser"),
        sees=("cso_registered",),
    ),
    Row(
        "recommendations:uptake_factsheet",
        lambda w: reverse("recommendations:uptake_factsheet", args=[w.review.pk, w.factsheet.pk]),
        shows=lambda w: w.suggested.text,
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "recommendations:uptake_decide",
        lambda w: reverse(
            "recommendations:uptake_decide", args=[w.review.pk, w.factsheet.pk, w.suggested.pk]
        ),
        method="post",
        data=lambda w: {"action": "full", "recommendation": w.recommendation.pk},
        sees=("report_admin_a", "cso_registered"),
    ),
]
