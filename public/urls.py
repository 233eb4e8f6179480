from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("public/<slug:team>/", views.TeamView.as_view(), name="team"),
    path("public/<slug:team>/<slug:event>/", views.EventView.as_view(), name="event"),
    path(
        "public/<slug:team>/<slug:event>/programme/",
        views.ProgrammeView.as_view(),
        name="programme",
    ),
    path(
        "public/<slug:team>/<slug:event>/programme.pdf",
        views.ProgrammePdfView.as_view(),
        name="programme_pdf",
    ),
    path(
        "public/<slug:team>/<slug:event>/programme.ics",
        views.ProgrammeIcsView.as_view(),
        name="programme_ics",
    ),
    # A person's own sessions: the signed address they are sent (participants.calendar_tokens).
    path(
        "public/<slug:team>/<slug:event>/my-sessions/<str:token>.ics",
        views.PersonCalendarView.as_view(),
        name="person_calendar",
    ),
    path(
        "public/<slug:team>/<slug:event>/factsheets/",
        views.FactsheetsView.as_view(),
        name="factsheets",
    ),
    path(
        "public/<slug:team>/<slug:event>/factsheets/<int:pk>/file/",
        views.FactsheetFileView.as_view(),
        name="factsheet_file",
    ),
    # Self-registration: the form, then the link of the confirmation e-mail.
    path(
        "public/<slug:team>/<slug:event>/register/",
        views.RegisterView.as_view(),
        name="register",
    ),
    path(
        "public/<slug:team>/<slug:event>/register/confirm/<str:token>/",
        views.RegisterConfirmView.as_view(),
        name="register_confirm",
    ),
]
