"""One person per e-mail address in a team's directory (ignoring case; empty e-mails are
many).

Existing duplicates are resolved first, without merging anyone: merging two people would
move registrations, attendance, speaker roles and audit history onto one record, and two
people who share an address (a shared office mailbox, a typing error) are not always the
same person. Instead, in each team, the oldest person with the address keeps it and every
later one has their e-mail emptied. Nothing is lost: the kept person holds the same
address (perhaps in another case), the later person's earlier history records still show
it, a history record "e-mail duplicated person #N's" is written for each change, and the
migration prints which people it changed (by id, not by address: deployment logs are not
the place for e-mails). The organisers can then merge or correct them by hand.
"""

import django.db.models.functions.text
from django.db import migrations, models
from django.db.models.functions import Lower
from django.utils import timezone

CHANGE_REASON = "e-mail duplicated person #%s's; emptied by a migration"


def empty_later_duplicate_emails(apps, schema_editor):
    Person = apps.get_model("participants", "Person")
    HistoricalPerson = apps.get_model("participants", "HistoricalPerson")
    history_fields = {field.attname for field in HistoricalPerson._meta.fields}
    # Grouped by the database's own LOWER, the one the constraint compares with.
    people = (
        Person.objects.exclude(email="")
        .annotate(email_key=Lower("email"))
        .order_by("team_id", "email_key", "created_at", "pk")
    )
    kept = {}
    changed = []
    for person in people:
        key = (person.team_id, person.email_key)
        if key not in kept:
            kept[key] = person.pk
            continue
        changed.append((person.pk, kept[key]))
        Person.objects.filter(pk=person.pk).update(email="")
        person.email = ""
        HistoricalPerson.objects.create(
            **{
                field.attname: getattr(person, field.attname)
                for field in Person._meta.fields
                if field.attname in history_fields
            },
            history_date=timezone.now(),
            history_type="~",
            history_change_reason=CHANGE_REASON % kept[key],
        )
    for person_pk, kept_pk in changed:
        print(f"\n  Person #{person_pk}: e-mail emptied, the same as person #{kept_pk}'s.")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_invitation"),
        ("participants", "0006_team_constraints"),
    ]

    operations = [
        migrations.RunPython(empty_later_duplicate_emails, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                models.F("team"),
                django.db.models.functions.text.Lower("email"),
                condition=models.Q(("email", ""), _negated=True),
                name="person_email_unique_ci_per_team",
                violation_error_code="email_taken",
                violation_error_message="A person with this e-mail address already exists.",
            ),
        ),
    ]
