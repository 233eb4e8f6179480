import pytest
from django.urls import reverse

from cfp.models import ApplicationStatus, Score
from participants.models import Registration
from tests import factories

from .conftest import make_application


@pytest.mark.parametrize(
    ("who", "status"),
    [("report_admin", 403), ("other_organiser", 404), ("cso_staff", 404)],
    ids=["report-admin-403", "other-team-404", "cso-staff-404"],
)
def test_only_organisers_accept(client, cfp, who, status):
    users = {
        "report_admin": lambda: factories.report_admin(cfp.team),
        "other_organiser": lambda: factories.organiser(factories.TeamFactory(slug="other")),
        "cso_staff": lambda: cfp.staff,
    }
    application = make_application(cfp.call)
    client.force_login(users[who]())

    response = client.post(
        reverse("cfp:application_accept", args=[cfp.event.slug, application.pk]),
        {"session": cfp.session.pk},
    )

    assert response.status_code == status
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert Registration.objects.count() == 0


def test_cso_staff_cannot_score(client, cfp):
    application = make_application(cfp.call)
    client.force_login(cfp.staff)

    response = client.post(
        reverse("cfp:application_detail", args=[cfp.event.slug, application.pk]),
        {"score": "5"},
    )

    assert response.status_code == 404
    assert Score.objects.count() == 0


def test_another_calls_application_is_404(client, cfp):
    from .conftest import make_call

    other_event = factories.EventFactory(team=cfp.team, slug="other-event")
    other = make_application(make_call(other_event))
    client.force_login(cfp.organiser)

    response = client.get(reverse("cfp:application_detail", args=[cfp.event.slug, other.pk]))

    assert response.status_code == 404


def test_organiser_pages_without_a_call_are_404(client, cfp):
    cfp.call.delete()
    client.force_login(cfp.organiser)

    response = client.get(reverse("cfp:application_list", args=[cfp.event.slug]))

    assert response.status_code == 404
