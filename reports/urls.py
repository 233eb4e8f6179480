from django.urls import path

from . import targeting_brief, views

app_name = "reports"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("events/<slug:slug>/", views.EventOverviewView.as_view(), name="event_overview"),
    path("reports/<slug:slug>/", views.ReportPreviewView.as_view(), name="report_preview"),
    path("reports/<slug:slug>/edit/", views.ReportEditView.as_view(), name="report_edit"),
    path("reports/<slug:slug>/report.pdf", views.ReportPdfView.as_view(), name="report_pdf"),
    path("reports/<slug:slug>/printouts/", views.PrintoutsView.as_view(), name="printouts"),
    path(
        "reports/<slug:slug>/programme.pdf",
        views.ProgrammePdfView.as_view(),
        name="programme_pdf",
    ),
    path(
        "reports/<slug:slug>/days/<int:day_pk>/sign-in.pdf",
        views.SignInSheetPdfView.as_view(),
        name="sign_in_pdf",
    ),
    path(
        "reports/<slug:slug>/sessions/<int:session_pk>/mission-sign-in.pdf",
        views.MissionSignInSheetPdfView.as_view(),
        name="mission_sign_in_pdf",
    ),
    path("reports/<slug:slug>/badges.pdf", views.BadgesPdfView.as_view(), name="badges_pdf"),
    # Advocacy targeting's one-page brief (the page and exports are recommendations:targeting)
    path(
        "teams/<slug:team>/reviews/targeting/brief.pdf",
        targeting_brief.TargetingBriefPdfView.as_view(),
        name="targeting_brief",
    ),
]
