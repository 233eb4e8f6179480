"""Fixtures for factsheet tests: a private storage folder per test, and real documents
made on the fly (PDF by pypdf, DOCX and ODT as zips)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from factsheets import services
from tests import factories


@pytest.fixture(autouse=True)
def storage_dir(private_storage):
    """Every factsheet test stores its files in an empty folder of its own."""
    return private_storage


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file())


def pdf_bytes(pages=1):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


DOCX_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_bytes(extra_members=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        archive.writestr("_rels/.rels", b"<Relationships/>")
        archive.writestr("word/document.xml", b"<w:document><w:body>Land</w:body></w:document>")
        for name, data in extra_members:
            archive.writestr(name, data)
    return buffer.getvalue()


def odt_bytes(mimetype=b"application/vnd.oasis.opendocument.text"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", b"<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", b"<manifest:manifest/>")
    return buffer.getvalue()


def upload(name="factsheet.pdf", content=None, content_type="application/pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type)


@pytest.fixture
def theme(event):
    """The first theme of the `event` fixture."""
    return event.themes.order_by("order").first()


def make_factsheet(*, by, event, theme=None, title="Land rights", recommendations=("Ratify.",)):
    """A factsheet made the way the app makes them: through the service, with a real file.
    Without a theme: the event's first."""
    return services.create_factsheet(
        event=event,
        theme=theme or event.themes.order_by("order").first(),
        title=title,
        language="en",
        summary="",
        organisations=[],
        uploaded_file=upload(),
        recommendations=list(recommendations),
        by=by,
    )


def approve(factsheet, *, author, reviewer=None):
    services.submit_factsheet(factsheet, by=author)
    return services.review_factsheet(
        factsheet,
        approve=True,
        comment="",
        version=factsheet.files.order_by("-version").first().version,
        by=reviewer or factories.organiser(),
    )
