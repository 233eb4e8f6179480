from django.urls import path

from . import views

app_name = "factsheets"

urlpatterns = [
    path("", views.FactsheetListView.as_view(), name="factsheet_list"),
    path("new/", views.FactsheetCreateView.as_view(), name="factsheet_create"),
    path("<int:pk>/", views.FactsheetDetailView.as_view(), name="factsheet_detail"),
    path("<int:pk>/edit/", views.FactsheetUpdateView.as_view(), name="factsheet_update"),
    path("<int:pk>/submit/", views.factsheet_submit, name="factsheet_submit"),
    path("<int:pk>/review/", views.ReviewView.as_view(), name="factsheet_review"),
    path("<int:pk>/delete/", views.FactsheetDeleteView.as_view(), name="factsheet_delete"),
    path("<int:pk>/versions/new/", views.FileVersionCreateView.as_view(), name="file_create"),
    path(
        "<int:pk>/versions/<int:version>/download/",
        views.file_download,
        name="file_download",
    ),
    path("events/<slug:slug>/coverage/", views.CoverageView.as_view(), name="coverage"),
    path("events/<slug:slug>/distribute/", views.DistributeView.as_view(), name="distribute"),
    path(
        "events/<slug:slug>/missions/",
        views.MissionDistributionView.as_view(),
        name="missions",
    ),
    path(
        "distributions/<int:pk>/remove/",
        views.distribution_remove,
        name="distribution_remove",
    ),
]
