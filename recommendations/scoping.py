"""The review of the URL, resolved once per request and checked in one place.

Every page under `/reviews/<pk>/` uses `ReviewMixin` or `@review_view`: the review is looked
up among those the user may see (`Review.objects.visible_to`), so another team's review, or
one not linked to the user's organisation's events, is a 404; someone who sees it but lacks
the view's permission gets a 403. Everything below it is loaded through it
(`review.recommendations.get(pk=...)`).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404

from accounts.scoping import check_object

from .models import Review


def review_for(user, pk, *, permission=None):
    review = get_object_or_404(
        Review.objects.select_related("team").prefetch_related("event_links"), pk=pk
    )
    return check_object(
        user, review, view_permission="recommendations.view_review", permission=permission
    )


class ReviewMixin(LoginRequiredMixin):
    """Class-based views under a review: set `review_permission` (checked on the review)."""

    review_permission = None
    review_url_kwarg = "review"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.review = request.review = review_for(
                request.user, kwargs[self.review_url_kwarg], permission=self.review_permission
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        # A TemplateView passes the URL's kwargs in: the pk gives way to the review.
        kwargs["review"] = self.review
        return super().get_context_data(**kwargs)


def review_view(permission=None, url_kwarg="review"):
    """Function views under a review: `@review_view("recommendations.match_uptake")`.
    The view receives the checked review as `request.review`."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            request.review = review_for(request.user, kwargs[url_kwarg], permission=permission)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
