from django.apps import AppConfig


class FactsheetsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "factsheets"

    # Models with audit history pages, and the lookup from each to its team
    # (security/registry.py).
    history_models = {
        "factsheet": "event__team",
        "factsheetfile": "factsheet__event__team",
        "suggestedrecommendation": "factsheet__event__team",
        "distribution": "event__team",
    }
