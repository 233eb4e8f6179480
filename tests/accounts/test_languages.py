import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.catalogues import translated

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def html_lang(response):
    return re.search(r'<html lang="([^"]*)"', response.content.decode()).group(1)


def switch(client, language, next_url="/accounts/login/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def log_in(browser, user):
    """The login page's form (CSO staff need no second factor)."""
    return browser.post(
        reverse("login"), {"username": user.username, "password": "correct horse battery"}
    )


def test_language_default_is_the_browsers_accept_language():
    client = Client(headers={"accept-language": "fr-CH, fr;q=0.9, en;q=0.8"})

    response = client.get(reverse("login"))

    assert (html_lang(response), response["Content-Language"]) == ("fr", "fr")


def test_language_default_without_accept_language_is_english():
    response = Client().get(reverse("login"))

    assert html_lang(response) == "en"


def test_login_page_has_the_menu_each_language_in_its_own_language():
    response = Client().get(reverse("login") + "?next=/participants/")

    page = response.content.decode()
    assert f'action="{reverse("set_language")}"' in page
    assert 'name="next" value="/accounts/login/?next=/participants/"' in page
    assert re.findall(r'<button type="submit" name="language" value="(\w+)" lang="\w+"', page) == [
        "en",
        "fr",
        "km",
    ]
    assert ">English</button>" in page
    assert ">Français</button>" in page
    assert ">ខ្មែរ</button>" in page
    assert 'value="en" lang="en" class="btn btn-light" aria-current="true"' in page


def test_visitor_switch_sets_the_cookie_over_accept_language():
    client = Client(headers={"accept-language": "fr"})

    response = switch(client, "km")
    page = client.get(reverse("login"))

    assert (response.status_code, response.url) == (302, "/accounts/login/")
    assert response.cookies[COOKIE].value == "km"
    assert response.cookies[COOKIE]["max-age"] == settings.LANGUAGE_COOKIE_AGE
    assert html_lang(page) == "km"


def test_switch_refuses_an_unknown_language_and_a_foreign_next():
    client = Client()

    unknown = switch(client, "de")
    foreign = switch(client, "fr", next_url="https://evil.example.org/")

    assert COOKIE not in unknown.cookies
    assert foreign.url == "/"
    assert html_lang(client.get(reverse("login"))) == "fr"


def test_switch_answers_405_to_get():
    response = Client().get(reverse("set_language") + "?language=fr")

    assert response.status_code == 405


def test_signed_in_switch_is_stored_on_the_account(client, cso_user):
    client.force_login(cso_user)

    response = switch(client, "km", next_url=reverse("reports:dashboard"))

    cso_user.refresh_from_db()
    assert (response.status_code, cso_user.language) == (302, "km")
    assert html_lang(client.get(reverse("reports:dashboard"))) == "km"


def test_account_language_applies_on_another_browser_over_its_accept_language(cso_user):
    cso_user.language = "fr"
    cso_user.save()
    browser = Client(headers={"accept-language": "km"})
    log_in(browser, cso_user)

    response = browser.get(reverse("reports:dashboard"))

    assert (response.status_code, html_lang(response)) == (200, "fr")
    # The cookie follows the account, so the login page after logging out stays in French.
    assert response.wsgi_request.COOKIES.get(COOKIE) == "fr"
    browser.post(reverse("logout"))
    assert html_lang(browser.get(reverse("login"))) == "fr"


def test_account_without_a_language_follows_the_browser(cso_user):
    browser = Client(headers={"accept-language": "fr"})
    log_in(browser, cso_user)

    response = browser.get(reverse("reports:dashboard"))

    cso_user.refresh_from_db()
    assert (html_lang(response), cso_user.language) == ("fr", "")


def test_choice_made_on_the_login_page_moves_onto_the_account(cso_user):
    cso_user.language = "fr"
    cso_user.save()
    browser = Client()
    switch(browser, "km")

    login = log_in(browser, cso_user)

    cso_user.refresh_from_db()
    assert (login.status_code, cso_user.language) == (302, "km")
    assert html_lang(browser.get(reverse("reports:dashboard"))) == "km"


def test_choice_of_the_previous_person_is_not_adopted_after_logout(cso_user):
    previous = factories.UserFactory(organisation=cso_user.organisation, language="km")
    browser = Client()
    browser.force_login(previous)
    browser.post(reverse("logout"))

    log_in(browser, cso_user)

    cso_user.refresh_from_db()
    assert cso_user.language == ""


def test_account_without_access_may_switch(client):
    lonely = factories.UserFactory()
    client.force_login(lonely)

    response = switch(client, "fr", next_url=reverse("accounts:no_access"))

    lonely.refresh_from_db()
    assert (response.url, lonely.language) == (reverse("accounts:no_access"), "fr")


def test_signed_in_page_has_the_menu_with_the_current_language_marked(client, cso_user):
    cso_user.language = "fr"
    cso_user.save()
    client.force_login(cso_user)

    page = client.get(reverse("reports:dashboard")).content.decode()

    assert 'value="fr" lang="fr" class="btn btn-light" aria-current="true"' in page
    assert 'value="en" lang="en" class="btn btn-outline-light">' in page


def test_password_reset_e_mail_is_in_the_accounts_language(settings, tmp_path):
    subject = "Choose a new password for UPR Pre-sessions"
    translated(settings, tmp_path, "km", {subject: "ជ្រើសរើសពាក្យសម្ងាត់ថ្មី"})
    factories.UserFactory(email="dara@example.org", language="km")
    factories.UserFactory(email="sokha@example.org")
    browser = Client(headers={"accept-language": "en"})

    browser.post(reverse("password_reset"), {"email": "dara@example.org"})
    browser.post(reverse("password_reset"), {"email": "sokha@example.org"})

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["dara@example.org"], "ជ្រើសរើសពាក្យសម្ងាត់ថ្មី"),
        (["sokha@example.org"], subject),
    ]


def test_every_page_template_takes_html_lang_from_the_active_language():
    # Pages, public pages, PDFs and e-mails: the language is the one active when rendering
    # (`get_current_language`), or the public site's own `language` (from `?lang=`).
    templates = Path(settings.BASE_DIR) / "templates"
    found = {}
    for path in sorted(templates.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if "<html" in text:
            sets_it = "{% get_current_language as LANGUAGE_CODE %}" in text
            found[str(path.relative_to(templates))] = (
                re.search(r"<html[^>]*>", text).group(0),
                sets_it,
            )

    wrong = {
        name: tag
        for name, (tag, sets_it) in found.items()
        if not (
            (tag == '<html lang="{{ LANGUAGE_CODE }}">' and sets_it)
            or (name.startswith("public/") and tag == '<html lang="{{ language }}">')
        )
    }
    assert len(found) >= 11
    assert wrong == {}


@pytest.mark.parametrize("language", ["fr", "km"])
def test_server_error_page_has_the_active_language(language):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language):
        html = render_to_string("500.html")

    assert f'<html lang="{language}">' in html
