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

    # What the activity report reads from this app (see events/apps.py).
    report_inputs = (
        {"model": "participants.Mission", "team": "organisation__team", "shared": True},
        {"model": "participants.Registration", "event": "event", "summary": True},
        {"model": "participants.Attendance", "event": "day__event", "summary": True},
        {"model": "participants.Person", "team": "team", "summary": True},
        {"model": "participants.Organisation", "team": "team", "shared": True, "summary": True},
    )

    # People put on an event's programme are registered to it (events/services.py).
    registers_programme_people = "participants.services.register_programme_people"

    def ready(self):
        # The resources declare the import/export kinds (participants.transfer); emails,
        # the e-mail templates this app sends (notifications/registry.py).
        from . import emails, resources  # noqa: F401
