from django.urls import path

from . import history, views

app_name = "security"

urlpatterns = [
    path("account/security/", views.AccountSecurityView.as_view(), name="account"),
    path("account/two-factor/setup/", views.TwoFactorSetupView.as_view(), name="two_factor_setup"),
    path(
        "account/two-factor/verify/", views.TwoFactorVerifyView.as_view(), name="two_factor_verify"
    ),
    path(
        "account/two-factor/recovery-codes/",
        views.RecoveryCodesView.as_view(),
        name="recovery_codes",
    ),
    path("history/<str:model>/<int:pk>/", history.ObjectHistoryView.as_view(), name="history"),
    path(
        "history/<str:model>/<int:pk>/restore/<int:history_id>/",
        history.restore_version,
        name="history_restore",
    ),
    path("history/deleted/", history.DeletedObjectsView.as_view(), name="deleted"),
    path(
        "history/<str:model>/<int:pk>/undelete/",
        history.undelete,
        name="undelete",
    ),
]
