from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "participants"

    def ready(self):
        # The resources declare the import/export kinds (participants.transfer).
        from . import resources  # noqa: F401
