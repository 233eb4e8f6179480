"""The language menu in the browser: on a phone's login page before signing in, and in the
header once signed in. The pages' own words are not translated yet: the tests follow the
`lang` of the page and the choice kept on the account."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.helpers import PASSWORD, assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}


def page_is_no_wider_than_the_screen(page: Page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_cso_staff_choose_khmer_on_a_phones_login_page_and_keep_it(page: Page, tmp_path):
    user = factories.cso_staff()
    page.set_viewport_size(PHONE)
    page.goto("/accounts/login/")
    menu = page.locator(".language-menu")
    expect(menu.get_by_role("button", name="English")).to_have_attribute("aria-current", "true")
    assert page_is_no_wider_than_the_screen(page)
    page.screenshot(path=tmp_path / "login-phone.png")

    menu.get_by_role("button", name="ខ្មែរ").click()
    expect(page.locator("html")).to_have_attribute("lang", "km")
    assert_accessible(page)
    page.screenshot(path=tmp_path / "login-phone-km.png")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:not(.language-menu) button[type=submit]").click()

    expect(page.locator("html")).to_have_attribute("lang", "km")
    user.refresh_from_db()
    assert user.language == "km"
    assert page_is_no_wider_than_the_screen(page)
    assert_accessible(page)


def test_signed_in_user_switches_to_french_in_the_header(page: Page, tmp_path):
    user = factories.cso_staff()
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:not(.language-menu) button[type=submit]").click()
    logout = page.locator("form[action='/accounts/logout/'] button")
    expect(logout).to_be_visible()

    page.locator(".language-menu").get_by_role("button", name="Français").click()

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(".language-menu").get_by_role("button", name="Français")).to_have_attribute(
        "aria-current", "true"
    )
    page.screenshot(path=tmp_path / "header-desktop-fr.png")
    user.refresh_from_db()
    assert user.language == "fr"
    page.set_viewport_size(PHONE)
    page.locator(".navbar-toggler").click()
    expect(logout).to_be_visible()
    expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
    assert page_is_no_wider_than_the_screen(page)
    page.screenshot(path=tmp_path / "header-phone-fr.png")
