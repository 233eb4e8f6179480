from django.core.management.base import BaseCommand, CommandError

from security.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write one archive (tar.gz) with the database and the private media."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Path of the archive to write.")

    def handle(self, *args, output, **options):
        try:
            manifest = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup written to {output}: {manifest['engine']} database and "
            f"{len(manifest['media'])} media files."
        )
