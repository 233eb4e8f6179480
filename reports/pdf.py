"""HTML to PDF with WeasyPrint, fetching nothing the app did not put there.

WeasyPrint resolves every URL in the document (images, stylesheets, `<link
rel="attachment">`, `<a rel="attachment">`) through a URL fetcher. Ours only serves the
app's own static files, read from disk, and `data:` URIs; every other URL (file://,
http(s), ftp, ...) is refused, so a narrative cannot make the server read a local file or
call an internal address. Attachments are dropped before the PDF is written as a second
wall.
"""

import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib import request
from urllib.parse import unquote, urljoin, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from participants.badge_tokens import badge_token

from . import selectors
from .khmer import break_khmer_words

logger = logging.getLogger(__name__)

# The document's base URL. `.invalid` never resolves (RFC 2606), and the fetcher below
# never goes to the network anyway: it only uses the origin to recognise static URLs.
INTERNAL_ORIGIN = "https://upr-presession.invalid"
INTERNAL_BASE_URL = f"{INTERNAL_ORIGIN}/"

# What a print stylesheet may legitimately pull in.
STATIC_SUFFIXES = {".css", ".svg", ".png", ".jpg", ".jpeg", ".woff", ".woff2", ".ttf", ".otf"}


class RefusedURL(ValueError):
    """A URL the PDF renderer is not allowed to fetch."""


def static_url_prefix():
    """The absolute URL under which `{% static %}` paths appear in a rendered document."""
    return urljoin(INTERNAL_BASE_URL, settings.STATIC_URL)


def find_static_file(relative_path):
    """The local path of one of the app's static files, or None.

    Tries the finders (app and project static folders, as in development and tests), then
    the collected storage (hashed names of the manifest storage in production). Both join
    paths safely, and anything climbing out of them is refused.
    """
    parts = PurePosixPath(relative_path).parts
    if not parts or relative_path.startswith("/") or ".." in parts or "\\" in relative_path:
        return None
    if PurePosixPath(relative_path).suffix.lower() not in STATIC_SUFFIXES:
        return None
    try:
        found = finders.find(relative_path)
        if found:
            return found
        if hasattr(staticfiles_storage, "path") and staticfiles_storage.exists(relative_path):
            return staticfiles_storage.path(relative_path)
    except (SuspiciousFileOperation, NotImplementedError, ValueError):
        return None
    return None


class StaticFilesURLFetcher(URLFetcher):
    """A WeasyPrint URL fetcher for the app's static files and `data:` URIs only."""

    def __init__(self):
        super().__init__(allowed_protocols=("https", "http", "data"), allow_redirects=False)
        self.refused = []

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return self._fetch_data(url)
        prefix = static_url_prefix()
        if url.startswith(prefix):
            relative_path = unquote(urlsplit(url).path[len(urlsplit(prefix).path) :])
            path = find_static_file(relative_path)
            if path is not None:
                content_type, _ = mimetypes.guess_type(path)
                with open(path, "rb") as static_file:
                    body = static_file.read()
                return URLFetcherResponse(
                    url, body, {"Content-Type": content_type or "application/octet-stream"}
                )
        self.refused.append(url)
        logger.warning("PDF renderer refused to fetch %s", url[:200])
        raise RefusedURL(f"Refused URL: {url[:200]}")

    def _fetch_data(self, url):
        # Only urllib's data: handler, so nothing else can be reached through it.
        opener = request.OpenerDirector()
        opener.add_handler(request.DataHandler())
        response = opener.open(url)
        return URLFetcherResponse(url, response.read(), dict(response.headers.items()))


class PdfRenderingError(RuntimeError):
    """WeasyPrint could not turn a document into a PDF."""


def _render(html, *, base_url, fetcher):
    # Pango cannot find word boundaries in Khmer: they are marked here, for every document.
    html = break_khmer_words(html)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        presentational_hints=False, attachments=None
    )
    # `<link rel="attachment">` and `<a rel="attachment">` would embed files: drop both.
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    return document


def html_to_pdf(html, *, base_url=INTERNAL_BASE_URL):
    """Render an HTML document to PDF bytes with the safe fetcher and no attachments.

    Raises PdfRenderingError when WeasyPrint fails, whatever its reason.
    """
    return html_parts_to_pdf([html], base_url=base_url)


def html_parts_to_pdf(parts, *, base_url=INTERNAL_BASE_URL, after_part=None):
    """Render HTML documents one after the other into one PDF (their pages in order);
    `after_part(index)` is called when part `index` is laid out (a job's progress).

    Raises PdfRenderingError when WeasyPrint fails, whatever its reason.
    """
    fetcher = StaticFilesURLFetcher()
    try:
        documents = []
        for index, html in enumerate(parts):
            documents.append(_render(html, base_url=base_url, fetcher=fetcher))
            if after_part is not None:
                after_part(index)
        pages = [page for document in documents for page in document.pages]
        return documents[0].copy(pages).write_pdf(attachments=None)
    except Exception as error:
        # Layout, fonts and PDF writing fail with exceptions of any type; callers only
        # need to know that no PDF came out.
        raise PdfRenderingError(str(error)) from error


# --- The documents ---------------------------------------------------------------------

REPORT_CACHE_TIMEOUT = 60 * 60 * 24 * 7


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    filename: str
    from_cache: bool = False


def activity_report_html(event, *, preview=False, standalone=False):
    """The report as one HTML document: the same template for the preview and the PDF.

    `standalone` puts the stylesheet inside the document, for an HTML file read away from
    the app (`export_report --html`); the preview and the PDF link it instead.
    """
    context = selectors.report_document_context(event, preview=preview)
    stylesheet = None
    if standalone:
        # Our own static file, never user input.
        stylesheet = mark_safe(Path(find_static_file("css/report.css")).read_text("utf-8"))
    return render_to_string(
        "reports/activityreport_document.html",
        {**context, "preview": preview, "inline_stylesheet": stylesheet},
    )


def report_cache_key(event):
    """The cache key of a report's PDF: the event and the fingerprint of what it shows."""
    return f"reports:activity-report-pdf:{event.pk}:{selectors.report_fingerprint(event)}"


def activity_report_pdf(event):
    """The report's PDF, from the cache when nothing it shows has changed since."""
    key = report_cache_key(event)
    filename = f"{event.slug}-activity-report.pdf"
    content = cache.get(key)
    if content is not None:
        return RenderedPdf(content=content, filename=filename, from_cache=True)
    content = html_to_pdf(activity_report_html(event))
    # One PDF per event and language in the cache: the previous version can never be
    # served again, and the report in one language does not evict it in another.
    latest_key = f"reports:activity-report-pdf:{event.pk}:{translation.get_language()}:latest"
    previous = cache.get(latest_key)
    if previous and previous != key:
        cache.delete(previous)
    cache.set_many({key: content, latest_key: key}, REPORT_CACHE_TIMEOUT)
    return RenderedPdf(content=content, filename=filename)


def programme_pdf(event):
    html = render_to_string(
        "reports/programme_document.html",
        {"event": event, "days": selectors.programme(event)},
    )
    return RenderedPdf(content=html_to_pdf(html), filename=f"{event.slug}-programme.pdf")


def sign_in_sheet_pdf(day, *, walk_in_rows=15):
    html = render_to_string(
        "reports/signin_sheet_document.html",
        {
            "event": day.event,
            "day": day,
            "groups": selectors.sign_in_groups(day.event),
            "walk_in_rows": range(walk_in_rows),
        },
    )
    return RenderedPdf(
        content=html_to_pdf(html),
        filename=f"{day.event.slug}-sign-in-day-{day.number}.pdf",
    )


def mission_sign_in_sheet_pdf(session, *, blank_rows=10):
    """A session's sign-in sheet for mission representatives: one line per mission of the
    roster, and blank lines for missions not on it."""
    event = session.day.event
    html = render_to_string(
        "reports/mission_signin_sheet_document.html",
        {
            "event": event,
            "session": session,
            "missions": selectors.mission_sign_in_missions(),
            "blank_rows": range(blank_rows),
        },
    )
    return RenderedPdf(
        content=html_to_pdf(html),
        filename=f"{event.slug}-mission-sign-in-{session.day.date.isoformat()}-"
        f"{session.start_time:%H%M}.pdf",
    )


BADGES_PER_PAGE = 8


# A job lays badges out this many at a time, and reports its progress after each part.
BADGES_PER_PART = BADGES_PER_PAGE * 12


def badge_qr(registration):
    """The badge's QR code as an SVG `data:` URI: the signed token the desk's search reads
    (participants/badge_tokens.py), nothing about the person in clear."""
    token = badge_token(registration)
    return segno.make(token, error="m", mask=0).svg_data_uri(border=0)


def badges_pdf(event, registrations=None, *, progress=None):
    """The badges of `registrations` (all of the event's when empty). `progress(done)`, if
    given, hears how many badges are laid out, part after part."""
    badges = selectors.badge_registrations(event, registrations)
    for registration in badges:
        registration.badge_qr = badge_qr(registration)
    parts = selectors.chunked(badges, BADGES_PER_PART) or [[]]
    htmls = [
        render_to_string(
            "reports/badges_document.html",
            {"event": event, "pages": selectors.chunked(part, BADGES_PER_PAGE)},
        )
        for part in parts
    ]

    def after_part(index):
        if progress is not None:
            progress(min((index + 1) * BADGES_PER_PART, len(badges)))

    return RenderedPdf(
        content=html_parts_to_pdf(htmls, after_part=after_part),
        filename=f"{event.slug}-badges.pdf",
    )
