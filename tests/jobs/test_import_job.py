import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobs.models import Job, JobStatus
from participants.importing import SESSION_KEY
from participants.models import Registration
from tests.factories import EventFactory, OrganisationFactory, organiser

CSV = (
    b"Given name,Family name,Gender,Organisation,E-mail,Role\n"
    b"Dara,Sok,M,CCHR,d@example.org,speaker\n"
)


def upload(client, event, content=CSV):
    url = reverse("participants:import_upload", kwargs={"slug": event.slug, "kind": "participants"})
    return client.post(url, {"file": SimpleUploadedFile("people.csv", content)})


@pytest.fixture
def queue_imports(settings, private_storage):
    settings.UPR_IMPORT_INLINE_MAX_ROWS = 0
    return private_storage


@pytest.mark.django_db
def test_big_import_is_confirmed_by_a_job(client, queue_imports):
    event = EventFactory()
    client.force_login(organiser())
    preview_url = upload(client, event).url

    confirmed = client.post(preview_url, {"confirm": "1"})

    job = Job.objects.get()
    assert confirmed.url == job.get_absolute_url()
    assert (job.kind, job.status, job.total) == ("participants.import", JobStatus.DONE, 1)
    assert job.result.read().decode() == "1 row imported: 1 new, 0 updated, 0 unchanged."
    assert Registration.objects.get().person.full_name == "Dara Sok"
    assert client.session[SESSION_KEY] == {}
    assert [path for path in (queue_imports / "imports").rglob("*") if path.is_file()] == []


@pytest.mark.django_db
def test_import_job_with_a_bad_row_fails_and_writes_nothing(client, queue_imports):
    event = EventFactory()
    client.force_login(organiser())
    preview_url = upload(client, event).url
    # Between preview and confirm a second organisation takes the acronym the file uses.
    OrganisationFactory(name="Cambodian Center for Human Rights", acronym="CCHR")
    OrganisationFactory(name="Cambodian Children's Human Rights", acronym="CCHR")

    client.post(preview_url, {"confirm": "1"})
    page = client.get(Job.objects.get().get_absolute_url()).content.decode()

    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert "Nothing was imported" in job.error
    assert "acronym of several organisations" in page
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_big_import_job_reports_its_progress_every_500_rows(client, queue_imports):
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = EventFactory()
    client.force_login(organiser())
    rows = b"".join(
        b"Person%d,Sok,F,CCHR,p%d@example.org,participant\n" % (index, index)
        for index in range(1200)
    )
    preview_url = upload(client, event, CSV.splitlines(keepends=True)[0] + rows).url

    with CaptureQueriesContext(connection) as queries:
        client.post(preview_url, {"confirm": "1"})

    reported = [
        int(match.group(1))
        for query in queries.captured_queries
        if query["sql"].startswith('UPDATE "jobs_job" SET "done"')
        for match in [re.search(r'SET "done" = (\d+)', query["sql"])]
        if match
    ]
    assert reported == [500, 1000, 1200]
    assert Job.objects.get().status == JobStatus.DONE
    assert Registration.objects.count() == 1200


@pytest.mark.django_db
def test_progress_page_shows_the_count_of_work_still_in_its_transaction(client):
    import contextlib

    from django.db import transaction

    from jobs.services import Progress

    user = organiser()
    job = Job.objects.create(
        team=EventFactory().team,
        kind="participants.import",
        label="Import",
        created_by=user,
        total=1200,
        status=JobStatus.RUNNING,
    )
    client.force_login(user)
    # The import writes all or nothing: its UPDATE of the job row is not committed yet
    # (rolled back here), what another request reads is the shared cache.
    with contextlib.suppress(RuntimeError), transaction.atomic():
        Progress(job, every=500)(500)
        raise RuntimeError

    page = client.get(reverse("jobs:job_progress", kwargs={"pk": job.pk})).content.decode()

    assert Job.objects.get().done == 0
    assert "500 of 1,200" in page
