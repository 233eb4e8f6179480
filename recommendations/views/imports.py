"""Importing recommendation files: upload, preview, confirm.

The upload page checks the file (size, what it unpacks to, format recognised from the
content) and runs the import as a dry run: a file with refused rows is shown again with
every problem and the choices kept, and nothing is stored. A file that would import is
kept as a private copy (recommendations/importing.py) and the preview shows what the import
would do, per review. The confirmation reads the stored copy again and imports it once, in
one transaction; a big file is imported by the job worker.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.scoping import TeamMixin
from jobs.services import runs_inline, start_job
from participants import importing as uploads

from .. import importing, tasks
from ..forms import RecommendationImportForm

PERMISSION = "recommendations.import_recommendations"


class ImportMixin(TeamMixin):
    team_permission = PERMISSION

    def upload_url(self):
        return reverse("recommendations:import_upload", kwargs={"team": self.team.slug})

    def target(self, options):
        """The review and event the options name, loaded through the team."""
        review = event = None
        if options.get("review_id"):
            review = self.team.reviews.filter(pk=options["review_id"]).first()
            if review is None:
                raise Http404
        if options.get("event_id"):
            event = self.team.events.filter(pk=options["event_id"]).first()
            if event is None:
                raise Http404
        return review, event


class ImportUploadView(ImportMixin, FormView):
    template_name = "recommendations/import_upload.html"
    form_class = RecommendationImportForm

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "team": self.team}
        return kwargs

    def get_initial(self):
        review = self.request.GET.get("review", "")
        if review.isdigit() and self.team.reviews.filter(pk=review).exists():
            return {"review": int(review)}
        return {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(max_megabytes=uploads.max_upload_megabytes(), **kwargs)

    def form_valid(self, form):
        options = form.options()
        review, event = self.target(options)
        files = [form.cleaned_data["file"], form.cleaned_data.get("addendum")]
        try:
            contents = [self.read(upload) for upload in files if upload]
            for content in contents:
                importing.check_file(content)
            parsed = importing.parse_upload(*contents)
        except importing.ImportFileError as error:
            form.add_error("addendum" if len(contents) > 1 else "file", error.message)
            return self.form_invalid(form)
        preview = importing.preview(
            parsed,
            team=self.team,
            user=self.request.user,
            source_file=files[0].name,
            review=review,
            event=event,
            state_under_review=options["state_under_review"],
            cycle=options["cycle"],
        )
        if not preview.is_valid:
            # Nothing is kept: the page says what to fix, with the choices as they were.
            form.add_error(None, _("Nothing was imported: fix the rows below and upload again."))
            return self.render_to_response(
                self.get_context_data(form=form, preview=preview), status=422
            )
        pending = self.store(files[0])
        if files[1]:
            options["addendum_token"] = self.store(files[1], kind=importing.ADDENDUM_KIND).token
        session_options = self.request.session.get(importing.OPTIONS_KEY, {})
        session_options[pending.token] = options
        self.request.session[importing.OPTIONS_KEY] = session_options
        return redirect(
            reverse(
                "recommendations:import_preview",
                kwargs={"team": self.team.slug, "token": pending.token},
            )
        )

    def read(self, upload):
        uploads.check_upload_size(upload.size)
        content = upload.read()
        upload.seek(0)
        return content

    def store(self, upload, *, kind=importing.KIND):
        return uploads.store_upload(
            self.request.session,
            kind=kind,
            uploaded_file=upload,
            team_id=self.team.pk,
            user_id=self.request.user.pk,
            extensions=None,  # recognised from the content, checked above
        )


class ImportPreviewView(ImportMixin, TemplateView):
    template_name = "recommendations/import_preview.html"

    def load(self):
        """The stored upload of the URL, its addendum and options; 404 for an upload that
        is not this user's for this team."""
        token = self.kwargs["token"]
        options = self.request.session.get(importing.OPTIONS_KEY, {}).get(token)
        bound = {"team_id": self.team.pk, "user_id": self.request.user.pk}
        pending = uploads.load_pending(self.request.session, token, kind=importing.KIND, **bound)
        if pending is None or options is None:
            raise Http404
        addendum = None
        if options.get("addendum_token"):
            addendum = uploads.load_pending(
                self.request.session,
                options["addendum_token"],
                kind=importing.ADDENDUM_KIND,
                **bound,
            )
            if addendum is None:
                raise Http404
        return pending, addendum, options

    def expired(self):
        messages.warning(
            self.request,
            _("This upload has expired and its file was removed. Upload the file again."),
        )
        return redirect(self.upload_url())

    def preview(self, pending, addendum, options):
        review, event = self.target(options)
        parsed = importing.parse_upload(
            uploads.read_pending(pending),
            uploads.read_pending(addendum) if addendum is not None else None,
        )
        return importing.preview(
            parsed,
            team=self.team,
            user=self.request.user,
            source_file=pending.filename,
            review=review,
            event=event,
            state_under_review=options["state_under_review"],
            cycle=options["cycle"],
        )

    def get(self, request, *args, **kwargs):
        try:
            pending, addendum, options = self.load()
            preview = self.preview(pending, addendum, options)
        except importing.UploadExpired:
            return self.expired()
        return self.render_to_response(
            self.get_context_data(pending=pending, addendum=addendum, preview=preview)
        )

    def post(self, request, *args, **kwargs):
        try:
            pending, addendum, options = self.load()
        except importing.UploadExpired:
            return self.expired()
        if "cancel" in request.POST:
            self.forget(pending, addendum, discard=True)
            messages.info(request, _("Import cancelled; nothing was changed."))
            return redirect(self.upload_url())
        review, event = self.target(options)
        rows = self.row_count(pending, addendum, options, review=review)
        if not runs_inline(rows, inline_max=settings.UPR_IMPORT_INLINE_MAX_ROWS):
            return self.start_import_job(pending, addendum, options, rows)
        outcome = importing.confirm(
            pending,
            addendum=addendum,
            options=options,
            team=self.team,
            user=request.user,
            review=review,
            event=event,
        )
        if outcome is None:
            messages.info(
                request, _("This import is already being confirmed; nothing more was written.")
            )
            return redirect(self.upload_url())
        summary, errors = outcome
        if summary is None:
            messages.error(request, _("Nothing was imported: fix the rows below and upload again."))
            preview = self.preview(pending, addendum, options)
            return self.render_to_response(
                self.get_context_data(
                    pending=pending, addendum=addendum, preview=preview, confirm_errors=errors
                ),
                status=422,
            )
        self.forget(pending, addendum)
        messages.success(request, importing.describe(summary))
        return redirect(self.landing_url(summary))

    def row_count(self, pending, addendum, options, *, review):
        """How many recommendations the import writes: the job worker takes big ones."""
        try:
            parsed = importing.parse_upload(
                uploads.read_pending(pending),
                uploads.read_pending(addendum) if addendum is not None else None,
            )
        except importing.ImportFileError:
            return 0  # the import below shows the error
        items = importing.items_asked_for(
            parsed,
            review=review,
            state_under_review=options["state_under_review"],
            cycle=options["cycle"],
        )
        return sum(1 for _item in items) or len(parsed.responses)

    def forget(self, pending, addendum, *, discard=False):
        for upload in (pending, addendum):
            if upload is None:
                continue
            if discard:
                uploads.discard_pending(self.request.session, upload)
            else:
                uploads.forget_pending(self.request.session, upload)
        options = self.request.session.get(importing.OPTIONS_KEY, {})
        options.pop(pending.token, None)
        self.request.session[importing.OPTIONS_KEY] = options

    def landing_url(self, summary):
        """The review page of a one-review import, else the team's reviews (where those
        pages exist), else the upload page."""
        candidates = [("recommendations:review_list", {"team": self.team.slug})]
        if len(summary.reviews) == 1:
            candidates.insert(
                0, ("recommendations:review_detail", {"review": summary.reviews[0].pk})
            )
        for name, kwargs in candidates:
            try:
                return reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
        return self.upload_url()

    def start_import_job(self, pending, addendum, options, rows):
        """A big file is imported by the job worker (all or nothing, as here); the stored
        copies now belong to the job, which removes them."""
        job = start_job(
            team=self.team,
            kind="recommendations.import",
            label=_("Import of %(file)s") % {"file": pending.filename},
            by=self.request.user,
            total=rows,
            task=tasks.confirm_import,
            task_kwargs={
                "token": pending.token,
                "filename": pending.filename,
                "addendum_token": addendum.token if addendum else "",
                "addendum_filename": addendum.filename if addendum else "",
                "team_id": self.team.pk,
                "user_id": self.request.user.pk,
                "options": options,
                # The worker writes its messages in the language of the person confirming.
                "language": translation.get_language(),
            },
            back_url=self.upload_url(),
        )
        self.forget(pending, addendum)
        return redirect(job)
