"""The public event page shows an open call for speakers: its deadline and where to apply."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cfp import services
from cfp.models import Call
from tests import factories
from tests.cfp.conftest import make_call


@pytest.fixture
def event(db):
    cache.clear()
    team = factories.TeamFactory(slug="call-team")
    return factories.EventFactory(
        team=team, title="Call pre-session", slug="call-event", status="published"
    )


def _page(event):
    response = Client().get(reverse("public:event", args=[event.team.slug, event.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_open_call_is_on_the_event_page_with_deadline_and_link(event):
    deadline = timezone.now() + datetime.timedelta(days=10)
    make_call(event, deadline=deadline)

    text = _page(event)

    assert "Call for speakers" in text
    assert f'href="{reverse("cfp:apply", args=[event.slug])}"' in text
    assert date_format(timezone.localtime(deadline), "DATETIME_FORMAT") in text


def test_apply_link_sends_anonymous_visitors_to_the_login(event):
    make_call(event)

    response = Client().get(reverse("cfp:apply", args=[event.slug]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "values",
    [
        {"is_open": False},
        {"deadline": timezone.now() - datetime.timedelta(minutes=1)},
        {"opens_at": timezone.now() + datetime.timedelta(days=1)},
    ],
    ids=["closed", "past-deadline", "not-yet-open"],
)
def test_call_not_taking_applications_is_not_on_the_page(event, values):
    make_call(event, **values)

    text = _page(event)

    assert "Call for speakers" not in text
    assert reverse("cfp:apply", args=[event.slug]) not in text


def test_no_call_no_mention(event):
    assert "Call for speakers" not in _page(event)


def test_closing_the_call_shows_at_once_on_the_cached_page(event):
    call = make_call(event)
    before = _page(event)
    services.save_call(
        event,
        opens_at=call.opens_at,
        deadline=call.deadline,
        intro=call.intro,
        questions=call.questions,
        is_open=False,
    )

    after = _page(event)

    assert "Call for speakers" in before
    assert "Call for speakers" not in after


def test_deadline_passing_without_an_edit_is_not_stale(event):
    call = make_call(event)
    before = _page(event)
    # As if the deadline had passed: no save(), so `updated_at` (and the event's
    # fingerprint) do not change; only whether the call takes applications does.
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - datetime.timedelta(seconds=1))

    after = _page(event)

    assert "Call for speakers" in before
    assert "Call for speakers" not in after


def test_moved_deadline_is_shown_at_once(event):
    call = make_call(event, deadline=timezone.now() + datetime.timedelta(days=10))
    _page(event)
    later = timezone.now() + datetime.timedelta(days=400)
    Call.objects.filter(pk=call.pk).update(deadline=later)

    text = _page(event)

    assert str(timezone.localtime(later).year) in text


def test_draft_event_with_an_open_call_is_404(db):
    draft = factories.EventFactory(slug="draft-call", status="draft")
    make_call(draft)

    response = Client().get(reverse("public:event", args=[draft.team.slug, draft.slug]))

    assert response.status_code == 404
