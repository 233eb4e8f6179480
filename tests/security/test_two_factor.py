import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership
from security.two_factor import requires_two_factor
from tests.factories import EventFactory, UserFactory, cso_staff, organiser, report_admin
from tests.security.conftest import PASSWORD, current_code


def _password_login(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make_user",
    [organiser, report_admin, lambda: organiser(is_staff=True)],
    ids=["organiser", "report-admin", "staff"],
)
def test_required_role_without_device_reaches_only_setup(unverified_client, make_user):
    user = make_user()
    event = EventFactory()
    _password_login(unverified_client, user)

    dashboard = unverified_client.get(reverse("reports:dashboard"))
    event_page = unverified_client.get(event.get_absolute_url())
    admin = unverified_client.get(reverse("admin:index"))

    for response in (dashboard, event_page, admin):
        assert response.status_code == 302
        assert response.url.startswith(reverse("security:two_factor_setup"))
    setup = unverified_client.get(reverse("security:two_factor_setup"))
    assert setup.status_code == 200
    assert "data:image/svg+xml" in setup.content.decode()


@pytest.mark.django_db
def test_required_role_with_device_must_verify(unverified_client, totp_device):
    user = organiser()
    totp_device(user)
    _password_login(unverified_client, user)

    response = unverified_client.get(reverse("reports:dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("security:two_factor_verify"))


@pytest.mark.django_db
def test_cso_staff_may_skip_two_factor(unverified_client):
    user = cso_staff()
    _password_login(unverified_client, user)

    response = unverified_client.get(reverse("reports:dashboard"))

    assert response.status_code == 200


@pytest.mark.django_db
def test_setup_confirms_device_and_shows_recovery_codes(unverified_client):
    user = organiser()
    _password_login(unverified_client, user)
    unverified_client.get(reverse("security:two_factor_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = unverified_client.post(
        reverse("security:two_factor_setup"), {"token": current_code(device)}, follow=True
    )

    device.refresh_from_db()
    assert device.confirmed is True
    codes = StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    assert len(codes) == 10
    page = response.content.decode()
    assert all(code in page for code in codes)
    assert unverified_client.get(reverse("reports:dashboard")).status_code == 200


@pytest.mark.django_db
def test_setup_with_wrong_code_confirms_nothing(unverified_client):
    user = organiser()
    _password_login(unverified_client, user)
    unverified_client.get(reverse("security:two_factor_setup"))

    response = unverified_client.post(reverse("security:two_factor_setup"), {"token": "000000"})

    assert response.status_code == 400
    assert "This code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()


@pytest.mark.django_db
def test_verify_with_app_code_opens_the_app(unverified_client, totp_device):
    user = organiser()
    device = totp_device(user)
    _password_login(unverified_client, user)

    response = unverified_client.post(
        reverse("security:two_factor_verify") + "?next=/", {"token": current_code(device)}
    )

    assert response.status_code == 302
    assert response.url == "/"
    assert unverified_client.get(reverse("reports:dashboard")).status_code == 200


@pytest.mark.django_db
def test_verify_with_wrong_code_stays_locked(unverified_client, totp_device):
    user = organiser()
    totp_device(user)
    _password_login(unverified_client, user)

    response = unverified_client.post(reverse("security:two_factor_verify"), {"token": "000000"})

    assert response.status_code == 400
    assert unverified_client.get(reverse("reports:dashboard")).status_code == 302


@pytest.mark.django_db
def test_recovery_code_works_once(unverified_client, totp_device):
    from security.two_factor import regenerate_recovery_codes

    user = organiser()
    totp_device(user)
    code = regenerate_recovery_codes(user)[0]
    _password_login(unverified_client, user)

    first = unverified_client.post(reverse("security:two_factor_verify"), {"token": code})
    unverified_client.post(reverse("logout"))
    _password_login(unverified_client, user)
    second = unverified_client.post(reverse("security:two_factor_verify"), {"token": code})

    assert first.status_code == 302
    assert second.status_code == 400
    assert StaticToken.objects.filter(device__user=user).count() == 9


@pytest.mark.django_db
def test_admin_login_needs_the_second_factor(unverified_client, totp_device):
    user = organiser(is_staff=True, is_superuser=True)
    device = totp_device(user)
    form = {"username": user.username, "password": PASSWORD, "otp_device": device.persistent_id}

    without_code = unverified_client.post(reverse("admin:login"), form)
    with_code = unverified_client.post(
        reverse("admin:login"), {**form, "otp_token": current_code(device)}
    )

    assert without_code.status_code == 200
    assert "_auth_user_id" not in without_code.wsgi_request.session
    assert with_code.status_code == 302
    assert unverified_client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_admin_refuses_a_password_only_session(unverified_client, settings):
    # Even with the app-wide requirement off, the admin site itself demands a verified device.
    settings.UPR_REQUIRE_2FA = False
    user = organiser(is_staff=True, is_superuser=True)
    unverified_client.force_login(user)

    response = unverified_client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_client_fixture_logs_in_verified(client, organiser_user):
    client.force_login(organiser_user)

    response = client.get(reverse("reports:dashboard"))

    assert response.status_code == 200


@pytest.mark.django_db
def test_new_recovery_codes_replace_the_old_ones(client):
    from security.two_factor import regenerate_recovery_codes

    user = organiser()
    old = regenerate_recovery_codes(user)
    client.force_login(user)

    response = client.post(reverse("security:recovery_codes"), follow=True)

    new = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(new) == 10
    assert not new & set(old)
    assert all(code in response.content.decode() for code in new)


@pytest.mark.django_db
def test_wrong_admin_code_is_logged(unverified_client, totp_device, caplog):
    import logging

    user = organiser(is_staff=True, is_superuser=True)
    device = totp_device(user)
    caplog.set_level(logging.INFO, logger="upr.security")

    unverified_client.post(
        reverse("admin:login"),
        {
            "username": user.username,
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": "000000",
        },
    )

    assert any(
        "event=two_factor_failed" in r.getMessage() and f"account_id={user.pk}" in r.getMessage()
        for r in caplog.records
    )


@pytest.mark.django_db
@pytest.mark.parametrize("with_device", [True, False], ids=["verify", "setup"])
def test_second_step_pages_hide_the_app_menu_but_keep_log_out(
    unverified_client, totp_device, with_device
):
    user = organiser()
    if with_device:
        totp_device(user)
    _password_login(unverified_client, user)
    page = "security:two_factor_verify" if with_device else "security:two_factor_setup"

    html = unverified_client.get(reverse(page)).content.decode()

    assert reverse("factsheets:factsheet_list") not in html
    assert reverse("participants:transfer") not in html
    assert 'class="navbar-nav' not in html
    assert f'action="{reverse("logout")}"' in html


@pytest.mark.django_db
def test_app_menu_shows_once_the_second_step_is_done(client):
    client.force_login(organiser())

    html = client.get(reverse("reports:dashboard")).content.decode()

    assert reverse("factsheets:factsheet_list") in html
    assert reverse("accounts:team_detail", args=["test-team"]) in html


@pytest.mark.django_db
def test_cso_staff_with_a_paired_device_must_verify_at_every_login(unverified_client, totp_device):
    user = cso_staff()
    totp_device(user)
    _password_login(unverified_client, user)

    response = unverified_client.get(reverse("security:account"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("security:two_factor_verify"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_user", "required"),
    [
        (organiser, True),
        (report_admin, True),
        (cso_staff, False),
        (lambda: UserFactory(is_staff=True), True),
        (lambda: UserFactory(is_superuser=True), True),
        (lambda: UserFactory(), False),
    ],
    ids=["organiser", "report-admin", "cso-staff", "staff", "superuser", "no-role"],
)
def test_requires_two_factor_by_memberships(make_user, required):
    assert requires_two_factor(make_user()) is required


@pytest.mark.django_db
def test_a_deactivated_membership_no_longer_requires_two_factor():
    user = organiser()
    Membership.objects.filter(user=user).update(is_active=False)

    assert requires_two_factor(user) is False


@pytest.mark.django_db
def test_admin_refuses_staff_who_are_not_superusers(client):
    client.force_login(organiser(is_staff=True))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_admin_opens_for_a_verified_superuser(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "Site administration" in response.content.decode()


@pytest.mark.django_db
def test_superuser_creates_teams_and_memberships_in_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:accounts_team_add"))

    assert response.status_code == 200
    assert "memberships" in response.content.decode()
