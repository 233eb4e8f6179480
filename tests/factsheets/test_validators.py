import functools
import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from factsheets import services
from factsheets.models import Factsheet
from factsheets.validators import DOCX, ODT, PDF, inspect_document, sanitise_filename
from tests import factories
from tests.factsheets.conftest import (
    DOCX_CONTENT_TYPES,
    docx_bytes,
    odt_bytes,
    pdf_bytes,
    stored_files,
    upload,
)


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


def _written(writer):
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _blank_writer():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def pdf_with_open_action_script():
    writer = _blank_writer()
    writer.add_open_action(JavaScript("app.alert('opened');"))
    return _written(writer)


def pdf_with_catalog_entry(key, value):
    writer = _blank_writer()
    writer._root_object[NameObject(key)] = value
    return _written(writer)


def pdf_with_launch_action():
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
    )
    return pdf_with_catalog_entry("/OpenAction", action)


def pdf_with_uri_open_action():
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/URI"),
            NameObject("/URI"): TextStringObject("https://tracker.example.org/"),
        }
    )
    return pdf_with_catalog_entry("/OpenAction", action)


def pdf_with_xfa_form():
    form = DictionaryObject(
        {
            NameObject("/Fields"): ArrayObject(),
            NameObject("/XFA"): TextStringObject("<xdp:xdp/>"),
        }
    )
    return pdf_with_catalog_entry("/AcroForm", form)


def pdf_with_attachment(name="invoice.exe", data=b"MZ\x90\x00"):
    writer = _blank_writer()
    writer.add_attachment(name, data)
    return _written(writer)


def pdf_with_rich_media_annotation():
    writer = _blank_writer()
    rectangle = ArrayObject([FloatObject(0), FloatObject(0), FloatObject(100), FloatObject(100)])
    writer.add_annotation(
        0,
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/RichMedia"),
                NameObject("/Rect"): rectangle,
            }
        ),
    )
    return _written(writer)


def pdf_with_hex_escaped_script_name():
    # /J#61vaScript is /JavaScript to a viewer.
    return pdf_with_open_action_script().replace(b"/JavaScript", b"/J#61vaScript")


def pdf_with_unreferenced_script_object():
    """An object that no xref entry names, slipped in where a metadata string was: pypdf
    never reaches it, the raw scan must."""
    writer = _blank_writer()
    writer.add_metadata({"/Subject": "A" * 80})
    content = _written(writer)
    hidden = b"()>>endobj 9 0 obj<</S/J#61vaScript/JS(app.alert(1))>>endobj 10 0 obj<<"
    original = b"(" + b"A" * 80 + b")"
    assert original in content and len(hidden) <= len(original)
    return content.replace(original, hidden.ljust(len(original)))


def pdf_with_object_stream(catalog_extra=b""):
    """A PDF 1.5 whose objects sit in a compressed object stream, as Word and LibreOffice
    write them: active names there are invisible in the raw bytes."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    index, body = b"", b""
    for number, source in enumerate(objects, start=1):
        index += b"%d %d " % (number, len(body))
        body += source + b"\n"
    packed = zlib.compress(index + body)
    content = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"
    stream_offset = len(content)
    content += (
        b"4 0 obj\n<< /Type /ObjStm /N 3 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(index), len(packed))
        + packed
        + b"\nendstream\nendobj\n"
    )
    xref_offset = len(content)
    rows = [(0, 0, 65535), (2, 4, 0), (2, 4, 1), (2, 4, 2), (1, stream_offset, 0)]
    rows.append((1, xref_offset, 0))
    table = zlib.compress(b"".join(struct.pack(">BIH", *row) for row in rows))
    content += (
        b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode "
        b"/Length %d >>\nstream\n"
        % len(table)
        + table
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    )
    return content


def pdf_with_markup_after_first_4kb():
    writer = _blank_writer()
    writer.add_metadata({"/Subject": "x" * 5000 + "y" * 30})
    script = b"<script>alert(1)</script>"
    return _written(writer).replace(b"y" * 30, script.ljust(30))


ACTIVE_PDFS = [
    (pdf_with_open_action_script(), "scripts (JavaScript)"),
    (pdf_with_hex_escaped_script_name(), "scripts (JavaScript)"),
    (pdf_with_unreferenced_script_object(), "scripts (JavaScript)"),
    (
        pdf_with_object_stream(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        "scripts (JavaScript)",
    ),
    (pdf_with_launch_action(), "an action that starts another program"),
    (pdf_with_uri_open_action(), "an action that runs when the file is opened"),
    (pdf_with_attachment(), "embedded files (attachments)"),
    (pdf_with_attachment("notes.txt", b"just text"), "embedded files (attachments)"),
    (pdf_with_object_stream(b"/Names << /EmbeddedFiles 2 0 R >>"), "embedded files"),
    (pdf_with_rich_media_annotation(), "embedded media (Flash or video)"),
    (pdf_with_xfa_form(), "an XFA form"),
    (pdf_with_object_stream(b"/AcroForm << /Fields [] /XFA 2 0 R >>"), "an XFA form"),
]
ACTIVE_PDF_IDS = [
    "open-action-javascript",
    "hex-escaped-name",
    "unreferenced-object",
    "javascript-in-object-stream",
    "launch",
    "open-action-uri",
    "embedded-executable",
    "embedded-text-file",
    "embedded-files-in-object-stream",
    "rich-media-annotation",
    "xfa",
    "xfa-in-object-stream",
]


@pytest.mark.parametrize(("content", "message"), ACTIVE_PDFS, ids=ACTIVE_PDF_IDS)
def test_inspect_document_pdf_with_active_content_refused(content, message):
    with pytest.raises(ValidationError) as error:
        inspect_document(as_upload(content))

    assert error.value.code == "pdf_active_content"
    assert message in error.value.messages[0]


def test_inspect_document_pdf_in_object_streams_accepted():
    info = inspect_document(as_upload(pdf_with_object_stream()))

    assert (info.content_type, info.page_count) == (PDF, 1)


def test_inspect_document_pdf_opening_on_a_page_accepted():
    writer = _blank_writer()
    writer.open_destination = writer.pages[0]

    info = inspect_document(as_upload(_written(writer)))

    assert info.page_count == 1


def test_inspect_document_pdf_with_blank_padding_after_its_end_accepted():
    content = pdf_bytes() + b"\r\n" + b"\0" * 500 + b" " * 500

    info = inspect_document(as_upload(content))

    assert info.page_count == 1


POLYGLOT_PDFS = [
    (pdf_with_markup_after_first_4kb(), "web-page or script content inside it"),
    (pdf_bytes(pages=40) + b"<html><script>alert(1)</script></html>", "inside it"),
    (pdf_bytes() + docx_bytes(), "zip archive appended"),
    (pdf_bytes() + docx_bytes() + b"\n%%EOF\n", "also a zip archive"),
    (pdf_bytes() + b"GIF89a" + b"\0" * 40, "after its end"),
    (pdf_bytes() + b" " * 1025, "1.0\xa0KB of blank padding"),
]
POLYGLOT_IDS = [
    "html-after-4kb",
    "html-after-eof",
    "zip-after-eof",
    "zip-then-fake-eof",
    "other-data-after-eof",
    "too-much-padding",
]


@pytest.mark.parametrize(("content", "message"), POLYGLOT_PDFS, ids=POLYGLOT_IDS)
def test_inspect_document_polyglot_pdf_refused(content, message):
    with pytest.raises(ValidationError) as error:
        inspect_document(as_upload(content))

    assert message in error.value.messages[0]


def odt_with(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", ODT.encode(), compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", b"<office:document-content/>")
        for name, data in members:
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def docx_with_content_types(content_types):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", b"<w:document/>")
    return buffer.getvalue()


def _patch_size(content, name, size, *, local):
    """Make the zip directory (and, with `local`, the member's own header) claim that
    member `name` unpacks to `size` bytes."""
    patched = bytearray(content)
    central = content.index(b"PK\x01\x02")
    while True:
        name_length = struct.unpack_from("<H", content, central + 28)[0]
        if content[central + 46 : central + 46 + name_length] == name:
            break
        central = content.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<L", patched, central + 24, size)
    if local:
        header_offset = struct.unpack_from("<L", content, central + 42)[0]
        struct.pack_into("<L", patched, header_offset + 22, size)
    return bytes(patched)


LARGE_DOCUMENT = b"<w:p>Land rights</w:p>" * 5000


def docx_with_large_part():
    return docx_bytes(extra_members=[("word/media/part.xml", LARGE_DOCUMENT)])


MACRO_AND_LYING_ZIPS = [
    (odt_with([("Basic/Standard/Module1.xml", b"<script:module/>")]), "macros"),
    (odt_with([("Scripts/python/run.py", b"import os")]), "macros"),
    (
        docx_with_content_types(
            DOCX_CONTENT_TYPES.replace(
                b"wordprocessingml.document.main+xml",
                b'wordprocessingml.document.main+xml"/><Override PartName="/word/x.bin" '
                b'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml',
            )
        ),
        "macros",
    ),
    (_patch_size(docx_with_large_part(), b"word/media/part.xml", 100, local=False), "false"),
    (_patch_size(docx_with_large_part(), b"word/media/part.xml", 100, local=True), "false"),
    (
        _patch_size(docx_with_large_part(), b"word/media/part.xml", 10**6, local=True),
        "false sizes",
    ),
]
MACRO_AND_LYING_IDS = [
    "odt-basic-macro",
    "odt-python-script",
    "docx-macro-enabled-content-type",
    "docx-directory-understates-size",
    "docx-directory-and-header-understate-size",
    "docx-overstated-size",
]


@pytest.mark.parametrize(("content", "message"), MACRO_AND_LYING_ZIPS, ids=MACRO_AND_LYING_IDS)
def test_inspect_document_macros_and_lying_zips_refused(content, message):
    with pytest.raises(ValidationError) as error:
        inspect_document(as_upload(content))

    assert message in error.value.messages[0]


def test_inspect_document_docx_with_a_large_honest_part_accepted():
    info = inspect_document(as_upload(docx_with_large_part()))

    assert info.content_type == DOCX


@pytest.mark.parametrize(
    "content",
    [pdf_with_open_action_script(), pdf_bytes() + docx_bytes(), odt_with([("Basic/m.xml", b"")])],
    ids=["pdf-script", "pdf-zip-polyglot", "odt-macro"],
)
def test_create_factsheet_hostile_file_leaves_no_row_and_no_file(
    content, event, theme, storage_dir
):
    author = factories.cso_staff()

    with pytest.raises(ValidationError):
        services.create_factsheet(
            event=event,
            theme=theme,
            title="Land rights",
            language="en",
            summary="",
            organisations=[],
            uploaded_file=upload("factsheet.pdf", content),
            recommendations=["Ratify."],
            by=author,
        )

    assert Factsheet.all_objects.count() == 0
    assert stored_files(storage_dir) == []


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

    assert error.value.messages == ["This file is larger than 1000\xa0bytes, the largest accepted."]


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
