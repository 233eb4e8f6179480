"""The team's reviews (list, create, edit with the events held before them) and the review
page: its recommendations, filtered and searched, with counts and charts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.integrity import add_errors_to_form
from accounts.scoping import TeamMixin, form_instance

from .. import selectors, services
from ..forms import RecommendationFilterForm, ReviewForm
from ..models import Review
from ..scoping import ReviewMixin


class ReviewListView(TeamMixin, TemplateView):
    """The team's reviews with their counts; organisers and report administrators (CSO
    staff reach a review from the events it is linked to)."""

    template_name = "recommendations/review_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reviews=selectors.team_reviews(self.team),
            can_add=self.request.user.has_perm("recommendations.add_review", self.team),
            **kwargs,
        )


class ReviewFormMixin:
    template_name = "recommendations/review_form.html"

    def get_review(self):
        raise NotImplementedError

    def save(self, form):
        raise NotImplementedError

    def get_form(self, data=None):
        review = self.get_review()
        return ReviewForm(data, instance=form_instance(review), team=review.team)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                review = self.save(form)
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(request, _("%(review)s is saved.") % {"review": review})
                return redirect("recommendations:review_detail", review=review.pk)
        return self.render_to_response(self.get_context_data(form=form))


class ReviewCreateView(TeamMixin, ReviewFormMixin, TemplateView):
    team_permission = "recommendations.add_review"

    def get_review(self):
        return Review(team=self.team)

    def save(self, form):
        return services.create_review(
            self.team,
            values=form.review_values(),
            events=form.linked_events(),
            by=self.request.user,
        )


class ReviewUpdateView(ReviewMixin, ReviewFormMixin, TemplateView):
    review_permission = "recommendations.change_review"

    def get_review(self):
        return self.review

    def save(self, form):
        return services.update_review(
            self.review,
            values=form.review_values(),
            events=form.linked_events(),
            by=self.request.user,
        )


class ReviewDetailView(ReviewMixin, TemplateView):
    """The review page: organisers, report administrators, and CSO staff of the
    organisations linked to the events held before it."""

    template_name = "recommendations/review_detail.html"

    def get_context_data(self, **kwargs):
        state_codes, themes = selectors.filter_choices(self.review)
        form = RecommendationFilterForm(self.request.GET, state_codes=state_codes, themes=themes)
        page = selectors.review_page(
            self.review, page=self.request.GET.get("page", 1), **form.filters()
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            form=form,
            result=page,
            query=query.urlencode(),
            **kwargs,
        )
