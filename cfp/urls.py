from django.urls import path

from . import views

app_name = "cfp"

urlpatterns = [
    path("calls/", views.open_calls, name="open_calls"),
    path("events/<slug:slug>/call/", views.call_edit, name="call_edit"),
    path("events/<slug:slug>/call/apply/", views.apply, name="apply"),
    path("events/<slug:slug>/call/applications/", views.application_list, name="application_list"),
    path(
        "events/<slug:slug>/call/applications/<int:pk>/",
        views.application_detail,
        name="application_detail",
    ),
    path(
        "events/<slug:slug>/call/applications/<int:pk>/accept/",
        views.application_accept,
        name="application_accept",
    ),
    path(
        "events/<slug:slug>/call/applications/<int:pk>/decline/",
        views.application_decline,
        name="application_decline",
    ),
    path("events/<slug:slug>/call/selection/", views.selection, name="selection"),
]
