from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("<slug:slug>/", views.ReportPreviewView.as_view(), name="report_preview"),
    path("<slug:slug>/edit/", views.ReportEditView.as_view(), name="report_edit"),
    path("<slug:slug>/report.pdf", views.ReportPdfView.as_view(), name="report_pdf"),
    path("<slug:slug>/printouts/", views.PrintoutsView.as_view(), name="printouts"),
    path("<slug:slug>/programme.pdf", views.ProgrammePdfView.as_view(), name="programme_pdf"),
    path(
        "<slug:slug>/days/<int:day_pk>/sign-in.pdf",
        views.SignInSheetPdfView.as_view(),
        name="sign_in_pdf",
    ),
    path("<slug:slug>/badges.pdf", views.BadgesPdfView.as_view(), name="badges_pdf"),
]
