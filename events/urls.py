from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
]

# --- Organisers' pages (issue 3) ---------------------------------------------------------
urlpatterns += [
    path("event/new/", views.EventCreateView.as_view(), name="event_create"),
    path("events/<slug:slug>/edit/", views.EventUpdateView.as_view(), name="event_update"),
    path("events/<slug:slug>/programme/", views.ProgrammeView.as_view(), name="programme"),
    path(
        "events/<slug:slug>/programme/<int:day_pk>/edit/",
        views.ProgrammeDayEditView.as_view(),
        name="programme_day_edit",
    ),
]
