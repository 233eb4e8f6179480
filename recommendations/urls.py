from django.urls import path

app_name = "recommendations"

# Team-level pages live under `teams/<slug:team>/reviews/...` (TeamMixin); pages of one
# review under `reviews/<int:review>/...` (ReviewMixin, recommendations/scoping.py).
urlpatterns = []

# Reviews: list, create, edit, link to events, the review page (views/reviews.py)

# Imports: upload -> preview -> confirm (views/imports.py)

# Uptake: matching CSO suggestions to recommendations made (views/uptake.py)

# Advocacy targeting (views/targeting.py); its PDF brief is reports:targeting_brief
from .views import targeting  # noqa: E402

urlpatterns += [
    path(
        "teams/<slug:team>/reviews/targeting/",
        targeting.TargetingView.as_view(),
        name="targeting",
    ),
    path(
        "teams/<slug:team>/reviews/targeting/export/<str:fmt>/",
        targeting.TargetingExportView.as_view(),
        name="targeting_export",
    ),
]

# Implementation monitoring and the OHCHR matrix (views/monitoring.py)
