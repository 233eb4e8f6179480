from django.core.management.commands import makemessages

from accounts.translations import IGNORED_PATHS


class Command(makemessages.Command):
    """Django's makemessages, never reading the virtualenv, tests or developer scripts, so
    that `manage.py makemessages -l fr` and the catalogue test extract the same messages."""

    def handle(self, *args, **options):
        options["ignore_patterns"] = [
            *options.get("ignore_patterns", []),
            *(f"{path}/*" for path in IGNORED_PATHS),
        ]
        super().handle(*args, **options)
