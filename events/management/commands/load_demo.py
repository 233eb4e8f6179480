from django.conf import settings
from django.core.management.base import BaseCommand

from events.demo import DemoLoader, load_demo_event, load_demo_logins
from reports.stats import event_figures


class Command(BaseCommand):
    help = (
        "Load the demo event: the 2018 Cambodia in-country pre-session of the seed report. "
        "Idempotent: a second run changes nothing; rows are never deleted. With DEBUG on it "
        "also creates one login per role and prints them."
    )

    def handle(self, *args, **options):
        loader = DemoLoader()
        event = load_demo_event(loader)
        figures = event_figures(event)
        attendance = " / ".join(str(day.attendance) for day in figures.days)
        self.stdout.write(
            f"Demo event: {event.title} ({event.get_absolute_url()}); "
            f"attendance per day {attendance}; {len(figures.missions)} missions present."
        )
        self.stdout.write(
            "Everyone in it is fictitious except the public officials named in the report."
        )

        if settings.DEBUG:
            logins = load_demo_logins(loader)
        else:
            logins = []
            self.stdout.write(
                self.style.WARNING(
                    "DEBUG is off: no demo logins were created. "
                    "Create accounts with `manage.py createsuperuser` or in the admin."
                )
            )

        if loader.changed:
            created = sum(loader.created.values())
            updated = sum(loader.updated.values())
            links = sum(loader.links.values())
            self.stdout.write(
                f"{created} rows created, {updated} rows updated, {links} sets of links changed."
            )
        else:
            self.stdout.write("Nothing to change: the demo data was already loaded.")

        if logins:
            self.stdout.write(self.style.SUCCESS("Demo logins (username / password):"))
            for username, password in logins:
                self.stdout.write(f"  {username:<10} {password}")
