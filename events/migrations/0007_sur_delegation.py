from django.db import migrations, models

DELEGATION_CHOICES = [
    ("present", "Present"),
    ("absent", "Not present"),
    ("not_recorded", "Not recorded"),
]
FLOOR_CHOICES = [("yes", "Yes"), ("no", "No"), ("not_recorded", "Not recorded")]


def from_took_floor(apps, schema_editor):
    """A session marked "took the floor" had its delegation there; an unticked box was
    the default, so it says nothing: not recorded."""
    for name in ("Session", "HistoricalSession"):
        model = apps.get_model("events", name)
        model.objects.filter(state_under_review_took_floor=True).update(
            sur_delegation_present="present", sur_took_floor="yes"
        )


def to_took_floor(apps, schema_editor):
    for name in ("Session", "HistoricalSession"):
        model = apps.get_model("events", name)
        model.objects.filter(sur_took_floor="yes").update(state_under_review_took_floor=True)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_themes_per_team"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalsession",
            name="sur_delegation_present",
            field=models.CharField(
                choices=DELEGATION_CHOICES,
                default="not_recorded",
                max_length=16,
                verbose_name="SuR delegation present",
            ),
        ),
        migrations.AddField(
            model_name="historicalsession",
            name="sur_took_floor",
            field=models.CharField(
                choices=FLOOR_CHOICES,
                default="not_recorded",
                max_length=16,
                verbose_name="SuR took the floor",
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="sur_delegation_present",
            field=models.CharField(
                choices=DELEGATION_CHOICES,
                default="not_recorded",
                max_length=16,
                verbose_name="SuR delegation present",
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="sur_took_floor",
            field=models.CharField(
                choices=FLOOR_CHOICES,
                default="not_recorded",
                max_length=16,
                verbose_name="SuR took the floor",
            ),
        ),
        migrations.RunPython(from_took_floor, to_took_floor),
        migrations.RemoveField(
            model_name="historicalsession",
            name="state_under_review_took_floor",
        ),
        migrations.RemoveField(
            model_name="session",
            name="state_under_review_took_floor",
        ),
        migrations.AddConstraint(
            model_name="session",
            constraint=models.CheckConstraint(
                condition=~models.Q(sur_delegation_present="absent", sur_took_floor="yes"),
                name="session_absent_delegation_did_not_take_floor",
                violation_error_message=(
                    "A delegation that was not present cannot have taken the floor."
                ),
            ),
        ),
    ]
