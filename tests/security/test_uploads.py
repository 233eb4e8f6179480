"""The upload size limit holds while the body is read: a huge upload is refused after one
chunk past the limit, not after it was received and spooled to disk."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from factsheets.models import FactsheetFile
from security.uploads import RefusedUpload
from tests import factories
from tests.factsheets.conftest import make_factsheet, pdf_bytes, stored_files

BOUNDARY = "upr-test-boundary"
GIGABYTE = 2**30


class StreamedMultipartBody:
    """A multipart body produced as it is read, with one file of `file_size` bytes of
    filler: a 1 GB request without 1 GB in memory. Counts the bytes the server read."""

    def __init__(self, *, file_size, fields=(), file_field="file", file_head=b""):
        head = b"".join(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + f"{value}\r\n".encode()
            for name, value in fields
        )
        head += (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode() + file_head
        self.parts = [
            (head, len(head)),
            (None, file_size - len(file_head)),
            (f"\r\n--{BOUNDARY}--\r\n".encode(), len(BOUNDARY) + 8),
        ]
        self.length = sum(size for _, size in self.parts)
        self.bytes_read = 0

    def read(self, size=-1):
        if size is None or size < 0:
            size = self.length - self.bytes_read
        chunks = []
        position, wanted = self.bytes_read, min(size, self.length - self.bytes_read)
        for data, part_size in self.parts:
            if not wanted:
                break
            if position >= part_size:
                position -= part_size
                continue
            taken = min(wanted, part_size - position)
            chunks.append(b"x" * taken if data is None else data[position : position + taken])
            wanted -= taken
            position = 0
        piece = b"".join(chunks)
        self.bytes_read += len(piece)
        return piece

    def readline(self, size=-1):
        # Django's LimitedStream wants the method; the multipart parser only calls read().
        raise NotImplementedError

    def environ(self):
        return {
            "wsgi.input": self,
            "CONTENT_LENGTH": str(self.length),
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        }


def test_huge_upload_stops_being_read_once_past_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 2**20
    body = StreamedMultipartBody(file_size=GIGABYTE, fields=[("title", "Land rights")])
    request = RequestFactory().generic("POST", "/upload/", **body.environ())

    refused = request.FILES["file"]

    assert isinstance(refused, RefusedUpload)
    assert refused.size > settings.UPLOAD_MAX_BYTES
    assert refused.read() == b""
    assert request.POST["title"] == "Land rights"
    # One chunk or two past the 10 MB limit, out of 1 GB.
    assert body.bytes_read < settings.UPLOAD_MAX_BYTES + 2**20
    assert body.length > GIGABYTE


def test_upload_under_the_limit_arrives_whole(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 2**20
    content = pdf_bytes()
    body = StreamedMultipartBody(file_size=3 * 2**20, file_head=content)
    request = RequestFactory().generic("POST", "/upload/", **body.environ())

    uploaded = request.FILES["file"]

    assert not isinstance(uploaded, RefusedUpload)
    assert uploaded.size == 3 * 2**20
    assert uploaded.read(len(content)) == content
    assert body.bytes_read == body.length


def test_files_of_one_request_count_together(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    request = RequestFactory().post(
        "/upload/",
        {
            "first": SimpleUploadedFile("a.pdf", b"a" * 600),
            "second": SimpleUploadedFile("b.pdf", b"b" * 600),
        },
    )

    files = request.FILES

    assert files["first"].read() == b"a" * 600
    assert isinstance(files["second"], RefusedUpload)


@pytest.mark.django_db
def test_huge_factsheet_version_refused_with_the_limit_named(client, private_storage, event):
    author = factories.cso_staff()
    event.invited_organisations.add(author.organisation)  # CSO staff write for linked events
    factsheet = make_factsheet(by=author, event=event)
    files_before = stored_files(private_storage)
    client.force_login(author)
    body = StreamedMultipartBody(file_size=GIGABYTE)

    response = client.generic(
        "POST", reverse("factsheets:file_create", args=[factsheet.pk]), **body.environ()
    )

    assert response.status_code == 400
    assert "This file is larger than 10.0\xa0MB, the largest accepted." in response.content.decode()
    assert body.bytes_read < 11 * 2**20
    assert FactsheetFile.objects.filter(factsheet=factsheet).count() == 1
    assert stored_files(private_storage) == files_before
