from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from events.models import Event
from reports import pdf


class Command(BaseCommand):
    help = "Write an event's activity report as PDF (or as HTML with --html)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The event's slug.")
        parser.add_argument(
            "--output",
            "-o",
            required=True,
            help="File to write, for example report.pdf.",
        )
        parser.add_argument(
            "--html",
            action="store_true",
            help="Write the HTML document (stylesheet included) instead of the PDF.",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The report's language (default: %(default)s).",
        )

    def handle(self, *args, slug, output, html, language, **options):
        try:
            event = Event.objects.get(slug=slug)
        except Event.DoesNotExist:
            known = ", ".join(Event.objects.order_by("slug").values_list("slug", flat=True)[:20])
            raise CommandError(
                f"No event with the slug '{slug}'. Known events: {known or 'none'}."
            ) from None

        with translation.override(language):
            if html:
                content = pdf.activity_report_html(event, standalone=True).encode("utf-8")
            else:
                content = pdf.activity_report_pdf(event).content

        target = Path(output)
        if not target.parent.exists():
            raise CommandError(f"The folder {target.parent} does not exist.")
        # Write next to the target, then rename: a failure never leaves half a file behind.
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(content)
        partial.replace(target)
        kind = "HTML" if html else "PDF"
        self.stdout.write(self.style.SUCCESS(f"Wrote the {kind} report of '{event}' to {target}"))
