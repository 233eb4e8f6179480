"""Actions with side effects on teams, memberships, invitations and sessions."""

import hashlib
import secrets
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import mail
from .models import Invitation, Membership, TeamRole
from .rules import forget_memberships, has_any_access


def end_user_sessions(user, *, keep_session_key=None):
    """Delete every stored session of `user` (except `keep_session_key`); returns how many.
    Reads each live session, which is fine for the few hundred sessions this app has.
    Deletes through the session engine, so that a copy in the cache ends with the row."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session in live.iterator():
        if session.session_key == keep_session_key:
            continue
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


def hash_token(token):
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


@transaction.atomic
def invite(team, *, email, by, role="", organisation=None):
    """Create an invitation of `email` to `team` in `role`, or (with `organisation`, one of
    the team's directory) to a CSO staff account of that organisation. Returns
    `(invitation, token)`; the token is shown only in the link, never stored."""
    if organisation is not None and organisation.team_id != team.pk:
        raise ValidationError(_("This organisation is not in the team's directory."))
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        team=team,
        email=email.strip(),
        role="" if organisation is not None else role,
        organisation=organisation,
        token_hash=hash_token(token),
        invited_by=by,
        expires_at=timezone.now() + settings.UPR_INVITATION_MAX_AGE,
    )
    invitation.full_clean()
    invitation.save()
    return invitation, token


def send_invitation(invitation, *, link, language, by):
    """E-mail the invitation link to the invited address, in `language`: the invited person
    has no account and so no language yet; the inviter writes in the language of the page
    they invite from, the one they share with the person they invite.

    Side effects: the message is queued and logged for the invitation's team, caused by
    `by` (accounts/mail.py). Returns the log row."""
    return mail.send_email(
        mail.INVITATION,
        to=invitation.email,
        language=language,
        context={
            "team_name": invitation.team.name,
            # The label, lazy: it is translated when the mail is rendered in `language`.
            "role": TeamRole(invitation.role).label if invitation.role else "",
            "organisation_name": invitation.organisation.name if invitation.organisation else "",
            "link": link,
            "expires_at": invitation.expires_at,
        },
        team=invitation.team,
        by=by,
    )


def invitation_for_token(token):
    """The pending, unexpired invitation of `token`, or None (whatever the reason: the
    page says the same for a wrong, used, withdrawn or expired link)."""
    invitation = (
        Invitation.objects.pending()
        .select_related("team", "organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None or invitation.expires_at <= timezone.now():
        return None
    return invitation


def is_for_user(invitation, user):
    return bool(user.email) and user.email.strip().lower() == invitation.email.strip().lower()


@transaction.atomic
def accept_invitation(invitation, *, user):
    """Give `user` what `invitation` offers: a membership in its team and role (an inactive
    one becomes active again, in the new role), or a link to its organisation for a CSO
    staff account. Marks the invitation used. Raises ValidationError if it is used,
    withdrawn or expired, or if `user`'s e-mail is not the invited address."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at or invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation is no longer valid."))
    if not is_for_user(invitation, user):
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    if invitation.is_for_cso_staff:
        user.organisation_id = invitation.organisation_id
        user.save(update_fields=["organisation"])
    else:
        Membership.objects.update_or_create(
            team=invitation.team, user=user, defaults={"role": invitation.role, "is_active": True}
        )
        forget_memberships(user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation


@transaction.atomic
def create_account_from_invitation(invitation, *, username, password, first_name="", last_name=""):
    """Create the invitee's account (with the invited e-mail address) and accept the
    invitation with it. Returns the new user."""
    User = get_user_model()
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            _("An account already uses this e-mail address: log in with it to accept.")
        )
    user = User(
        username=username,
        email=invitation.email,
        first_name=first_name,
        last_name=last_name,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    accept_invitation(invitation, user=user)
    return user


@transaction.atomic
def withdraw_invitation(invitation):
    """Make a pending invitation's link stop working."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def _not_yourself(membership, by):
    # An organiser who demoted or removed themselves could leave a team without organisers.
    if by is not None and membership.user_id == by.pk:
        raise ValidationError(_("You cannot change your own membership; ask another organiser."))


@transaction.atomic
def change_role(membership, *, role, by):
    """Give the member `role` in the membership's team (`by`: the organiser doing it)."""
    _not_yourself(membership, by)
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def deactivate_membership(membership, *, by):
    """Take the member out of the team (their history stays). If they have no other access
    left (another team, an organisation, superuser rights), their sessions end at once.
    Returns the number of sessions ended."""
    _not_yourself(membership, by)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    user = membership.user
    forget_memberships(user)
    if has_any_access(user):
        return 0
    return end_user_sessions(user)


@transaction.atomic
def reactivate_membership(membership, *, by):
    _not_yourself(membership, by)
    membership.is_active = True
    membership.save(update_fields=["is_active"])
    return membership


def set_user_language(user, *, language):
    """Keep `language` (one of settings.LANGUAGES) on `user`'s account: their pages and the
    e-mails they get use it from now on. Writes only when it changes."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Not one of the app's languages: {language!r}")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
