from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from participants.importing import remove_stale_uploads
from participants.models import Person
from participants.privacy import anonymise_person, people_due_for_anonymisation
from participants.registration_requests import delete_old_registration_requests
from security.once import delete_old_submissions


class Command(BaseCommand):
    help = (
        "Anonymise the participants of events that ended more than N months ago (names, "
        "contact details and positions erased; gender, organisation and attendance kept so "
        "the figures do not change), and delete unconfirmed import files older than "
        "UPR_IMPORT_RETENTION_HOURS, self-registration requests past "
        "UPR_SELF_REGISTRATION_RETENTION_DAYS and the proposed speakers of applications to "
        "speak declined more than UPR_CFP_DECLINED_RETENTION_DAYS ago. Idempotent and safe "
        "to run from cron."
    )

    def add_arguments(self, parser):
        from django.conf import settings

        parser.add_argument(
            "--months",
            type=int,
            default=settings.UPR_RETENTION_MONTHS,
            help="Retention period in months (default: UPR_RETENTION_MONTHS, %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count who would be anonymised."
        )

    def handle(self, *args, months, dry_run, **options):
        if months < 1:
            raise CommandError("--months must be 1 or more.")
        people, cutoff = people_due_for_anonymisation(months=months)
        person_ids = list(people.values_list("pk", flat=True))
        count = len(person_ids)
        if dry_run:
            self.stdout.write(
                f"Dry run: {count} people of events that ended before {cutoff} "
                "would be anonymised. Nothing was changed."
            )
            return
        # Abandoned import files hold names and e-mails too.
        remove_stale_uploads()
        delete_old_submissions()
        # So do self-registration requests past their retention period, and what the apps
        # above this one declare (`retention_task` on their AppConfig: the call for
        # speakers' declined speakers).
        delete_old_registration_requests()
        for app_config in apps.get_app_configs():
            task = getattr(app_config, "retention_task", "")
            if task:
                import_string(task)()
        done = 0
        for person in Person.objects.filter(pk__in=person_ids).order_by("pk"):
            # One transaction per person: an interrupted run leaves only whole people done,
            # and the next run carries on where it stopped.
            with transaction.atomic():
                anonymise_person(person, by=None)
            done += 1
        self.stdout.write(f"Anonymised {done} people of events that ended before {cutoff}.")
