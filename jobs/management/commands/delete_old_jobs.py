from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jobs.services import delete_expired_jobs


class Command(BaseCommand):
    help = (
        "Delete background jobs (and their result files) older than N hours. The worker does "
        "this every hour; safe to run from cron as well."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=settings.UPR_JOB_RETENTION_HOURS,
            help="Retention in hours (default: UPR_JOB_RETENTION_HOURS, %(default)s).",
        )

    def handle(self, *args, hours, **options):
        if hours < 0:
            raise CommandError("--hours must be 0 or more.")
        count = delete_expired_jobs(hours=hours)
        self.stdout.write(f"{count} jobs older than {hours} hours deleted.")
