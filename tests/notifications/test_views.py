import pytest
from django.urls import reverse

from notifications.models import EmailMessageLog, EmailStatus
from tests import factories


def _log(team, count=1, **fields):
    defaults = {
        "template_key": "factsheets.reviewed",
        "recipient": "sokha@example.org",
        "language": "en",
        "subject": "Factsheet approved: Land rights",
        "status": EmailStatus.SENT,
    }
    return EmailMessageLog.objects.bulk_create(
        [EmailMessageLog(team=team, **{**defaults, **fields}) for _ in range(count)]
    )


@pytest.fixture
def organiser_client(client, team):
    client.force_login(factories.organiser(team, username="organiser", first_name="Dara"))
    return client


def _url(team, **params):
    url = reverse("notifications:log", args=[team.slug])
    return f"{url}?{'&'.join(f'{k}={v}' for k, v in params.items())}" if params else url


def test_log_shows_recipient_subject_template_and_status(organiser_client, team):
    _log(team, recipient="sokha@example.org", subject="Factsheet approved: Land rights")
    _log(
        team,
        recipient="vannak@example.org",
        subject="Factsheet sent back: Water",
        status="failed",
        error="Connection refused",
        attempts=4,
    )

    response = organiser_client.get(_url(team))

    html = response.content.decode()
    assert response.status_code == 200
    assert "sokha@example.org" in html
    assert "Factsheet approved: Land rights" in html
    assert "factsheets.reviewed" in html
    assert "After 4 attempts: Connection refused" in html
    assert list(response.context["email_messages"].values_list("recipient", flat=True)) == [
        "vannak@example.org",
        "sokha@example.org",
    ]


def test_log_filters_by_status(organiser_client, team):
    _log(team, recipient="sent@example.org")
    _log(team, recipient="failed@example.org", status=EmailStatus.FAILED)

    response = organiser_client.get(_url(team, status="failed"))

    assert [m.recipient for m in response.context["email_messages"]] == ["failed@example.org"]
    assert "sent@example.org" not in response.content.decode()


def test_log_ignores_an_unknown_status(organiser_client, team):
    _log(team, recipient="sent@example.org")

    response = organiser_client.get(_url(team, status="<script>"))

    assert response.status_code == 200
    assert response.context["status"] == ""
    assert [m.recipient for m in response.context["email_messages"]] == ["sent@example.org"]
    assert "<script>" not in response.content.decode()


def test_log_shows_only_the_teams_messages(organiser_client, team):
    _log(factories.TeamFactory(slug="other"), recipient="other-team@example.org")

    response = organiser_client.get(_url(team))

    assert "other-team@example.org" not in response.content.decode()
    assert "No e-mail was sent for this team yet." in response.content.decode()


def test_log_is_paginated(organiser_client, team):
    _log(team, count=51)

    first = organiser_client.get(_url(team))
    second = organiser_client.get(_url(team, page=2))

    assert (len(first.context["email_messages"]), len(second.context["email_messages"])) == (50, 1)
    assert "Page 1 of 2" in first.content.decode()


def test_report_administrators_may_not_read_the_log(client, team):
    client.force_login(factories.report_admin(team))

    response = client.get(_url(team))

    assert response.status_code == 403


@pytest.mark.parametrize("rows", [1, 30], ids=["one", "many"])
def test_log_query_count_does_not_grow_with_rows(
    organiser_client, team, rows, django_assert_num_queries
):
    sender = factories.organiser(team, username="sender")
    _log(team, count=rows, triggered_by=sender)
    organiser_client.get(_url(team))  # the session is in the cache

    with django_assert_num_queries(7):
        response = organiser_client.get(_url(team))

    assert "sender" in response.content.decode()


def test_team_page_links_the_log_for_organisers_only(client, team):
    organiser, report_admin = factories.organiser(team), factories.report_admin(team)
    log_url = reverse("notifications:log", args=[team.slug])

    client.force_login(organiser)
    as_organiser = client.get(team.get_absolute_url()).content.decode()
    client.force_login(report_admin)
    as_report_admin = client.get(team.get_absolute_url()).content.decode()

    assert log_url in as_organiser
    assert log_url not in as_report_admin
