"""An installation from before teams moves into one team, nothing lost.

- One team ("Organising team") owns every event, every person and every organisation that is
  not a mission's. Missions and their organisations stay shared reference data.
- The global theme catalogue becomes that team's themes, keeping their ids (so factsheets,
  sessions and their history keep pointing at the same rows), and every existing event
  covers all of them, as every event did before.
- Members of the old role groups become members of the team in the same role.
- A mission's focal point becomes a flag on that diplomat (a person is never shared).
"""

from django.core.management.color import no_style
from django.db import migrations

TEAM_NAME = "Organising team"
TEAM_SLUG = "organising-team"
ROLE_OF_GROUP = {"Organisers": "organiser", "Report administrators": "report_administrator"}


def move_into_one_team(apps, schema_editor):
    Team = apps.get_model("accounts", "Team")
    Membership = apps.get_model("accounts", "Membership")
    Event = apps.get_model("events", "Event")
    Theme = apps.get_model("events", "Theme")
    OldTheme = apps.get_model("factsheets", "Theme")
    Organisation = apps.get_model("participants", "Organisation")
    Person = apps.get_model("participants", "Person")
    Mission = apps.get_model("participants", "Mission")
    User = apps.get_model("participants", "User")

    has_data = (
        Event.objects.exists()
        or Person.objects.exists()
        or Organisation.objects.exists()
        or User.objects.filter(groups__name__in=ROLE_OF_GROUP).exists()
    )
    if not has_data:
        return  # a new installation: teams are created by their administrators
    team, _ = Team.objects.get_or_create(slug=TEAM_SLUG, defaults={"name": TEAM_NAME})

    mission_organisations = Mission.objects.values("organisation_id")
    Organisation.objects.exclude(pk__in=mission_organisations).update(team=team)
    Person.objects.update(team=team)
    Event.objects.update(team=team)

    Theme.objects.bulk_create(
        Theme(pk=old.pk, team=team, name=old.name, order=old.order, is_active=True)
        for old in OldTheme.objects.all()
    )
    _reset_sequence(schema_editor, Theme)
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    for event in Event.objects.all():
        event.themes.set(theme_ids)

    for group_name, role in ROLE_OF_GROUP.items():
        for user in User.objects.filter(groups__name=group_name):
            Membership.objects.get_or_create(team=team, user=user, defaults={"role": role})

    for mission in Mission.objects.exclude(focal_point=None):
        Person.objects.filter(pk=mission.focal_point_id).update(is_focal_point=True)


def _reset_sequence(schema_editor, model):
    # Rows were inserted with explicit ids: PostgreSQL's sequence must move past them.
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [model]):
        schema_editor.execute(sql)


def move_back(apps, schema_editor):
    Mission = apps.get_model("participants", "Mission")
    Person = apps.get_model("participants", "Person")
    for person in Person.objects.filter(is_focal_point=True).select_related("organisation"):
        Mission.objects.filter(organisation_id=person.organisation_id).update(focal_point=person)
    apps.get_model("events", "Theme").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("events", "0004_teams_and_themes"),
        ("participants", "0005_teams"),
        ("factsheets", "0006_history_soft_delete_fields"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(move_into_one_team, move_back)]
