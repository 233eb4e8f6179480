from django.core.management.base import BaseCommand, CommandError

from participants.registration_requests import RETENTION_DAYS, delete_old_registration_requests


class Command(BaseCommand):
    help = (
        "Delete the self-registration requests submitted more than N days ago that are not "
        "waiting for the organisers (unconfirmed, declined, approved): they hold names and "
        "e-mail addresses. Idempotent and safe to run from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=RETENTION_DAYS,
            help="Retention period in days (default: UPR_SELF_REGISTRATION_RETENTION_DAYS, "
            "%(default)s).",
        )

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        deleted = delete_old_registration_requests(days=days)
        self.stdout.write(f"Deleted {deleted} registration requests older than {days} days.")
