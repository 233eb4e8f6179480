from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from notifications.services import delete_old_messages


class Command(BaseCommand):
    help = (
        "Delete e-mail log entries (which hold recipients' addresses) older than N days. "
        "Run it from cron, beside anonymise_old_events."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.UPR_EMAIL_LOG_RETENTION_DAYS,
            help="Retention in days (default: UPR_EMAIL_LOG_RETENTION_DAYS, %(default)s).",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        count = delete_old_messages(days=days)
        self.stdout.write(f"{count} e-mail log entries older than {days} days deleted.")
