import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse


def _database_down(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: Connection refused")


@pytest.mark.django_db
def test_database_outage_gives_a_503_page_and_recovers(organiser_user):
    client = Client(raise_request_exception=False)
    from tests.factories import pass_second_factor

    client.force_login(organiser_user)
    pass_second_factor(client, organiser_user)

    with connection.execute_wrapper(_database_down):
        down = client.get(reverse("reports:dashboard"))
    back = client.get(reverse("reports:dashboard"))

    assert down.status_code == 503
    assert down["Retry-After"] == "30"
    page = down.content.decode()
    assert "The app is temporarily unavailable" in page
    assert "Traceback" not in page
    assert "Connection refused" not in page
    assert back.status_code == 200


@pytest.mark.django_db
def test_other_errors_stay_500(rf):
    from security.errors import server_error

    try:
        raise ValueError("boom")
    except ValueError:
        response = server_error(rf.get("/"))

    assert response.status_code == 500


def _closed_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a server to point away from")
def test_database_on_a_closed_port_gives_503_then_recovers(organiser_user):
    from tests.factories import pass_second_factor

    client = Client(raise_request_exception=False)
    client.force_login(organiser_user)
    pass_second_factor(client, organiser_user)
    original = (connection.settings_dict["HOST"], connection.settings_dict["PORT"])
    connection.close()
    connection.settings_dict["HOST"], connection.settings_dict["PORT"] = "127.0.0.1", _closed_port()
    try:
        down = client.get(reverse("reports:dashboard"))
    finally:
        connection.close()
        connection.settings_dict["HOST"], connection.settings_dict["PORT"] = original
    back = client.get(reverse("reports:dashboard"))

    assert down.status_code == 503
    assert "The app is temporarily unavailable" in down.content.decode()
    assert back.status_code == 200
