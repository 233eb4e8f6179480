import logging

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from events.models import Event, ProgrammeDay

from . import pdf, selectors
from .forms import (
    AchievementFormSet,
    ActivityReportForm,
    BadgeSelectionForm,
    TestimonyFormSet,
    next_orders,
)
from .services import save_report_narrative

logger = logging.getLogger(__name__)

EDIT_PERMISSION = "reports.change_activityreport"
EXPORT_PERMISSION = "reports.export_activityreport"
# Printouts list people: organisers make them; report administrators may read them.
PRINTOUT_PERMISSIONS = ("participants.view_registration", "events.view_session")


class EventMixin:
    """Loads the event of the URL through `visible_to`, after the permission checks."""

    @cached_property
    def event(self):
        return get_object_or_404(
            Event.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )


def pdf_response(rendered, *, cache_status=None):
    response = HttpResponse(rendered.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    if cache_status is not None:
        response["X-Report-Cache"] = cache_status
    return response


def pdf_failed(request, *, back):
    """Send the user back to the page they came from with a message, instead of a
    server error, when WeasyPrint could not make the PDF (the error is logged)."""
    logger.exception("PDF rendering failed for %s", request.path)
    messages.error(
        request,
        _(
            "The PDF could not be made. The problem has been logged for the administrators; "
            "try again in a moment."
        ),
    )
    return redirect(back)


class ReportEditView(LoginRequiredMixin, PermissionRequiredMixin, EventMixin, View):
    permission_required = EDIT_PERMISSION
    template_name = "reports/activityreport_form.html"

    def get_forms(self, data=None):
        report = selectors.report_for_editing(self.event)
        saved = report.pk is not None
        achievements = list(report.achievements.all()) if saved else []
        testimonies = list(report.testimonies.all()) if saved else []
        return (
            ActivityReportForm(data, instance=report, prefix="report"),
            AchievementFormSet(
                data,
                instance=report,
                prefix="achievements",
                initial=next_orders(achievements, AchievementFormSet.extra),
            ),
            TestimonyFormSet(
                data,
                instance=report,
                prefix="testimonies",
                initial=next_orders(testimonies, TestimonyFormSet.extra),
            ),
        )

    def render_forms(self, report_form, achievement_formset, testimony_formset, status=200):
        context = {
            "event": self.event,
            "form": report_form,
            "achievement_formset": achievement_formset,
            "testimony_formset": testimony_formset,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_forms(*self.get_forms())

    def post(self, request, *args, **kwargs):
        report_form, achievement_formset, testimony_formset = self.get_forms(request.POST)
        if not all(
            [report_form.is_valid(), achievement_formset.is_valid(), testimony_formset.is_valid()]
        ):
            messages.error(request, _("The report was not saved: please correct the errors."))
            return self.render_forms(
                report_form, achievement_formset, testimony_formset, status=400
            )
        save_report_narrative(
            self.event,
            report_form=report_form,
            achievement_formset=achievement_formset,
            testimony_formset=testimony_formset,
            by=request.user,
        )
        messages.success(request, _("The report was saved."))
        if "save_and_preview" in request.POST:
            return redirect("reports:report_preview", slug=self.event.slug)
        return redirect("reports:report_edit", slug=self.event.slug)


class ReportPreviewView(LoginRequiredMixin, PermissionRequiredMixin, EventMixin, View):
    permission_required = EXPORT_PERMISSION

    def get(self, request, *args, **kwargs):
        return HttpResponse(pdf.activity_report_html(self.event, preview=True))


class ReportPdfView(LoginRequiredMixin, PermissionRequiredMixin, EventMixin, View):
    permission_required = EXPORT_PERMISSION

    def get(self, request, *args, **kwargs):
        try:
            rendered = pdf.activity_report_pdf(self.event)
        except pdf.PdfRenderingError:
            can_edit = request.user.has_perm(EDIT_PERMISSION)
            back = reverse("reports:report_edit", kwargs={"slug": self.event.slug})
            return pdf_failed(request, back=back if can_edit else self.event.get_absolute_url())
        return pdf_response(rendered, cache_status="hit" if rendered.from_cache else "miss")


class PrintoutsView(LoginRequiredMixin, PermissionRequiredMixin, EventMixin, TemplateView):
    permission_required = PRINTOUT_PERMISSIONS
    template_name = "reports/event_printouts.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            event=self.event,
            days=ProgrammeDay.objects.for_event(self.event).order_by("date"),
            # The same people, in the same order, as on the badges.
            registrations=selectors.badge_registrations(self.event),
            **kwargs,
        )


class PrintoutPdfMixin:
    def printout_response(self, make_pdf, *args):
        try:
            return pdf_response(make_pdf(*args))
        except pdf.PdfRenderingError:
            back = reverse("reports:printouts", kwargs={"slug": self.event.slug})
            return pdf_failed(self.request, back=back)


class ProgrammePdfView(
    LoginRequiredMixin, PermissionRequiredMixin, EventMixin, PrintoutPdfMixin, View
):
    permission_required = PRINTOUT_PERMISSIONS

    def get(self, request, *args, **kwargs):
        return self.printout_response(pdf.programme_pdf, self.event)


class SignInSheetPdfView(
    LoginRequiredMixin, PermissionRequiredMixin, EventMixin, PrintoutPdfMixin, View
):
    permission_required = PRINTOUT_PERMISSIONS

    def get(self, request, *args, **kwargs):
        day = get_object_or_404(
            ProgrammeDay.objects.for_event(self.event).select_related("event"),
            pk=kwargs["day_pk"],
        )
        return self.printout_response(pdf.sign_in_sheet_pdf, day)


def selected_ids(query_dict):
    """Registration ids from `?ids=1&ids=2` (checkboxes) or `?ids=1,2` (a typed link)."""
    return [
        value.strip()
        for raw in query_dict.getlist("ids")
        for value in raw.split(",")
        if value.strip()
    ]


class BadgesPdfView(
    LoginRequiredMixin, PermissionRequiredMixin, EventMixin, PrintoutPdfMixin, View
):
    permission_required = PRINTOUT_PERMISSIONS

    def get(self, request, *args, **kwargs):
        form = BadgeSelectionForm({"ids": selected_ids(request.GET)}, event=self.event)
        if not form.is_valid():
            errors = " ".join(str(error) for error in form.errors["ids"])
            return HttpResponseBadRequest(
                _("No badges were made: %(errors)s") % {"errors": errors},
                content_type="text/plain; charset=utf-8",
            )
        return self.printout_response(pdf.badges_pdf, self.event, form.cleaned_data["ids"])
