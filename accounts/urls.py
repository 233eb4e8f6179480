from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("account/no-access/", views.NoAccessView.as_view(), name="no_access"),
    path("invitations/<str:token>/", views.InvitationView.as_view(), name="invitation"),
    path("teams/<slug:team>/", views.TeamDetailView.as_view(), name="team_detail"),
    path(
        "teams/<slug:team>/members/invite/",
        views.InviteMemberView.as_view(),
        name="member_invite",
    ),
    path(
        "teams/<slug:team>/members/invite-cso-staff/",
        views.InviteCSOStaffView.as_view(),
        name="cso_staff_invite",
    ),
    path(
        "teams/<slug:team>/members/<int:pk>/role/",
        views.MemberRoleView.as_view(),
        name="member_role",
    ),
    path(
        "teams/<slug:team>/members/<int:pk>/deactivate/",
        views.MemberDeactivateView.as_view(),
        name="member_deactivate",
    ),
    path(
        "teams/<slug:team>/members/<int:pk>/reactivate/",
        views.MemberReactivateView.as_view(),
        name="member_reactivate",
    ),
    path(
        "teams/<slug:team>/members/invitations/<int:pk>/withdraw/",
        views.InvitationWithdrawView.as_view(),
        name="invitation_withdraw",
    ),
]
