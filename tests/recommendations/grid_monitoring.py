"""Permission grid rows of implementation monitoring and the OHCHR matrix export."""

import datetime

from django.urls import reverse

from recommendations.models import ImplementationAssessment, ImplementationLevel
from tests.grid import Row


def _assessment_url(w):
    """An assessment by the registered CSO (w.cso) of A's recommendation."""
    if not hasattr(w, "assessment"):
        w.assessment = ImplementationAssessment.objects.create(
            recommendation=w.recommendation,
            organisation=w.cso,
            assessed_on=datetime.date(2024, 5, 1),
            level=ImplementationLevel.PARTIALLY_IMPLEMENTED,
            evidence="Evidence of the registered CSO",
        )
    return reverse("recommendations:assessment_update", args=[w.review.pk, w.assessment.pk])


ROWS = [
    Row(
        "recommendations:monitoring",
        lambda w: reverse("recommendations:monitoring", args=[w.review.pk]),
        lambda w: "Recommendation made to A",
        ok=("organiser_a", "report_admin_a", "cso_registered", "superuser"),
    ),
    Row(
        "recommendations:assessment_create",
        lambda w: reverse(
            "recommendations:assessment_create", args=[w.review.pk, w.recommendation.pk]
        ),
        lambda w: "Registered CSO of A",
        ok=("cso_registered",),
        sees=("organiser_a", "report_admin_a"),
        # A superuser passes every permission but has no organisation to assess for.
        statuses={"superuser": 403},
    ),
    Row(
        "recommendations:assessment_update",
        _assessment_url,
        lambda w: "Evidence of the registered CSO",
        ok=("cso_registered",),
        sees=("organiser_a", "report_admin_a"),
        statuses={"superuser": 403},
    ),
    Row(
        "recommendations:matrix_export",
        lambda w: reverse("recommendations:matrix_export", args=[w.review.pk, "xlsx"]),
        ok=("organiser_a", "report_admin_a", "superuser"),
        sees=("cso_registered",),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
]
