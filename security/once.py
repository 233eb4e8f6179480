"""Forms that must act once: a double click, a resent request or two tabs submitting the
same form write one row, not two.

The form carries a one-time token (a hidden field issued when the form is shown). The view
claims it with `claim_submission` inside the transaction that writes: the token's row is
inserted there, so the database's unique index lets one transaction through; the other
waits for it and then fails, and is sent to what the first one made. If the write fails,
the transaction rolls back the claim too and the user can submit again.

Which forms carry it: the new-person form, the desk's walk-in form, the new-factsheet form
and the activity report form (each adds rows that a duplicate would repeat). Forms whose
duplicates the database already refuses (a person registered twice, a person's e-mail
address within a team, a mission's focal point, an organisation's name) rely on those
constraints instead.
"""

import datetime
import secrets

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FormSubmission

TOKEN_FIELD = "submission_token"
RETENTION = datetime.timedelta(days=2)


class AlreadySubmitted(Exception):
    """This form was submitted already; `url` is what the first submission made ("" when
    it did not say)."""

    def __init__(self, url):
        super().__init__(url)
        self.url = url


def new_token():
    return secrets.token_urlsafe(24)


def add_token_field(form):
    """Give `form` the hidden one-time token (kept as posted when the form is re-shown)."""
    form.fields[TOKEN_FIELD] = forms.CharField(
        widget=forms.HiddenInput, required=False, initial=new_token, max_length=64
    )


def posted_token(request):
    """The token posted with the form, whatever the form's prefix."""
    for name, value in request.POST.items():
        if name == TOKEN_FIELD or name.endswith(f"-{TOKEN_FIELD}"):
            return value.strip()[:64]
    return ""


def answer_resent(request, default_url):
    """For a form posted again after it was acted on: a redirect to what the first
    submission made (with a message), or None when this token is new. Called before the
    form is validated, whose duplicate checks would only confuse."""
    token = posted_token(request)
    first = FormSubmission.objects.filter(token=token, user=request.user).first() if token else None
    if first is None:
        return None
    return answer_already_submitted(request, AlreadySubmitted(first.result_url), default_url)


def answer_already_submitted(request, done, default_url):
    messages.info(request, _("This form was already submitted; nothing more was saved."))
    return redirect(done.url or default_url)


def claim_submission(token, *, user):
    """Claim `token` for `user` in the current transaction; raise AlreadySubmitted when
    another submission holds it. Returns the claim (set its `result_url` with
    `record_result`), or None for a form posted without a token (a page from before the
    token existed): that one is not protected."""
    if not token:
        return None
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(token=token, user=user)
    except IntegrityError:
        first = FormSubmission.objects.filter(token=token, user=user).first()
        raise AlreadySubmitted(first.result_url if first else "") from None


def record_result(claim, url):
    if claim is not None:
        claim.result_url = url
        claim.save(update_fields=["result_url"])


def delete_old_submissions(*, now=None):
    """Forget tokens older than RETENTION (a form is not resubmitted days later)."""
    cutoff = (now or timezone.now()) - RETENTION
    return FormSubmission.objects.filter(created_at__lt=cutoff).delete()[0]
