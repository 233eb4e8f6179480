"""Checks an uploaded factsheet document by its content, never by its name or the browser's
content type. Accepted: PDF, Word (.docx) and OpenDocument text (.odt).

Everything here reads the upload in memory or from Django's temporary file; nothing is
written to storage until a file has passed `inspect_document`.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", ODT: ".odt"}

# Zip-based documents: limits checked from the zip's directory, before anything is
# decompressed, so that a zip bomb is refused at once.
# Settings can lower them; a real .docx has a few dozen parts and unpacks to a few megabytes.
ZIP_MAX_MEMBERS = 1000
ZIP_MAX_UNCOMPRESSED_BYTES = 100 * 2**20
ZIP_MAX_RATIO = 100
# The small manifest members we read ourselves.
MANIFEST_MAX_BYTES = 2**20

HEAD_BYTES = 4096
# Markers of content a browser would render or run. A PDF never needs them in its header.
ACTIVE_MARKERS = re.compile(
    rb"<\s*(html|head|body|script|svg|iframe|object|embed|meta|!doctype|\?xml)\b", re.IGNORECASE
)
EXECUTABLE_SIGNATURES = (
    b"MZ",  # Windows programs
    b"\x7fELF",  # Linux programs
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"\xcf\xfa\xed\xfe",  # Mach-O 64-bit
    b"\xce\xfa\xed\xfe",  # Mach-O 32-bit
    b"#!",  # scripts
)

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class DocumentInfo:
    content_type: str
    extension: str
    size: int
    page_count: int | None = None


def max_upload_bytes():
    return settings.UPLOAD_MAX_BYTES


def zip_max_members():
    return getattr(settings, "UPLOAD_ZIP_MAX_MEMBERS", ZIP_MAX_MEMBERS)


def zip_max_uncompressed_bytes():
    return getattr(settings, "UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES", ZIP_MAX_UNCOMPRESSED_BYTES)


def _read_all(uploaded_file):
    uploaded_file.seek(0)
    data = uploaded_file.read()
    uploaded_file.seek(0)
    return data


def _not_accepted(detail):
    return ValidationError(
        _("%(detail)s Only PDF, Word (.docx) and OpenDocument text (.odt) files are accepted.")
        % {"detail": detail},
        code="file_type",
    )


def _describe_unknown(data):
    """A human name for content we refuse, for the error message."""
    stripped = data[:HEAD_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(EXECUTABLE_SIGNATURES):
        return _("This file is a program or script, not a document.")
    if ACTIVE_MARKERS.search(stripped[:HEAD_BYTES]) or stripped.startswith(b"<"):
        return _("This file is a web page, SVG image or other markup, not a document.")
    if data.startswith(OLE_MAGIC):
        return _("This file is an old Microsoft Office document (.doc); save it as .docx or PDF.")
    try:
        matches = puremagic.magic_stream(io.BytesIO(data[:HEAD_BYTES]))
    except puremagic.PureError:
        matches = []
    if matches and matches[0].name:
        return _("This file's content is: %(kind)s.") % {"kind": matches[0].name}
    return _("This file's content was not recognised.")


def _inspect_pdf(data):
    if ACTIVE_MARKERS.search(data[:HEAD_BYTES]):
        raise _not_accepted(
            _("This PDF carries web-page or script content at its start (a polyglot file).")
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                _("This PDF is protected by a password. Upload a version without a password."),
                code="pdf_encrypted",
            )
        page_count = len(reader.pages)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, OSError):
        page_count = 0
    if page_count < 1:
        raise ValidationError(
            _(
                "This PDF could not be read: it is damaged or incomplete. "
                "Export it again from your word processor and upload the new file."
            ),
            code="pdf_unreadable",
        )
    return page_count


def _read_member(archive, info):
    with archive.open(info) as member:
        return member.read(MANIFEST_MAX_BYTES)


def _inspect_zip(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise ValidationError(
            _("This document is damaged: its zip structure cannot be read."), code="zip_corrupt"
        ) from exc
    with archive:
        if len(members) > zip_max_members():
            raise ValidationError(
                _("This document holds too many parts (%(count)s; at most %(limit)s).")
                % {"count": len(members), "limit": zip_max_members()},
                code="zip_members",
            )
        uncompressed = sum(info.file_size for info in members)
        compressed = sum(info.compress_size for info in members)
        ratio_limit = ZIP_MAX_RATIO * max(compressed, 1)
        suspicious_ratio = uncompressed > 2**20 and uncompressed > ratio_limit
        if uncompressed > zip_max_uncompressed_bytes() or suspicious_ratio:
            raise ValidationError(
                _(
                    "This document unpacks to %(size)s, far more than a real document: "
                    "it was refused as a possible zip bomb."
                )
                % {"size": filesizeformat(uncompressed)},
                code="zip_bomb",
            )
        by_name = {info.filename: info for info in members}
        try:
            if "mimetype" in by_name:
                if by_name["mimetype"].file_size > MANIFEST_MAX_BYTES:
                    raise _not_accepted(_("This OpenDocument file has a malformed manifest."))
                mimetype = _read_member(archive, by_name["mimetype"]).strip()
                if mimetype == ODT.encode():
                    return ODT
                raise _not_accepted(
                    _("This OpenDocument file is not a text document (%(kind)s).")
                    % {"kind": mimetype.decode("ascii", "replace")[:80]}
                )
            if "[Content_Types].xml" in by_name and "word/document.xml" in by_name:
                if any(name.lower().endswith("vbaproject.bin") for name in by_name):
                    raise _not_accepted(_("This Word document contains macros."))
                info = by_name["[Content_Types].xml"]
                if info.file_size > MANIFEST_MAX_BYTES:
                    raise _not_accepted(_("This Word document has a malformed manifest."))
                content_types = _read_member(archive, info)
                if b"wordprocessingml.document.main+xml" not in content_types:
                    raise _not_accepted(
                        _("This Word file is a template or macro-enabled document.")
                    )
                return DOCX
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise ValidationError(
                _("This document is damaged: its contents cannot be read."), code="zip_corrupt"
            ) from exc
    raise _not_accepted(_("This file is a zip archive, not a Word or OpenDocument text."))


def inspect_document(uploaded_file):
    """Decide what `uploaded_file` really is. Returns a DocumentInfo, or raises a
    ValidationError whose message tells the uploader what is wrong."""
    size = uploaded_file.size
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            _("This file is %(size)s; files may be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    if not size:
        raise ValidationError(_("This file is empty."), code="file_empty")
    data = _read_all(uploaded_file)

    if data.startswith(PDF_MAGIC):
        return DocumentInfo(PDF, EXTENSIONS[PDF], size, page_count=_inspect_pdf(data))
    if data.startswith(ZIP_MAGIC):
        content_type = _inspect_zip(data)
        return DocumentInfo(content_type, EXTENSIONS[content_type], size)
    raise _not_accepted(_describe_unknown(data))


def _keep(character):
    # Letters, combining marks (Khmer vowel signs, accents) and digits of any script.
    return unicodedata.category(character)[0] in "LMN" or character in "-_()"


def sanitise_filename(original_name, extension):
    """A safe display name for Content-Disposition: no path, no quotes or control
    characters, any script kept, and the extension that matches the content."""
    name = PureWindowsPath(PurePosixPath(original_name or "").name).name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = unicodedata.normalize("NFC", stem)
    stem = "".join(
        character if _keep(character) else "_" if character.isspace() or character == "." else ""
        for character in stem
    )
    stem = re.sub(r"_+", "_", stem).strip("._-")[:100].strip("._-") or "factsheet"
    return f"{stem}{extension}"
