"""The QR code on a badge: a signed token that the registration desk's search reads."""

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.badge_tokens import badge_token, looks_like_badge_token, read_badge_token
from participants.models import Attendance
from reports import pdf
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "desk-rows"}
REFUSED = "This badge is not for this event."


def _desk(world):
    return reverse("participants:desk", args=[world.event.slug, world.day1.pk])


def _rows(client, world, query, **headers):
    response = client.get(_desk(world), {"q": query}, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_token_names_the_event_and_registration_and_nothing_personal(world):
    token = badge_token(world.registration)

    assert token.startswith(f"UPR-{world.event.pk}.{world.registration.pk}:")
    assert "Sokha" not in token and "Chan" not in token and "sokha@" not in token
    assert looks_like_badge_token(token)
    assert read_badge_token(f"  {token}\n", event=world.event).registration_id == (
        world.registration.pk
    )


def test_token_is_signed_for_badges_only(world):
    other_purpose = signing.Signer(salt="another-purpose").sign(
        f"UPR-{world.event.pk}.{world.registration.pk}"
    )

    scan = read_badge_token(other_purpose, event=world.event)

    assert scan is not None and not scan.is_valid


@pytest.mark.parametrize(
    "text", ["Sokha", "UPR-1.2", "UPR-1.2:short", "", "sokha@example.org"], ids=str
)
def test_ordinary_searches_are_not_tokens(world, text):
    assert read_badge_token(text, event=world.event) is None


def test_desk_shows_exactly_the_scanned_registration_ready_to_check_in(
    client, world, organiser_user
):
    client.force_login(organiser_user)

    content = _rows(client, world, badge_token(world.registration), **HTMX)

    assert "Sokha Chan" in content
    assert "Anna Lind" not in content
    assert content.count('id="registration-') == 1
    assert "data-badge-match" in content
    assert 'desk-action-button" autofocus>' in content


def test_desk_page_with_a_scanned_badge_moves_the_focus_to_check_in(client, world, organiser_user):
    client.force_login(organiser_user)

    content = _rows(client, world, badge_token(world.registration))

    assert content.count("autofocus") == 1
    assert 'desk-action-button" autofocus>' in content


def test_scanning_then_checking_in_records_attendance(client, world, organiser_user):
    client.force_login(organiser_user)
    token = badge_token(world.registration)

    response = client.post(
        reverse("participants:check_in", args=[world.event.slug, world.day1.pk]),
        {"registration": world.registration.pk, "q": token},
    )

    assert Attendance.objects.filter(registration=world.registration, day=world.day1).exists()
    assert "Sokha Chan" in client.get(response.url).content.decode()


def test_another_events_badge_is_refused_and_shows_nobody(client, world, organiser_user):
    client.force_login(organiser_user)

    content = _rows(client, world, badge_token(world.other_registration), **HTMX)

    assert REFUSED in content
    assert "Outsider" not in content
    assert "Sokha Chan" not in content and "Anna Lind" not in content
    assert 'id="registration-' not in content


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token, world: token.replace(
            f".{world.registration.pk}:", f".{world.diplomat_registration.pk}:"
        ),
        lambda token, world: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token, world: token.replace(f"UPR-{world.event.pk}.", "UPR-999.", 1),
    ],
    ids=["other-registration", "signature", "other-event-id"],
)
def test_tampered_badge_is_refused_and_shows_nobody(client, world, organiser_user, tamper):
    client.force_login(organiser_user)
    token = tamper(badge_token(world.registration), world)

    content = _rows(client, world, token, **HTMX)

    assert REFUSED in content
    assert "Sokha Chan" not in content and "Anna Lind" not in content


def test_badge_of_a_removed_registration_finds_nobody(client, world, organiser_user):
    client.force_login(organiser_user)
    token = badge_token(world.registration)
    world.registration.delete()

    content = _rows(client, world, token, **HTMX)

    assert "Nobody is registered with this badge any more." in content
    assert REFUSED not in content


def test_a_token_search_costs_no_more_queries_than_a_name_search(client, world, organiser_user):
    client.force_login(organiser_user)
    _rows(client, world, "chan", **HTMX)  # the session is in the cache

    with CaptureQueriesContext(connection) as by_name:
        _rows(client, world, "chan", **HTMX)
    with CaptureQueriesContext(connection) as by_token:
        _rows(client, world, badge_token(world.registration), **HTMX)
    with CaptureQueriesContext(connection) as refused:
        _rows(client, world, badge_token(world.other_registration), **HTMX)

    assert len(by_token) == len(by_name)
    assert len(refused) <= len(by_name)


def test_every_badge_carries_its_own_qr_code(world):
    registrations = [world.registration, world.diplomat_registration]

    codes = [pdf.badge_qr(registration) for registration in registrations]

    assert all(code.startswith("data:image/svg+xml") for code in codes)
    assert codes[0] != codes[1]


def test_badges_pdf_renders_with_the_qr_codes(world):
    rendered = pdf.badges_pdf(world.event)

    assert rendered.content.startswith(b"%PDF")


def test_badge_document_holds_the_qr_code_not_the_token_in_clear(world):
    from django.template.loader import render_to_string

    registration = world.registration
    registration.badge_qr = pdf.badge_qr(registration)

    html = render_to_string(
        "reports/badges_document.html", {"event": world.event, "pages": [[registration]]}
    )

    assert 'class="badge-qr" src="data:image/svg+xml' in html
    assert badge_token(registration) not in html


def test_a_different_event_of_the_same_team_refuses_the_badge(client, world, organiser_user):
    client.force_login(organiser_user)
    sibling = factories.EventFactory(team=world.event.team, slug="sibling")
    day = factories.ProgrammeDayFactory(event=sibling)

    response = client.get(
        reverse("participants:desk", args=[sibling.slug, day.pk]),
        {"q": badge_token(world.registration)},
        **HTMX,
    )

    assert REFUSED in response.content.decode()


def test_a_badge_already_checked_in_leaves_the_focus_on_the_search(client, world, organiser_user):
    client.force_login(organiser_user)
    Attendance.objects.create(registration=world.registration, day=world.day1)

    content = _rows(client, world, badge_token(world.registration))

    assert "Sokha Chan" in content and "Present" in content
    assert "data-badge-match" not in content
    assert 'class="form-control desk-search" autofocus' in content
