"""The audit history of the call for speakers, and the retention of declined applications'
speakers."""

import datetime
import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cfp import services
from cfp.models import Application, ApplicationStatus, ProposedSpeaker, Score
from security.registry import history_models, team_ids_of

from .conftest import make_application

SPEAKER = {"given_name": "Dara", "family_name": "Keo", "gender": "woman", "email": "d@x.org"}


def _submit(cfp, **speaker):
    return services.submit_application(
        cfp.call,
        values={
            "organisation_name": "Rights Now",
            "organisation_scope": "national",
            "contact_email": "staff@rightsnow.org",
            "language": "en",
        },
        themes=[cfp.themes[0]],
        speakers=[SPEAKER | speaker],
        by=cfp.staff,
    )


def test_call_applications_and_speakers_have_history_pages_of_their_team(cfp):
    models = history_models()

    assert {"call", "application", "proposedspeaker"} <= set(models)
    assert "score" not in models  # it would show reviewers the others' scores
    application = _submit(cfp)
    speaker = application.speakers.get()
    assert team_ids_of(models["proposedspeaker"], [speaker]) == [cfp.team.pk]
    assert team_ids_of(models["application"], [application]) == [cfp.team.pk]


def test_submitted_application_and_speakers_are_recorded_with_who(cfp):
    application = _submit(cfp)

    created = application.history.order_by("history_date", "history_id").first()
    assert (created.history_type, created.history_user) == ("+", cfp.staff)
    assert {record.history_user for record in application.history.all()} == {cfp.staff}
    (speaker_record,) = ProposedSpeaker.history.filter(application_id=application.pk)
    assert (speaker_record.given_name, speaker_record.history_user) == ("Dara", cfp.staff)


def test_decline_is_in_the_history_with_who(cfp):
    application = make_application(cfp.call)

    changed = services.decline_application(application, by=cfp.organiser)

    assert changed is True
    latest = application.history.order_by("-history_date", "-history_id").first()
    assert (latest.status, latest.history_user) == (ApplicationStatus.DECLINED, cfp.organiser)
    assert services.decline_application(application, by=cfp.organiser) is False
    assert application.history.filter(status=ApplicationStatus.DECLINED).count() == 1


def test_score_changes_are_kept(cfp):
    application = make_application(cfp.call)

    services.score_application(application, reviewer=cfp.organiser, score=2, comment="Thin")
    services.score_application(application, reviewer=cfp.organiser, score=4, comment="Better")

    assert list(Score.history.order_by("history_id").values_list("score", "comment")) == [
        (2, "Thin"),
        (4, "Better"),
    ]


def test_organiser_reads_an_applications_history_page(client, cfp):
    application = _submit(cfp)
    services.decline_application(application, by=cfp.organiser)
    client.force_login(cfp.organiser)

    response = client.get(reverse("security:history", args=["application", application.pk]))

    assert response.status_code == 200
    assert "Declined" in response.content.decode()


def test_applications_history_of_another_team_is_404(client, cfp):
    from tests import factories

    application = _submit(cfp)
    client.force_login(factories.organiser(factories.TeamFactory(slug="elsewhere")))

    response = client.get(reverse("security:history", args=["application", application.pk]))

    assert response.status_code == 404


def _decided(cfp, name, status, days_ago):
    application = make_application(cfp.call, name=name, genders=["woman", "man"])
    Application.objects.filter(pk=application.pk).update(
        status=status, decided_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return application


def test_erase_declined_speakers_after_the_retention_period_only(cfp, settings):
    settings.UPR_CFP_DECLINED_RETENTION_DAYS = 90
    old_declined = _decided(cfp, "Oldno Org", ApplicationStatus.DECLINED, 91)
    recent_declined = _decided(cfp, "Newno Org", ApplicationStatus.DECLINED, 10)
    old_accepted = _decided(cfp, "Oldyes Org", ApplicationStatus.ACCEPTED, 400)
    waiting = make_application(cfp.call, name="Waiting Org")

    erased = services.erase_declined_speakers()

    assert erased == 2
    assert not old_declined.speakers.exists()
    assert not ProposedSpeaker.history.filter(application_id=old_declined.pk).exists()
    assert not ProposedSpeaker.history.filter(given_name__startswith="Oldno").exists()
    assert recent_declined.speakers.count() == 2
    assert old_accepted.speakers.count() == 2
    assert waiting.speakers.count() == 1
    # The application stays, with its decision: the call's figures do not change.
    old_declined.refresh_from_db()
    assert (old_declined.organisation_name, old_declined.status) == (
        "Oldno Org",
        ApplicationStatus.DECLINED,
    )
    assert services.erase_declined_speakers() == 0  # idempotent


def test_erase_declined_speakers_command_and_anonymise_old_events_run_it(cfp):
    first = _decided(cfp, "First Org", ApplicationStatus.DECLINED, 100)
    out = io.StringIO()

    call_command("erase_declined_speakers", "--days", "30", stdout=out)

    assert "Erased 2 proposed speakers" in out.getvalue()
    assert not first.speakers.exists()
    second = _decided(cfp, "Second Org", ApplicationStatus.DECLINED, 100)

    call_command("anonymise_old_events", stdout=io.StringIO())

    assert not second.speakers.exists()
    assert not ProposedSpeaker.history.filter(application_id=second.pk).exists()
