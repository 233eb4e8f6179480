"""The permission grid: every URL pattern of the app, requested as every role.

Roles: anonymous; an account with no role; an organiser of team A; an organiser of team B;
a report administrator of team A; CSO staff of an organisation registered at A's event; CSO
staff of another organisation; a superuser. Each row names a URL pattern, how to build its
address from the world below, what a 200 must show, and which roles may use it. The rule for
everyone else is fixed:

- anonymous -> the login page;
- no role -> the no-access page;
- a role that may not even see the object (another team, another organisation) -> 404;
- a role that sees the object but may not do this -> 403.

Public rows (login, password reset, an invitation link) answer the same to every role, and
account rows (password change, two-factor) to every signed-in one; an account with no role
reaches only the pages accounts.middleware lets it. Forms are requested as a GET (the same
access as their POST); a POST row posts as htmx does. File rows check the content type.

`test_every_url_pattern_is_in_the_grid` walks the URL resolver and fails when a pattern
has no row, so a new page cannot ship without its row.
"""

import datetime
import importlib
import pkgutil
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts import services as account_services
from accounts.models import Membership, TeamRole
from events.models import Theme
from factsheets import services
from factsheets.models import Factsheet, FactsheetStatus
from jobs.models import Job
from jobs.services import run_job
from participants.models import RegistrationRequest, RegistrationRequestStatus
from recommendations import services as recommendation_services
from tests import factories
from tests.factsheets.conftest import pdf_bytes
from tests.grid import LOGIN, NO_ACCESS, ROLES, Row


@pytest.fixture
def world(db, private_storage):
    team_a = factories.TeamFactory(slug="team-a", name="Team A")
    team_b = factories.TeamFactory(slug="team-b", name="Team B")
    cso = factories.OrganisationFactory(team=team_a, name="Registered CSO of A")
    other_cso = factories.OrganisationFactory(team=team_a, name="Unlinked CSO of A")
    event = factories.EventFactory(
        team=team_a, title="Event of team A", slug="event-a", status="published"
    )
    day = factories.ProgrammeDayFactory(event=event, title="Day of A")
    session = factories.SessionFactory(day=day, title="Session of A")
    person = factories.PersonFactory(
        team=team_a, given_name="Sokha", family_name="OfA", organisation=cso
    )
    factories.SessionRoleFactory(session=session, person=person)
    registration = factories.RegistrationFactory(event=event, person=person)
    mission = factories.MissionFactory(organisation__name="Embassy of Gridland")
    diplomat = factories.PersonFactory(
        team=team_a, given_name="Anna", family_name="Diplomat", organisation=mission.organisation
    )
    event_b = factories.EventFactory(team=team_b, title="Event of team B", slug="event-b")
    factories.PersonFactory(team=team_b, given_name="Bopha", family_name="OfB")

    users = SimpleNamespace(
        no_role=factories.UserFactory(username="no-role"),
        organiser_a=factories.member(TeamRole.ORGANISER, team_a, username="organiser-a"),
        organiser_b=factories.member(TeamRole.ORGANISER, team_b, username="organiser-b"),
        report_admin_a=factories.member(
            TeamRole.REPORT_ADMINISTRATOR, team_a, username="report-admin-a"
        ),
        cso_registered=factories.cso_staff(cso, username="cso-registered"),
        cso_other=factories.cso_staff(other_cso, username="cso-other"),
        superuser=factories.UserFactory(username="root", is_superuser=True, is_staff=True),
    )
    gone = factories.PersonFactory(team=team_a, given_name="Gone", family_name="OfA")
    gone_pk = gone.pk
    gone.delete()
    factsheet = factories.FactsheetFactory(event=event, title="Factsheet of A", organisations=[cso])
    version = services.add_file_version(
        factsheet,
        uploaded_file=SimpleUploadedFile("grid.pdf", pdf_bytes(), "application/pdf"),
        by=users.organiser_a,
    )
    review = factories.ReviewFactory(team=team_a, state_under_review="KH", cycle=3)
    recommendation_services.link_review_to_event(review, event, by=None)
    recommendation = factories.RecommendationFactory(
        review=review, text="Recommendation made to A", states=["BR"]
    )
    suggested = factories.SuggestedRecommendationFactory(
        factsheet=factsheet, text="Suggested by the CSO of A"
    )
    return SimpleNamespace(
        team_a=team_a,
        team_b=team_b,
        cso=cso,
        event=event,
        day=day,
        session=session,
        person=person,
        registration=registration,
        mission=mission,
        diplomat=diplomat,
        event_b=event_b,
        factsheet=factsheet,
        version=version,
        gone_pk=gone_pk,
        review=review,
        recommendation=recommendation,
        suggested=suggested,
        users=users,
        today=datetime.date(2018, 11, 14),
        pdf=lambda: SimpleUploadedFile("grid.pdf", pdf_bytes(), "application/pdf"),
    )


READERS = ("organiser_a", "report_admin_a", "superuser")


def _job_url(name):
    """A finished badges job of organiser A: only its starter (and a superuser) reach it."""

    def url(w):
        if not hasattr(w, "job"):
            w.job = Job.objects.create(
                team=w.team_a,
                kind="reports.badges",
                label="Badges of A",
                created_by=w.users.organiser_a,
                total=1,
            )
            run_job(str(w.job.pk), lambda progress: (pdf_bytes(), "badges-a.pdf"))
        return reverse(name, args=[w.job.pk])

    return url


def _confirmed_request(w):
    """A registration request to A's event whose address was confirmed."""
    return RegistrationRequest.objects.create(
        event=w.event,
        kind="cso",
        given_name="Vanna",
        family_name="Requester",
        organisation_name="Requesting CSO",
        gender="woman",
        email="vanna@request.test",
        language="en",
        status=RegistrationRequestStatus.CONFIRMED,
    )


def _event(name, shows, **kw):
    return Row(name, lambda w: reverse(name, args=[w.event.slug]), shows, **kw)


ROWS: list[Row] = [
    # participants
    _event(
        "participants:registration_list",
        lambda w: "Sokha OfA",
        ok=READERS,
        sees=("cso_registered",),
    ),
    _event(
        "participants:desk_days",
        lambda w: "Day of A",
        ok=READERS,
        sees=("cso_registered",),
    ),
    Row(
        "participants:person_detail",
        lambda w: reverse("participants:person_detail", args=[w.person.pk]),
        lambda w: "Sokha OfA",
        ok=READERS,
    ),
    Row(
        "participants:organisation_detail",
        lambda w: reverse("participants:organisation_detail", args=[w.cso.pk]),
        lambda w: "Registered CSO of A",
        ok=READERS,
    ),
    # reports
    _event(
        "reports:event_overview",
        lambda w: "Event of team A",
        ok=(*READERS, "cso_registered"),
    ),
    # events
    _event(
        "events:programme",
        lambda w: "Session of A",
        ok=(*READERS, "cso_registered"),
    ),
    # factsheets
    Row(
        "factsheets:factsheet_detail",
        lambda w: reverse("factsheets:factsheet_detail", args=[w.factsheet.pk]),
        lambda w: "Factsheet of A",
        ok=(*READERS, "cso_registered"),
    ),
    Row(
        "factsheets:factsheet_list",
        lambda w: reverse("factsheets:factsheet_list"),
        lambda w: "Factsheet of A",
        ok=(*READERS, "cso_registered"),
        own_page_for=("organiser_b", "cso_other"),
        hidden=lambda w: "Factsheet of A",
    ),
    _event(
        "factsheets:coverage",
        lambda w: "Event of team A",
        ok=READERS,
        sees=("cso_registered",),
    ),
    # reports
    Row(
        "reports:dashboard",
        lambda w: reverse("reports:dashboard"),
        lambda w: "Event of team A",
        ok=(*READERS, "cso_registered"),
        own_page_for=("organiser_b", "cso_other"),
        hidden=lambda w: "Event of team A",
    ),
    _event(
        "reports:report_preview",
        lambda w: "Event of team A",
        ok=READERS,
        sees=("cso_registered",),
    ),
    # accounts
    Row(
        "accounts:team_detail",
        lambda w: reverse("accounts:team_detail", args=["team-a"]),
        lambda w: "Team A",
        ok=READERS,
    ),
    Row(
        "events:theme_list",
        lambda w: reverse("events:theme_list", args=["team-a"]),
        lambda w: "Team A",
        sees=("report_admin_a",),
    ),
    # participants: team directory and the desk
    Row(
        "participants:mission_list",
        lambda w: reverse("participants:mission_list", args=["team-a"]),
        lambda w: "Embassy of Gridland",
        ok=READERS,
    ),
    Row(
        "participants:mission_detail",
        lambda w: reverse("participants:mission_detail", args=["team-a", w.mission.pk]),
        lambda w: "Anna Diplomat",
        ok=READERS,
    ),
    Row(
        "participants:desk",
        lambda w: reverse("participants:desk", args=[w.event.slug, w.day.pk]),
        lambda w: "Sokha OfA",
        ok=READERS,
        sees=("cso_registered",),
    ),
    Row(
        "participants:person_update",
        lambda w: reverse("participants:person_update", args=[w.person.pk]),
        lambda w: 'value="Sokha"',
        sees=("report_admin_a",),
    ),
    Row(
        "participants:organisation_update",
        lambda w: reverse("participants:organisation_update", args=[w.cso.pk]),
        lambda w: 'value="Registered CSO of A"',
        sees=("report_admin_a",),
    ),
    Row(
        "privacy:person",
        lambda w: reverse("privacy:person", args=[w.person.pk]),
        lambda w: "Sokha OfA",
        sees=("report_admin_a",),
    ),
    # events
    _event(
        "events:event_update",
        lambda w: 'value="Event of team A"',
        sees=("report_admin_a", "cso_registered"),
    ),
    # reports
    _event(
        "reports:report_edit",
        lambda w: "Event of team A",
        ok=READERS,
        sees=("cso_registered",),
    ),
    _event(
        "reports:printouts",
        lambda w: "Event of team A",
        ok=READERS,
        sees=("cso_registered",),
    ),
    # more participants and events pages
    Row(
        "participants:attendance_list",
        lambda w: reverse("participants:attendance_list", args=[w.event.slug, w.day.pk]),
        lambda w: "Attendance",
        ok=READERS,
        sees=("cso_registered",),
    ),
    _event(
        "participants:person_create",
        lambda w: "Event of team A",
        sees=("report_admin_a", "cso_registered"),
    ),
    _event(
        "participants:registration_create",
        lambda w: "Register someone already known",
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "participants:registration_consent",
        lambda w: reverse("participants:registration_consent", args=["event-a", w.registration.pk]),
        lambda w: "How Sokha OfA is shown publicly at this event",
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "participants:organisation_create",
        lambda w: reverse("participants:organisation_create", args=["team-a"]),
        lambda w: "New organisation",
        sees=("report_admin_a",),
    ),
    Row(
        "participants:diplomat_create",
        lambda w: reverse("participants:diplomat_create", args=["team-a", w.mission.pk]),
        lambda w: "Add a diplomat",
        sees=("report_admin_a",),
    ),
    Row(
        "participants:mission_create",
        lambda w: reverse("participants:mission_create", args=["team-a"]),
        lambda w: "New mission",
        sees=("report_admin_a",),
    ),
    Row(
        "participants:mission_update",
        lambda w: reverse("participants:mission_update", args=["team-a", w.mission.pk]),
        lambda w: 'value="Embassy of Gridland"',
        sees=("report_admin_a",),
    ),
    _event(
        "events:programme_copy",
        lambda w: "Your team has no other event to copy from.",
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "events:programme_day_edit",
        lambda w: reverse("events:programme_day_edit", args=[w.event.slug, w.day.pk]),
        lambda w: "Day of A",
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "participants:person_search",
        lambda w: reverse("participants:person_search", args=[w.event.slug]) + "?q=sokha",
        lambda w: "Sokha OfA",
        ok=READERS,
        sees=("cso_registered",),
    ),
    Row(
        "participants:transfer",
        lambda w: reverse("participants:transfer", args=["team-a"]),
        lambda w: "Team A",
        ok=READERS,
    ),
    _event(
        "factsheets:missions",
        lambda w: "Event of team A",
        ok=READERS,
        sees=("cso_registered",),
    ),
    # files
    Row(
        "factsheets:file_download",
        lambda w: reverse("factsheets:file_download", args=[w.factsheet.pk, w.version.version]),
        ok=(*READERS, "cso_registered"),
        content_type="application/pdf",
    ),
    *(
        _event(name, None, ok=READERS, sees=("cso_registered",), content_type="application/pdf")
        for name in ("reports:report_pdf", "reports:programme_pdf", "reports:badges_pdf")
    ),
    Row(
        "reports:sign_in_pdf",
        lambda w: reverse("reports:sign_in_pdf", args=[w.event.slug, w.day.pk]),
        ok=READERS,
        sees=("cso_registered",),
        content_type="application/pdf",
    ),
    Row(
        "reports:mission_sign_in_pdf",
        lambda w: reverse("reports:mission_sign_in_pdf", args=[w.event.slug, w.session.pk]),
        ok=READERS,
        sees=("cso_registered",),
        content_type="application/pdf",
    ),
    # background jobs: the starter's own
    Row("jobs:job_detail", _job_url("jobs:job_detail"), lambda w: "Badges of A"),
    Row("jobs:job_progress", _job_url("jobs:job_progress"), lambda w: "badges-a.pdf"),
    Row("jobs:job_download", _job_url("jobs:job_download"), content_type="application/pdf"),
    Row(
        "participants:export",
        lambda w: reverse("participants:export", args=[w.event.slug, "attendance", "csv"]),
        ok=READERS,
        sees=("cso_registered",),
        content_type="text/csv",
    ),
    Row(
        "privacy:export",
        lambda w: reverse("privacy:export", args=[w.person.pk]),
        sees=("report_admin_a",),
        content_type="application/json",
    ),
    Row(
        "security:history",
        lambda w: reverse("security:history", args=["person", w.person.pk]),
        lambda w: "Sokha",
        sees=("report_admin_a",),
    ),
    Row(
        "security:deleted",
        lambda w: reverse("security:deleted"),
        lambda w: "Gone OfA",
        own_page_for=("organiser_b", "report_admin_a"),
        sees=("cso_registered", "cso_other"),
        hidden=lambda w: "Gone OfA",
    ),
    # public pages: the same answer for everyone
    Row("login", lambda w: reverse("login"), lambda w: 'name="username"', public=True),
    Row(
        "logout",
        lambda w: reverse("logout"),
        method="post",
        ok_status=302,
        public=True,
        statuses={"no_role": 302},
    ),
    Row(
        "password_reset",
        lambda w: reverse("password_reset"),
        lambda w: 'name="email"',
        public=True,
    ),
    Row("password_reset_done", lambda w: reverse("password_reset_done"), public=True),
    Row(
        "password_reset_confirm",
        lambda w: reverse("password_reset_confirm", args=["MQ", "bad-token"]),
        public=True,
    ),
    Row("password_reset_complete", lambda w: reverse("password_reset_complete"), public=True),
    Row(
        "accounts:invitation",
        lambda w: reverse("accounts:invitation", args=["not-a-token"]),
        public=True,
        ok_status=404,
        statuses={"no_role": 404},
    ),
    # the signed-in user's own account: no role needed
    Row(
        "accounts:no_access",
        lambda w: reverse("accounts:no_access"),
        account=True,
        ok_status=302,  # users with access are sent to the dashboard
        statuses={"no_role": 200},
    ),
    Row(
        "password_change",
        lambda w: reverse("password_change"),
        lambda w: 'name="old_password"',
        account=True,
    ),
    Row("password_change_done", lambda w: reverse("password_change_done"), account=True),
    Row("security:account", lambda w: reverse("security:account"), account=True),
    Row("security:two_factor_setup", lambda w: reverse("security:two_factor_setup"), account=True),
    Row(
        "security:two_factor_verify",
        lambda w: reverse("security:two_factor_verify"),
        account=True,
        ok_status=302,  # no device paired yet: to the setup
    ),
    Row(
        "security:recovery_codes",
        lambda w: reverse("security:recovery_codes"),
        account=True,
    ),
    # the desk: POSTs as the desk's htmx sends them
    *(
        Row(
            name,
            lambda w, name=name: reverse(name, args=[w.event.slug, w.day.pk]),
            method="post",
            data=lambda w: {"registration": w.registration.pk},
            ok_status=status,
            sees=("report_admin_a", "cso_registered"),
        )
        for name, status in (
            ("participants:check_in", 200),
            ("participants:undo_check_in", 200),
            ("participants:walk_in", 200),  # an empty form: the desk again, with its errors
        )
    ),
    Row(
        "participants:bulk_check_in",
        lambda w: reverse("participants:bulk_check_in", args=[w.event.slug, w.day.pk]),
        method="post",
        data=lambda w: {"registrations": [w.registration.pk]},
        ok_status=302,
        sees=("report_admin_a", "cso_registered"),
    ),
    # team members
    Row(
        "accounts:member_invite",
        lambda w: reverse("accounts:member_invite", args=["team-a"]),
        lambda w: 'name="email"',
        sees=("report_admin_a",),
    ),
    Row(
        "accounts:cso_staff_invite",
        lambda w: reverse("accounts:cso_staff_invite", args=["team-a"]),
        lambda w: "Registered CSO of A",
        sees=("report_admin_a",),
    ),
    *(
        Row(
            name,
            lambda w, name=name: reverse(
                name,
                args=["team-a", Membership.objects.get(user=w.users.report_admin_a).pk],
            ),
            method="post",
            data=lambda w: {"role": TeamRole.ORGANISER},
            ok_status=302,
            sees=("report_admin_a",),
        )
        for name in (
            "accounts:member_role",
            "accounts:member_deactivate",
            "accounts:member_reactivate",
        )
    ),
    Row(
        "accounts:invitation_withdraw",
        lambda w: reverse(
            "accounts:invitation_withdraw",
            args=[
                "team-a",
                account_services.invite(
                    w.team_a, email="new@example.org", role=TeamRole.ORGANISER, by=w.users.superuser
                )[0].pk,
            ],
        ),
        method="post",
        ok_status=302,
        sees=("report_admin_a",),
    ),
    # forms, requested as a GET: the same access as their POST
    Row(
        "events:event_create",
        lambda w: reverse("events:event_create", args=["team-a"]),
        lambda w: "Team A",
        sees=("report_admin_a",),
    ),
    Row(
        "events:programme_day_delete",
        lambda w: reverse("events:programme_day_delete", args=[w.event.slug, w.day.pk]),
        lambda w: "Day of A",
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "factsheets:factsheet_create",
        lambda w: reverse("factsheets:factsheet_create"),
        lambda w: "Event of team A",
        # CSO staff write factsheets, for the events their organisation is linked to
        ok=("cso_registered",),
        own_page_for=("cso_other", "superuser"),  # the form, without events to choose
        hidden=lambda w: "Event of team A",
        sees=("organiser_a", "organiser_b", "report_admin_a"),
    ),
    *(
        Row(
            name,
            lambda w, name=name: reverse(name, args=[w.factsheet.pk]),
            lambda w: "Factsheet of A",
            ok=("cso_registered", "superuser"),  # the authors
            sees=("organiser_a", "report_admin_a"),
        )
        for name in ("factsheets:factsheet_update", "factsheets:file_create")
    ),
    Row(
        "factsheets:factsheet_review",
        lambda w: (
            # only a submitted factsheet is reviewed
            Factsheet.objects.filter(pk=w.factsheet.pk).update(status=FactsheetStatus.SUBMITTED),
            reverse("factsheets:factsheet_review", args=[w.factsheet.pk]),
        )[1],
        lambda w: "Factsheet of A",
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "factsheets:factsheet_delete",
        lambda w: reverse("factsheets:factsheet_delete", args=[w.factsheet.pk]),
        lambda w: "Factsheet of A",
        sees=("report_admin_a", "cso_registered"),
    ),
    _event(
        "factsheets:distribute",
        lambda w: "Event of team A",
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "participants:import_upload",
        lambda w: reverse("participants:import_upload", args=[w.event.slug, "attendance"]),
        lambda w: "Event of team A",
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "participants:import_template",
        lambda w: reverse("participants:import_template", args=[w.event.slug, "attendance", "csv"]),
        content_type="text/csv",
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "participants:import_preview",
        lambda w: reverse(
            "participants:import_preview", args=[w.event.slug, "attendance", "no-such-upload"]
        ),
        ok_status=404,  # an upload that is not in the user's session
        sees=("report_admin_a", "cso_registered"),
    ),
    # POSTs that act at once
    Row(
        "factsheets:factsheet_submit",
        lambda w: reverse("factsheets:factsheet_submit", args=[w.factsheet.pk]),
        method="post",
        ok_status=302,
        ok=("cso_registered", "superuser"),  # the authors
        sees=("organiser_a", "report_admin_a"),
    ),
    Row(
        "factsheets:distribution_remove",
        lambda w: reverse(
            "factsheets:distribution_remove",
            args=[factories.DistributionFactory(factsheet=w.factsheet, mission=w.mission).pk],
        ),
        method="post",
        ok_status=302,
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "events:theme_delete",
        lambda w: reverse(
            "events:theme_delete",
            args=["team-a", Theme.objects.create(team=w.team_a, name="Theme of A").pk],
        ),
        method="post",
        ok_status=302,
        sees=("report_admin_a",),
    ),
    Row(
        "privacy:anonymise",
        lambda w: reverse("privacy:anonymise", args=[w.person.pk]),
        method="post",
        data=lambda w: {"confirm": "yes"},
        ok_status=302,
        sees=("report_admin_a",),
    ),
    Row(
        "security:history_restore",
        lambda w: reverse(
            "security:history_restore",
            args=["person", w.person.pk, w.person.history.earliest().history_id],
        ),
        method="post",
        ok_status=302,
        sees=("report_admin_a",),
    ),
    Row(
        "security:undelete",
        lambda w: reverse("security:undelete", args=["person", w.gone_pk]),
        method="post",
        ok_status=302,
        sees=("report_admin_a",),
    ),
    # --- E-mail log (notifications) --------------------------------------------------------
    # Organisers only: it lists recipients' addresses, as participants' contact details.
    Row(
        "notifications:log",
        lambda w: reverse("notifications:log", args=["team-a"]),
        lambda w: "E-mail log",
        sees=("report_admin_a",),
    ),
    # public site: the same answer for everyone, an account with no role included
    # (accounts.middleware lets it through); A's event is published, B's a draft
    *[
        Row(
            name,
            lambda w, name=name: reverse(name, args=[w.team_a.slug, w.event.slug]),
            lambda w: "Event of team A",
            public=True,
            statuses={"no_role": 200},
            content_type=content_type,
        )
        for name, content_type in (
            ("public:event", ""),
            ("public:programme", ""),
            ("public:factsheets", ""),
            ("public:programme_pdf", "application/pdf"),
            ("public:programme_ics", "text/calendar"),
        )
    ],
    Row(
        "public:team",
        lambda w: reverse("public:team", args=[w.team_a.slug]),
        lambda w: "Event of team A",
        public=True,
        statuses={"no_role": 200},
    ),
    # A's factsheet is a draft its authors did not publish: nobody gets its file here.
    Row(
        "public:factsheet_file",
        lambda w: reverse(
            "public:factsheet_file", args=[w.team_a.slug, w.event.slug, w.factsheet.pk]
        ),
        public=True,
        ok_status=404,
        statuses={"no_role": 404},
    ),
    # --- Self-registration (public form, organisers' decisions) ----------------------------
    # A's event (2018) is past: the public form answers "closed", to everyone alike; the
    # confirmation link with an unknown token shows its button page (the POST refuses it).
    *[
        Row(
            name,
            lambda w, name=name, args=args: reverse(
                name, args=[w.team_a.slug, w.event.slug, *args]
            ),
            lambda w: "Event of team A",
            public=True,
            statuses={"no_role": 200},
        )
        for name, args in (
            ("public:register", ()),
            ("public:register_confirm", ("no-such-token",)),
        )
    ],
    _event(
        "participants:registration_request_list",
        lambda w: "Registration requests",
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "participants:registration_request_review",
        lambda w: reverse(
            "participants:registration_request_review",
            args=[w.event.slug, _confirmed_request(w).pk],
        ),
        lambda w: "Request of Vanna Requester",
        sees=("report_admin_a", "cso_registered"),
    ),
    Row(
        "participants:registration_request_decline",
        lambda w: reverse(
            "participants:registration_request_decline",
            args=[w.event.slug, _confirmed_request(w).pk],
        ),
        method="post",
        ok_status=302,
        sees=("report_admin_a", "cso_registered"),
    ),
    # ---- call for speakers (cfp) ----
    # Organisers of A run the call; A's report administrators and the registered CSO see the
    # event (403); applying is for CSO staff of A's directory (both CSOs), others get a 404.
    Row(
        "cfp:open_calls",
        lambda w: _cfp_call(w) and reverse("cfp:open_calls"),
        lambda w: "Event of team A",
        ok=("cso_registered", "cso_other"),
        own_page_for=("organiser_a", "organiser_b", "report_admin_a", "superuser"),
        hidden=lambda w: "Event of team A",
    ),
    Row(
        "cfp:apply",
        lambda w: _cfp_call(w) and reverse("cfp:apply", args=[w.event.slug]),
        lambda w: "Apply to speak",
        ok=("cso_registered", "cso_other", "superuser"),
    ),
    *[
        Row(
            name,
            lambda w, name=name: _cfp_application(w) and reverse(name, args=[w.event.slug]),
            shows,
            sees=("report_admin_a", "cso_registered"),
        )
        for name, shows in (
            ("cfp:call_edit", lambda w: "Call for speakers"),
            ("cfp:application_list", lambda w: "Applying Org of A"),
            ("cfp:selection", lambda w: "Applying Org of A"),
        )
    ],
    Row(
        "cfp:application_detail",
        lambda w: reverse("cfp:application_detail", args=[w.event.slug, _cfp_application(w).pk]),
        lambda w: "Applying Org of A",
        sees=("report_admin_a", "cso_registered"),
    ),
    *[
        Row(
            name,
            lambda w, name=name: reverse(name, args=[w.event.slug, _cfp_application(w).pk]),
            method="post",
            data=lambda w: {"session": w.session.pk},
            ok_status=302,
            sees=("report_admin_a", "cso_registered"),
        )
        for name in ("cfp:application_accept", "cfp:application_decline")
    ],
    # ---- end of call for speakers ----
]


def _cfp_call(w):
    """A's event's open call for speakers (created on first use)."""
    if not hasattr(w, "cfp_call"):
        from django.utils import timezone

        from cfp.models import Call

        now = timezone.now()
        w.cfp_call = Call.objects.create(
            event=w.event,
            opens_at=now - datetime.timedelta(days=1),
            deadline=now + datetime.timedelta(days=1),
        )
    return w.cfp_call


def _cfp_application(w):
    """A submitted application with one speaker to A's call."""
    if not hasattr(w, "cfp_application"):
        from cfp.models import Application, ProposedSpeaker

        w.cfp_application = Application.objects.create(
            call=_cfp_call(w),
            organisation_name="Applying Org of A",
            organisation_scope="national",
            contact_email="apply@example.org",
        )
        ProposedSpeaker.objects.create(
            application=w.cfp_application, given_name="Dara", gender="woman"
        )
    return w.cfp_application


def _area_rows():
    """Rows kept beside their area's tests: every `tests/<area>/grid_*.py` module's `ROWS`
    (accounts, recommendations, public)."""
    import tests.accounts
    import tests.public
    import tests.recommendations

    rows = []
    for package in (tests.accounts, tests.recommendations, tests.public):
        for module in pkgutil.iter_modules(package.__path__):
            if module.name.startswith("grid_"):
                rows += importlib.import_module(f"{package.__name__}.{module.name}").ROWS
    return rows


ROWS += _area_rows()


def _url_names(patterns=None, namespace=""):
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_pattern_is_in_the_grid():
    app_names = {name for name in _url_names() if not name.startswith("admin:")}

    missing = app_names - {row.name for row in ROWS}

    assert sorted(missing) == []


def _request(client, row, world):
    url = row.url(world)
    if row.method == "post":
        return client.post(url, row.data(world), HTTP_HX_REQUEST="true")
    return client.get(url)


CELLS = [(row, role) for row in ROWS for role in ROLES]


@pytest.mark.parametrize(("row", "role"), CELLS, ids=[f"{row.name}-{role}" for row, role in CELLS])
def test_grid_cell(client, world, row, role):
    if role != "anonymous":
        client.force_login(getattr(world.users, role))
    expected = row.expected(role)

    response = _request(client, row, world)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    elif expected == NO_ACCESS:
        assert response.status_code == 302
        assert response.url == reverse("accounts:no_access")
    else:
        assert response.status_code == expected
        if expected == 200 and row.content_type:
            assert response["Content-Type"].startswith(row.content_type)
        elif expected == 200 and row.method == "get":
            content = response.content.decode()
            if role in row.own_page_for and role not in row.ok:
                assert row.hidden(world) not in content
            else:
                assert row.shows(world) in content
