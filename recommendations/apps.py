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

    # What the activity report's "At the review" section reads, for its fingerprint (see
    # events/apps.py and reports/selectors.py): the reviews linked to the event, their
    # recommendations and States, the uptake links confirmed on them, and what the figures
    # read from the other events linked to the same reviews (their factsheets, attendance
    # and distributions: the pre-session effect counts every linked event).
    report_inputs = (
        {"model": "recommendations.ReviewEvent", "event": "review__event_links__event"},
        {"model": "recommendations.Review", "event": "event_links__event"},
        {
            "model": "recommendations.Recommendation",
            "event": "review__event_links__event",
            "summary": True,
        },
        {
            "model": "recommendations.RecommendingState",
            "event": "recommendation__review__event_links__event",
            "summary": True,
        },
        {
            "model": "recommendations.UptakeLink",
            "event": "recommendation__review__event_links__event",
        },
        {
            "model": "factsheets.SuggestedRecommendation",
            "event": "factsheet__event__review_links__review__event_links__event",
            "summary": True,
        },
        {
            "model": "factsheets.Factsheet",
            "event": "event__review_links__review__event_links__event",
            "summary": True,
        },
        {
            "model": "factsheets.Factsheet_organisations",
            "event": "factsheet__event__review_links__review__event_links__event",
        },
        {
            "model": "factsheets.Distribution",
            "event": "event__review_links__review__event_links__event",
            "summary": True,
        },
        {
            "model": "participants.Attendance",
            "event": "day__event__review_links__review__event_links__event",
            "summary": True,
        },
        {
            "model": "events.Session_missions_present",
            "event": "session__day__event__review_links__review__event_links__event",
        },
    )
