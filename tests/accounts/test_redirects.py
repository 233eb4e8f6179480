import pytest

from accounts.redirects import safe_next_url


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http://testserver/events/",
        " //evil.example",
    ],
    ids=[
        "scheme-relative",
        "other-host",
        "backslash",
        "two-backslashes",
        "javascript",
        "http-on-https",
        "leading-space",
    ],
)
def test_safe_next_url_refuses_other_sites(rf, target):
    request = rf.get("/", {"next": target}, secure=True)

    assert safe_next_url(request, "/fallback/") == "/fallback/"


def test_safe_next_url_keeps_a_path_of_this_site_posted_first(rf):
    request = rf.post("/?next=/from-get/", {"next": "/events/pre-session/"})

    assert safe_next_url(request, "/fallback/") == "/events/pre-session/"


def test_safe_next_url_without_next_is_the_default(rf):
    assert safe_next_url(rf.get("/"), "/fallback/") == "/fallback/"
