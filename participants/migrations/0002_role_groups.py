from django.db import migrations

from participants.roles import sync_role_groups


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0001_initial"),
        ("events", "0002_initial"),
        ("factsheets", "0003_themes"),
        ("reports", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(sync_role_groups, migrations.RunPython.noop)]
