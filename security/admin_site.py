from django_otp.admin import OTPAdminSite


class OTPRequiredAdminSite(OTPAdminSite):
    """The default admin site (URL namespace "admin"), for superusers only, reachable only
    after a second factor.

    The admin is not scoped to teams: it shows every team's data, so staff accounts that are
    not superusers are refused (organisers work in the app, where everything is scoped).
    django-otp's site asks for the one-time code on its own login form and treats an
    unverified user as if they had no admin access, so /admin/ is never a way around 2FA.
    """

    def __init__(self, name="admin"):
        super().__init__(name)

    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_superuser
