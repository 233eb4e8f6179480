"""The role groups of the first version are replaced by team memberships: remove them.

Their members became memberships of a team in events/migrations/0005_move_into_one_team.py,
which must run first. Going back recreates the groups, empty.
"""

from django.db import migrations

ROLE_GROUPS = ("Organisers", "CSO staff", "Report administrators")


def delete_role_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS).delete()


def recreate_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("participants", "0002_role_groups"),
        ("events", "0005_move_into_one_team"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(delete_role_groups, recreate_role_groups)]
