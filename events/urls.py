from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("teams/<slug:team>/events/new/", views.EventCreateView.as_view(), name="event_create"),
    path("teams/<slug:team>/themes/", views.ThemeListView.as_view(), name="theme_list"),
    path(
        "teams/<slug:team>/themes/<int:pk>/delete/",
        views.ThemeDeleteView.as_view(),
        name="theme_delete",
    ),
    path("events/<slug:slug>/edit/", views.EventUpdateView.as_view(), name="event_update"),
    path("events/<slug:slug>/programme/", views.ProgrammeView.as_view(), name="programme"),
    path(
        "events/<slug:slug>/programme/copy/",
        views.ProgrammeCopyView.as_view(),
        name="programme_copy",
    ),
    path(
        "events/<slug:slug>/programme/<int:day_pk>/edit/",
        views.ProgrammeDayEditView.as_view(),
        name="programme_day_edit",
    ),
    path(
        "events/<slug:slug>/programme/<int:day_pk>/delete/",
        views.ProgrammeDayDeleteView.as_view(),
        name="programme_day_delete",
    ),
]
