from django.urls import path

from .views import imports

app_name = "recommendations"

# Team-level pages live under `teams/<slug:team>/reviews/...` (TeamMixin); pages of one
# review under `reviews/<int:review>/...` (ReviewMixin, recommendations/scoping.py).
urlpatterns = []

# Reviews: list, create, edit, link to events, the review page (views/reviews.py)

# Imports: upload -> preview -> confirm (views/imports.py)
urlpatterns += [
    path(
        "teams/<slug:team>/reviews/import/",
        imports.ImportUploadView.as_view(),
        name="import_upload",
    ),
    path(
        "teams/<slug:team>/reviews/import/<str:token>/",
        imports.ImportPreviewView.as_view(),
        name="import_preview",
    ),
]

# Uptake: matching CSO suggestions to recommendations made (views/uptake.py)

# Advocacy targeting (views/targeting.py)

# Implementation monitoring and the OHCHR matrix (views/monitoring.py)
