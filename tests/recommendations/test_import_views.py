"""The in-app import of recommendation files: upload -> preview -> confirm, on the real
files (tests/data/recommendations)."""

import csv
import io
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from jobs.models import Job, JobStatus
from recommendations.importing import OPTIONS_KEY, ImportFileError, check_file, describe
from recommendations.models import Recommendation, RecommendingState, Review
from recommendations.services import ImportSummary, import_recommendations
from tests import factories
from tests.recommendations.conftest import (
    SLOVENIA_ADDENDUM,
    SLOVENIA_REPORT,
    UPR_INFO_CSV,
    UPR_INFO_XLS,
)

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def team():
    return factories.TeamFactory(slug="team-a")


@pytest.fixture
def organiser_client(client, team, private_storage):
    client.force_login(factories.organiser(team))
    return client


def upload_url(team):
    return reverse("recommendations:import_upload", args=[team.slug])


def upload(client, team, path=None, *, content=None, name=None, **options):
    data = {
        "file": SimpleUploadedFile(
            name or path.name, content if content is not None else path.read_bytes()
        ),
        **options,
    }
    return client.post(upload_url(team), data)


def stored_files(root):
    return sorted(str(p.relative_to(root)) for p in Path(root).rglob("*") if p.is_file())


def test_upload_preview_confirm_of_cambodia_session_6_gives_138(organiser_client, team, settings):
    response = upload(organiser_client, team, UPR_INFO_XLS, state_under_review="KH", cycle="1")

    assert response.status_code == 302
    assert Recommendation.objects.count() == 0
    assert stored_files(settings.PRIVATE_MEDIA_ROOT)[0].startswith(f"imports/{team.pk}/")
    preview = organiser_client.get(response.url)
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Cambodia, cycle 1" in page and "new review" in page
    assert ">138</td>" in page  # new
    assert "Supported: 138" in page
    assert "8205 recommendations of other States or cycles in the file are left out." in page
    assert Review.objects.count() == 0  # the preview wrote nothing

    confirmed = organiser_client.post(response.url, {"confirm": "1"})

    review = Review.objects.get(team=team)
    assert confirmed.status_code == 302
    assert (review.state_under_review.code, review.cycle, review.wg_session) == ("KH", 1, 6)
    assert review.recommendations.count() == 138
    assert (
        RecommendingState.objects.filter(recommendation__review=review)
        .values("country")
        .distinct()
        .count()
        == 47
    )
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []
    assert organiser_client.session[OPTIONS_KEY] == {}


def test_confirming_twice_writes_once(organiser_client, team):
    response = upload(organiser_client, team, UPR_INFO_CSV)
    organiser_client.post(response.url, {"confirm": "1"})

    again = organiser_client.post(response.url, {"confirm": "1"})

    assert again.status_code == 404  # the upload is gone from the session
    assert Recommendation.objects.count() == 138


def test_reimport_changes_nothing(organiser_client, team):
    first = upload(organiser_client, team, UPR_INFO_CSV)
    organiser_client.post(first.url, {"confirm": "1"})
    before = list(Recommendation.objects.order_by("pk").values_list("pk", "updated_at"))

    second = upload(organiser_client, team, UPR_INFO_CSV)
    page = organiser_client.get(second.url).content.decode()
    organiser_client.post(second.url, {"confirm": "1"})

    assert "Everything in this file is already up to date." in page
    assert list(Recommendation.objects.order_by("pk").values_list("pk", "updated_at")) == before
    assert Recommendation.history.filter(history_type="~").count() == 0


def test_a_file_with_a_bad_row_writes_nothing_and_keeps_the_choices(
    organiser_client, team, settings
):
    event = factories.EventFactory(team=team, title="Phnom Penh pre-session")
    rows = list(csv.reader(io.StringIO(UPR_INFO_CSV.read_text(encoding="utf-8"))))
    rows[5][4] = "Atlantis"  # the recommending State of the file's row 6
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    bad = out.getvalue().encode()

    response = upload(
        organiser_client,
        team,
        content=bad,
        name="cambodia.csv",
        state_under_review="KH",
        cycle="1",
        event=str(event.pk),
    )

    page = response.content.decode()
    assert response.status_code == 422
    assert "Unknown State name: “Atlantis”." in page
    assert "row 6" in page
    assert 'value="KH" selected' in page
    assert f'value="{event.pk}" selected' in page
    assert Review.objects.count() == Recommendation.objects.count() == 0
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def _docx_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", "<w:document>" + " " * (120 * 1024 * 1024) + "</w:document>"
        )
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", PNG, "This file is not one the importers read"),
        ("export.xls", b"", "The submitted file is empty."),
        ("list.docx", _docx_bomb(), "This file unpacks to more than 100 MB"),
    ],
    ids=["renamed-png", "empty", "zip-bomb-docx"],
)
def test_hostile_files_are_refused_and_leave_no_stored_file(
    organiser_client, team, settings, name, content, message
):
    response = upload(organiser_client, team, content=content, name=name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []
    assert Review.objects.count() == 0


def test_upload_page_preselects_the_review_of_the_query(organiser_client, team):
    review = factories.ReviewFactory(team=team, state_under_review="KH", cycle=1)

    response = organiser_client.get(upload_url(team) + f"?review={review.pk}")

    assert f'<option value="{review.pk}" selected>' in response.content.decode()


def test_report_then_export_shows_the_attribution_difference(
    organiser_client, team, cambodia_report
):
    import_recommendations(None, cambodia_report, team=team, by=None)
    review = Review.objects.get(team=team)

    response = upload(organiser_client, team, UPR_INFO_CSV, review=str(review.pk))
    page = organiser_client.get(response.url).content.decode()

    assert "82.10: the report names Brunei Darussalam; the UPR Info export, Brazil." in page
    assert review.recommendations.count() == 91


def test_preview_of_an_expired_upload_says_so(organiser_client, team, settings):
    response = upload(organiser_client, team, UPR_INFO_CSV)
    for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.csv"):
        path.unlink()

    expired = organiser_client.get(response.url, follow=True)

    assert "This upload has expired" in expired.content.decode()


def test_another_users_upload_is_not_found(organiser_client, team, client):
    response = upload(organiser_client, team, UPR_INFO_CSV)
    other = factories.organiser(team)
    organiser_client.force_login(other)

    assert organiser_client.get(response.url).status_code == 404


def test_big_import_is_confirmed_by_a_job(organiser_client, team, settings):
    settings.UPR_IMPORT_INLINE_MAX_ROWS = 100
    preview_url = upload(organiser_client, team, UPR_INFO_CSV).url

    confirmed = organiser_client.post(preview_url, {"confirm": "1"})

    job = Job.objects.get()
    assert confirmed.url == job.get_absolute_url()
    assert (job.kind, job.status, job.total) == ("recommendations.import", JobStatus.DONE, 138)
    assert job.result.read().decode() == (
        "Recommendations imported: 138 new, 0 updated, 0 unchanged."
    )
    assert Review.objects.get(team=team).recommendations.count() == 138
    assert stored_files(Path(settings.PRIVATE_MEDIA_ROOT) / "imports") == []


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((1, 1, 2), "Recommandations importées\u00a0: 1 nouvelle, 1 mise à jour, 2 inchangées."),
        ((3, 0, 1), "Recommandations importées\u00a0: 3 nouvelles, 0 mise à jour, 1 inchangée."),
    ],
    ids=["one-new", "several-new"],
)
def test_import_summary_agrees_each_count_in_french(counts, expected):
    created, updated, unchanged = counts
    summary = ImportSummary(reviews=(), created=created, updated=updated, unchanged=unchanged)

    with translation.override("fr"):
        assert describe(summary) == expected


def test_report_with_its_addendum_imports_the_responses(organiser_client, team, settings):
    response = organiser_client.post(
        upload_url(team),
        {
            "file": SimpleUploadedFile(SLOVENIA_REPORT.name, SLOVENIA_REPORT.read_bytes()),
            "addendum": SimpleUploadedFile(SLOVENIA_ADDENDUM.name, SLOVENIA_ADDENDUM.read_bytes()),
        },
    )
    page = organiser_client.get(response.url).content.decode()

    organiser_client.post(response.url, {"confirm": "1"})

    review = Review.objects.get(team=team)
    assert "Supported: 182" in page and "Noted: 33" in page
    assert (review.state_under_review.code, review.cycle) == ("SI", 3)
    assert Counter(review.recommendations.values_list("response", flat=True)) == {
        "supported": 182,
        "noted": 33,
    }
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_import_links_the_review_to_the_event_chosen(organiser_client, team):
    event = factories.EventFactory(team=team, country_under_review="KH")

    response = upload(organiser_client, team, UPR_INFO_CSV, event=str(event.pk))
    organiser_client.post(response.url, {"confirm": "1"})

    assert list(event.reviews.values_list("state_under_review", "cycle")) == [("KH", 1)]


def test_an_event_about_another_state_refuses_the_import(organiser_client, team):
    event = factories.EventFactory(team=team, country_under_review="SI")

    response = upload(organiser_client, team, UPR_INFO_CSV, event=str(event.pk))

    assert response.status_code == 422
    assert "The event prepares the review of another State." in response.content.decode()
    assert Review.objects.count() == Recommendation.objects.count() == 0


def test_unpacked_size_refusal_writes_megabytes_as_french_does(settings):
    settings.IMPORT_XLSX_MAX_MEMBER_BYTES = int(2.5 * 1024 * 1024)

    with translation.override("fr"), pytest.raises(ImportFileError) as refused:
        check_file(_docx_bomb())

    assert "dépasse 2,5 Mo (word/document.xml pèse à lui seul 120,0 Mo)" in refused.value.message
