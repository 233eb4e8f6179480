"""Actions on people, registrations and attendance. Every function runs in one transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.integrity import save_unique
from events.models import SessionRoleKind

from .models import (
    Attendance,
    AttendanceAction,
    AttendanceLog,
    Organisation,
    OrganisationKind,
    Person,
    Registration,
    RegistrationRole,
)


def _check_same_event(registration, day):
    if registration.event_id != day.event_id:
        raise ValidationError(
            {"day": _("This day belongs to another event than the registration.")}
        )


@transaction.atomic
def check_in(registration, *, day, by):
    """Mark `registration` present on `day`; return (attendance, created).

    Idempotent and safe when two desks check the same person in at the same moment: the
    unique constraint on (registration, day) lets only one INSERT win, and get_or_create
    reads the winner's row instead of failing. Writes one AttendanceLog entry (who, when)
    only when the person was not yet present. Raises ValidationError for a day of
    another event.
    """
    _check_same_event(registration, day)
    attendance, created = Attendance.objects.get_or_create(
        registration=registration, day=day, defaults={"recorded_by": by}
    )
    if created:
        AttendanceLog.objects.create(
            registration=registration, day=day, action=AttendanceAction.CHECK_IN, by=by
        )
    return attendance, created


@transaction.atomic
def undo_check_in(registration, *, day, by):
    """Remove `registration`'s attendance on `day`; return True if there was one.

    Deletes the Attendance row and writes an AttendanceLog entry (who, when), so the undo
    leaves a trace. Undoing someone who is not checked in changes nothing.
    """
    _check_same_event(registration, day)
    deleted, _deleted_by_model = Attendance.objects.filter(
        registration=registration, day=day
    ).delete()
    if deleted:
        AttendanceLog.objects.create(
            registration=registration, day=day, action=AttendanceAction.UNDO, by=by
        )
    return bool(deleted)


@transaction.atomic
def bulk_check_in(registrations, *, day, by):
    """Check every registration in `registrations` in on `day`; return how many were new.

    All or nothing: a registration of another event refuses the whole batch.
    """
    return sum(1 for registration in registrations if check_in(registration, day=day, by=by)[1])


@transaction.atomic
def save_person(person, *, team=None, new_organisation=None):
    """Save `person` into `team`'s directory (a new person needs it; an existing one stays
    in theirs); first create `new_organisation` (unsaved) in the same team and link it.

    An e-mail address (or organisation name) stored meanwhile by someone else raises
    ValidationError, as the form's own check would have."""
    if person.pk is None or not person.team_id:
        if team is None:
            raise ValueError("A new person needs a team.")
        person.team = team
    if new_organisation is not None:
        new_organisation.team_id = person.team_id
        save_unique(new_organisation)
        person.organisation = new_organisation
    return save_unique(person)


@transaction.atomic
def create_organisation(organisation, *, team):
    """Save the new `organisation` into `team`'s directory. A name stored meanwhile by
    someone else raises ValidationError, as the form's own check would have."""
    organisation.team = team
    return save_unique(organisation)


@transaction.atomic
def register_person(person, *, event, role, by, public_consent=""):
    """Register `person` to `event` with `role`; create and return the Registration.
    `public_consent`, if given, replaces the person's own choice for this event.

    Raises ValidationError when the person is already registered for the event, or is
    someone of another team's directory.
    """
    if person.team_id != event.team_id:
        raise ValidationError({"person": _("This person is not in this team's directory.")})
    already = _("This person is already registered for this event.")
    if Registration.objects.filter(event=event, person=person).exists():
        raise ValidationError({"person": already})
    try:
        with transaction.atomic():
            return Registration.objects.create(
                event=event,
                person=person,
                role=role,
                registered_by=by,
                public_consent=public_consent,
            )
    except IntegrityError as error:
        # Another organiser registered the same person a moment earlier.
        raise ValidationError({"person": already}) from error


@transaction.atomic
def set_event_consent(registration, *, consent):
    """Set how `registration`'s person may be shown publicly at its event ("": as the
    person chose for every event). Recorded in the registration's history; the public
    pages' cache key follows `updated_at`, so the change shows at once."""
    registration.public_consent = consent
    registration.save(update_fields=["public_consent", "updated_at"])
    return registration


@transaction.atomic
def register_programme_people(event, *, people, by):
    """Register to `event` those of `people` (`(person, role kind)` pairs from its
    programme) who are not registered yet: moderators as moderators, everyone else on
    the programme as a speaker. Someone already registered keeps their registration and
    role. Returns the new Registrations (the programme editor calls this through
    `events.services.register_programme_people`)."""
    already = set(
        Registration.objects.filter(
            event=event, person__in=[person for person, _kind in people]
        ).values_list("person_id", flat=True)
    )
    created = []
    for person, kind in people:
        if person.pk in already:
            continue
        role = (
            RegistrationRole.MODERATOR
            if kind == SessionRoleKind.MODERATOR
            else RegistrationRole.SPEAKER
        )
        created.append(register_person(person, event=event, role=role, by=by))
        already.add(person.pk)
    return created


@transaction.atomic
def register_new_person(person, *, event, role, by, new_organisation=None):
    """Save the new `person` (and their new organisation, when given) into the event's
    team and register them to `event` with `role`. Returns the Registration; nothing is
    written if a step fails."""
    save_person(person, team=event.team, new_organisation=new_organisation)
    return register_person(person, event=event, role=role, by=by)


@transaction.atomic
def register_walk_in(person, *, day, by, role=RegistrationRole.PARTICIPANT, new_organisation=None):
    """Someone arrives at the desk unregistered: save the new `person` (and their new
    organisation), register them to the day's event with `role` and check them in on `day`.
    Returns the Registration; nothing is written if a step fails.
    """
    registration = register_new_person(
        person, event=day.event, role=role, by=by, new_organisation=new_organisation
    )
    check_in(registration, day=day, by=by)
    return registration


@transaction.atomic
def check_in_known_person(person, *, day, by, role=RegistrationRole.PARTICIPANT):
    """Someone at the desk who is already in the team's directory: register them to the
    day's event with `role` if they are not registered yet, and check them in on `day`.
    Returns the Registration. Idempotent."""
    registration = Registration.objects.filter(event=day.event, person=person).first()
    if registration is None:
        registration = register_person(person, event=day.event, role=role, by=by)
    check_in(registration, day=day, by=by)
    return registration


@transaction.atomic
def save_mission(mission, *, name, acronym="", kind=OrganisationKind.DIPLOMATIC_MISSION):
    """Save the new or changed `mission` and its organisation, named `name`: shared
    reference data (no team), the same for every team. A name stored meanwhile by
    someone else raises ValidationError. Returns the mission."""
    organisation = mission.organisation if mission.organisation_id else Organisation(team=None)
    organisation.name, organisation.acronym, organisation.kind = name, acronym, kind
    save_unique(organisation)
    mission.organisation = organisation
    mission.full_clean()
    mission.save()
    return mission


@transaction.atomic
def add_diplomat(mission, *, person, team=None, make_focal_point=False):
    """Save `person` (into `team`'s directory when new) as a diplomat of `mission`.

    With `make_focal_point`, they become the team's focal point of the mission and the
    previous one of the same team stops being it (other teams' focal points are theirs).
    An e-mail address stored meanwhile for someone else of the team raises ValidationError.
    """
    if person.pk is None and not person.team_id:
        if team is None:
            raise ValueError("A new diplomat needs a team.")
        person.team = team
    person.organisation = mission.organisation
    if make_focal_point:
        # Cleared first: the database allows one focal point per team per mission.
        # Saved one by one (there is at most one) so the audit trail records the change.
        for previous in Person.objects.filter(
            team=person.team_id, organisation=mission.organisation_id, is_focal_point=True
        ).exclude(pk=person.pk):
            previous.is_focal_point = False
            previous.save(update_fields=["is_focal_point", "updated_at"])
        person.is_focal_point = True
    return save_unique(person)
