import pytest
from django.template.loader import render_to_string
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import factories

# Pages anyone may open: the login page, forgotten passwords, invitation links, the
# admin (which has its own login), the public site of published events (tests/public) and
# the language menu (tests/accounts/test_languages.py).
PUBLIC_PREFIXES = (
    "i18n/setlang/",
    "accounts/login/",
    "accounts/logout/",
    "accounts/password/reset/",
    "invitations/",
    "admin/",
    "public/",
)
SAMPLE_VALUES = {
    "slug": "some-slug",
    "int": "1",
    "str": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "path": "x",
}


def _all_paths(patterns=None, prefix=""):
    """Every URL of the project, with sample values for its parameters."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _all_paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            for name, converter in pattern.pattern.converters.items():
                kind = type(converter).__name__.removesuffix("Converter").lower()
                route = route.replace(f"<{kind}:{name}>", SAMPLE_VALUES.get(kind, "1"))
            route = route.replace("^", "").replace("$", "")
            if not route.startswith(PUBLIC_PREFIXES) and "<" not in route and "(" not in route:
                yield "/" + route


@pytest.mark.parametrize("path", sorted(set(_all_paths())))
def test_every_page_requires_login(client, db, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_server_error_page_renders_without_a_request():
    content = render_to_string("500.html")

    assert "Something went wrong on our side" in content


def test_forbidden_page_renders(rf, organiser_user):
    request = rf.get("/")
    request.user = organiser_user

    content = render_to_string("403.html", request=request)

    assert "You do not have access to this page" in content


@pytest.mark.django_db
def test_cso_staff_see_no_lone_overview_tab_and_a_way_back_from_the_programme(client):
    event = factories.EventFactory(title="Linked event")
    organisation = factories.OrganisationFactory()
    event.invited_organisations.add(organisation)
    client.force_login(factories.cso_staff(organisation))

    overview = client.get(event.get_absolute_url()).content.decode()
    programme = client.get(reverse("events:programme", args=[event.slug])).content.decode()

    assert 'aria-label="Event pages"' not in overview
    assert 'aria-label="Event pages"' not in programme
    assert f'<a href="{event.get_absolute_url()}">Linked event</a>' in programme
