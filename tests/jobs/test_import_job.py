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
