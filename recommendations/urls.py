from django.urls import path

app_name = "recommendations"

# Team-level pages live under `teams/<slug:team>/reviews/...` (TeamMixin); pages of one
# review under `reviews/<int:review>/...` (ReviewMixin, recommendations/scoping.py).
urlpatterns = []

# Reviews: list, create, edit, link to events, the review page (views/reviews.py)

# Imports: upload -> preview -> confirm (views/imports.py)

# Uptake: matching CSO suggestions to recommendations made (views/uptake.py)

# Advocacy targeting (views/targeting.py)

# Implementation monitoring and the OHCHR matrix (views/monitoring.py)
from .views import monitoring  # noqa: E402

urlpatterns += [
    path(
        "reviews/<int:review>/monitoring/",
        monitoring.MonitoringView.as_view(),
        name="monitoring",
    ),
    path(
        "reviews/<int:review>/recommendations/<int:recommendation>/assess/",
        monitoring.AssessmentCreateView.as_view(),
        name="assessment_create",
    ),
    path(
        "reviews/<int:review>/assessments/<int:assessment>/edit/",
        monitoring.AssessmentUpdateView.as_view(),
        name="assessment_update",
    ),
    path("reviews/<int:review>/matrix.<str:fmt>", monitoring.matrix_export, name="matrix_export"),
]
