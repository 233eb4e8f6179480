from django.urls import path

from .views import categories, imports, monitoring, reviews, targeting, uptake

app_name = "recommendations"

# Team-level pages live under `teams/<slug:team>/reviews/...` (TeamMixin); pages of one
# review under `reviews/<int:review>/...` (ReviewMixin, recommendations/scoping.py).
urlpatterns = []

# Reviews: list, create, edit, link to events, the review page (views/reviews.py)
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
urlpatterns += [
    path("reviews/<int:review>/uptake/", uptake.UptakeView.as_view(), name="uptake"),
    path(
        "reviews/<int:review>/uptake/<int:factsheet>/",
        uptake.UptakeFactsheetView.as_view(),
        name="uptake_factsheet",
    ),
    path(
        "reviews/<int:review>/uptake/<int:factsheet>/<int:suggested>/",
        uptake.uptake_decide,
        name="uptake_decide",
    ),
]

# Advocacy targeting (views/targeting.py); its PDF brief is reports:targeting_brief
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

# Action categories: suggestions with their reason, accepted by organisers; the categories
# of a factsheet's suggested recommendations (views/categories.py)
urlpatterns += [
    path(
        "reviews/<int:review>/categories/",
        categories.CategoryListView.as_view(),
        name="categories",
    ),
    path(
        "reviews/<int:review>/categories/accept-all/",
        categories.accept_all_categories,
        name="categories_accept_all",
    ),
    path(
        "reviews/<int:review>/categories/<int:recommendation>/accept/",
        categories.accept_category,
        name="categories_accept",
    ),
    path(
        "factsheets/<int:factsheet>/draft-categories/",
        categories.DraftCategoryView.as_view(),
        name="draft_categories",
    ),
]
