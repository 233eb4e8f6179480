from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    """Reviews, the recommendations made at them, their uptake of what civil society
    suggested, and assessments of their implementation."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "recommendations"
    verbose_name = _("Recommendations")

    # Models with audit history pages, and the lookup from each to its team
    # (security/registry.py).
    history_models = {
        "review": "team",
        "reviewevent": "review__team",
        "recommendation": "review__team",
        "recommendingstate": "recommendation__review__team",
        "uptakelink": "recommendation__review__team",
        "implementationassessment": "recommendation__review__team",
        "uptakerejection": "recommendation__review__team",
    }
