from django.urls import path

app_name = "recommendations"

# Team-level pages live under `teams/<slug:team>/reviews/...` (TeamMixin); pages of one
# review under `reviews/<int:review>/...` (ReviewMixin, recommendations/scoping.py).
urlpatterns = []

# Reviews: list, create, edit, link to events, the review page (views/reviews.py)
from .views import reviews  # noqa: E402 - beside its section

urlpatterns += [
    path("teams/<slug:team>/reviews/", reviews.ReviewListView.as_view(), name="review_list"),
    path(
        "teams/<slug:team>/reviews/new/",
        reviews.ReviewCreateView.as_view(),
        name="review_create",
    ),
    path("reviews/<int:review>/", reviews.ReviewDetailView.as_view(), name="review_detail"),
    path("reviews/<int:review>/edit/", reviews.ReviewUpdateView.as_view(), name="review_update"),
]

# Imports: upload -> preview -> confirm (views/imports.py)

# Uptake: matching CSO suggestions to recommendations made (views/uptake.py)

# Advocacy targeting (views/targeting.py)

# Implementation monitoring and the OHCHR matrix (views/monitoring.py)
