import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation, ValidationError
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from accounts.integrity import add_errors_to_form
from accounts.rules import team_roles
from accounts.scoping import check_object, form_instance
from events.models import Event
from events.rules import linked_event_ids
from events.scoping import EventMixin
from security.once import (
    TOKEN_FIELD,
    AlreadySubmitted,
    add_token_field,
    answer_already_submitted,
    answer_resent,
    claim_submission,
    record_result,
)

from . import emails, selectors, services
from .forms import (
    DistributionForm,
    FactsheetCreateForm,
    FactsheetForm,
    FileVersionForm,
    ReviewForm,
    recommendation_formset,
)
from .models import Distribution, Factsheet, FactsheetStatus

logger = logging.getLogger(__name__)


def _require(user, permission, obj=None):
    if not user.has_perm(permission, obj):
        raise PermissionDenied


def factsheet_for(user, pk, *, permission=None):
    """The factsheet `pk`, loaded through `visible_to`: someone else's (another team's,
    another organisation's, or deleted) is a 404; a visible one without `permission`
    (checked on it) a 403."""
    factsheet = get_object_or_404(
        Factsheet.objects.visible_to(user)
        .select_related("event__team", "theme", "reviewed_by", "uploaded_by")
        .prefetch_related("organisations"),
        pk=pk,
    )
    return check_object(
        user, factsheet, view_permission="factsheets.view_factsheet", permission=permission
    )


class FactsheetObjectMixin(LoginRequiredMixin):
    """Views of one factsheet by id: `self.factsheet`, checked for `permission`."""

    permission = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.factsheet = factsheet_for(request.user, kwargs["pk"], permission=self.permission)
            refusal = self.refuse_in_this_state()
            if refusal is not None:
                return refusal
        return super().dispatch(request, *args, **kwargs)

    def refuse_in_this_state(self):
        """A response (a redirect with a message) when the factsheet's status does not allow
        the page, or None."""
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(factsheet=self.factsheet, **kwargs)


def _overseen_events(user):
    """The events whose factsheets `user` oversees as a team member (superusers: all)."""
    if user.is_superuser:
        return Event.objects.all()
    return Event.objects.filter(team_id__in=list(team_roles(user)))


class FactsheetListView(LoginRequiredMixin, TemplateView):
    template_name = "factsheets/factsheet_list.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require(request.user, "factsheets.list_factsheets")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        factsheets = Factsheet.objects.visible_to(user).with_listing().in_theme_order()
        can_oversee = user.is_superuser or bool(team_roles(user))
        context = super().get_context_data(
            factsheets=factsheets,
            can_author=user.has_perm("factsheets.write_factsheets"),
            can_oversee=can_oversee,
            **kwargs,
        )
        if can_oversee:
            # Events that appear in no group of the list, so that their pages stay reachable.
            context["events_without_factsheets"] = _overseen_events(user).exclude(
                pk__in=Factsheet.objects.values("event")
            )
        return context


class FactsheetFormMixin:
    """Renders a factsheet form with its recommendations formset, and shows a service's
    refusal as a form error."""

    template_name = "factsheets/factsheet_form.html"

    def render_forms(self, form, formset, status=200):
        context = self.get_context_data(form=form, formset=formset)
        return self.render_to_response(context, status=status)


class FactsheetCreateView(LoginRequiredMixin, FactsheetFormMixin, TemplateView):
    """CSO staff write a factsheet for one of the events their organisation is linked to."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require(request.user, "factsheets.write_factsheets")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        initial = {}
        event = Event.objects.filter(
            pk__in=list(linked_event_ids(request.user)), slug=request.GET.get("event")
        ).first()
        if event:
            initial["event"] = event.pk
        form = FactsheetCreateForm(user=request.user, initial=initial)
        add_token_field(form)
        return self.render_forms(form, recommendation_formset())

    def post(self, request, *args, **kwargs):
        resent = answer_resent(request, reverse("factsheets:factsheet_list"))
        if resent:
            return resent
        form = FactsheetCreateForm(request.POST, request.FILES, user=request.user)
        add_token_field(form)
        formset = recommendation_formset(request.POST)
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    claim = claim_submission(data[TOKEN_FIELD], user=request.user)
                    factsheet = self.create(data, formset)
                    record_result(claim, factsheet.get_absolute_url())
            except AlreadySubmitted as done:
                return answer_already_submitted(request, done, reverse("factsheets:factsheet_list"))
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("The factsheet was saved as a draft. Submit it for review when it is ready."),
                )
                return redirect(factsheet)
        return self.render_forms(form, formset, status=400)

    def create(self, data, formset):
        return services.create_factsheet(
            event=data["event"],
            theme=data["theme"],
            title=data["title"],
            language=data["language"],
            summary=data["summary"],
            organisations=data["co_authors"],
            uploaded_file=data["file"],
            recommendations=formset.ordered_texts(),
            by=self.request.user,
            public=data["public"],
        )


class FactsheetUpdateView(FactsheetObjectMixin, FactsheetFormMixin, TemplateView):
    permission = "factsheets.change_factsheet"

    def refuse_in_this_state(self):
        if self.factsheet.is_editable:
            return None
        messages.warning(
            self.request,
            _(
                "This factsheet cannot be edited (%(status)s): only a draft or a sent-back "
                "one can be edited."
            )
            % {"status": self.factsheet.get_status_display()},
        )
        return redirect(self.factsheet)

    def get(self, request, *args, **kwargs):
        form = FactsheetForm(instance=self.factsheet, user=request.user)
        return self.render_forms(form, recommendation_formset(factsheet=self.factsheet))

    def post(self, request, *args, **kwargs):
        form = FactsheetForm(
            request.POST, instance=form_instance(self.factsheet), user=request.user
        )
        formset = recommendation_formset(request.POST)
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            try:
                services.update_factsheet(
                    self.factsheet,
                    theme=data["theme"],
                    title=data["title"],
                    language=data["language"],
                    summary=data["summary"],
                    organisations=data["co_authors"],
                    recommendations=formset.ordered_texts(),
                    by=request.user,
                    public=data["public"],
                )
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(request, _("The factsheet was saved."))
                return redirect(self.factsheet)
        return self.render_forms(form, formset, status=400)


class FactsheetDetailView(FactsheetObjectMixin, TemplateView):
    template_name = "factsheets/factsheet_detail.html"

    def get_context_data(self, **kwargs):
        factsheet = self.factsheet
        user = self.request.user
        distributions = list(
            factsheet.distributions.select_related("mission__organisation", "day").order_by(
                "mission__organisation__name"
            )
        )
        may_change = user.has_perm("factsheets.change_factsheet", factsheet)
        may_review = user.has_perm("factsheets.review_factsheet", factsheet)
        return super().get_context_data(
            versions=factsheet.files.select_related("uploaded_by").order_by("-version"),
            recommendations=factsheet.recommendations.order_by("order", "pk"),
            distributions=distributions,
            can_edit=may_change and factsheet.is_editable,
            can_submit=may_change and factsheet.is_editable,
            can_upload=may_change and not distributions,
            can_review=may_review and factsheet.status == FactsheetStatus.SUBMITTED,
            can_delete=user.has_perm("factsheets.delete_factsheet", factsheet)
            and not distributions,
            # The history is for the organisers who review (another organisation's drafts
            # are confidential), as on the history page itself.
            can_see_history=may_review,
            **kwargs,
        )


class FileVersionCreateView(FactsheetObjectMixin, FormView):
    permission = "factsheets.change_factsheet"
    form_class = FileVersionForm
    template_name = "factsheets/factsheetfile_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            versions=self.factsheet.files.order_by("-version"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            version = services.add_file_version(
                self.factsheet, uploaded_file=form.cleaned_data["file"], by=self.request.user
            )
        except ValidationError as error:
            add_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Version %(version)s was uploaded.") % {"version": version.version}
        )
        if self.factsheet.status == FactsheetStatus.SUBMITTED and version.version > 1:
            messages.info(self.request, _("The organisers will review the new version."))
        return redirect(self.factsheet)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@login_required
@require_POST
def factsheet_submit(request, pk):
    factsheet = factsheet_for(request.user, pk, permission="factsheets.change_factsheet")
    try:
        services.submit_factsheet(factsheet, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The factsheet was submitted for review."))
    return redirect(factsheet)


@login_required
def file_download(request, pk, version):
    factsheet = factsheet_for(request.user, pk)
    document = get_object_or_404(factsheet.files, version=version)
    try:
        handle = document.file.open("rb")
    except (OSError, ValueError, SuspiciousFileOperation):
        # The row is there but its file is gone or unreadable (lost in a restore, moved,
        # permissions): say so and point to the factsheet, instead of a bare error page.
        logger.exception("Stored file of %s cannot be opened", document)
        return render(
            request,
            "factsheets/factsheetfile_missing.html",
            {"factsheet": factsheet, "document": document},
            status=404,
        )
    response = stored_file_response(document, handle)
    response["Cache-Control"] = "private, no-store"
    return response


def stored_file_response(document, handle):
    """The uploaded file `document` (a FactsheetFile), open as `handle`, as a download
    under its original name that a browser never runs or renders in the app's origin."""
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


class ReviewView(FactsheetObjectMixin, FormView):
    permission = "factsheets.review_factsheet"
    form_class = ReviewForm
    template_name = "factsheets/factsheet_review.html"

    def refuse_in_this_state(self):
        if self.factsheet.status == FactsheetStatus.SUBMITTED:
            return None
        messages.warning(self.request, _("Only a factsheet submitted for review can be reviewed."))
        return redirect(self.factsheet)

    @cached_property
    def latest(self):
        return self.factsheet.files.order_by("-version").first()

    def get_initial(self):
        return {"version": self.latest.version if self.latest else None}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest=self.latest,
            recommendations=self.factsheet.recommendations.order_by("order", "pk"),
            **kwargs,
        )

    def form_valid(self, form):
        approve = form.cleaned_data["decision"] == ReviewForm.APPROVE
        try:
            services.review_factsheet(
                self.factsheet,
                approve=approve,
                comment=form.cleaned_data["comment"],
                version=form.cleaned_data["version"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_errors_to_form(form, error)
            # The page now shows the latest version: a second "approve" is about that one.
            form.data = form.data.copy()
            form.data["version"] = self.latest.version
            return self.form_invalid(form)
        emails.tell_authors_of_review(
            self.factsheet,
            link=self.request.build_absolute_uri(self.factsheet.get_absolute_url()),
            by=self.request.user,
        )
        if approve:
            messages.success(self.request, _("The factsheet was approved."))
        else:
            messages.success(self.request, _("The factsheet was sent back to its authors."))
        return redirect("factsheets:coverage", slug=self.factsheet.event.slug)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class FactsheetDeleteView(FactsheetObjectMixin, TemplateView):
    permission = "factsheets.delete_factsheet"
    template_name = "factsheets/factsheet_confirm_delete.html"

    def post(self, request, *args, **kwargs):
        try:
            services.delete_factsheet(self.factsheet, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.factsheet)
        messages.success(
            request,
            _("“%(title)s” was deleted. Its files are kept; an administrator can restore it.")
            % {"title": self.factsheet.title},
        )
        return redirect("factsheets:coverage", slug=self.factsheet.event.slug)


class CoverageView(EventMixin, TemplateView):
    event_permission = "factsheets.view_coverage"
    template_name = "factsheets/event_coverage.html"

    def get_context_data(self, **kwargs):
        themes = selectors.coverage(self.event)
        statuses = [f.status for theme in themes for f in theme.event_factsheets]
        missing = [theme for theme in themes if not theme.event_factsheets]
        approved_themes = [
            theme
            for theme in themes
            if any(f.status == FactsheetStatus.APPROVED for f in theme.event_factsheets)
        ]
        disseminated, missions = selectors.dissemination_counts(self.event)
        user = self.request.user
        return super().get_context_data(
            themes=themes,
            missing_themes=missing,
            approved_theme_count=len(approved_themes),
            factsheet_count=len(statuses),
            status_counts=[
                (label, statuses.count(value)) for value, label in FactsheetStatus.choices
            ],
            disseminated=disseminated,
            missions_reached=missions,
            can_review=user.has_perm("factsheets.review_factsheet", self.event),
            can_distribute=user.has_perm("factsheets.distribute", self.event),
            **kwargs,
        )


class DistributeView(EventMixin, FormView):
    event_permission = "factsheets.distribute"
    form_class = DistributionForm
    template_name = "factsheets/distribution_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "event": self.event}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            created = services.distribute_factsheets(
                self.event,
                factsheets=data["factsheets"],
                missions=data["missions"],
                day=data["day"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_errors_to_form(form, error)
            return self.form_invalid(form)
        already = len(data["factsheets"]) * len(data["missions"]) - len(created)
        message = ngettext(
            "Recorded %(count)s new distribution.",
            "Recorded %(count)s new distributions.",
            len(created),
        ) % {"count": len(created)}
        if already:
            message += " " + ngettext(
                "%(count)s was already recorded.", "%(count)s were already recorded.", already
            ) % {"count": already}
        messages.success(self.request, message)
        return redirect("factsheets:missions", slug=self.event.slug)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class MissionDistributionView(EventMixin, TemplateView):
    event_permission = "factsheets.view_coverage"
    template_name = "factsheets/distribution_by_mission.html"

    def get_context_data(self, **kwargs):
        disseminated, missions = selectors.dissemination_counts(self.event)
        may_distribute = self.request.user.has_perm("factsheets.distribute", self.event)
        return super().get_context_data(
            missions=selectors.distributions_by_mission(self.event),
            disseminated=disseminated,
            missions_reached=missions,
            can_distribute=may_distribute,
            can_remove=may_distribute,
            **kwargs,
        )


@login_required
@require_POST
def distribution_remove(request, pk):
    """A distribution is reached through its factsheet: someone who may not see the
    factsheet gets a 404; recording and removing distributions is the event's organisers'."""
    distribution = get_object_or_404(
        Distribution.objects.filter(
            factsheet__in=Factsheet.objects.visible_to(request.user)
        ).select_related("event", "factsheet", "mission__organisation"),
        pk=pk,
    )
    _require(request.user, "factsheets.distribute", distribution.event)
    services.remove_distribution(distribution, by=request.user)
    messages.success(
        request,
        _("“%(factsheet)s” is no longer recorded as handed to %(mission)s.")
        % {"factsheet": distribution.factsheet.title, "mission": distribution.mission},
    )
    return redirect("factsheets:missions", slug=distribution.event.slug)
