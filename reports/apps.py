from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"

    # Models with audit history pages, and the lookup from each to its team
    # (security/registry.py).
    # Report administrators edit reports, so they may read and restore their history too.
    history_permission = "reports.change_report"
    history_models = {
        "activityreport": "event__team",
        "achievement": "report__event__team",
        "testimony": "report__event__team",
    }

    # What the activity report reads from this app (see events/apps.py).
    report_inputs = (
        {"model": "reports.ActivityReport", "event": "event"},
        {"model": "reports.Achievement", "event": "report__event"},
        {"model": "reports.Testimony", "event": "report__event"},
    )
