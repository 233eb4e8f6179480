from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "participants"

    # Models with audit history pages, and the lookup from each to its team
    # (security/registry.py). Missions are shared reference data: no team.
    history_models = {
        "organisation": "team",
        "person": "team",
        "mission": None,
        "registration": "event__team",
        "attendance": "registration__event__team",
    }

    def ready(self):
        # The resources declare the import/export kinds (participants.transfer).
        from . import resources  # noqa: F401
