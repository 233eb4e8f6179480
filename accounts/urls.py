from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("account/no-access/", views.NoAccessView.as_view(), name="no_access"),
]
