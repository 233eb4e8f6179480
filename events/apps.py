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

    # What the activity report shows from this app, for its fingerprint (the key of the
    # cached PDF, reports/selectors.py): each entry names a model and the path from its
    # rows to the event (`event`) or to the team (`team`, with the shared rows of no team
    # when `shared`). Every value of these rows is read; `summary` reads counts, sums of
    # keys and the last change instead (for tables that grow with the participants).
    report_inputs = (
        {"model": "events.Event", "event": "pk"},
        {"model": "events.Event_co_organisers", "event": "event"},
        {"model": "events.Event_themes", "event": "event"},
        {"model": "events.Theme", "event": "events"},
        {"model": "events.ProgrammeDay", "event": "event"},
        {"model": "events.Session", "event": "day__event"},
        {"model": "events.Session_themes", "event": "session__day__event"},
        {"model": "events.Session_missions_present", "event": "session__day__event"},
        {"model": "events.SessionRole", "event": "session__day__event"},
    )
