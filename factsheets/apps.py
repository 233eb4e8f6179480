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

    # What the activity report reads from this app (see events/apps.py).
    report_inputs = (
        {"model": "factsheets.Factsheet", "event": "event"},
        # Their authors (a change of authors alone does not touch the factsheet's row).
        {"model": "factsheets.Factsheet_organisations", "event": "factsheet__event"},
        {"model": "factsheets.Distribution", "event": "event"},
        # The report lists the suggested recommendations of the approved factsheets.
        {"model": "factsheets.SuggestedRecommendation", "event": "factsheet__event"},
    )

    def ready(self):
        # The e-mail templates this app sends (notifications/registry.py).
        from . import emails  # noqa: F401
