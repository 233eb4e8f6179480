from django.core.management.base import BaseCommand, CommandError

from security.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup` into an empty database (the configured "
        "one, or --database-url) and the private media folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The tar.gz archive written by `manage.py backup`.")
        parser.add_argument(
            "--database-url", help="Restore into this database instead of DATABASE_URL."
        )
        parser.add_argument(
            "--media-root", help="Restore media here instead of the configured root."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the content of a non-empty database and existing media files.",
        )

    def handle(self, *args, archive, database_url, media_root, force, **options):
        try:
            manifest = restore_backup(
                archive, database_url=database_url, media_root=media_root, force=force
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {manifest['engine']} database of {manifest['created_at']} and "
            f"{len(manifest['media'])} media files."
        )
