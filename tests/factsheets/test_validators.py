import functools
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from factsheets.validators import DOCX, ODT, PDF, inspect_document, sanitise_filename
from tests.factsheets.conftest import docx_bytes, odt_bytes, pdf_bytes


def as_upload(content, name="factsheet.pdf"):
    return SimpleUploadedFile(name, content, "application/pdf")


def zip_of(members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


@functools.cache
def zip_bomb():
    # 50 MB of zeros squeezes into about 50 KB: refused from the zip directory alone.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"\0" * (50 * 2**20))
    return buffer.getvalue()


def test_inspect_document_pdf_counts_pages():
    info = inspect_document(as_upload(pdf_bytes(pages=3)))

    assert (info.content_type, info.extension, info.page_count) == (PDF, ".pdf", 3)


def test_inspect_document_docx_by_content_whatever_its_name():
    info = inspect_document(as_upload(docx_bytes(), name="renamed.pdf"))

    assert (info.content_type, info.extension, info.page_count) == (DOCX, ".docx", None)


def test_inspect_document_odt():
    info = inspect_document(as_upload(odt_bytes(), name="note.odt"))

    assert (info.content_type, info.extension) == (ODT, ".odt")


BAD_FILES = [
    (b"<html><body><script>alert(1)</script></body></html>", "web page"),
    (b"  <!DOCTYPE html><html></html>", "web page"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "SVG"),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 64, "program"),
    (b"\x7fELF\x02\x01\x01" + b"\0" * 64, "program"),
    (b"#!/bin/sh\nrm -rf /\n", "program"),
    (b"<html><body>hello</body></html>\n%PDF-1.7\n" + pdf_bytes(), "web page"),
    (b"%PDF-1.4\n<html><script>alert(1)</script></html>\n" + pdf_bytes()[9:], "polyglot"),
    (b"%PDF-1.7\nthis is not really a PDF at all\n%%EOF", "could not be read"),
    (pdf_bytes()[:60], "could not be read"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, ".doc"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "Portable Network Graphics"),
    (b"just some plain text", "not recognised"),
    (zip_of([("notes.txt", b"hello")]), "zip archive"),
    (odt_bytes(mimetype=b"application/vnd.oasis.opendocument.spreadsheet"), "not a text"),
    (docx_bytes(extra_members=[("word/vbaProject.bin", b"macro")]), "macros"),
    (b"PK\x03\x04 broken zip", "damaged"),
    (zip_bomb(), "zip bomb"),
    (b"", "empty"),
]
BAD_FILE_IDS = [
    "html",
    "html-doctype-after-spaces",
    "svg",
    "svg-with-xml-prolog",
    "windows-exe",
    "elf",
    "shell-script",
    "html-with-pdf-buried-later",
    "pdf-html-polyglot",
    "pdf-header-only",
    "truncated-pdf",
    "old-word-doc",
    "png",
    "plain-text",
    "plain-zip",
    "odt-spreadsheet",
    "docx-with-macros",
    "broken-zip",
    "zip-bomb",
    "empty",
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES, ids=BAD_FILE_IDS)
def test_inspect_document_bad_file_rejected_with_clear_message(content, message):
    with pytest.raises(ValidationError) as error:
        inspect_document(as_upload(content))

    assert message in " ".join(error.value.messages)


def test_inspect_document_too_many_zip_members(settings):
    settings.UPLOAD_ZIP_MAX_MEMBERS = 10
    content = docx_bytes(extra_members=[(f"word/media/{n}.xml", b"x") for n in range(20)])

    with pytest.raises(ValidationError) as error:
        inspect_document(as_upload(content))

    assert "too many parts (23; at most 10)" in error.value.messages[0]


def test_inspect_document_uncompressed_limit(settings):
    settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES = 1000
    content = docx_bytes(extra_members=[("word/media/big.bin", bytes(range(256)) * 8)])

    with pytest.raises(ValidationError) as error:
        inspect_document(as_upload(content))

    assert "possible zip bomb" in error.value.messages[0]


def test_inspect_document_size_limit_from_settings(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    content = pdf_bytes(pages=1) + b"\n" * 2000

    with pytest.raises(ValidationError) as error:
        inspect_document(as_upload(content))

    assert "files may be at most 1000\xa0bytes" in error.value.messages[0]


@pytest.mark.parametrize(
    ("original", "extension", "expected"),
    [
        ("Land rights 2018.pdf", ".pdf", "Land_rights_2018.pdf"),
        ("../../etc/passwd", ".pdf", "passwd.pdf"),
        ("C:\\Users\\me\\évaluation.docx", ".docx", "évaluation.docx"),
        ('"; filename=evil.html', ".pdf", "filenameevil.pdf"),
        ("report.exe", ".pdf", "report.pdf"),
        ("...", ".odt", "factsheet.odt"),
        ("របាយការណ៍ ២០១៨.pdf", ".pdf", "របាយការណ៍_២០១៨.pdf"),
        ("a\x00b\r\nc.pdf", ".pdf", "ab_c.pdf"),
        ("", ".pdf", "factsheet.pdf"),
    ],
    ids=[
        "spaces",
        "path-traversal",
        "windows-path",
        "header-injection",
        "wrong-extension",
        "only-dots",
        "khmer",
        "control-characters",
        "empty",
    ],
)
def test_sanitise_filename(original, extension, expected):
    assert sanitise_filename(original, extension) == expected
