from django.urls import path

from . import request_views, transfer_views, views

app_name = "participants"

urlpatterns = [
    path(
        "events/<slug:slug>/",
        views.RegistrationListView.as_view(),
        name="registration_list",
    ),
    path(
        "events/<slug:slug>/people/new/",
        views.PersonCreateView.as_view(),
        name="person_create",
    ),
    path(
        "events/<slug:slug>/register/",
        views.RegistrationCreateView.as_view(),
        name="registration_create",
    ),
    path(
        "events/<slug:slug>/registrations/<int:pk>/public/",
        views.RegistrationConsentView.as_view(),
        name="registration_consent",
    ),
    path("events/<slug:slug>/desk/", views.DeskDayListView.as_view(), name="desk_days"),
    path("events/<slug:slug>/desk/<int:day_pk>/", views.desk, name="desk"),
    path(
        "events/<slug:slug>/desk/<int:day_pk>/check-in/",
        views.check_in,
        name="check_in",
    ),
    path(
        "events/<slug:slug>/desk/<int:day_pk>/undo/",
        views.undo_check_in,
        name="undo_check_in",
    ),
    path("events/<slug:slug>/desk/<int:day_pk>/walk-in/", views.walk_in, name="walk_in"),
    path("events/<slug:slug>/desk/<int:day_pk>/bulk/", views.bulk_check_in, name="bulk_check_in"),
    path(
        "events/<slug:slug>/days/<int:day_pk>/attendance/",
        views.attendance_list,
        name="attendance_list",
    ),
    path(
        "events/<slug:slug>/people/search/",
        views.person_search,
        name="person_search",
    ),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person_update"),
    path(
        "organisations/<int:pk>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path(
        "organisations/<int:pk>/edit/",
        views.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
]

# A team's directory: its organisations, its diplomats at the (shared) missions.
urlpatterns += [
    path(
        "teams/<slug:team>/organisations/new/",
        views.OrganisationCreateView.as_view(),
        name="organisation_create",
    ),
    path("teams/<slug:team>/missions/", views.MissionListView.as_view(), name="mission_list"),
    path(
        "teams/<slug:team>/missions/new/",
        views.MissionCreateView.as_view(),
        name="mission_create",
    ),
    path(
        "teams/<slug:team>/missions/<int:pk>/edit/",
        views.MissionUpdateView.as_view(),
        name="mission_update",
    ),
    path(
        "teams/<slug:team>/missions/<int:pk>/",
        views.MissionDetailView.as_view(),
        name="mission_detail",
    ),
    path(
        "teams/<slug:team>/missions/<int:pk>/diplomats/new/",
        views.DiplomatCreateView.as_view(),
        name="diplomat_create",
    ),
]

# Import and export of spreadsheets: a team's directory, an event's data.
urlpatterns += [
    path("teams/<slug:team>/transfer/", transfer_views.TransferHubView.as_view(), name="transfer"),
    path(
        "teams/<slug:team>/transfer/import/<slug:kind>/",
        transfer_views.ImportUploadView.as_view(),
        name="import_upload",
    ),
    path(
        "teams/<slug:team>/transfer/import/<slug:kind>/<str:token>/",
        transfer_views.ImportPreviewView.as_view(),
        name="import_preview",
    ),
    path(
        "teams/<slug:team>/transfer/template/<slug:kind>.<str:format>",
        transfer_views.ImportTemplateView.as_view(),
        name="import_template",
    ),
    path(
        "teams/<slug:team>/transfer/export/<slug:kind>.<str:format>",
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
        "events/<slug:slug>/import-template/<slug:kind>.<str:format>",
        transfer_views.ImportTemplateView.as_view(),
        name="import_template",
    ),
    path(
        "events/<slug:slug>/export/<slug:kind>.<str:format>",
        transfer_views.ExportView.as_view(),
        name="export",
    ),
]

# The addresses these pages had before teams (links in other pages, bookmarks): the same
# page of the user's first team.
urlpatterns += [
    path(
        "transfer/",
        views.in_first_team,
        {"url_name": "participants:transfer"},
        name="transfer",
    ),
    path(
        "missions/",
        views.in_first_team,
        {"url_name": "participants:mission_list"},
        name="mission_list",
    ),
    path(
        "missions/<int:pk>/",
        views.in_first_team,
        {"url_name": "participants:mission_detail"},
        name="mission_detail",
    ),
]

# Self-registration requests from the public site: the organisers' decisions.
urlpatterns += [
    path(
        "events/<slug:slug>/registration-requests/",
        request_views.RegistrationRequestListView.as_view(),
        name="registration_request_list",
    ),
    path(
        "events/<slug:slug>/registration-requests/<int:pk>/",
        request_views.RegistrationRequestReviewView.as_view(),
        name="registration_request_review",
    ),
    path(
        "events/<slug:slug>/registration-requests/<int:pk>/decline/",
        request_views.decline_registration_request,
        name="registration_request_decline",
    ),
]
