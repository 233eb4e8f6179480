"""Two-factor authentication with TOTP (django-otp) and single-use recovery codes.

Who must use it: anyone with admin access, and the organisers and report administrators of
any team (they hold the names of human rights defenders and the unpublished report). CSO
staff may; once anyone has paired an authenticator, every login of theirs asks for it.
"""

import base64

import segno
from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import TeamRole
from accounts.rules import team_roles

ROLES_REQUIRING_2FA = (TeamRole.ORGANISER, TeamRole.REPORT_ADMINISTRATOR)
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery codes"


def requires_two_factor(user):
    """Whether `user` must pass a second factor before seeing anything: by their active
    memberships (an organiser or report administrator of any team), staff and superusers."""
    if not settings.UPR_REQUIRE_2FA or not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return any(role in ROLES_REQUIRING_2FA for role in team_roles(user).values())


# Whether the signed-in user has a paired authenticator, read once per session (after the
# login) so that pages of users without one cost no query for it.
SESSION_HAS_DEVICE = "upr_has_two_factor"


def asks_for_second_factor(request):
    """Whether this session must pass a second factor: the user's role requires it, or they
    paired an authenticator (then every login asks for it, whatever the role)."""
    user = request.user
    if requires_two_factor(user):
        return True
    if not settings.UPR_REQUIRE_2FA:
        return False
    known = request.session.get(SESSION_HAS_DEVICE)
    if known is None:
        known = has_two_factor(user)
        request.session[SESSION_HAS_DEVICE] = known
    return known


def forget_device_at_login(sender, request, user, **kwargs):
    """A new login reads afresh whether the user has paired an authenticator."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSION_HAS_DEVICE, None)


def confirmed_totp_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp_device(user):
    """The unconfirmed device shown on the set-up page; the same one until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_secret_for_display(device):
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_data_uri(device):
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def normalise_token(token):
    return "".join(token.split()).replace("-", "").lower()


@transaction.atomic
def confirm_totp_device(device, *, token, request):
    """Confirm `device` with a first code from the app. On success: the device is confirmed,
    any other TOTP device of the user is removed, fresh recovery codes are made, and the
    session is marked verified. Returns the recovery codes, or None if the code is wrong."""
    if not device.verify_token(normalise_token(token)):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = regenerate_recovery_codes(device.user)
    otp_login(request, device)
    return codes


@transaction.atomic
def regenerate_recovery_codes(user):
    """Replace the user's recovery codes with new single-use ones; returns them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.UPR_RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def verify_second_factor(user, *, token, request):
    """Check a code from the authenticator app or a recovery code (used up once accepted).
    On success marks the session verified and returns the device; otherwise None.
    django-otp throttles repeated failures on each device."""
    token = normalise_token(token)
    if not token:
        return None
    if token.isdigit():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        verified = verify_token(user, device.persistent_id, token)
        if verified is not None:
            otp_login(request, verified)
            return verified
    return None


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
