"""Organiser-facing import (upload, preview, confirm) and export pages.

A team's directory (organisations, the embassy roster) is imported and exported under
`/teams/<team>/transfer/`, an event's data (participants, attendance, programme) under
`/events/<slug>/`. The kinds are the declarations of `participants.transfer`. Who may do
what is in `participants/rules.py`: organisers import; organisers and report
administrators export; e-mail and phone columns need participants.view_contact_details.
A pending upload is bound to the team, the event and the user who sent it.
"""

import tablib
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from accounts.scoping import TeamMixin, check_object, team_for
from events.scoping import event_for
from jobs.services import runs_inline, start_job

from . import exporting, importing, tasks, transfer

CONTACT_PERMISSION = "participants.view_contact_details"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy("A .csv or .xlsx file with a header row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class TransferMixin:
    """Resolves the kind, then the team (team kinds) or the event (event kinds) of the URL,
    and checks the kind's import or export permission on it."""

    action = "import"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.kind = transfer.get_kind(kwargs.get("kind"))
        if self.kind is None or self.kind.needs_event != ("slug" in kwargs):
            raise Http404
        permission = (
            self.kind.import_permission if self.action == "import" else self.kind.export_permission
        )
        if self.kind.needs_event:
            self.event = event_for(request.user, kwargs["slug"])
            self.team = self.event.team
        else:
            self.event = None
            self.team = team_for(request.user, kwargs["team"])
        # A CSO member who sees the event but not the team's data gets a 403 here.
        check_object(
            request.user,
            self.event or self.team,
            view_permission="events.view_event" if self.event else "accounts.view_team",
            permission=permission,
        )
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def with_contact_details(self):
        return self.request.user.has_perm(CONTACT_PERMISSION, self.event or self.team)

    def resource(self):
        return self.kind.resource(
            team=self.team, event=self.event, with_contact_details=self.with_contact_details
        )

    def url_kwargs(self, **extra):
        url_kwargs = {"kind": self.kind.key, **extra}
        if self.event is not None:
            url_kwargs["slug"] = self.event.slug
        else:
            url_kwargs["team"] = self.team.slug
        return url_kwargs

    def hub_url(self):
        return reverse("participants:transfer", kwargs={"team": self.team.slug})

    def imported_into_url(self):
        """The list an import of this kind wrote to, where the organiser lands after it
        (the transfer hub for a kind with no list page of its own)."""
        url_name = self.kind.imported_into
        if not url_name:
            return self.hub_url()
        if self.event is not None:
            return reverse(url_name, kwargs={"slug": self.event.slug})
        return reverse(url_name, kwargs={"team": self.team.slug})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(kind=self.kind, event=self.event, team=self.team, hub_url=self.hub_url())
        return context

    def file_response(self, dataset, file_format, what):
        """`dataset` as a download named after the event (or team) and `what`."""
        owner = self.event.slug if self.event else self.team.slug
        name = slugify(f"{owner} {what}")
        content_type, _label = exporting.EXPORT_FORMATS[file_format]
        response = HttpResponse(
            exporting.render(dataset, file_format, title=str(self.kind.label)),
            content_type=content_type,
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
        return response


class ImportUploadView(TransferMixin, TemplateView):
    template_name = "participants/import_upload.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resource = self.resource()
        context.setdefault("form", ImportUploadForm())
        context.update(
            columns=resource.column_labels(resource.import_columns()),
            required_columns=resource.column_labels(resource.required_columns),
            max_megabytes=importing.max_upload_megabytes(),
            template_urls={
                file_format: reverse(
                    "participants:import_template", kwargs=self.url_kwargs(format=file_format)
                )
                for file_format in ("xlsx", "csv")
            },
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
                team_id=self.team.pk,
                user_id=request.user.pk,
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
            team_id=self.team.pk,
            user_id=self.request.user.pk,
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

    def expired(self):
        messages.warning(
            self.request,
            _("This upload has expired and its file was removed. Upload the file again."),
        )
        return redirect(reverse("participants:import_upload", kwargs=self.url_kwargs()))

    def get(self, request, *args, **kwargs):
        try:
            pending = self.pending()
        except importing.UploadExpired:
            return self.expired()
        return self.render_to_response(
            self.get_context_data(pending=pending, outcome=self.outcome(pending, dry_run=True))
        )

    def post(self, request, *args, **kwargs):
        try:
            pending = self.pending()
        except importing.UploadExpired:
            return self.expired()
        if "cancel" in request.POST:
            importing.discard_pending(request.session, pending)
            messages.info(request, _("Import cancelled; nothing was changed."))
            return redirect(self.hub_url())
        rows = self.row_count(pending)
        if not runs_inline(rows, inline_max=settings.UPR_IMPORT_INLINE_MAX_ROWS):
            return self.start_import_job(pending, rows)
        # The stored copy is read and validated again: nothing from the preview is trusted.
        outcome = importing.confirm_pending(pending, resource=self.resource(), user=request.user)
        if outcome is None:
            messages.info(
                request, _("This import is already being confirmed; nothing more was written.")
            )
            return redirect(self.hub_url())
        if not outcome.written:
            messages.error(request, _("Nothing was imported: fix the rows below and upload again."))
            return self.render_to_response(
                self.get_context_data(pending=pending, outcome=outcome), status=422
            )
        importing.discard_pending(request.session, pending)
        messages.success(request, importing.summarise(outcome))
        return redirect(self.imported_into_url())

    def row_count(self, pending):
        try:
            table = importing.read_table(
                importing.read_pending(pending), pending.filename, self.resource()
            )
        except importing.ImportFileError:
            return 0  # the import below shows the error
        return len(table.dataset)

    def start_import_job(self, pending, rows):
        """A big file is imported by the job worker (all or nothing, as here); the stored
        copy now belongs to the job, which deletes it."""
        job = start_job(
            team=self.team,
            kind="participants.import",
            label=_("Import of %(file)s") % {"file": pending.filename},
            by=self.request.user,
            total=rows,
            task=tasks.confirm_import,
            task_kwargs={
                "kind": pending.kind,
                "token": pending.token,
                "filename": pending.filename,
                "team_id": pending.team_id,
                "event_id": pending.event_id,
                "user_id": pending.user_id,
                "contacts": self.with_contact_details,
                "language": translation.get_language(),
            },
            back_url=self.imported_into_url(),
        )
        importing.forget_pending(self.request.session, pending)
        return redirect(job)

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
        return self.file_response(dataset, export_format, self.kind.key)


class ImportTemplateView(TransferMixin, View):
    """An empty file to fill for an import of this kind: its header row, in the user's
    language (an import reads the headers in any of the app's languages)."""

    action = "import"

    def get(self, request, *args, **kwargs):
        template_format = kwargs["format"]
        if template_format not in exporting.EXPORT_FORMATS or template_format == "json":
            raise Http404
        resource = self.resource()
        dataset = tablib.Dataset(headers=resource.column_labels(resource.import_columns()))
        return self.file_response(dataset, template_format, f"{self.kind.key} {_('template')}")


class TransferHubView(TeamMixin, TemplateView):
    """Every import and export of the team the user may use: its directory, then per event."""

    template_name = "participants/transfer_hub.html"
    team_permission = "participants.export_data"

    def entries(self, kinds, *, target, url_kwargs):
        user = self.request.user
        entries = []
        for kind in kinds:
            kind_kwargs = {**url_kwargs, "kind": kind.key}
            entries.append(
                {
                    "kind": kind,
                    "import_url": reverse("participants:import_upload", kwargs=kind_kwargs)
                    if user.has_perm(kind.import_permission, target)
                    else None,
                    "export_urls": [
                        (
                            label,
                            reverse("participants:export", kwargs={**kind_kwargs, "format": key}),
                        )
                        for key, (_type, label) in exporting.EXPORT_FORMATS.items()
                    ]
                    if user.has_perm(kind.export_permission, target)
                    else [],
                }
            )
        return entries

    def get_context_data(self, **kwargs):
        # TemplateView passes the URL's `team` (a slug); TeamMixin adds the Team itself.
        kwargs.pop("team", None)
        context = super().get_context_data(**kwargs)
        team = self.team
        context["general"] = self.entries(
            transfer.kinds(transfer.TEAM), target=team, url_kwargs={"team": team.slug}
        )
        event_kinds = transfer.kinds(transfer.EVENT)
        context["events"] = [
            (event, self.entries(event_kinds, target=event, url_kwargs={"slug": event.slug}))
            for event in team.events.order_by("-start_date")
        ]
        return context
