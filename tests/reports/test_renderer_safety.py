"""WeasyPrint fetches nothing the app did not put there, and hostile narrative stays inert."""

import io
from pathlib import Path

import pypdf
import pytest
from django.urls import reverse

from reports import pdf
from reports.rendering import render_markdown
from tests import factories

from .conftest import elements, pdf_text

HOSTILE = (
    'Before <img src="file:///etc/passwd"> '
    '<link rel="attachment" href="file:///etc/hostname"> '
    '<img src="http://169.254.169.254/"> '
    "<script>document.title = 'owned'</script> after."
)
HOSTILE_BLOCKS = (
    '<img src="file:///etc/passwd">\n\n'
    '<link rel="attachment" href="file:///etc/hostname">\n\n'
    '<img src="http://169.254.169.254/latest/meta-data/">\n\n'
    "<script>\nalert(1)\n</script>\n\n"
    '<a rel="attachment" href="file:///etc/passwd">passwd</a>\n\n'
    "[a link](file:///etc/passwd) and ![an image](file:///etc/passwd)"
)


def embedded_files(content):
    """Names of files embedded in a PDF, and file attachment annotations, if any."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    names = root.get("/Names", {})
    embedded = list(names.get("/EmbeddedFiles", {}).get("/Names", []))
    annotations = [
        annotation.get_object().get("/Subtype")
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    ]
    return embedded, [subtype for subtype in annotations if subtype == "/FileAttachment"]


def images(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return [image.name for page in reader.pages for image in page.images]


@pytest.fixture
def hostile_event(db):
    report = factories.ActivityReportFactory(
        introduction=HOSTILE, overview=HOSTILE_BLOCKS, contact=HOSTILE
    )
    factories.TestimonyFactory(report=report, text=HOSTILE)
    factories.TestimonyFactory(report=report, text=HOSTILE_BLOCKS)
    return report.event


def test_report_pdf_with_hostile_narrative_embeds_and_fetches_nothing(hostile_event):
    content = pdf.activity_report_pdf(hostile_event).content

    assert embedded_files(content) == ([], [])
    assert images(content) == []
    assert "root:x:0:0" not in pdf_text(content)
    # The text itself is printed as typed, harmless.
    assert 'Before <img src="file:///etc/passwd">' in pdf_text(content)


def test_report_preview_shows_hostile_narrative_as_inert_text(client, hostile_event):
    client.force_login(factories.organiser())

    response = client.get(reverse("reports:report_preview", kwargs={"slug": hostile_event.slug}))
    html = response.content.decode()
    tags = [tag for tag, _attributes in elements(html)]
    links = [attributes for tag, attributes in elements(html) if tag == "link"]
    urls = [
        attributes.get("href") or attributes.get("src")
        for _tag, attributes in elements(html)
        if attributes.get("href") or attributes.get("src")
    ]

    assert response.status_code == 200
    assert "img" not in tags
    assert "script" not in tags
    assert links == [
        {"rel": "icon", "href": "/static/favicon.svg", "type": "image/svg+xml"},
        {"rel": "stylesheet", "href": "/static/css/report.css"},
    ]
    assert [url for url in urls if "etc/" in url or "169.254" in url] == []
    # What was typed is shown, as text.
    assert 'Before &lt;img src="file:///etc/passwd"&gt;' in html
    assert "&lt;script&gt;document.title" in html


@pytest.mark.parametrize(
    "source",
    [
        '<img src="file:///etc/passwd">',
        "<script>alert(1)</script>",
        '<link rel="attachment" href="file:///etc/hostname">',
        "[x](javascript:alert(1))",
        "[x](file:///etc/passwd)",
        "![x](http://169.254.169.254/)",
        '<a href="#" onclick="alert(1)">x</a>',
        "<style>body { display: none }</style>",
        '<iframe src="http://169.254.169.254/"></iframe>',
        '<object data="file:///etc/passwd"></object>',
    ],
    ids=[
        "img-file",
        "script",
        "link-attachment",
        "js-link",
        "file-link",
        "md-image",
        "onclick",
        "style",
        "iframe",
        "object",
    ],
)
def test_render_markdown_leaves_no_active_markup(source):
    html = render_markdown(f"Text {source} text")
    found = elements(html)
    urls = [attributes.get("href") for tag, attributes in found if tag == "a"]

    assert {tag for tag, _attributes in found} <= {"p", "a"}
    assert all(set(attributes) <= {"href", "rel", "title"} for _tag, attributes in found)
    assert [url for url in urls if url is not None] == []


def test_render_markdown_keeps_prose_formatting_and_safe_links():
    html = render_markdown("**Bold** and *italic*\n\n- one\n- two\n\n[UPR Info](https://upr.info)")

    assert "<strong>Bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<li>one</li>" in html
    assert 'href="https://upr.info"' in html


def test_render_markdown_line_breaks_for_address_blocks():
    assert render_markdown("UPR Info\nGeneva", line_breaks=True) == "<p>UPR Info<br>\nGeneva</p>"
    assert render_markdown("UPR Info\nGeneva") == "<p>UPR Info\nGeneva</p>"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/static/css/report.css",
        "ftp://example.org/file",
        f"{pdf.INTERNAL_ORIGIN}/static/../../etc/passwd",
        f"{pdf.INTERNAL_ORIGIN}/static/%2e%2e/%2e%2e/etc/passwd",
        f"{pdf.INTERNAL_ORIGIN}/static/css/missing.css",
        f"{pdf.INTERNAL_ORIGIN}/static/css/../../upr_presession/settings.py",
        f"{pdf.INTERNAL_ORIGIN}/admin/",
    ],
    ids=[
        "file",
        "metadata-ip",
        "other-host",
        "ftp",
        "traversal",
        "encoded-traversal",
        "missing",
        "python-file",
        "app-page",
    ],
)
def test_fetcher_refuses_everything_but_static_files(url):
    fetcher = pdf.StaticFilesURLFetcher()

    with pytest.raises(pdf.RefusedURL):
        fetcher.fetch(url)

    assert fetcher.refused == [url]


def test_fetcher_serves_the_apps_static_stylesheet_from_disk():
    fetcher = pdf.StaticFilesURLFetcher()

    response = fetcher.fetch(f"{pdf.static_url_prefix()}css/report.css")

    assert response.content_type == "text/css"
    assert response.read() == (Path(__file__).parents[2] / "static/css/report.css").read_bytes()


def test_fetcher_serves_data_uris():
    fetcher = pdf.StaticFilesURLFetcher()

    response = fetcher.fetch("data:text/plain;base64,aGVsbG8=")

    assert response.read() == b"hello"


def test_html_to_pdf_drops_attachments_even_to_allowed_urls():
    # The stylesheet is a URL the fetcher would serve: attachments are dropped regardless.
    html = (
        '<html><head><link rel="attachment" href="/static/css/report.css"></head>'
        '<body><p><a rel="attachment" href="/static/css/report.css">file</a></p></body></html>'
    )

    content = pdf.html_to_pdf(html)

    assert embedded_files(content) == ([], [])
