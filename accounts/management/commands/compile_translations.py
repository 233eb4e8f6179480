from django.core.management.base import BaseCommand

from accounts.translations import compile_catalogues


class Command(BaseCommand):
    help = (
        "Compile the French and Khmer catalogues (locale/*/LC_MESSAGES/*.po) into .mo files, "
        "without GNU gettext. Only catalogues changed since their last compilation are "
        "written, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile every catalogue.")

    def handle(self, *args, force=False, **options):
        written = compile_catalogues(force=force)
        for path in written:
            self.stdout.write(f"Compiled {path}")
        if not written:
            self.stdout.write("Translations are up to date.")
