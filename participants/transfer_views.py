"""Organiser-facing import (upload, preview, confirm) and export pages.

Who may do what follows the model permissions of the role groups, with the same codes as
django-import-export's admin (IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add",
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"): organisers import; organisers and report
administrators export; e-mail and phone columns need participants.view_contact_details.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from events.models import Event
from events.resources import ProgrammeResource

from . import exporting, importing
from .resources import AttendanceResource, OrganisationResource, ParticipantResource, RosterResource

CONTACT_PERMISSION = "participants.view_contact_details"


@dataclass(frozen=True)
class TransferKind:
    key: str
    label: str
    needs_event: bool
    app_model: str  # "app.model" whose add/view permission governs the import/export
    help_text: str

    def resource(self, *, event=None, user=None):
        with_contact = user is None or user.has_perm(CONTACT_PERMISSION)
        if self.key == "organisations":
            return OrganisationResource()
        if self.key == "participants":
            return ParticipantResource(event=event, with_contact_details=with_contact)
        if self.key == "roster":
            return RosterResource(with_contact_details=with_contact)
        if self.key == "attendance":
            return AttendanceResource(event=event, with_contact_details=with_contact)
        return ProgrammeResource(event=event)

    def permission(self, code):
        app_label, model = self.app_model.split(".")
        return f"{app_label}.{code}_{model}"

    @property
    def import_permission(self):
        return self.permission(settings.IMPORT_EXPORT_IMPORT_PERMISSION_CODE)

    @property
    def export_permission(self):
        return self.permission(settings.IMPORT_EXPORT_EXPORT_PERMISSION_CODE)


TRANSFER_KINDS = {
    kind.key: kind
    for kind in (
        TransferKind(
            "organisations",
            gettext_lazy("Organisations"),
            False,
            "participants.organisation",
            gettext_lazy("Matched by name (any case) or acronym."),
        ),
        TransferKind(
            "participants",
            gettext_lazy("Participants"),
            True,
            "participants.registration",
            gettext_lazy(
                "People with their registration and role. Matched by e-mail, else by name "
                "and organisation; unknown organisations are created."
            ),
        ),
        TransferKind(
            "roster",
            gettext_lazy("Embassy roster"),
            False,
            "participants.mission",
            gettext_lazy("Missions of recommending states and their diplomats."),
        ),
        TransferKind(
            "attendance",
            gettext_lazy("Attendance per day"),
            True,
            "participants.attendance",
            gettext_lazy("One column per programme day; yes, x or 1 marks presence."),
        ),
        TransferKind(
            "programme",
            gettext_lazy("Programme"),
            True,
            "events.session",
            gettext_lazy("Sessions matched by date, start time and title."),
        ),
    )
}


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy("A .csv or .xlsx file with a header row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class TransferMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Resolves the kind and, for event data, the event; checks the kind's permission."""

    action = "import"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.kind = TRANSFER_KINDS.get(kwargs.get("kind"))
        self.event = None

    def get_permission_required(self):
        if self.kind is None:
            raise Http404
        if self.action == "import":
            return (self.kind.import_permission,)
        return (self.kind.export_permission,)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.kind is not None and self.has_permission():
            if self.kind.needs_event != ("slug" in kwargs):
                raise Http404
            if self.kind.needs_event:
                self.event = get_object_or_404(
                    Event.objects.visible_to(request.user), slug=kwargs["slug"]
                )
        return super().dispatch(request, *args, **kwargs)

    def resource(self):
        return self.kind.resource(event=self.event, user=self.request.user)

    def url_kwargs(self, **extra):
        url_kwargs = {"kind": self.kind.key, **extra}
        if self.event is not None:
            url_kwargs["slug"] = self.event.slug
        return url_kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(kind=self.kind, event=self.event)
        return context


class ImportUploadView(TransferMixin, TemplateView):
    template_name = "participants/import_upload.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resource = self.resource()
        context.setdefault("form", ImportUploadForm())
        context.update(
            columns=resource.import_columns(),
            required_columns=resource.required_columns,
            max_megabytes=f"{importing.max_upload_bytes() / 1024 / 1024:g}",
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        uploaded = form.cleaned_data["file"]
        try:
            importing.check_upload_size(uploaded.size)
            content = uploaded.read()
            # Refuse an unreadable file at once, before keeping any copy of it.
            importing.read_table(content, uploaded.name, self.resource())
            uploaded.seek(0)
            pending = importing.store_upload(
                request.session,
                kind=self.kind.key,
                uploaded_file=uploaded,
                event_id=self.event.pk if self.event else None,
            )
        except importing.ImportFileError as error:
            form.add_error("file", error.message)
            return self.render_to_response(self.get_context_data(form=form))
        return redirect(
            reverse("participants:import_preview", kwargs=self.url_kwargs(token=pending.token))
        )


# Rows of the preview table shown in full; the rest is summed up in the totals.
PREVIEW_ROW_LIMIT = 500


class ImportPreviewView(TransferMixin, TemplateView):
    template_name = "participants/import_preview.html"

    def pending(self):
        pending = importing.load_pending(
            self.request.session,
            self.kwargs["token"],
            kind=self.kind.key,
            event_id=self.event.pk if self.event else None,
        )
        if pending is None:
            raise Http404
        return pending

    def outcome(self, pending, *, dry_run):
        try:
            table = importing.read_table(
                importing.read_pending(pending), pending.filename, self.resource()
            )
        except importing.ImportFileError as error:
            return importing.ImportOutcome(
                rows=[], general_errors=[error.message], notes=[], totals={}
            )
        return importing.run_import(self.resource(), table, dry_run=dry_run, user=self.request.user)

    def get(self, request, *args, **kwargs):
        pending = self.pending()
        return self.render_to_response(
            self.get_context_data(pending=pending, outcome=self.outcome(pending, dry_run=True))
        )

    def post(self, request, *args, **kwargs):
        pending = self.pending()
        if "cancel" in request.POST:
            importing.discard_pending(request.session, pending)
            messages.info(request, _("Import cancelled; nothing was changed."))
            return redirect(self.back_url())
        # The stored copy is read and validated again: nothing from the preview is trusted.
        outcome = self.outcome(pending, dry_run=False)
        if not outcome.written:
            messages.error(request, _("Nothing was imported: fix the rows below and upload again."))
            return self.render_to_response(
                self.get_context_data(pending=pending, outcome=outcome), status=422
            )
        importing.discard_pending(request.session, pending)
        messages.success(request, importing.summarise(outcome))
        return redirect(self.back_url())

    def back_url(self):
        return reverse("participants:transfer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        outcome = kwargs.get("outcome")
        if outcome is not None:
            shown = outcome.error_rows + [row for row in outcome.rows if row.status != "error"]
            context.update(
                shown_rows=shown[:PREVIEW_ROW_LIMIT],
                hidden_row_count=max(0, len(shown) - PREVIEW_ROW_LIMIT),
                upload_url=reverse("participants:import_upload", kwargs=self.url_kwargs()),
            )
        return context


class ExportView(TransferMixin, View):
    action = "export"

    def get(self, request, *args, **kwargs):
        export_format = kwargs["format"]
        if export_format not in exporting.EXPORT_FORMATS:
            raise Http404
        resource = self.resource()
        resource.escape_formulae = export_format == "csv"
        if hasattr(resource, "export_queryset"):
            dataset = resource.export(resource.export_queryset())
        else:
            dataset = resource.export()
        name = slugify(f"{self.event.slug if self.event else ''} {self.kind.key}")
        content_type, _label = exporting.EXPORT_FORMATS[export_format]
        response = HttpResponse(
            exporting.render(dataset, export_format, title=str(self.kind.label)),
            content_type=content_type,
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.{export_format}"'
        return response


class TransferHubView(LoginRequiredMixin, TemplateView):
    """Every import and export the user may use, per event."""

    template_name = "participants/transfer_hub.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.sections_for(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def sections_for(user):
        return [
            kind
            for kind in TRANSFER_KINDS.values()
            if user.has_perm(kind.import_permission) or user.has_perm(kind.export_permission)
        ]

    def entries(self, kinds, event=None):
        user = self.request.user
        entries = []
        for kind in kinds:
            url_kwargs = {"kind": kind.key}
            if event is not None:
                url_kwargs["slug"] = event.slug
            entries.append(
                {
                    "kind": kind,
                    "import_url": reverse("participants:import_upload", kwargs=url_kwargs)
                    if user.has_perm(kind.import_permission)
                    else None,
                    "export_urls": [
                        (
                            label,
                            reverse("participants:export", kwargs={**url_kwargs, "format": key}),
                        )
                        for key, (_type, label) in exporting.EXPORT_FORMATS.items()
                    ]
                    if user.has_perm(kind.export_permission)
                    else [],
                }
            )
        return entries

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kinds = self.sections_for(self.request.user)
        context["general"] = self.entries([kind for kind in kinds if not kind.needs_event])
        event_kinds = [kind for kind in kinds if kind.needs_event]
        context["events"] = [
            (event, self.entries(event_kinds, event))
            for event in Event.objects.visible_to(self.request.user)
        ]
        return context
