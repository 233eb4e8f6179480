import re

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_login_page_links_to_forgot_password(client):
    response = client.get(reverse("login"))

    assert reverse("password_reset") in response.content.decode()
    assert "Forgot your password?" in response.content.decode()


def test_reset_does_not_reveal_whether_an_address_exists(client):
    factories.UserFactory(email="dara@example.org")

    known = client.post(reverse("password_reset"), {"email": "dara@example.org"})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})

    assert (known.status_code, known.url) == (302, reverse("password_reset_done"))
    assert (unknown.status_code, unknown.url) == (302, reverse("password_reset_done"))
    assert [message.to for message in mail.outbox] == [["dara@example.org"]]


def test_reset_link_sets_a_new_password(client):
    user = factories.UserFactory(email="dara@example.org")
    client.post(reverse("password_reset"), {"email": "dara@example.org"})
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)

    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a long passphrase 42", "new_password2": "a long passphrase 42"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a long passphrase 42")


def test_reset_page_renders(client):
    response = client.get(reverse("password_reset"))

    assert response.status_code == 200
    assert "Send the link" in response.content.decode()
