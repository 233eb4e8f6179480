from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import PasswordResetInUserLanguageForm
from accounts.views import set_language

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Forgot password: the same answer whether or not an account uses the address.
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetInUserLanguageForm),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # The language menu of every page (Django's view, plus the choice kept on the account).
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("participants/", include("participants.urls")),
    path("participants/privacy/", include("participants.privacy_urls")),
    path("factsheets/", include("factsheets.urls")),
    path("", include("recommendations.urls")),
    path("", include("accounts.urls")),
    path("", include("security.urls")),
    path("", include("events.urls")),
    # The dashboard (`/`) and the event overview (`/events/<slug>/`) with their figures,
    # and the report and printouts (`/reports/<slug>/...`).
    path("", include("reports.urls")),
    path("", include("cfp.urls")),
    path("", include("jobs.urls")),
    path("", include("notifications.urls")),
    # The public site of each team's published events (no account needed).
    path("", include("public.urls")),
]

# A database outage answers 503 with a plain page instead of a 500 (see security/errors.py).
handler500 = "security.errors.server_error"
