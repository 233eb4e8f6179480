from django.apps import AppConfig


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"

    # Models with audit history pages, and the lookup from each to its team
    # (security/registry.py).
    history_models = {
        "event": "team",
        "programmeday": "event__team",
        "session": "day__event__team",
        "sessionrole": "session__day__event__team",
    }
