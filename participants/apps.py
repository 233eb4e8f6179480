from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "participants"

    # What the activity report reads from this app (see events/apps.py).
    report_inputs = (
        {"model": "participants.Mission", "team": "organisation__team", "shared": True},
        {"model": "participants.Registration", "event": "event", "summary": True},
        {"model": "participants.Attendance", "event": "day__event", "summary": True},
        {"model": "participants.Person", "team": "team", "summary": True},
        {"model": "participants.Organisation", "team": "team", "shared": True, "summary": True},
    )
