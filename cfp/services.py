"""Writes of the call for speakers: the call, an application, a score, and the decision."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from events.models import SessionRole, SessionRoleKind
from factsheets.models import (
    Factsheet,
    FactsheetLanguage,
    FactsheetStatus,
    SuggestedRecommendation,
)
from participants.models import (
    Organisation,
    OrganisationKind,
    Person,
    PublicConsent,
    Registration,
    RegistrationRole,
    Scope,
)
from participants.public import consent_level, shows_less

from .models import Application, ApplicationStatus, Call, ProposedSpeaker, Score


@transaction.atomic
def save_call(event, *, opens_at, deadline, intro, questions, is_open):
    """Create or update the call for speakers of `event`; returns it."""
    call, _created = Call.objects.update_or_create(
        event=event,
        defaults={
            "opens_at": opens_at,
            "deadline": deadline,
            "intro": intro,
            "questions": [text.strip() for text in questions if text.strip()],
            "is_open": is_open,
        },
    )
    return call


@transaction.atomic
def submit_application(call, *, values, themes, speakers, by):
    """Store an application to `call` from `by` (CSO staff), with its `themes` and its
    proposed `speakers` (dicts of ProposedSpeaker fields). Refuses a closed call."""
    if not call.accepts_applications():
        raise ValidationError(_("This call for speakers is closed."))
    if not speakers:
        raise ValidationError(_("Propose at least one speaker."))
    application = Application(call=call, submitted_by=by, organisation=by.organisation, **values)
    application.full_clean(exclude=["themes"])
    application._history_user = by
    application.save()
    application.themes.set(themes)
    bulk_create_with_history(
        [
            ProposedSpeaker(application=application, order=order, **speaker)
            for order, speaker in enumerate(speakers)
        ],
        ProposedSpeaker,
        default_user=by,
    )
    return application


def score_application(application, *, reviewer, score, comment=""):
    """Record (or change) `reviewer`'s score of `application`; returns the Score."""
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("A score is from 1 to 5.")})
    try:
        with transaction.atomic():
            row, _created = Score.objects.update_or_create(
                application=application,
                reviewer=reviewer,
                defaults={"score": score, "comment": comment},
            )
    except IntegrityError:
        # The same reviewer's other tab stored it a moment earlier: change that one.
        row = Score.objects.get(application=application, reviewer=reviewer)
        row.score, row.comment = score, comment
        row.save(update_fields=["score", "comment", "scored_at"])
    return row


@dataclass(frozen=True)
class ConsentDifference:
    """A speaker already in the directory whose application asked for another public
    consent at the event (`asked`) than the one they had (`kept`). Asked for less, the
    application's choice applies at the event at once (showing less never endangers
    anyone); asked for more, they keep theirs until the organiser changes it, once the
    person agrees (an application is filled in by someone else)."""

    person: Person
    asked: str
    kept: str

    @property
    def asks_less(self):
        """Whether the application asked to show less of them than they chose."""
        return shows_less(self.asked, than=self.kept)


@dataclass(frozen=True)
class Acceptance:
    application: Application
    people: tuple
    registrations_created: int
    roles_created: int
    recommendations_created: int
    already_accepted: bool
    consent_differences: tuple = ()


def _organisation_for(application, team):
    if application.organisation_id and application.organisation.team_id == team.pk:
        return application.organisation
    name = application.organisation_name.strip()
    existing = (
        Organisation.objects.filter(team=team)
        .annotate(lower_name=Lower("name"))
        .filter(lower_name=name.lower())
        .first()
    )
    if existing:
        return existing
    kind = (
        OrganisationKind.INTERNATIONAL_NGO
        if application.organisation_scope == Scope.INTERNATIONAL
        else OrganisationKind.NATIONAL_CSO
    )
    try:
        with transaction.atomic():
            return Organisation.objects.create(
                team=team, name=name, kind=kind, scope=application.organisation_scope
            )
    except IntegrityError:
        # Another acceptance stored the same name a moment earlier: use that one.
        return Organisation.objects.annotate(lower_name=Lower("name")).get(
            team=team, lower_name=name.lower()
        )


def _person_for(speaker, *, team, organisation):
    """The directory's person for `speaker`: same e-mail, else same name and organisation;
    a new person otherwise. Returns `(person, created)`."""
    people = Person.objects.filter(team=team, anonymised_at__isnull=True)
    if speaker.email:
        found = people.filter(email__iexact=speaker.email).first()
        if found:
            return found, False
    found = people.filter(
        organisation=organisation,
        given_name__iexact=speaker.given_name,
        family_name__iexact=speaker.family_name,
    ).first()
    if found:
        return found, False
    try:
        with transaction.atomic():
            person = Person.objects.create(
                team=team,
                given_name=speaker.given_name,
                family_name=speaker.family_name,
                gender=speaker.gender,
                position=speaker.position,
                email=speaker.email,
                organisation=organisation,
            )
    except IntegrityError:
        # The same e-mail address was stored a moment earlier by another acceptance.
        return people.get(email__iexact=speaker.email), False
    return person, True


def _register_speaker(speaker, person, *, created, event, by):
    """Register `person` (the directory's person for `speaker`) to `event` as a speaker,
    at the public consent the application asked for when the person is new. A person
    already in the directory is shown less if the application asks for less, never more
    (see `ConsentDifference`). Returns `(registration, created, difference or None)`."""
    asked = speaker.public_consent or PublicConsent.NOT_LISTED
    registration, registration_created = Registration.objects.get_or_create(
        event=event,
        person=person,
        defaults={
            "role": RegistrationRole.SPEAKER,
            "registered_by": by,
            "public_consent": asked if created else "",
        },
    )
    if not registration_created and registration.role == RegistrationRole.PARTICIPANT:
        registration.role = RegistrationRole.SPEAKER
        registration.save(update_fields=["role", "updated_at"])
    difference = None
    if not created:
        kept = consent_level(person, registration.public_consent)
        if asked != kept:
            difference = ConsentDifference(person=person, asked=asked, kept=kept)
            if difference.asks_less:
                registration.public_consent = asked
                registration._history_user = by
                registration.save(update_fields=["public_consent", "updated_at"])
    return registration, registration_created, difference


def _suggest_recommendations(application, *, event, organisation, by):
    """The application's recommendations as suggested recommendations of a draft (or sent
    back) factsheet of the organisation on the application's first theme (a new draft if
    there is none: a factsheet under review or approved is never changed)."""
    texts = [text.strip() for text in application.recommendations if text.strip()]
    theme = application.themes.order_by("order", "name").first()
    if not texts or theme is None:
        return 0
    # Only a factsheet its authors are still writing: an approved one has been reviewed (and
    # may be public or handed out), so unreviewed recommendations go into a new draft.
    factsheet = Factsheet.objects.filter(
        event=event,
        theme=theme,
        organisations=organisation,
        status__in=(FactsheetStatus.DRAFT, FactsheetStatus.RETURNED),
    ).first()
    if factsheet is None:
        language = application.language
        if language not in FactsheetLanguage.values:
            language = FactsheetLanguage.OTHER
        factsheet = Factsheet.objects.create(
            event=event,
            theme=theme,
            title=_("%(organisation)s: %(theme)s")
            % {"organisation": organisation.name, "theme": theme.name},
            language=language,
            lead_organisation=organisation,
            uploaded_by=by,
        )
        factsheet.organisations.add(organisation)
    start = factsheet.recommendations.count()
    known = set(factsheet.recommendations.values_list("text", flat=True))
    new = [text for text in texts if text not in known]
    SuggestedRecommendation.objects.bulk_create(
        SuggestedRecommendation(factsheet=factsheet, text=text, order=start + index)
        for index, text in enumerate(new)
    )
    return len(new)


def accept_application(application, *, session, by, calendar_link_for=None):
    """Accept `application`: reuse or create its organisation and each proposed speaker in
    the team's directory, register them to the event as speakers, give them a speaker role
    on `session` (a session of the event), turn its recommendations into suggested
    recommendations of a draft factsheet, and e-mail the applicant in the application's
    language once the transaction commits; each speaker with an e-mail address is then
    told too, with how they are shown publicly and the address of their own calendar,
    `calendar_link_for(person)`.

    Each speaker new to the directory is registered at the public consent the application
    asked for, for this event only (the person's own choice stays "not listed"). A person
    already in the directory is shown at the event as the application asks when that is
    less than their recorded consent, and never more (an application is filled in by
    someone else); each difference is in `consent_differences`, for the organiser.

    Accepting twice does nothing the second time (`already_accepted`); a declined
    application raises ValidationError. The application row is locked, so two organisers
    accepting at once create everything once."""
    event = application.call.event
    if session.day.event_id != event.pk:
        raise ValidationError({"session": _("Choose a session of this event's programme.")})
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call__event__team", "organisation")
            .get(pk=application.pk)
        )
        if application.status == ApplicationStatus.ACCEPTED:
            return Acceptance(application, (), 0, 0, 0, already_accepted=True)
        if application.status != ApplicationStatus.SUBMITTED:
            # Declined meanwhile (another organiser, another tab): the applicant was told.
            raise ValidationError(_("This application was declined: it cannot be accepted."))
        team = event.team
        organisation = _organisation_for(application, team)
        people, listings, differences, registrations, roles = [], [], [], 0, 0
        for order, speaker in enumerate(application.speakers.all()):
            person, person_created = _person_for(speaker, team=team, organisation=organisation)
            people.append(person)
            registration, created, difference = _register_speaker(
                speaker, person, created=person_created, event=event, by=by
            )
            registrations += created
            listings.append((person, registration.public_consent))
            if difference is not None:
                differences.append(difference)
            _role, created = SessionRole.objects.get_or_create(
                session=session,
                person=person,
                role=SessionRoleKind.SPEAKER,
                defaults={
                    "position": ", ".join(p for p in (speaker.position, organisation.name) if p),
                    "order": session.roles.count() + order,
                },
            )
            roles += created
        suggested = _suggest_recommendations(
            application, event=event, organisation=organisation, by=by
        )
        application.organisation = organisation
        application.status = ApplicationStatus.ACCEPTED
        application.decided_at = timezone.now()
        application._history_user = by
        application.save(update_fields=["organisation", "status", "decided_at"])
        transaction.on_commit(lambda: _tell_applicant(application, by=by))
        if calendar_link_for is not None:
            transaction.on_commit(
                lambda: _tell_speakers(
                    application, listings, session=session, by=by, link_for=calendar_link_for
                )
            )
    return Acceptance(
        application,
        tuple(people),
        registrations,
        roles,
        suggested,
        already_accepted=False,
        consent_differences=tuple(differences),
    )


@transaction.atomic
def decline_application(application, *, by):
    """Decline a submitted `application` and e-mail the applicant once committed. An
    application already decided is left as it is; returns whether it changed. The row is
    locked, so two organisers declining at once decline (and e-mail) once; the change is in
    the application's history."""
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__event__team")
        .filter(pk=application.pk, status=ApplicationStatus.SUBMITTED)
        .first()
    )
    if locked is None:
        return False
    locked.status = ApplicationStatus.DECLINED
    locked.decided_at = timezone.now()
    locked._history_user = by
    locked.save(update_fields=["status", "decided_at"])
    application.status, application.decided_at = locked.status, locked.decided_at
    transaction.on_commit(lambda: _tell_applicant(locked, by=by))
    return True


def _tell_applicant(application, *, by):
    from .emails import tell_applicant_of_decision

    tell_applicant_of_decision(application, by=by)


def _tell_speakers(application, listings, *, session, by, link_for):
    """E-mail each `(person, event_consent)` of `listings` who has an address."""
    from .emails import tell_speaker_of_acceptance

    for person, event_consent in listings:
        if person.email:
            tell_speaker_of_acceptance(
                person,
                application=application,
                session=session,
                event_consent=event_consent,
                by=by,
                link=link_for(person),
            )


@transaction.atomic
def erase_declined_speakers(*, days=None):
    """Delete the proposed speakers (names, positions, e-mail addresses) of applications
    declined more than `days` (UPR_CFP_DECLINED_RETENTION_DAYS) ago, with every version of
    them in the audit history. The application itself stays (organisation, themes, the
    decision): the call's figures do not change. Idempotent; returns how many speakers
    were erased."""
    days = settings.UPR_CFP_DECLINED_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    declined = Application.objects.filter(
        status=ApplicationStatus.DECLINED, decided_at__lt=cutoff
    ).values("pk")
    speakers = ProposedSpeaker.objects.filter(application__in=declined)
    erased, _by_model = speakers.delete()
    # The history keeps every version, the deletion's included: they go too.
    ProposedSpeaker.history.filter(application_id__in=declined).delete()
    return erased
