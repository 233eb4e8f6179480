from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from demo.calls import load_demo_call, load_demo_call_scores
from demo.loader import (
    DemoLoader,
    load_demo,
    load_demo_consent,
    load_demo_factsheet_files,
    load_demo_logins,
)
from demo.reviews import load_demo_reviews
from events.models import Session
from reports.stats import event_figures


class Command(BaseCommand):
    help = (
        "Load the demo: the team 'CCHR / UPR Info Cambodia' with the 2018 Cambodia in-country "
        "pre-session of the seed report, and the team 'UPR Info Geneva' with a Geneva series "
        "of twelve sessions. Idempotent: a second run changes nothing; rows are never deleted. "
        "With DEBUG on it also creates one login per role per team and prints them."
    )

    def handle(self, *args, **options):
        loader = DemoLoader()
        cambodia, geneva = load_demo(loader)
        load_demo_factsheet_files(loader)
        first_cycle, third_cycle = load_demo_reviews(loader)
        for event in (cambodia, geneva):
            load_demo_consent(event, loader)
        call = load_demo_call(loader)
        figures = event_figures(cambodia)
        attendance = " / ".join(str(day.attendance) for day in figures.days)
        self.stdout.write(
            f"Demo event of {cambodia.team}: {cambodia.title} ({cambodia.get_absolute_url()}); "
            f"attendance per day {attendance}; {len(figures.missions)} missions present."
        )
        self.stdout.write(
            f"Demo event of {geneva.team}: {geneva.title} ({geneva.get_absolute_url()}); "
            f"{Session.objects.for_event(geneva).count()} sessions over "
            f"{geneva.days.count()} days."
        )
        for event in (cambodia, geneva):
            public_url = reverse("public:event", args=[event.team.slug, event.slug])
            self.stdout.write(f"Public site of {event.title}: {public_url}")
        self.stdout.write(
            f"Reviews of {cambodia.team}: {first_cycle} with "
            f"{first_cycle.recommendations.count()} real recommendations (UPR Info's export); "
            f"{third_cycle}, linked to the demo event, with "
            f"{third_cycle.recommendations.count()} fictitious ones."
        )
        self.stdout.write(
            f"Call for speakers of {cambodia.title}: {call.applications.count()} applications "
            f"({reverse('cfp:selection', args=[cambodia.slug])})."
        )
        self.stdout.write(
            "Everyone in it is fictitious except the public officials named in the report."
        )

        if settings.DEBUG:
            logins = load_demo_logins(loader)
            load_demo_call_scores(loader)
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
            self.stdout.write(self.style.SUCCESS("Demo logins (username / password / team):"))
            for username, password, team in logins:
                self.stdout.write(f"  {username:<17} {password:<22} {team}".rstrip())
