"""The three role groups of the app's first version, with their model permissions.

A frozen copy: the code no longer uses groups (roles are team memberships, see accounts),
and accounts/migrations/0002_delete_role_groups.py removes them again.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ORGANISERS = "Organisers"
CSO_STAFF = "CSO staff"
REPORT_ADMINISTRATORS = "Report administrators"

_CRUD = ("add", "change", "delete", "view")

ROLE_PERMISSIONS = {
    ORGANISERS: {
        "events": {
            "event": _CRUD,
            "programmeday": _CRUD,
            "session": _CRUD,
            "sessionrole": _CRUD,
        },
        "participants": {
            "organisation": _CRUD,
            "person": (*_CRUD, "view_contact_details"),
            "registration": _CRUD,
            "attendance": _CRUD,
            "mission": _CRUD,
        },
        "factsheets": {
            "theme": ("view",),
            "factsheet": ("view", "change", "delete", "review_factsheet"),
            "factsheetfile": ("view",),
            "suggestedrecommendation": ("view",),
            "distribution": _CRUD,
        },
        "reports": {
            "activityreport": (*_CRUD, "export_activityreport"),
            "achievement": _CRUD,
            "testimony": _CRUD,
        },
    },
    CSO_STAFF: {
        "events": {"event": ("view",)},
        "factsheets": {
            "theme": ("view",),
            "factsheet": ("add", "change", "view"),
            "factsheetfile": ("add", "view"),
            "suggestedrecommendation": _CRUD,
            "distribution": ("view",),
        },
    },
    REPORT_ADMINISTRATORS: {
        "events": {
            "event": ("view",),
            "programmeday": ("view",),
            "session": ("view",),
            "sessionrole": ("view",),
        },
        "participants": {
            "organisation": ("view",),
            "person": ("view",),
            "registration": ("view",),
            "attendance": ("view",),
            "mission": ("view",),
        },
        "factsheets": {
            "theme": ("view",),
            "factsheet": ("view",),
            "factsheetfile": ("view",),
            "suggestedrecommendation": ("view",),
            "distribution": ("view",),
        },
        "reports": {
            "activityreport": (*_CRUD, "export_activityreport"),
            "achievement": _CRUD,
            "testimony": _CRUD,
        },
    },
}


def _codename(action, model):
    # Custom permissions are given by their full codename; model permissions by their action.
    return action if "_" in action else f"{action}_{model}"


def sync_role_groups(apps, schema_editor=None):
    """Create the role groups and set exactly the permissions listed above."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, apps_models in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        permissions = []
        for app_label, models in apps_models.items():
            for model, actions in models.items():
                for action in actions:
                    permissions.append(
                        Permission.objects.get(
                            content_type__app_label=app_label,
                            content_type__model=model,
                            codename=_codename(action, model),
                        )
                    )
        group.permissions.set(permissions)


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
