"""Action categories: the suggestions of categories.py, shown with their reason.

Organisers accept them, one by one or all at once, for the recommendations of a review
that came without a category (a Working Group report, a thematic list); anyone who may see
a factsheet sees the category of each of its suggested recommendations, so a CSO can
sharpen a "Continue efforts" (2) into a named act (5) before the review.
"""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from factsheets.views import factsheet_for

from ..categories import suggest_category
from ..models import ActionCategory
from ..scoping import ReviewMixin, review_view
from ..services import accept_action_category, accept_suggested_categories

SHOW_MISSING, SHOW_ALL = "missing", "all"


def _with_suggestions(items):
    """`[(item, suggestion)]` for recommendations or suggested recommendations."""
    return [(item, suggest_category(item.text)) for item in items]


def _counts(pairs):
    """How many suggestions fall in each category, in the scale's order."""
    counts = Counter(suggestion.category for _item, suggestion in pairs if suggestion)
    return [(category, counts[category.value]) for category in ActionCategory]


class CategoryListView(ReviewMixin, TemplateView):
    template_name = "recommendations/recommendation_categories.html"
    review_permission = "recommendations.change_review"

    def get_context_data(self, **kwargs):
        show = SHOW_ALL if self.request.GET.get("show") == SHOW_ALL else SHOW_MISSING
        recommendations = self.review.recommendations.prefetch_related("recommending_states")
        if show == SHOW_MISSING:
            recommendations = recommendations.filter(action_category__isnull=True)
        pairs = _with_suggestions(recommendations.order_by("pk"))
        missing = sum(1 for item, _suggestion in pairs if item.action_category is None)
        if show == SHOW_ALL:
            missing = self.review.recommendations.filter(action_category__isnull=True).count()
        return super().get_context_data(
            rows=pairs,
            show=show,
            missing=missing,
            counts=_counts(pairs),
            categories=ActionCategory.choices,
            **kwargs,
        )


def _back(review, request):
    url = reverse("recommendations:categories", args=[review.pk])
    return redirect(f"{url}?show={SHOW_ALL}" if request.POST.get("show") == SHOW_ALL else url)


@review_view("recommendations.change_review")
@require_POST
def accept_category(request, review, recommendation):
    review = request.review
    recommendation = get_object_or_404(review.recommendations, pk=recommendation)
    try:
        category = int(request.POST.get("category", ""))
        changed = accept_action_category(recommendation, category=category, by=request.user)
    except ValueError:
        messages.error(request, _("Choose an action category from 1 to 5."))
        return _back(review, request)
    if changed:
        messages.success(
            request,
            _("Recommendation %(recommendation)s is now in category %(category)s.")
            % {
                "recommendation": recommendation.paragraph or recommendation.pk,
                "category": ActionCategory(category).label,
            },
        )
    return _back(review, request)


@review_view("recommendations.change_review")
@require_POST
def accept_all_categories(request, review):
    review = request.review
    count = accept_suggested_categories(review, by=request.user)
    messages.success(
        request,
        ngettext(
            "The suggested category is accepted for %(count)s recommendation.",
            "The suggested categories are accepted for %(count)s recommendations.",
            count,
        )
        % {"count": count},
    )
    return _back(review, request)


class DraftCategoryView(LoginRequiredMixin, TemplateView):
    """The categories of a factsheet's suggested recommendations: whoever may see the
    factsheet (its authors, the event's team)."""

    template_name = "recommendations/suggestedrecommendation_categories.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.factsheet = factsheet_for(request.user, kwargs["factsheet"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        factsheet = self.factsheet
        pairs = _with_suggestions(factsheet.recommendations.order_by("order", "pk"))
        may_change = self.request.user.has_perm("factsheets.change_factsheet", factsheet)
        kwargs["factsheet"] = factsheet  # the object, not the URL's id
        return super().get_context_data(
            rows=pairs,
            counts=_counts(pairs),
            can_edit=may_change and factsheet.is_editable,
            **kwargs,
        )
