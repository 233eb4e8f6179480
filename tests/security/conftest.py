import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct horse battery"


def current_code(device):
    device.refresh_from_db()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:06d}"


@pytest.fixture
def totp_device():
    def make(user):
        return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

    return make
