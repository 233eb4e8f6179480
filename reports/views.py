import logging
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.models import Team, TeamRole
from accounts.rules import team_roles
from events.forms import row_changes
from events.models import Event, ProgrammeDay, Session, SessionKind
from events.scoping import EventMixin, day_of
from events.selectors import programme_days
from factsheets.models import Factsheet
from jobs.services import runs_inline, start_job
from participants.models import Attendance, Mission, Registration
from security.once import (
    TOKEN_FIELD,
    AlreadySubmitted,
    add_token_field,
    answer_already_submitted,
    answer_resent,
    claim_submission,
    record_result,
)

from . import pdf, selectors, tasks
from .forms import (
    AchievementFormSet,
    ActivityReportForm,
    BadgeSelectionForm,
    TestimonyFormSet,
    next_orders,
)
from .services import save_report_narrative
from .stats import event_figures

logger = logging.getLogger(__name__)

EDIT_PERMISSION = "reports.change_report"
EXPORT_PERMISSION = "reports.export_report"
# Printouts list people: organisers and report administrators make them.
PRINTOUT_PERMISSION = "reports.print_documents"


def _count_per_event(queryset, event_path="event", distinct_field="pk"):
    """A subquery counting `queryset` rows per event: no join fan-out on the event list."""
    rows = (
        queryset.filter(**{event_path: OuterRef("pk")})
        .order_by()
        .values(event_path)
        .annotate(n=Count(distinct_field, distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


class DashboardView(LoginRequiredMixin, TemplateView):
    """The events the user may see with their main counts: a team member's are grouped by
    team (with a "New event" link where they organise), CSO staff's are the events their
    organisation is linked to."""

    template_name = "reports/dashboard.html"

    def get_events(self):
        return list(
            Event.objects.visible_to(self.request.user)
            .select_related("team")
            .annotate(
                day_count=_count_per_event(ProgrammeDay.objects.all()),
                registration_count=_count_per_event(Registration.objects.all()),
                participant_count=_count_per_event(
                    Attendance.objects.all(), "day__event", "registration__person"
                ),
                factsheet_count=_count_per_event(Factsheet.objects.all()),
            )
            .order_by("team__name", "team_id", "-start_date", "title")
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        events = self.get_events()
        roles = team_roles(user)
        by_team = {team: list(rows) for team, rows in groupby(events, key=lambda e: e.team)}
        # A team of the user's without events yet still gets its heading and its link.
        without_events = set(roles) - {team.pk for team in by_team}
        if without_events:
            for team in Team.objects.filter(pk__in=without_events):
                by_team[team] = []
        groups = [
            {
                "team": team,
                "events": by_team[team],
                "can_add_event": user.is_superuser or roles.get(team.pk) == TeamRole.ORGANISER,
                "is_member": team.pk in roles,
            }
            for team in sorted(by_team, key=lambda team: (team.name, team.pk))
        ]
        return super().get_context_data(events=events, groups=groups, **kwargs)


class EventOverviewView(EventMixin, TemplateView):
    """The event overview: its programme (events.selectors) and its figures (reports.stats)."""

    template_name = "reports/event_overview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            days=programme_days(self.event), figures=event_figures(self.event), **kwargs
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


class ReportEditView(EventMixin, View):
    event_permission = EDIT_PERMISSION
    template_name = "reports/activityreport_form.html"

    def get_forms(self, data=None):
        report = selectors.report_for_editing(self.event)
        saved = report.pk is not None
        achievements = list(report.achievements.all()) if saved else []
        testimonies = list(report.testimonies.all()) if saved else []
        report_form = ActivityReportForm(data, instance=report, prefix="report")
        add_token_field(report_form)
        return (
            report_form,
            AchievementFormSet(
                data,
                instance=report,
                prefix="achievements",
                form_kwargs={"original_language": report.language},
                initial=next_orders(achievements, AchievementFormSet.extra),
            ),
            TestimonyFormSet(
                data,
                instance=report,
                prefix="testimonies",
                form_kwargs={"original_language": report.language},
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
        edit_url = reverse("reports:report_edit", args=[self.event.slug])
        resent = answer_resent(request, edit_url)
        if resent:
            return resent
        report_form, achievement_formset, testimony_formset = self.get_forms(request.POST)
        if not all(
            [report_form.is_valid(), achievement_formset.is_valid(), testimony_formset.is_valid()]
        ):
            messages.error(request, _("The report was not saved: please correct the errors."))
            return self.render_forms(
                report_form, achievement_formset, testimony_formset, status=400
            )
        narrative = {
            name: report_form.cleaned_data[name]
            for name in report_form.fields
            if name != TOKEN_FIELD
        }
        try:
            with transaction.atomic():
                claim = claim_submission(report_form.cleaned_data[TOKEN_FIELD], user=request.user)
                save_report_narrative(
                    self.event,
                    narrative=narrative,
                    achievements=row_changes(achievement_formset),
                    testimonies=row_changes(testimony_formset),
                    by=request.user,
                )
                record_result(claim, edit_url)
        except AlreadySubmitted as done:
            return answer_already_submitted(request, done, edit_url)
        messages.success(request, _("The report was saved."))
        if "save_and_preview" in request.POST:
            return redirect("reports:report_preview", slug=self.event.slug)
        return redirect("reports:report_edit", slug=self.event.slug)


class ReportPreviewView(EventMixin, View):
    event_permission = EXPORT_PERMISSION

    def get(self, request, *args, **kwargs):
        return HttpResponse(pdf.activity_report_html(self.event, preview=True))


class ReportPdfView(EventMixin, View):
    event_permission = EXPORT_PERMISSION

    def get(self, request, *args, **kwargs):
        try:
            rendered = pdf.activity_report_pdf(self.event)
        except pdf.PdfRenderingError:
            can_edit = request.user.has_perm(EDIT_PERMISSION, self.event)
            back = reverse("reports:report_edit", kwargs={"slug": self.event.slug})
            return pdf_failed(request, back=back if can_edit else self.event.get_absolute_url())
        return pdf_response(rendered, cache_status="hit" if rendered.from_cache else "miss")


class PrintoutsView(EventMixin, TemplateView):
    event_permission = PRINTOUT_PERMISSION
    template_name = "reports/event_printouts.html"

    def get_context_data(self, **kwargs):
        days = list(self.event.days.order_by("date"))
        for day in days:
            day.event = self.event  # `day.number` reads it: no query per day
        sessions = (
            Session.objects.for_event(self.event)
            .exclude(kind=SessionKind.BREAK)
            .in_programme_order()
            .select_related("day")
        )
        return super().get_context_data(
            days=days,
            sessions=sessions,
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


class ProgrammePdfView(EventMixin, PrintoutPdfMixin, View):
    event_permission = PRINTOUT_PERMISSION

    def get(self, request, *args, **kwargs):
        return self.printout_response(pdf.programme_pdf, self.event)


class PrintoutJobMixin:
    """A printout of many people is made by the job worker: the request only starts the job
    and answers with its progress page. A small one, with no worker running, is made here."""

    def start_printout_job(self, *, kind, label, total, task, task_kwargs):
        job = start_job(
            team=self.event.team,
            kind=kind,
            label=label,
            by=self.request.user,
            total=total,
            task=task,
            # The worker prints in the language of the person asking, not its own.
            task_kwargs={**task_kwargs, "language": translation.get_language()},
            back_url=reverse("reports:printouts", kwargs={"slug": self.event.slug}),
        )
        return redirect(job)


class SignInSheetPdfView(EventMixin, PrintoutPdfMixin, PrintoutJobMixin, View):
    event_permission = PRINTOUT_PERMISSION

    def get(self, request, *args, **kwargs):
        day = day_of(self.event, kwargs["day_pk"])
        total = Registration.objects.for_event(self.event).count()
        if runs_inline(total):
            return self.printout_response(pdf.sign_in_sheet_pdf, day)
        return self.start_printout_job(
            kind="reports.sign_in_sheet",
            label=_("Sign-in sheet, day %(number)s: %(event)s")
            % {"number": day.number, "event": str(self.event)},
            total=total,
            task=tasks.make_sign_in_sheet,
            task_kwargs={"day_id": day.pk},
        )


class MissionSignInSheetPdfView(EventMixin, PrintoutPdfMixin, PrintoutJobMixin, View):
    event_permission = PRINTOUT_PERMISSION

    def get(self, request, *args, **kwargs):
        session = get_object_or_404(
            Session.objects.for_event(self.event).select_related("day"), pk=kwargs["session_pk"]
        )
        session.day.event = self.event
        total = Mission.objects.count()
        if runs_inline(total):
            return self.printout_response(pdf.mission_sign_in_sheet_pdf, session)
        return self.start_printout_job(
            kind="reports.mission_sign_in_sheet",
            label=_("Missions' sign-in sheet, %(session)s: %(event)s")
            % {"session": session.title, "event": str(self.event)},
            total=total,
            task=tasks.make_mission_sign_in_sheet,
            task_kwargs={"session_id": session.pk},
        )


def selected_ids(query_dict):
    """Registration ids from `?ids=1&ids=2` (checkboxes) or `?ids=1,2` (a typed link)."""
    return [
        value.strip()
        for raw in query_dict.getlist("ids")
        for value in raw.split(",")
        if value.strip()
    ]


class BadgesPdfView(EventMixin, PrintoutPdfMixin, PrintoutJobMixin, View):
    event_permission = PRINTOUT_PERMISSION

    def get(self, request, *args, **kwargs):
        form = BadgeSelectionForm({"ids": selected_ids(request.GET)}, event=self.event)
        if not form.is_valid():
            errors = " ".join(str(error) for error in form.errors["ids"])
            return HttpResponseBadRequest(
                _("No badges were made: %(errors)s") % {"errors": errors},
                content_type="text/plain; charset=utf-8",
            )
        selected = list(form.cleaned_data["ids"])
        total = len(selected) or Registration.objects.for_event(self.event).count()
        if runs_inline(total):
            return self.printout_response(pdf.badges_pdf, self.event, selected)
        return self.start_printout_job(
            kind="reports.badges",
            label=_("Badges: %(event)s") % {"event": str(self.event)},
            total=total,
            task=tasks.make_badges,
            task_kwargs={
                "event_id": self.event.pk,
                "registration_ids": [registration.pk for registration in selected],
            },
        )
