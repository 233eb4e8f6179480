from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"

    # What the activity report reads from this app (see events/apps.py).
    report_inputs = (
        {"model": "reports.ActivityReport", "event": "event"},
        {"model": "reports.Achievement", "event": "report__event"},
        {"model": "reports.Testimony", "event": "report__event"},
    )
