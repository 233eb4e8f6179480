from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("teams/<slug:team>/emails/", views.EmailLogView.as_view(), name="log"),
]
