"""Self-registration: a visitor's request from the public site, its double opt-in, and the
organisers' decision.

A request holds only what was submitted. Nothing is looked up while the visitor waits: the
answer and the work done are the same whether or not the address or organisation is known.
The confirmation link carries a random token; only its SHA-256 is stored, cleared once
used, and it expires after `CONFIRM_HOURS`. On approval the organiser sees the people who
may be the same (same e-mail address in the team's directory, or same name and
organisation) and chooses one of them or a new person: nothing is merged silently.

E-mails are sent after the transaction: a message never leaves for a change that was rolled
back.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.integrity import save_unique
from events.models import SessionRole, event_heading
from notifications.services import send_templated_email

from . import emails, selectors
from .models import (
    Gender,
    Organisation,
    OrganisationKind,
    Person,
    Registration,
    RegistrationRequest,
    RegistrationRequestKind,
    RegistrationRequestStatus,
    RegistrationRole,
)
from .public import consent_level, shows_less
from .services import register_person, save_person

CONFIRM_HOURS = getattr(settings, "UPR_SELF_REGISTRATION_CONFIRM_HOURS", 48)
# Unconfirmed, declined and approved requests older than this are deleted (an approved
# request's values live on in the person and the registration).
RETENTION_DAYS = getattr(settings, "UPR_SELF_REGISTRATION_RETENTION_DAYS", 30)


def _digest(token):
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def submit_registration_request(event, *, values, language, link_for):
    """Store a new unconfirmed request to `event` with the submitted `values` (the model's
    field names: kind, given_name, family_name, organisation_name, mission, gender,
    position, email, phone, public_consent, needs) and e-mail the confirmation link,
    `link_for(token)`, to its address in `language`. Returns the request.

    Side effects: one RegistrationRequest, one e-mail (logged, see notifications)."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        request = RegistrationRequest.objects.create(
            event=event, language=language, token_hash=_digest(token), **values
        )
    send_templated_email(
        emails.REGISTRATION_CONFIRM.key,
        to=request.email,
        language=language,
        context={
            "event_title": event_heading(event, language).title,
            "link": link_for(token),
            "valid_hours": CONFIRM_HOURS,
            "team_name": event.team.name,
        },
        team=event.team,
        by=None,
    )
    return request


@transaction.atomic
def confirm_registration_request(event, *, token):
    """Confirm the unconfirmed request to `event` whose link carries `token`; return it, or
    None when the token is unknown, used already, tampered with or expired (one answer for
    all: the visitor learns nothing about other requests). Single use: the stored digest
    is cleared."""
    if not token or len(token) > 100:
        return None
    request = (
        RegistrationRequest.objects.select_for_update()
        .filter(
            event=event,
            token_hash=_digest(token),
            status=RegistrationRequestStatus.UNCONFIRMED,
            created_at__gte=timezone.now() - timedelta(hours=CONFIRM_HOURS),
        )
        .first()
    )
    if request is None:
        return None
    request.status = RegistrationRequestStatus.CONFIRMED
    request.confirmed_at = timezone.now()
    request.token_hash = None
    request.save(update_fields=["status", "confirmed_at", "token_hash"])
    return request


def matching_organisation(request):
    """The organisation of the team's directory (or the shared ones) the request names:
    the mission's for a diplomat, the one of exactly that name (any case) for a civil
    society representative; None when it is new."""
    if request.kind == RegistrationRequestKind.DIPLOMAT:
        return request.mission.organisation if request.mission_id else None
    if not request.organisation_name:
        return None
    return (
        Organisation.objects.available_to(request.event.team_id)
        .filter(name__iexact=request.organisation_name.strip())
        .first()
    )


def possible_duplicates(request, *, organisation):
    """The people of the event's team who may be the person of `request` (whose
    organisation is `organisation`, see `matching_organisation`): the same e-mail address,
    or the same name in the same organisation (any case). One query."""
    return list(
        selectors.possible_duplicates(
            team=request.event.team_id,
            given_name=request.given_name,
            family_name=request.family_name,
            organisation=organisation,
            email=request.email,
        )
        .not_anonymised()
        .order_by("family_name", "given_name", "pk")
    )


def _locked_for_decision(request):
    # Only the request's row: its mission is on the nullable side of an outer join.
    locked = (
        RegistrationRequest.objects.select_for_update(of=("self",))
        .select_related("event__team", "mission__organisation")
        .get(pk=request.pk)
    )
    if locked.status != RegistrationRequestStatus.CONFIRMED:
        raise ValidationError(_("This request has been decided already."))
    return locked


def _fill_blanks(person, request):
    """Add to an existing person what the request says and their record lacks; never
    overwrite what the organisers recorded. Contact details are not copied: anyone can
    send a request in someone's name, and an address or phone number put on their record
    would reach whoever sent it (the organiser adds them after checking)."""
    if not person.position and request.position:
        person.position = request.position
    if person.gender == Gender.NOT_RECORDED:
        person.gender = request.gender
    if person.organisation_id is None:
        person.organisation = matching_organisation(request)


def _consent_for_known_person(person, registration, request):
    """The public consent at the event of a person already in the directory, approved from
    `request`: what the request asks when it shows less of them than they had there, else
    what they had (the registration's own choice, "" for the person's). Never wider: anyone
    can send a request in someone's name."""
    current = registration.public_consent if registration else ""
    had = consent_level(person, current)
    if shows_less(request.public_consent, than=had):
        return request.public_consent
    return current


def approve_registration_request(request, *, by, person=None, link, calendar_link_for=None):
    """Approve the confirmed `request`: register `person` (an existing person of the team,
    chosen by the organiser among the possible duplicates) or, with none, a new person
    (and a new organisation of the team when the name is unknown) to the request's event.
    An existing person keeps their own records (blanks are filled) and their consent for
    other events: the request's choice holds for this event's registration. Returns the
    Registration.

    Side effects: the person, perhaps an organisation, the registration, the request marked
    approved (who, when); then an e-mail to the requester with `link` (the public event
    page) and, when the person already holds a role on the event's programme and the
    request came from the address on their record, the address of their own calendar,
    `calendar_link_for(person)`. A request decided meanwhile (a second click) raises
    ValidationError, as does an e-mail address another person of the team has."""
    with transaction.atomic():
        request = _locked_for_decision(request)
        event = request.event
        role = (
            RegistrationRole.DIPLOMAT
            if request.kind == RegistrationRequestKind.DIPLOMAT
            else RegistrationRole.PARTICIPANT
        )
        if person is None:
            organisation = matching_organisation(request)
            new_organisation = None
            if organisation is None and request.organisation_name:
                new_organisation = Organisation(
                    name=request.organisation_name.strip(), kind=OrganisationKind.NATIONAL_CSO
                )
            # The person's own choice for other events stays "not listed": the request's
            # choice is for this event.
            person = Person(
                given_name=request.given_name,
                family_name=request.family_name,
                gender=request.gender,
                position=request.position,
                organisation=organisation,
                email=request.email,
                phone=request.phone,
            )
            save_person(person, team=event.team, new_organisation=new_organisation)
            registration = register_person(
                person, event=event, role=role, by=by, public_consent=request.public_consent
            )
        else:
            if person.team_id != event.team_id:
                raise ValidationError(_("This person is not in this team's directory."))
            _fill_blanks(person, request)
            save_unique(person)
            registration = Registration.objects.filter(event=event, person=person).first()
            consent = _consent_for_known_person(person, registration, request)
            if registration is None:
                registration = register_person(
                    person, event=event, role=role, by=by, public_consent=consent
                )
            elif consent != registration.public_consent:
                registration.public_consent = consent
                registration._history_user = by
                registration.save(update_fields=["public_consent", "updated_at"])
        request.status = RegistrationRequestStatus.APPROVED
        request.decided_at = timezone.now()
        request.decided_by = by
        request.registration = registration
        request.save(update_fields=["status", "decided_at", "decided_by", "registration"])
        has_sessions = SessionRole.objects.filter(session__day__event=event, person=person).exists()
    # Their own calendar names them in every session: only to the address on their record.
    own_address = bool(person.email) and person.email.casefold() == request.email.casefold()
    calendar_link = (
        calendar_link_for(person) if calendar_link_for and has_sessions and own_address else ""
    )
    heading = event_heading(event, request.language)
    send_templated_email(
        emails.REGISTRATION_APPROVED.key,
        to=request.email,
        language=request.language,
        context={
            "event_title": heading.title,
            "event_dates": heading.dates,
            "link": link,
            "calendar_link": calendar_link,
            "team_name": event.team.name,
        },
        team=event.team,
        by=by,
    )
    return registration


def decline_registration_request(request, *, by):
    """Decline the confirmed `request`. Side effects: the request marked declined (who,
    when), kept until the retention period ends; an e-mail to the requester. A request
    decided meanwhile raises ValidationError."""
    with transaction.atomic():
        request = _locked_for_decision(request)
        request.status = RegistrationRequestStatus.DECLINED
        request.decided_at = timezone.now()
        request.decided_by = by
        request.save(update_fields=["status", "decided_at", "decided_by"])
    team = request.event.team
    send_templated_email(
        emails.REGISTRATION_DECLINED.key,
        to=request.email,
        language=request.language,
        context={
            "event_title": event_heading(request.event, request.language).title,
            "team_name": team.name,
            "contact_email": team.contact_email,
        },
        team=team,
        by=by,
    )
    return request


@transaction.atomic
def delete_old_registration_requests(*, days=None):
    """Delete the requests not waiting for a decision (unconfirmed, declined, approved)
    submitted more than `days` (RETENTION_DAYS) ago: they hold names and addresses.
    Returns how many were deleted."""
    days = RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _by_model = (
        RegistrationRequest.objects.filter(created_at__lt=cutoff)
        .exclude(status=RegistrationRequestStatus.CONFIRMED)
        .delete()
    )
    return deleted
