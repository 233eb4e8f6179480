from django.urls import path

from . import privacy_views

app_name = "privacy"

urlpatterns = [
    path("people/<int:pk>/", privacy_views.PersonPrivacyView.as_view(), name="person"),
    path(
        "people/<int:pk>/anonymise/",
        privacy_views.PersonAnonymiseView.as_view(),
        name="anonymise",
    ),
    path("people/<int:pk>/export.json", privacy_views.PersonExportView.as_view(), name="export"),
]
