import io

import pytest
from django.core.management import CommandError, call_command

from tests import factories

from .conftest import pdf_text


@pytest.fixture
def event(db):
    report = factories.ActivityReportFactory(
        event=factories.EventFactory(slug="phnom-penh-2018", title="Phnom Penh pre-session"),
        introduction="The **introduction**.",
    )
    return report.event


def test_export_report_writes_the_pdf(event, tmp_path):
    target = tmp_path / "report.pdf"
    out = io.StringIO()

    call_command("export_report", "phnom-penh-2018", "--output", str(target), stdout=out)

    assert target.read_bytes().startswith(b"%PDF-")
    assert "Phnom Penh pre-session" in pdf_text(target.read_bytes())
    assert f"to {target}" in out.getvalue()


def test_export_report_writes_the_html(event, tmp_path):
    target = tmp_path / "report.html"

    call_command(
        "export_report", "phnom-penh-2018", "--html", "-o", str(target), stdout=io.StringIO()
    )

    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "The <strong>introduction</strong>." in html
    assert "Download PDF" not in html
    # A file read away from the app carries its stylesheet.
    assert "<style>" in html
    assert "@page" in html
    assert 'rel="stylesheet"' not in html


def test_export_report_unknown_event_names_the_known_ones(event, tmp_path):
    target = tmp_path / "report.pdf"

    with pytest.raises(
        CommandError, match="No event with the slug 'nope'. Known events: phnom-penh-2018"
    ):
        call_command("export_report", "nope", "--output", str(target))

    assert list(tmp_path.iterdir()) == []


def test_export_report_to_a_missing_folder_writes_nothing(event, tmp_path):
    target = tmp_path / "missing" / "report.pdf"

    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_report", "phnom-penh-2018", "--output", str(target))

    assert list(tmp_path.iterdir()) == []
