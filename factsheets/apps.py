from django.apps import AppConfig


class FactsheetsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "factsheets"

    # What the activity report reads from this app (see events/apps.py).
    report_inputs = (
        {"model": "factsheets.Factsheet", "event": "event"},
        {"model": "factsheets.Distribution", "event": "event"},
    )
