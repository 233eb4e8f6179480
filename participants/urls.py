from django.urls import path

from . import transfer_views, views  # noqa: F401

app_name = "participants"

urlpatterns = []

# Import and export of spreadsheets (issue 4).
urlpatterns += [
    path("transfer/", transfer_views.TransferHubView.as_view(), name="transfer"),
    path("import/<slug:kind>/", transfer_views.ImportUploadView.as_view(), name="import_upload"),
    path(
        "import/<slug:kind>/<str:token>/",
        transfer_views.ImportPreviewView.as_view(),
        name="import_preview",
    ),
    path(
        "export/<slug:kind>.<str:format>",
        transfer_views.ExportView.as_view(),
        name="export",
    ),
    path(
        "events/<slug:slug>/import/<slug:kind>/",
        transfer_views.ImportUploadView.as_view(),
        name="import_upload",
    ),
    path(
        "events/<slug:slug>/import/<slug:kind>/<str:token>/",
        transfer_views.ImportPreviewView.as_view(),
        name="import_preview",
    ),
    path(
        "events/<slug:slug>/export/<slug:kind>.<str:format>",
        transfer_views.ExportView.as_view(),
        name="export",
    ),
]
