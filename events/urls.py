from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
]
