from django_otp.admin import OTPAdminSite


class OTPRequiredAdminSite(OTPAdminSite):
    """The default admin site (URL namespace "admin"), reachable only after a second factor.

    django-otp's site asks for the one-time code on its own login form and treats an
    unverified user as if they had no admin access, so /admin/ is never a way around 2FA.
    """

    def __init__(self, name="admin"):
        super().__init__(name)
