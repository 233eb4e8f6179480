from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse


@pytest.mark.django_db
def test_security_headers_on_a_page(client, organiser_user):
    client.force_login(organiser_user)

    response = client.get(reverse("reports:dashboard"))

    csp = {
        directive.split()[0]: directive.split()[1:]
        for directive in response["Content-Security-Policy"].split("; ")
    }
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_hsts_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True

    https = client.get(reverse("login"), secure=True)
    http = client.get(reverse("login"))

    assert https["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in http


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style(client, organiser_user):
    client.force_login(organiser_user)

    page = client.get(reverse("reports:dashboard")).content.decode()
    login = client.get(reverse("security:account")).content.decode()

    for html in (page, login):
        assert "<script>" not in html
        assert "<style" not in html
        assert ' style="' not in html


def test_deploy_check_warns_when_two_factor_is_off(settings):
    from security.checks import two_factor_required

    settings.UPR_REQUIRE_2FA = False

    assert [w.id for w in two_factor_required(None)] == ["security.W001"]


@pytest.mark.django_db
def test_pages_link_a_favicon_and_keep_htmx_from_adding_inline_styles(client, organiser_user):
    client.force_login(organiser_user)

    page = client.get(reverse("reports:dashboard")).content.decode()

    # Without this, htmx adds its indicator styles as an inline <style>, which the CSP
    # blocks (a violation in the console of every page with a live search).
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in page
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    assert finders.find("favicon.svg") is not None
    assert ".htmx-indicator" in Path(finders.find("css/app.css")).read_text()
