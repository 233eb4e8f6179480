"""Checks an uploaded factsheet document by its content, never by its name or the browser's
content type. Accepted: PDF, Word (.docx) and OpenDocument text (.odt).

Refused, never cleaned: PDFs with active content (scripts, launch actions, embedded files,
rich media, XFA forms, an action run on opening) found by walking the objects with pypdf and,
as a fallback, by scanning the raw bytes; polyglots (markup anywhere, another file after the
last %%EOF beyond 1 KB of blank padding, a PDF that is also a zip); documents with macros;
zips whose directory lies about the sizes of their parts.

Everything here reads the upload in memory or from Django's temporary file; nothing is
written to storage until a file has passed `inspect_document`. The size limit itself is
enforced earlier, while the request is read (security/uploads.py).
"""

import io
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

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

# Markup anywhere in a PDF makes it a polyglot a browser could render as a page. `<?xml` is
# left out here (it may open an XMP metadata packet); it is refused in the first 4 KB above.
MARKUP_ANYWHERE = re.compile(
    rb"<\s*(html|head|body|script|svg|iframe|object|embed|meta|!doctype)\b", re.IGNORECASE
)

# After a PDF's last end-of-file marker, writers leave a line break or a little padding.
# Up to 1 KB of blank bytes (whitespace and NULs) is accepted there; anything else, or more,
# is another file glued to the PDF.
PDF_EOF = b"%%EOF"
PDF_TRAILING_ALLOWANCE = 1024
PDF_TRAILING_BLANKS = b" \t\r\n\f\0"

# PDF features that run code, start programs, or carry other files. A factsheet needs none
# of them, so a PDF with any is refused, never cleaned. Embedded files are refused whatever
# they hold: a check of the attachment's type is easy to fool (a renamed or zipped program).
ACTIVE_PDF_NAMES = {
    "/JavaScript": "javascript",
    "/JS": "javascript",
    "/Launch": "launch",
    "/EmbeddedFile": "embedded",
    "/EmbeddedFiles": "embedded",
    "/FileAttachment": "embedded",
    "/RichMedia": "richmedia",
    "/XFA": "xfa",
}
# The same names in the raw bytes (object dictionaries outside compressed streams), once
# `#xx` escapes such as /J#61vaScript are decoded. A name ends at a delimiter.
ACTIVE_PDF_NAME_BYTES = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFiles?|FileAttachment|RichMedia|XFA)(?=[\s/<>\[\]()%{}]|$)"
)
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")

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


def _pdf_unreadable():
    return ValidationError(
        _(
            "This PDF could not be read: it is damaged or incomplete. "
            "Export it again from your word processor and upload the new file."
        ),
        code="pdf_unreadable",
    )


def _describe_active_content(kind):
    return {
        "javascript": _("scripts (JavaScript)"),
        "launch": _("an action that starts another program"),
        "embedded": _("embedded files (attachments)"),
        "richmedia": _("embedded media (Flash or video)"),
        "xfa": _("an XFA form"),
        "open_action": _("an action that runs when the file is opened"),
    }[kind]


def _active_content_refused(kind):
    return ValidationError(
        _(
            "This PDF contains %(what)s, which a factsheet must not carry. Save it again as "
            "a plain PDF (for example with “Print to PDF”) and upload that file."
        )
        % {"what": _describe_active_content(kind)},
        code="pdf_active_content",
    )


def _check_pdf_polyglot(data):
    """Refuse a PDF that is also a web page or a zip archive, or that has another file
    appended after its end."""
    if ACTIVE_MARKERS.search(data[:HEAD_BYTES]):
        raise _not_accepted(
            _("This PDF carries web-page or script content at its start (a polyglot file).")
        )
    if MARKUP_ANYWHERE.search(data):
        raise _not_accepted(
            _("This PDF carries web-page or script content inside it (a polyglot file).")
        )
    end = data.rfind(PDF_EOF)
    if end < 0:
        raise _pdf_unreadable()
    trailing = data[end + len(PDF_EOF) :]
    if ZIP_MAGIC in trailing:
        raise _not_accepted(_("This PDF has a zip archive appended to it (a polyglot file)."))
    if trailing.strip(PDF_TRAILING_BLANKS) or len(trailing) > PDF_TRAILING_ALLOWANCE:
        raise _not_accepted(
            _(
                "This PDF has %(size)s of other data after its end: at most %(limit)s of blank "
                "padding is accepted there."
            )
            % {
                "size": filesizeformat(len(trailing)),
                "limit": filesizeformat(PDF_TRAILING_ALLOWANCE),
            }
        )
    if zipfile.is_zipfile(io.BytesIO(data)):
        raise _not_accepted(_("This PDF is also a zip archive (a polyglot file)."))


def _active_kind(value):
    return ACTIVE_PDF_NAMES.get(value) if isinstance(value, NameObject) else None


def _find_active_objects(reader):
    """Walk every object reachable from the trailer (catalog, Names tree, pages and their
    annotations, AcroForm, outlines) and return the kind of the first active feature."""
    seen = set()
    pending = [reader.trailer]
    while pending:
        node = pending.pop()
        if isinstance(node, IndirectObject):
            reference = (node.idnum, node.generation)
            if reference in seen:
                continue
            seen.add(reference)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for key, value in node.items():
                kind = _active_kind(key) or _active_kind(value)
                if kind:
                    return kind
                pending.append(value)
        elif isinstance(node, ArrayObject):
            pending.extend(node)
    root = reader.trailer["/Root"].get_object()
    open_action = root.get("/OpenAction")
    if open_action is not None:
        open_action = open_action.get_object()
        # A destination (an array) only sets the first view; any other action runs.
        if isinstance(open_action, DictionaryObject) and open_action.get("/S") != "/GoTo":
            return "open_action"
    return None


def _find_active_names_in_bytes(data):
    """The fallback over the raw bytes: catches active names in objects pypdf skipped
    (damaged, unreferenced or hidden behind an incremental update)."""
    decoded = PDF_NAME_ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), data)
    found = ACTIVE_PDF_NAME_BYTES.search(decoded)
    return ACTIVE_PDF_NAMES[f"/{found.group(1).decode()}"] if found else None


def _inspect_pdf(data):
    _check_pdf_polyglot(data)
    kind = _find_active_names_in_bytes(data)
    if kind:
        raise _active_content_refused(kind)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                _("This PDF is protected by a password. Upload a version without a password."),
                code="pdf_encrypted",
            )
        page_count = len(reader.pages)
        # Refuse a file whose objects cannot all be walked: what pypdf cannot read, a
        # viewer may still run.
        kind = _find_active_objects(reader)
    except ValidationError:
        raise
    except (
        PyPdfError,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        OSError,
        RecursionError,
    ) as exc:
        raise _pdf_unreadable() from exc
    if kind:
        raise _active_content_refused(kind)
    if page_count < 1:
        raise _pdf_unreadable()
    return page_count


LOCAL_HEADER = struct.Struct("<4sHHHHHLLLHH")
ZIP64_MARK = 0xFFFFFFFF
DATA_DESCRIPTOR_FLAG = 0x08
ENCRYPTED_FLAG = 0x01
UTF8_NAME_FLAG = 0x800
INFLATE_CHUNK = 64 * 1024
# Members named so hold macros: Basic and Python scripts in OpenDocument, VBA in Word.
ODT_MACRO_FOLDERS = ("basic/", "scripts/")
DOCX_MACRO_CONTENT_TYPES = (b"macroenabled", b"vbaproject", b"vbadata")


def _sizes_lie():
    return ValidationError(
        _(
            "This document's zip directory gives false sizes for its parts: it was refused "
            "as a possibly crafted file. Save it again from your word processor."
        ),
        code="zip_sizes",
    )


def _zip_damaged():
    return ValidationError(
        _("This document is damaged: its contents cannot be read."), code="zip_corrupt"
    )


def _inflated_size(compressed, limit):
    """How many bytes `compressed` (raw deflate) unpacks to, reading at most `limit` of
    output, and the CRC of what it unpacked; None when the stream is damaged."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    crc = 0
    view = memoryview(compressed)
    for start in range(0, len(view), INFLATE_CHUNK):
        pending = bytes(view[start : start + INFLATE_CHUNK])
        while pending and produced < limit:
            # max_length is never 0 here (0 would mean unbounded).
            output = inflater.decompress(pending, limit - produced)
            produced += len(output)
            crc = zlib.crc32(output, crc)
            pending = inflater.unconsumed_tail
        if produced >= limit:
            return produced, crc, inflater.eof
    output = inflater.flush()
    return produced + len(output), zlib.crc32(output, crc), inflater.eof


def _verify_members(data, archive, members):
    """Check every member against its local header and unpack it, without keeping it, to
    at most its declared size plus one byte: the directory's sizes must be the truth,
    since the zip-bomb limits above were checked from them."""
    regions_end = getattr(archive, "start_dir", len(data))
    ordered = sorted(members, key=lambda info: info.header_offset)
    for position, info in enumerate(ordered):
        offset = info.header_offset
        header = data[offset : offset + LOCAL_HEADER.size]
        if len(header) < LOCAL_HEADER.size:
            raise _zip_damaged()
        (signature, _version, flags, method, _time, _date, crc, compressed_size, size,
         name_length, extra_length) = LOCAL_HEADER.unpack(header)  # fmt: skip
        if signature != ZIP_MAGIC:
            raise _zip_damaged()
        if flags & ENCRYPTED_FLAG or info.flag_bits & ENCRYPTED_FLAG:
            raise ValidationError(
                _("This document is protected by a password. Upload a version without one."),
                code="zip_encrypted",
            )
        name_start = offset + LOCAL_HEADER.size
        encoding = "utf-8" if info.flag_bits & UTF8_NAME_FLAG else "cp437"
        local_name = data[name_start : name_start + name_length]
        if local_name != info.orig_filename.encode(encoding, "replace") or method != (
            info.compress_type
        ):
            raise _sizes_lie()
        if not flags & DATA_DESCRIPTOR_FLAG:
            declared = (info.CRC, info.compress_size, info.file_size)
            for local, central in zip((crc, compressed_size, size), declared, strict=True):
                if local != ZIP64_MARK and local != central:
                    raise _sizes_lie()
        start = name_start + name_length + extra_length
        end = start + info.compress_size
        next_start = (
            ordered[position + 1].header_offset if position + 1 < len(ordered) else regions_end
        )
        if end > min(next_start, len(data)):
            # Members that overlap or run past the archive: the trick of the
            # "better zip bombs".
            raise _sizes_lie()
        compressed = data[start:end]
        if method == zipfile.ZIP_STORED:
            produced, actual_crc, complete = len(compressed), zlib.crc32(compressed), True
        elif method == zipfile.ZIP_DEFLATED:
            produced, actual_crc, complete = _inflated_size(compressed, info.file_size + 1)
        else:
            # Word and LibreOffice only ever store or deflate.
            raise _zip_damaged()
        if produced != info.file_size:
            raise _sizes_lie()
        if not complete or actual_crc != info.CRC:
            raise _zip_damaged()


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
        _verify_members(data, archive, members)
        by_name = {info.filename: info for info in members}
        try:
            if "mimetype" in by_name:
                if by_name["mimetype"].file_size > MANIFEST_MAX_BYTES:
                    raise _not_accepted(_("This OpenDocument file has a malformed manifest."))
                mimetype = _read_member(archive, by_name["mimetype"]).strip()
                if mimetype == ODT.encode():
                    if any(name.lower().startswith(ODT_MACRO_FOLDERS) for name in by_name):
                        raise _not_accepted(
                            _("This OpenDocument file contains macros (Basic or Python scripts).")
                        )
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
                if any(marker in content_types.lower() for marker in DOCX_MACRO_CONTENT_TYPES):
                    raise _not_accepted(_("This Word document contains macros."))
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
            _("This file is larger than %(limit)s, the largest accepted.")
            % {"limit": filesizeformat(limit)},
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
