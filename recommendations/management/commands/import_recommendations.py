from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django_countries import countries

from accounts.models import Team
from events.countries import country_code
from recommendations.parsing import UnrecognisedFile, parse_file, with_responses
from recommendations.services import ImportRefused, import_recommendations


class Command(BaseCommand):
    help = (
        "Import the recommendations of a file into a team's reviews: a UPR Info export "
        "(.xls or CSV; one review per State under Review and session, or only the one named "
        "by --state-under-review and --cycle), a Working Group report (PDF, with --addendum "
        "for its responses) or its addendum alone, an OHCHR thematic list (.docx, with "
        "--state-under-review and --cycle) or a UHRI export (.xlsx). The format is read from "
        "the content. All or nothing: a file with any bad row writes nothing and every "
        "refused row is listed. Re-importing updates, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--team", required=True, help="The team's short name (slug).")
        parser.add_argument(
            "--state-under-review", default="", help="ISO code or name of the State."
        )
        parser.add_argument("--cycle", type=int, choices=(1, 2, 3, 4))
        parser.add_argument(
            "--addendum", type=Path, help="The report's addendum (PDF) of responses."
        )

    def handle(self, *args, path, team, state_under_review, cycle, addendum, **options):
        slug, team = team, Team.objects.filter(slug=team).first()
        if team is None:
            raise CommandError(f"No team with the short name {slug!r}.")
        state = ""
        if state_under_review:
            state = country_code(state_under_review)
            if not state:
                raise CommandError(f"Unknown State name: {state_under_review!r}.")
        try:
            parsed = parse_file(_read(path))
            if addendum:
                parsed = with_responses(parsed, parse_file(_read(addendum)))
            summary = import_recommendations(
                None,
                parsed,
                team=team,
                by=None,
                state_under_review=state,
                cycle=cycle,
                source_file=path.name,
            )
        except UnrecognisedFile as error:
            raise CommandError(str(error)) from error
        except ImportRefused as refused:
            for error in refused.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Nothing was imported: {len(refused.errors)} problem(s) in {path.name}."
            ) from refused
        for note in parsed.notes:
            self.stdout.write(note)
        for difference in summary.differences:
            report_states = ", ".join(countries.name(code) for code in difference.report_states)
            self.stdout.write(
                f"{difference.paragraph}: the report names {report_states}, this file "
                f"{countries.name(difference.other_state)}."
            )
        reviews = ", ".join(
            f"{countries.name(review.state_under_review.code)} cycle {review.cycle}"
            for review in summary.reviews
        )
        self.stdout.write(
            f"{summary.created} created, {summary.updated} updated, "
            f"{summary.unchanged} unchanged, {summary.left_out} left out; reviews: {reviews}."
        )


def _read(path):
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
