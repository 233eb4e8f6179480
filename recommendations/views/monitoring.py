"""Implementation monitoring: the latest level of each recommendation and its figures for
the review's team, CSO staff's own assessments, and the OHCHR matrix export.

CSO staff record assessments for their own organisation only: the organisation is always
`request.user.organisation`, never a form value, and another organisation's assessment is
loaded through the user's organisation, so it is a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import FormView, TemplateView

from accounts.scoping import form_instance

from .. import services
from ..forms import AssessmentForm
from ..matrix import MATRIX_FORMATS, matrix_filename, render_matrix
from ..models import ImplementationAssessment, ImplementationLevel
from ..scoping import ReviewMixin, review_view
from ..stats import implementation_overview, organisation_assessments

NOT_ASSESSED = "not_assessed"
LEVEL_FILTERS = {
    NOT_ASSESSED: _lazy("Not assessed"),
    **dict(ImplementationLevel.choices),
}


def _shown(row_level, wanted):
    if not wanted:
        return True
    if wanted == NOT_ASSESSED:
        return not row_level
    return row_level == wanted


class MonitoringView(ReviewMixin, TemplateView):
    """The review's team sees every organisation's latest level and the figures; CSO staff
    of a linked organisation see their own organisation's assessments and record new ones."""

    review_permission = "recommendations.view_review"
    template_name = "recommendations/monitoring.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context["can_export"] = user.has_perm("recommendations.export_review", self.review)
        context["can_assess"] = bool(user.organisation_id) and user.has_perm(
            "recommendations.add_assessment", self.review
        )
        # The figures count every recommendation; the lists show those of the level asked
        # for, a page at a time.
        page = self.request.GET.get("page")
        level = self.request.GET.get("level", "")
        if level not in LEVEL_FILTERS:
            level = ""
        context["level"] = level
        context["level_filters"] = LEVEL_FILTERS.items()
        context["query_string"] = urlencode({"level": level}) if level else ""
        if context["can_export"]:
            context["overview"] = implementation_overview(self.review)
            rows = [row for row in context["overview"].rows if _shown(row.level, level)]
            context["overview_page"] = self.paginate(rows, page)
            context["formats"] = MATRIX_FORMATS
        if context["can_assess"]:
            own_rows = organisation_assessments(self.review, user.organisation)
            context["own_total"] = len(own_rows)
            context["own_assessed"] = sum(1 for row in own_rows if row.latest)
            rows = [row for row in own_rows if _shown(row.latest and row.latest.level, level)]
            context["own_page"] = self.paginate(rows, page)
        return context

    def paginate(self, rows, page):
        return Paginator(rows, self.paginate_by).get_page(page)


class AssessmentFormMixin(ReviewMixin):
    """The assessment form pages: CSO staff of a linked organisation, for their own."""

    review_permission = "recommendations.add_assessment"
    form_class = AssessmentForm
    template_name = "recommendations/assessment_form.html"

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.load()
        return super().post(request, *args, **kwargs)

    def load(self):
        """Set `self.recommendation` and `self.assessment` from the URL (404 when they are
        not the review's, or not the user's organisation's)."""
        raise NotImplementedError

    def write(self, values):
        """Save the form's `values` through the services."""
        raise NotImplementedError

    def organisation(self):
        # A superuser passes every permission but has no organisation to speak for.
        if not self.request.user.organisation_id:
            raise PermissionDenied
        return self.request.user.organisation

    def get_success_url(self):
        return reverse("recommendations:monitoring", args=[self.review.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recommendation=self.recommendation, organisation=self.organisation(), **kwargs
        )

    def form_valid(self, form):
        try:
            self.write(form.assessment_values())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect(self.get_success_url())


class AssessmentCreateView(AssessmentFormMixin, FormView):
    def load(self):
        self.organisation()
        self.recommendation = get_object_or_404(
            self.review.recommendations.prefetch_related("recommending_states"),
            pk=self.kwargs["recommendation"],
        )
        self.assessment = None

    def write(self, values):
        services.record_assessment(
            self.recommendation, organisation=self.organisation(), by=self.request.user, **values
        )
        messages.success(self.request, _("Your organisation's assessment was recorded."))


class AssessmentUpdateView(AssessmentFormMixin, FormView):
    def load(self):
        organisation = self.organisation()
        # Through the user's organisation: another organisation's assessment is a 404.
        self.assessment = get_object_or_404(
            ImplementationAssessment.objects.for_review(self.review)
            .filter(organisation=organisation)
            .select_related("recommendation"),
            pk=self.kwargs["assessment"],
        )
        self.recommendation = self.assessment.recommendation
        self.recommendation.review = self.review  # with its event links, read once
        if not self.request.user.has_perm("recommendations.change_assessment", self.assessment):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": form_instance(self.assessment)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(assessment=self.assessment, **kwargs)

    def write(self, values):
        services.update_assessment(self.assessment, by=self.request.user, **values)
        messages.success(self.request, _("The assessment was saved."))


@review_view("recommendations.export_review")
def matrix_export(request, review, fmt):
    """The review's recommendations in the shape of OHCHR's thematic list, the assessment
    column filled with the latest assessments."""
    if fmt not in MATRIX_FORMATS:
        raise Http404
    content_type, _label = MATRIX_FORMATS[fmt]
    response = HttpResponse(render_matrix(request.review, fmt), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{matrix_filename(request.review, fmt)}"'
    )
    return response
