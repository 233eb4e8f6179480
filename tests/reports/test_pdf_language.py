"""The PDFs are printed in the active language, and say so in their catalogue (/Lang)."""

import io

import pypdf
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from reports import pdf
from tests import factories


def pdf_language(content):
    return pypdf.PdfReader(io.BytesIO(content)).trailer["/Root"]["/Lang"]


@pytest.fixture
def event(db):
    event = factories.EventFactory(slug="phnom-penh", title="Phnom Penh pre-session")
    factories.ActivityReportFactory(event=event, introduction="The introduction.")
    day = factories.ProgrammeDayFactory(event=event)
    factories.SessionFactory(day=day, title="Opening")
    factories.RegistrationFactory(event=event)
    return event


@pytest.mark.parametrize("language", ["en", "fr", "km"])
def test_activity_report_pdf_language_is_the_active_one(event, language):
    with translation.override(language):
        rendered = pdf.activity_report_pdf(event)

    assert pdf_language(rendered.content) == language


@pytest.mark.parametrize(
    "make_pdf",
    [
        lambda event: pdf.programme_pdf(event),
        lambda event: pdf.sign_in_sheet_pdf(event.days.get()),
        lambda event: pdf.mission_sign_in_sheet_pdf(event.days.get().sessions.get()),
        lambda event: pdf.badges_pdf(event),
    ],
    ids=["programme", "sign-in-sheet", "missions-sign-in-sheet", "badges"],
)
def test_printout_pdf_language_is_the_active_one(event, make_pdf):
    with translation.override("km"):
        khmer = make_pdf(event)
    with translation.override("en"):
        english = make_pdf(event)

    assert (pdf_language(khmer.content), pdf_language(english.content)) == ("km", "en")


def test_report_pdf_is_cached_per_language_without_evicting_another(event):
    with translation.override("en"):
        pdf.activity_report_pdf(event)
    with translation.override("km"):
        khmer = pdf.activity_report_pdf(event)
    with translation.override("en"):
        english_again = pdf.activity_report_pdf(event)
    with translation.override("km"):
        khmer_again = pdf.activity_report_pdf(event)

    assert khmer.from_cache is False
    assert (english_again.from_cache, khmer_again.from_cache) == (True, True)
    assert pdf_language(english_again.content) == "en"
    assert pdf_language(khmer_again.content) == "km"


@pytest.mark.parametrize("language", ["en", "fr", "km"])
def test_export_report_prints_in_the_language_asked(event, tmp_path, language):
    target = tmp_path / "report.pdf"

    with translation.override("en"):
        call_command(
            "export_report",
            "phnom-penh",
            "-o",
            str(target),
            "--language",
            language,
            stdout=io.StringIO(),
        )

    assert pdf_language(target.read_bytes()) == language


def test_export_report_without_language_prints_in_the_default_one(event, tmp_path, settings):
    target = tmp_path / "report.pdf"

    with translation.override("km"):
        call_command("export_report", "phnom-penh", "-o", str(target), stdout=io.StringIO())

    assert pdf_language(target.read_bytes()) == settings.LANGUAGE_CODE


def test_export_report_refuses_a_language_the_app_does_not_have(event, tmp_path):
    target = tmp_path / "report.pdf"

    with pytest.raises(CommandError, match="invalid choice: 'de'"):
        call_command("export_report", "phnom-penh", "-o", str(target), "--language", "de")

    assert not target.exists()
