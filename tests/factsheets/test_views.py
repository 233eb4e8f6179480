import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from factsheets import services
from factsheets.models import Distribution, Factsheet, FactsheetFile, FactsheetStatus
from tests import factories
from tests.factsheets.conftest import (
    approve,
    docx_bytes,
    make_factsheet,
    odt_bytes,
    pdf_bytes,
    stored_files,
    upload,
)
from tests.factsheets.test_validators import zip_bomb as zip_of_bomb

ROLES = [
    "anonymous",
    "no_role",
    "owner",
    "other_cso",
    "unlinked_cso",
    "organiser",
    "organiser_b",
    "report_admin",
    "superuser",
]


@pytest.fixture
def world(db):
    """An event of the default team with a draft and a submitted factsheet of one
    organisation, an approved one distributed to a mission, and a user of every role:
    the authors' CSO staff, CSO staff of another organisation invited to the event, CSO
    staff of an organisation linked to nothing, the team's organiser and report
    administrator, an organiser of another team, an account with no role, a superuser."""
    owner_org = factories.OrganisationFactory(name="Land Rights Network")
    other_org = factories.OrganisationFactory(name="Other NGO")
    event = factories.EventFactory(title="Cambodia pre-session", slug="cambodia-2018")
    event.invited_organisations.add(owner_org, other_org)
    users = {
        "anonymous": None,
        "no_role": factories.UserFactory(),
        "owner": factories.cso_staff(organisation=owner_org),
        "other_cso": factories.cso_staff(organisation=other_org),
        "unlinked_cso": factories.cso_staff(
            organisation=factories.OrganisationFactory(name="Unlinked NGO")
        ),
        "organiser": factories.organiser(),
        "organiser_b": factories.organiser(team=factories.TeamFactory(slug="team-b")),
        "report_admin": factories.report_admin(),
        "superuser": factories.UserFactory(is_superuser=True, is_staff=True),
    }
    author = users["owner"]
    draft = make_factsheet(by=author, event=event, title="Draft on land")
    submitted = make_factsheet(by=author, event=event, title="Submitted on labour")
    services.submit_factsheet(submitted, by=author)
    distributed = make_factsheet(by=author, event=event, title="Approved on justice")
    approve(distributed, author=author, reviewer=users["organiser"])
    mission = factories.MissionFactory(organisation__name="Embassy of Sweden")
    factories.PersonFactory(
        organisation=mission.organisation,
        email="focal.point@example.org",
        phone="+855 12 345 678",
        is_focal_point=True,
    )
    (distribution,) = services.distribute_factsheets(
        event, factsheets=[distributed], missions=[mission], by=users["organiser"]
    )
    return {
        "users": users,
        "event": event,
        "draft": draft,
        "submitted": submitted,
        "distributed": distributed,
        "mission": mission,
        "distribution": distribution,
    }


URLS = {
    "list": ("factsheets:factsheet_list", lambda w: []),
    "create": ("factsheets:factsheet_create", lambda w: []),
    "detail": ("factsheets:factsheet_detail", lambda w: [w["draft"].pk]),
    "edit": ("factsheets:factsheet_update", lambda w: [w["draft"].pk]),
    "submit": ("factsheets:factsheet_submit", lambda w: [w["draft"].pk]),
    "new-version": ("factsheets:file_create", lambda w: [w["draft"].pk]),
    "download": ("factsheets:file_download", lambda w: [w["draft"].pk, 1]),
    "review": ("factsheets:factsheet_review", lambda w: [w["submitted"].pk]),
    "delete": ("factsheets:factsheet_delete", lambda w: [w["draft"].pk]),
    "coverage": ("factsheets:coverage", lambda w: [w["event"].slug]),
    "distribute": ("factsheets:distribute", lambda w: [w["event"].slug]),
    "missions": ("factsheets:missions", lambda w: [w["event"].slug]),
    "remove-distribution": ("factsheets:distribution_remove", lambda w: [w["distribution"].pk]),
}


def url_for(world, name):
    url_name, args = URLS[name]
    return reverse(url_name, args=args(world))


POST_ONLY = {"submit", "remove-distribution"}
OK = 200
NO_ACCESS = "no access"
# url name -> expected status per role (after anonymous, who always goes to login, and the
# account with no role, which always goes to the no-access page). Another team's or
# another organisation's factsheet, and another team's event, is a 404; a visible one with
# the wrong role a 403.
GRID = {
    "list": {
        "owner": OK,
        "other_cso": OK,
        "unlinked_cso": OK,
        "organiser": OK,
        "organiser_b": OK,
        "report_admin": OK,
        "superuser": OK,
    },
    "create": {
        "owner": OK,
        "other_cso": OK,
        "unlinked_cso": OK,
        "organiser": 403,
        "organiser_b": 403,
        "report_admin": 403,
        "superuser": OK,
    },
    "detail": {
        "owner": OK,
        "other_cso": 404,
        "unlinked_cso": 404,
        "organiser": OK,
        "organiser_b": 404,
        "report_admin": OK,
        "superuser": OK,
    },
    "edit": {
        "owner": OK,
        "other_cso": 404,
        "unlinked_cso": 404,
        "organiser": 403,
        "organiser_b": 404,
        "report_admin": 403,
        "superuser": OK,
    },
    "submit": {
        "owner": 302,
        "other_cso": 404,
        "unlinked_cso": 404,
        "organiser": 403,
        "organiser_b": 404,
        "report_admin": 403,
        "superuser": 302,
    },
    "new-version": {
        "owner": OK,
        "other_cso": 404,
        "unlinked_cso": 404,
        "organiser": 403,
        "organiser_b": 404,
        "report_admin": 403,
        "superuser": OK,
    },
    "download": {
        "owner": OK,
        "other_cso": 404,
        "unlinked_cso": 404,
        "organiser": OK,
        "organiser_b": 404,
        "report_admin": OK,
        "superuser": OK,
    },
    "review": {
        "owner": 403,
        "other_cso": 404,
        "unlinked_cso": 404,
        "organiser": OK,
        "organiser_b": 404,
        "report_admin": 403,
        "superuser": OK,
    },
    "delete": {
        "owner": 403,
        "other_cso": 404,
        "unlinked_cso": 404,
        "organiser": OK,
        "organiser_b": 404,
        "report_admin": 403,
        "superuser": OK,
    },
    # Event pages: CSO staff of a linked organisation see the event (403), others not (404).
    "coverage": {
        "owner": 403,
        "other_cso": 403,
        "unlinked_cso": 404,
        "organiser": OK,
        "organiser_b": 404,
        "report_admin": OK,
        "superuser": OK,
    },
    "distribute": {
        "owner": 403,
        "other_cso": 403,
        "unlinked_cso": 404,
        "organiser": OK,
        "organiser_b": 404,
        "report_admin": 403,
        "superuser": OK,
    },
    "missions": {
        "owner": 403,
        "other_cso": 403,
        "unlinked_cso": 404,
        "organiser": OK,
        "organiser_b": 404,
        "report_admin": OK,
        "superuser": OK,
    },
    # Reached through its factsheet: who cannot see the factsheet gets a 404.
    "remove-distribution": {
        "owner": 403,
        "other_cso": 404,
        "unlinked_cso": 404,
        "organiser": 302,
        "organiser_b": 404,
        "report_admin": 403,
        "superuser": 302,
    },
}
# What a successful page must show.
CONTENT = {
    "list": "Draft on land",
    "create": "New factsheet",
    "detail": "Draft on land",
    "edit": "Edit factsheet",
    "new-version": "Upload a new version",
    "review": "Record decision",
    "delete": "Delete “Draft on land”?",
    "coverage": "Persons living with disabilities",
    "distribute": "Approved on justice",
    "missions": "Embassy of Sweden",
}
# Where a role sees something else than the others.
CONTENT_FOR_ROLE = {
    ("list", "other_cso"): "No factsheets yet.",
    ("list", "unlinked_cso"): "No factsheets yet.",
    ("list", "organiser_b"): "No factsheets yet.",
    ("create", "unlinked_cso"): "Your organisation is not linked to any event yet.",
}


def expected_status(name, role):
    if role == "anonymous":
        return 302
    if role == "no_role":
        return NO_ACCESS
    return GRID[name][role]


CASES = [(name, role, expected_status(name, role)) for name in GRID for role in ROLES]


@pytest.mark.parametrize(
    ("name", "role", "expected"), CASES, ids=[f"{name}-{role}" for name, role, _ in CASES]
)
def test_permission_grid(client, world, name, role, expected):
    user = world["users"][role]
    if user:
        client.force_login(user)
    url = url_for(world, name)

    response = client.post(url) if name in POST_ONLY else client.get(url)

    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    elif expected == NO_ACCESS:
        assert response.status_code == 302
        assert response.url == reverse("accounts:no_access")
    else:
        assert response.status_code == expected
    if expected == OK and name == "download":
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    elif expected == OK:
        assert CONTENT_FOR_ROLE.get((name, role), CONTENT[name]) in response.content.decode()


def test_permission_grid_covers_every_factsheets_url():
    from factsheets.urls import app_name, urlpatterns

    names = {f"{app_name}:{pattern.name}" for pattern in urlpatterns}

    assert names == {url_name for url_name, _ in URLS.values()}


@pytest.mark.parametrize("role", ROLES[1:], ids=ROLES[1:])
def test_visible_to_agrees_with_the_view_permission(world, role):
    user = world["users"][role]
    factsheets = Factsheet.objects.prefetch_related("organisations")

    visible = set(Factsheet.objects.visible_to(user))

    assert visible == {f for f in factsheets if user.has_perm("factsheets.view_factsheet", f)}


def test_visible_to_costs_no_query_per_factsheet(world, django_assert_max_num_queries):
    owner = world["users"]["owner"]
    for n in range(5):
        make_factsheet(by=owner, event=world["event"], title=f"More {n}")
    owner = type(owner).objects.get(pk=owner.pk)  # nothing cached yet

    with django_assert_max_num_queries(3):
        titles = list(Factsheet.objects.visible_to(owner).values_list("title", flat=True))

    assert len(titles) == 8


def test_visible_to_team_member_sees_only_their_teams_factsheets(world):
    other_event = factories.EventFactory(team=factories.TeamFactory(slug="team-b"))
    other_factsheet = factories.FactsheetFactory(event=other_event, title="Team B's")
    organiser_b = world["users"]["organiser_b"]

    organiser_a_sees = set(Factsheet.objects.visible_to(world["users"]["organiser"]))
    organiser_b_sees = set(Factsheet.objects.visible_to(organiser_b))

    assert other_factsheet not in organiser_a_sees
    assert organiser_a_sees == {world["draft"], world["submitted"], world["distributed"]}
    assert organiser_b_sees == {other_factsheet}


def test_co_author_not_linked_to_the_event_gets_404(client, world):
    partner = factories.cso_staff(organisation=factories.OrganisationFactory(name="Partner"))
    world["draft"].organisations.add(partner.organisation)
    client.force_login(partner)

    responses = [
        client.get(reverse("factsheets:factsheet_detail", args=[world["draft"].pk])),
        client.get(reverse("factsheets:file_download", args=[world["draft"].pk, 1])),
    ]

    assert [r.status_code for r in responses] == [404, 404]


def test_author_whose_organisation_is_no_longer_linked_gets_404(client, world):
    world["event"].invited_organisations.remove(world["users"]["owner"].organisation)
    client.force_login(world["users"]["owner"])

    response = client.get(reverse("factsheets:factsheet_detail", args=[world["draft"].pk]))

    assert response.status_code == 404


def test_list_other_organisation_sees_none_of_the_factsheets(client, world):
    client.force_login(world["users"]["other_cso"])

    page = client.get(reverse("factsheets:factsheet_list")).content.decode()

    assert "No factsheets yet." in page
    for title in ("Draft on land", "Submitted on labour", "Approved on justice"):
        assert title not in page


def test_co_authoring_organisation_sees_the_factsheet(client, world):
    partner = factories.cso_staff()
    world["draft"].organisations.add(partner.organisation)
    world["event"].invited_organisations.add(partner.organisation)
    client.force_login(partner)

    response = client.get(reverse("factsheets:factsheet_detail", args=[world["draft"].pk]))

    assert response.status_code == 200
    assert "Draft on land" in response.content.decode()


def test_cso_staff_guessing_ids_get_the_same_404(client, world):
    client.force_login(world["users"]["other_cso"])
    missing = Factsheet.all_objects.order_by("-pk").first().pk + 100

    responses = [
        client.get(reverse("factsheets:factsheet_detail", args=[pk]))
        for pk in (world["draft"].pk, missing)
    ] + [
        client.get(reverse("factsheets:file_download", args=[pk, 1]))
        for pk in (world["draft"].pk, missing)
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404]


def test_cso_without_organisation_sees_nothing(client, world):
    # Without an organisation (and a team) the account has no access at all.
    user = factories.cso_staff()
    user.organisation = None
    user.save()
    client.force_login(user)

    list_page = client.get(reverse("factsheets:factsheet_list"))
    detail = client.get(reverse("factsheets:factsheet_detail", args=[world["draft"].pk]))
    create = client.get(reverse("factsheets:factsheet_create"))

    assert "Draft on land" not in list_page.content.decode()
    assert {r.url for r in (list_page, detail, create)} == {reverse("accounts:no_access")}


def test_download_headers(client, world):
    client.force_login(world["users"]["organiser"])
    version = world["draft"].files.get()

    response = client.get(version.get_absolute_url())

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="factsheet.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_download_of_deleted_factsheet_is_404(client, world):
    organiser = world["users"]["organiser"]
    services.delete_factsheet(world["draft"], by=organiser)
    client.force_login(organiser)

    response = client.get(reverse("factsheets:file_download", args=[world["draft"].pk, 1]))

    assert response.status_code == 404


def test_detail_shows_mission_names_not_contact_details(client, world):
    client.force_login(world["users"]["owner"])

    page = client.get(world["distributed"].get_absolute_url()).content.decode()

    assert "Embassy of Sweden" in page
    assert "focal.point@example.org" not in page
    assert "+855 12 345 678" not in page
    assert "Upload a new version" not in page


def test_detail_lists_versions_with_page_count(client, world):
    author = world["users"]["owner"]
    services.add_file_version(
        world["draft"], uploaded_file=upload("second.pdf", pdf_bytes(pages=4)), by=author
    )
    client.force_login(author)

    page = client.get(world["draft"].get_absolute_url()).content.decode()

    assert "Version 2: second.pdf" in page
    assert "4 pages" in page
    assert "Version 1: factsheet.pdf" in page
    assert "1 page" in page


# --- creating and editing -------------------------------------------------------------


def create_data(event, **overrides):
    data = {
        "event": event.pk,
        "theme": event.themes.get(name="Labour Rights").pk,
        "title": "Labour rights",
        "language": "en",
        "summary": "Garment workers.",
        "recommendations-TOTAL_FORMS": "3",
        "recommendations-INITIAL_FORMS": "0",
        "recommendations-MIN_NUM_FORMS": "0",
        "recommendations-MAX_NUM_FORMS": "1000",
        "recommendations-0-text": "Raise the minimum wage.",
        "recommendations-0-ORDER": "2",
        "recommendations-1-text": "Ratify ILO convention 87.",
        "recommendations-1-ORDER": "1",
        "recommendations-2-text": "",
        "recommendations-2-ORDER": "",
    }
    data.update(overrides)
    return data


def test_create_factsheet_page_saves_draft(client, world, storage_dir):
    owner = world["users"]["owner"]
    partner = factories.OrganisationFactory(name="Workers' Coalition")
    client.force_login(owner)
    files_before = len(stored_files(storage_dir))

    response = client.post(
        reverse("factsheets:factsheet_create"),
        create_data(
            world["event"],
            file=upload("labour.odt", odt_bytes()),
            co_authors=[partner.pk],
        ),
    )

    factsheet = Factsheet.objects.get(title="Labour rights")
    assert response.status_code == 302
    assert response.url == factsheet.get_absolute_url()
    assert set(factsheet.organisations.all()) == {owner.organisation, partner}
    assert list(factsheet.recommendations.values_list("text", flat=True)) == [
        "Ratify ILO convention 87.",
        "Raise the minimum wage.",
    ]
    assert factsheet.files.get().content_type == "application/vnd.oasis.opendocument.text"
    assert len(stored_files(storage_dir)) == files_before + 1


BAD_UPLOADS = [
    ("page.pdf", b"<html><body>hi</body></html>", "web page"),
    ("image.pdf", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
    ("setup.pdf", b"MZ\x90\x00\x03" + b"\0" * 100, "program or script"),
    ("polyglot.pdf", b"<html><script>x()</script></html>%PDF-1.4\n" + pdf_bytes(), "web page"),
    ("broken.pdf", b"%PDF-1.7\ngarbage", "could not be read"),
    ("bomb.docx", None, "zip bomb"),
    ("big.pdf", pdf_bytes() + b"\n" * 3000, "larger than 2.4\xa0KB, the largest accepted"),
]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    BAD_UPLOADS,
    ids=["html", "svg", "exe", "html-pdf-polyglot", "unparsable-pdf", "zip-bomb", "too-large"],
)
def test_create_factsheet_bad_file_shows_error_and_writes_nothing(
    client, world, storage_dir, settings, name, content, message
):
    settings.UPLOAD_MAX_BYTES = 2500
    client.force_login(world["users"]["owner"])
    files_before = stored_files(storage_dir)
    rows_before = (Factsheet.all_objects.count(), FactsheetFile.objects.count())
    if content is None:
        settings.UPLOAD_MAX_BYTES = 10 * 2**20
        content = zip_of_bomb()

    response = client.post(
        reverse("factsheets:factsheet_create"),
        create_data(world["event"], file=upload(name, content)),
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "The factsheet was not saved." in response.content.decode()
    assert stored_files(storage_dir) == files_before
    assert (Factsheet.all_objects.count(), FactsheetFile.objects.count()) == rows_before


def test_create_factsheet_recommendation_too_long_keeps_input(client, world, storage_dir):
    client.force_login(world["users"]["owner"])
    files_before = stored_files(storage_dir)

    response = client.post(
        reverse("factsheets:factsheet_create"),
        create_data(world["event"], file=upload(), **{"recommendations-0-text": "x" * 1001}),
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value has at most 1000 characters (it has 1001)." in page
    assert "Ratify ILO convention 87." in page
    assert stored_files(storage_dir) == files_before
    assert not Factsheet.objects.filter(title="Labour rights").exists()


def test_edit_factsheet_reorders_edits_and_removes_recommendations(client, world):
    owner = world["users"]["owner"]
    factsheet = make_factsheet(
        by=owner, event=world["event"], recommendations=("First.", "Second.", "Third.")
    )
    client.force_login(owner)
    data = create_data(
        world["event"],
        title="Land rights, revised",
        **{
            "recommendations-TOTAL_FORMS": "4",
            "recommendations-INITIAL_FORMS": "3",
            "recommendations-0-text": "First, reworded.",
            "recommendations-0-ORDER": "2",
            "recommendations-1-text": "Second.",
            "recommendations-1-ORDER": "3",
            "recommendations-1-DELETE": "on",
            "recommendations-2-text": "Third.",
            "recommendations-2-ORDER": "1",
            "recommendations-3-text": "A new fourth.",
            "recommendations-3-ORDER": "4",
        },
    )

    response = client.post(reverse("factsheets:factsheet_update", args=[factsheet.pk]), data)

    assert response.status_code == 302
    factsheet.refresh_from_db()
    assert factsheet.title == "Land rights, revised"
    assert list(factsheet.recommendations.values_list("text", flat=True)) == [
        "Third.",
        "First, reworded.",
        "A new fourth.",
    ]
    assert world["users"]["owner"].organisation in factsheet.organisations.all()


def test_edit_submitted_factsheet_redirects_with_message(client, world):
    client.force_login(world["users"]["owner"])

    response = client.get(
        reverse("factsheets:factsheet_update", args=[world["submitted"].pk]), follow=True
    )

    assert "only a draft or a sent-back one can be edited" in response.content.decode()


def test_new_version_page_uploads_and_lists_versions(client, world, storage_dir):
    client.force_login(world["users"]["owner"])

    response = client.post(
        reverse("factsheets:file_create", args=[world["draft"].pk]),
        {"file": upload("Land v2.docx", docx_bytes())},
        follow=True,
    )

    page = response.content.decode()
    assert "Version 2 was uploaded." in page
    assert "Version 2: Land_v2.docx" in page
    assert "Version 1: factsheet.pdf" in page


def test_new_version_page_bad_file_writes_nothing(client, world, storage_dir):
    client.force_login(world["users"]["owner"])
    files_before = stored_files(storage_dir)

    response = client.post(
        reverse("factsheets:file_create", args=[world["draft"].pk]),
        {"file": upload("evil.pdf", b"<svg onload=alert(1)></svg>")},
    )

    assert response.status_code == 400
    assert "SVG image" in response.content.decode()
    assert stored_files(storage_dir) == files_before
    assert world["draft"].files.count() == 1


def test_new_version_of_distributed_factsheet_refused(client, world):
    client.force_login(world["users"]["owner"])

    response = client.post(
        reverse("factsheets:file_create", args=[world["distributed"].pk]),
        {"file": upload()},
    )

    assert response.status_code == 400
    assert "already been handed to missions" in response.content.decode()
    assert world["distributed"].files.count() == 1


# --- review ---------------------------------------------------------------------------


def test_submit_then_review_send_back_shows_comment_to_authors(client, world):
    owner, organiser = world["users"]["owner"], world["users"]["organiser"]
    draft = world["draft"]
    client.force_login(owner)
    client.post(reverse("factsheets:factsheet_submit", args=[draft.pk]))
    client.force_login(organiser)

    client.post(
        reverse("factsheets:factsheet_review", args=[draft.pk]),
        {"decision": "return", "comment": "Please cite the 2017 land survey.", "version": 1},
    )

    draft.refresh_from_db()
    assert draft.status == FactsheetStatus.RETURNED
    client.force_login(owner)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Sent back by the organisers:" in page
    assert "Please cite the 2017 land survey." in page
    assert "Submit for review" in page


def test_review_send_back_without_comment_shows_error(client, world):
    client.force_login(world["users"]["organiser"])
    submitted = world["submitted"]

    response = client.post(
        reverse("factsheets:factsheet_review", args=[submitted.pk]),
        {"decision": "return", "version": 1},
    )

    assert response.status_code == 400
    assert "Say what the authors should change." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == FactsheetStatus.SUBMITTED


def test_review_approve(client, world):
    client.force_login(world["users"]["organiser"])
    submitted = world["submitted"]

    response = client.post(
        reverse("factsheets:factsheet_review", args=[submitted.pk]),
        {"decision": "approve", "version": 1},
    )

    assert response.url == reverse("factsheets:coverage", args=[world["event"].slug])
    submitted.refresh_from_db()
    assert submitted.status == FactsheetStatus.APPROVED


def test_delete_page_soft_deletes(client, world, storage_dir):
    client.force_login(world["users"]["organiser"])
    files_before = stored_files(storage_dir)

    client.post(reverse("factsheets:factsheet_delete", args=[world["draft"].pk]))

    assert not Factsheet.objects.filter(pk=world["draft"].pk).exists()
    assert Factsheet.all_objects.get(pk=world["draft"].pk).deleted_at is not None
    assert stored_files(storage_dir) == files_before


# --- coverage and distribution --------------------------------------------------------


def test_coverage_shows_themes_statuses_and_missing_themes(client, world):
    client.force_login(world["users"]["organiser"])

    page = client.get(reverse("factsheets:coverage", args=[world["event"].slug])).content.decode()

    # All three factsheets are on the first theme: twelve themes are missing.
    assert "12 themes have no factsheet:" in page
    assert page.count("No factsheet for this theme") == 12
    assert "Draft on land" in page and "Submitted on labour" in page
    assert ">Submitted for review<" in page and ">Approved<" in page
    assert "1/13" in page


def test_coverage_tiles_say_one_factsheet_and_one_mission_in_the_singular(client, world):
    client.force_login(world["users"]["organiser"])

    response = client.get(reverse("factsheets:coverage", args=[world["event"].slug]))

    page = " ".join(response.content.decode().split())
    assert (response.context["disseminated"], response.context["missions_reached"]) == (1, 1)
    assert (
        '<div class="display-6">1</div><div class="text-body-secondary">factsheet disseminated<'
        in page
    )
    assert '<div class="display-6">1</div><div class="text-body-secondary">mission reached<' in page
    assert "themes with an approved factsheet" in page  # 1/13: the plural of the 13


def test_coverage_lists_only_the_events_themes(client, world):
    team = world["event"].team
    chosen = list(team.themes.order_by("order"))[:3]
    event = factories.EventFactory(title="Geneva briefing", themes=chosen)
    event.invited_organisations.add(world["users"]["owner"].organisation)
    make_factsheet(by=world["users"]["owner"], event=event, theme=chosen[0], title="Women")
    client.force_login(world["users"]["organiser"])

    page = client.get(reverse("factsheets:coverage", args=[event.slug])).content.decode()

    assert "2 themes have no factsheet:" in page
    assert page.count("No factsheet for this theme") == 2
    assert "0/3" in page
    assert "Khmer Krom rights" not in page


def test_coverage_keeps_a_theme_taken_off_the_event_while_it_has_a_factsheet(client, world):
    event = world["event"]
    first_theme = world["draft"].theme
    event.themes.remove(first_theme)
    client.force_login(world["users"]["organiser"])

    page = client.get(reverse("factsheets:coverage", args=[event.slug])).content.decode()

    assert escape(first_theme.name) in page
    assert "Draft on land" in page
    assert "12 themes have no factsheet:" in page
    assert "1/13" in page


def test_factsheet_without_a_file_says_so_on_its_page_and_in_the_list(client, db):
    factsheet = factories.FactsheetFactory(title="Paper only")
    client.force_login(factories.organiser(factsheet.event.team))

    detail = client.get(factsheet.get_absolute_url()).content.decode()
    listing = client.get(reverse("factsheets:factsheet_list")).content.decode()

    assert "No file uploaded yet." in detail
    assert "Paper only" in listing and "No file yet" in listing


def test_detail_shows_who_reviewed_the_factsheet(client, world):
    organiser = world["users"]["organiser"]
    organiser.first_name, organiser.last_name = "Sokha", "Chan"
    organiser.save()
    client.force_login(world["users"]["owner"])

    page = client.get(world["distributed"].get_absolute_url()).content.decode()

    assert "Last reviewed by Sokha Chan on" in page


def test_review_page_records_the_reviewer(client, world):
    organiser = world["users"]["organiser"]
    client.force_login(organiser)

    client.post(
        reverse("factsheets:factsheet_review", args=[world["submitted"].pk]),
        {"decision": "approve", "version": 1},
    )

    world["submitted"].refresh_from_db()
    assert world["submitted"].reviewed_by == organiser


def test_other_teams_organiser_cannot_reach_factsheets_through_any_url(client, world):
    client.force_login(world["users"]["organiser_b"])
    gets = ["detail", "edit", "new-version", "download", "review", "delete"]
    gets += ["coverage", "distribute", "missions"]

    statuses = [client.get(url_for(world, name)).status_code for name in gets]
    statuses += [client.post(url_for(world, name)).status_code for name in POST_ONLY]

    assert statuses == [404] * (len(gets) + len(POST_ONLY))
    assert Distribution.objects.count() == 1
    world["draft"].refresh_from_db()
    assert world["draft"].status == FactsheetStatus.DRAFT


def test_list_shows_other_teams_organiser_none_of_the_factsheets(client, world):
    client.force_login(world["users"]["organiser_b"])

    page = client.get(reverse("factsheets:factsheet_list")).content.decode()

    assert "No factsheets yet." in page
    assert "Cambodia pre-session" not in page


def test_list_offers_event_actions_to_the_events_team_only(client, world):
    client.force_login(world["users"]["report_admin"])

    page = client.get(reverse("factsheets:factsheet_list")).content.decode()

    assert reverse("factsheets:coverage", args=[world["event"].slug]) in page
    assert reverse("factsheets:distribute", args=[world["event"].slug]) not in page


def test_distribute_page_records_pairs(client, world):
    organiser = world["users"]["organiser"]
    services.review_factsheet(world["submitted"], approve=True, comment="", version=1, by=organiser)
    second_mission = factories.MissionFactory()
    day = factories.ProgrammeDayFactory(event=world["event"], date=world["event"].end_date)
    client.force_login(organiser)

    response = client.post(
        reverse("factsheets:distribute", args=[world["event"].slug]),
        {
            "factsheets": [world["submitted"].pk, world["distributed"].pk],
            "missions": [world["mission"].pk, second_mission.pk],
            "day": day.pk,
        },
        follow=True,
    )

    assert "Recorded 3 new distributions. 1 was already recorded." in response.content.decode()
    assert Distribution.objects.filter(day=day).count() == 3
    assert "2 factsheets disseminated to 2 missions." in response.content.decode()


def test_distribute_page_offers_only_approved_factsheets(client, world):
    client.force_login(world["users"]["organiser"])

    response = client.post(
        reverse("factsheets:distribute", args=[world["event"].slug]),
        {"factsheets": [world["draft"].pk], "missions": [world["mission"].pk]},
    )

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert Distribution.objects.count() == 1


def test_remove_distribution(client, world):
    client.force_login(world["users"]["organiser"])

    client.post(reverse("factsheets:distribution_remove", args=[world["distribution"].pk]))

    assert Distribution.objects.count() == 0


# --- query counts ---------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_rows(world, count):
    owner = world["users"]["owner"]
    themes = list(world["event"].themes.order_by("order"))
    for n in range(count):
        factsheet = make_factsheet(
            by=owner, event=world["event"], theme=themes[n % 13], title=f"Extra {n}"
        )
        factsheet.organisations.add(factories.OrganisationFactory())
        services.add_file_version(factsheet, uploaded_file=upload(), by=owner)
        approve(factsheet, author=owner, reviewer=world["users"]["organiser"])
        services.distribute_factsheets(
            world["event"],
            factsheets=[factsheet],
            missions=[factories.MissionFactory()],
            day=None,
            by=world["users"]["organiser"],
        )


@pytest.mark.parametrize(
    ("role", "page_name"),
    [
        ("owner", "list"),
        ("organiser", "list"),
        ("organiser", "coverage"),
        ("report_admin", "missions"),
    ],
    ids=["list-cso", "list-organiser", "coverage", "missions"],
)
def test_query_count_does_not_grow_with_rows(client, world, role, page_name):
    # Not `page`: pytest-playwright's fixture of that name would make this a browser test.
    client.force_login(world["users"][role])
    url = url_for(world, page_name)
    few = count_queries(client, url)

    add_rows(world, 15)
    many = count_queries(client, url)

    assert many == few


def test_download_khmer_file_name_is_encoded_in_header(client, world):
    owner = world["users"]["owner"]
    version = services.add_file_version(
        world["draft"], uploaded_file=upload("របាយការណ៍.pdf"), by=owner
    )
    client.force_login(owner)

    response = client.get(version.get_absolute_url())

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E1%9E%9A%E1%9E%94%E1%9E%B6%E1%9E%99%E1%9E%80"
        "%E1%9E%B6%E1%9E%9A%E1%9E%8E%E1%9F%8D.pdf"
    )


@pytest.mark.parametrize(
    ("role", "linked"),
    [("organiser", True), ("report_admin", False), ("owner", False)],
    ids=["organiser", "report_admin", "owner"],
)
def test_detail_links_the_change_history_for_reviewers_only(client, world, role, linked):
    client.force_login(world["users"][role])
    history_url = reverse("security:history", args=["factsheet", world["draft"].pk])

    page = client.get(world["draft"].get_absolute_url()).content.decode()

    assert (history_url in page) == linked


def test_the_linked_change_history_opens_for_the_reviewer(client, world):
    client.force_login(world["users"]["organiser"])
    history_url = reverse("security:history", args=["factsheet", world["draft"].pk])

    response = client.get(history_url)

    assert response.status_code == 200


@pytest.mark.parametrize("damage", ["file-deleted", "name-emptied"])
def test_download_of_a_lost_file_is_a_404_page_that_says_so(client, world, damage):
    version = world["draft"].files.get()
    if damage == "file-deleted":
        version.file.storage.delete(version.file.name)
    else:
        FactsheetFile.objects.filter(pk=version.pk).update(file="")
    client.force_login(world["users"]["organiser"])

    response = client.get(version.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 404
    assert "can no longer be read from the server" in page
    assert f'href="{world["draft"].get_absolute_url()}"' in page


def test_new_version_page_error_asks_to_choose_the_file_again(client, world):
    client.force_login(world["users"]["owner"])

    response = client.post(
        reverse("factsheets:file_create", args=[world["draft"].pk]),
        {"file": upload("notes.pdf", b"not a pdf at all")},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "The new version was not uploaded." in page
    assert "please choose the file again" in page
    assert world["draft"].files.count() == 1


def test_missions_page_says_one_mission_in_the_singular(client, world):
    client.force_login(world["users"]["organiser"])

    page = client.get(url_for(world, "missions")).content.decode()

    assert "1 factsheet disseminated to 1 mission." in page
    assert "1 missions" not in page


def test_missions_page_says_no_mission_in_the_french_singular(client, world):
    Distribution.objects.all().delete()
    client.force_login(world["users"]["organiser"])

    page = client.get(url_for(world, "missions"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "0 fiche d'information remise à 0 mission." in page


def test_review_page_carries_the_version_it_shows(client, world):
    client.force_login(world["users"]["organiser"])

    page = client.get(reverse("factsheets:factsheet_review", args=[world["submitted"].pk]))

    assert 'name="version" value="1"' in page.content.decode()


def test_approving_a_version_that_is_no_longer_the_latest_is_refused(client, world):
    submitted = world["submitted"]
    services.add_file_version(submitted, uploaded_file=upload(), by=world["users"]["owner"])
    client.force_login(world["users"]["organiser"])

    response = client.post(
        reverse("factsheets:factsheet_review", args=[submitted.pk]),
        {"decision": "approve", "version": 1},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Version 2 was uploaded after you opened this page." in page
    assert 'name="version" value="2"' in page
    submitted.refresh_from_db()
    assert (submitted.status, submitted.reviewed_by) == (FactsheetStatus.SUBMITTED, None)


def test_a_co_author_cannot_remove_the_lead_organisation(client, world):
    owner_org = world["users"]["owner"].organisation
    co_author = world["users"]["other_cso"]
    draft = world["draft"]
    draft.organisations.add(co_author.organisation)
    client.force_login(co_author)
    data = {
        "theme": draft.theme_id,
        "title": "Draft on land, edited",
        "language": draft.language,
        "summary": "",
        "recommendations-TOTAL_FORMS": "1",
        "recommendations-INITIAL_FORMS": "0",
        "recommendations-MIN_NUM_FORMS": "0",
        "recommendations-MAX_NUM_FORMS": "1000",
        "recommendations-0-text": "Ratify the convention.",
        "recommendations-0-ORDER": "1",
    }

    response = client.post(reverse("factsheets:factsheet_update", args=[draft.pk]), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Draft on land, edited"
    assert set(draft.organisations.all()) == {owner_org, co_author.organisation}
    client.force_login(world["users"]["owner"])
    assert client.get(draft.get_absolute_url()).status_code == 200
