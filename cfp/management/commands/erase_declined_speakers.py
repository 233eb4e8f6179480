from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cfp.services import erase_declined_speakers


class Command(BaseCommand):
    help = (
        "Erase the proposed speakers (names, positions, e-mail addresses, their audit "
        "history included) of applications to speak declined more than N days ago. "
        "Idempotent and safe to run from cron; anonymise_old_events runs it too."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.UPR_CFP_DECLINED_RETENTION_DAYS,
            help="Retention period in days (default: UPR_CFP_DECLINED_RETENTION_DAYS, "
            "%(default)s).",
        )

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        erased = erase_declined_speakers(days=days)
        self.stdout.write(
            f"Erased {erased} proposed speakers of applications declined more than {days} days ago."
        )
