"""Uptake: which CSO suggestions the recommendations made at the review reflect.

The overview lists the factsheets of the events linked to the review with their figures
(readers: organisers and report administrators); one page per factsheet lets an organiser
go through its suggestions with the ranked candidates and confirm, mark partial or reject,
by keyboard (static/js/uptake.js), each decision swapped in place by htmx.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from factsheets.models import Factsheet

from .. import selectors, services, stats
from ..models import Closeness
from ..scoping import ReviewMixin, review_view

MAX_NOTE = 2000


class _ReviewPage(ReviewMixin, TemplateView):
    pass


class UptakeView(_ReviewPage):
    review_permission = "recommendations.export_review"
    template_name = "recommendations/uptake_overview.html"

    def get_context_data(self, **kwargs):
        factsheets = list(selectors.uptake_factsheets(self.review))
        can_match = self.request.user.has_perm("recommendations.match_uptake", self.review)
        if can_match:
            likely = selectors.likely_matches(self.review, factsheets)
            for factsheet in factsheets:
                factsheet.likely_count = likely[factsheet.pk]
        return super().get_context_data(
            factsheets=factsheets,
            can_match=can_match,
            figures=stats.uptake_figures(self.review),
            method=stats.METHOD,
            **kwargs,
        )


def _factsheet(review, pk):
    try:
        return selectors.uptake_factsheet(review, pk)
    except Factsheet.DoesNotExist:
        raise Http404 from None


class UptakeFactsheetView(_ReviewPage):
    review_permission = "recommendations.match_uptake"
    template_name = "recommendations/uptake_factsheet.html"

    def get_context_data(self, **kwargs):
        factsheet = _factsheet(self.review, kwargs.pop("factsheet"))
        matches = selectors.suggestion_matches(self.review, factsheet)
        factsheets = list(selectors.uptake_factsheets(self.review).values_list("pk", flat=True))
        position = factsheets.index(factsheet.pk)
        return super().get_context_data(
            factsheet=factsheet,
            authors=list(factsheet.organisations.all()),
            matches=matches,
            decided=sum(1 for match in matches if match.is_decided),
            previous_pk=factsheets[position - 1] if position > 0 else None,
            next_pk=factsheets[position + 1] if position + 1 < len(factsheets) else None,
            **kwargs,
        )


ACTIONS = {"full": Closeness.FULL, "partial": Closeness.PARTIAL, "reject": None, "none": None}


@review_view("recommendations.match_uptake")
@require_POST
def uptake_decide(request, review, factsheet, suggested):
    """Confirm (fully or partly) or reject one candidate of one suggestion."""
    review = request.review
    factsheet = _factsheet(review, factsheet)
    suggested_item = factsheet.recommendations.filter(pk=suggested).first()
    if suggested_item is None:
        raise Http404
    error = ""
    undo = "undo" in request.POST
    action = "undo" if undo else request.POST.get("action", "")
    recommendation = review.recommendations.filter(
        pk=_whole_number(request.POST.get("undo" if undo else "recommendation"))
    ).first()
    note = request.POST.get("note", "").strip()[:MAX_NOTE]
    if undo and recommendation is not None:
        services.undo_uptake(suggested_item, recommendation, by=request.user)
    elif action == "none":
        shown = review.recommendations.filter(
            pk__in=[_whole_number(pk) for pk in request.POST.getlist("shown")]
        )
        services.reject_candidates(suggested_item, shown, note=note, by=request.user)
    elif action not in ACTIONS:
        error = _("Choose confirm, partial or reject.")
    elif recommendation is None:
        error = _("Choose one of the candidates first.")
    else:
        try:
            if ACTIONS[action] is None:
                services.reject_uptake(suggested_item, recommendation, note=note, by=request.user)
            else:
                services.confirm_uptake(
                    suggested_item,
                    recommendation,
                    closeness=ACTIONS[action],
                    note=note,
                    by=request.user,
                )
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
    if not request.htmx:
        url = reverse("recommendations:uptake_factsheet", args=[review.pk, factsheet.pk])
        if error:
            messages.error(request, error)
        return redirect(f"{url}#suggestion-{suggested_item.pk}")
    (match,) = selectors.suggestion_matches(
        review, factsheet, suggestions=factsheet.recommendations.filter(pk=suggested_item.pk)
    )
    return render(
        request,
        "recommendations/_uptake_suggestion.html",
        {"review": review, "factsheet": factsheet, "match": match, "error": error},
    )


def _whole_number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
