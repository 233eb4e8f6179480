"""Privacy actions on people: anonymisation (one person, or by retention period) and the
subject-access export. Kept apart from services.py, which holds the attendance desk.

Anonymising erases what identifies a person (names, e-mail, phone, position, the position
printed next to them in a programme) everywhere, the audit history included, and keeps
what the report's figures count: gender, age band, youth flag, organisation,
registrations and attendance. So an event's figures are the same before and after.
Pending import files of the person's team (uploaded, not yet confirmed) are deleted too:
they may hold the person's name and e-mail, and are only a copy of a spreadsheet the
organiser still has.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.models import SessionRole
from security import change_reasons
from security.log import security_event

from .importing import remove_team_uploads
from .models import Mission, Person

ANONYMISED_GIVEN_NAME = "Anonymised"
ERASED_PERSON_FIELDS = {
    "given_name": ANONYMISED_GIVEN_NAME,
    "family_name": "",
    "position": "",
    "email": "",
    "phone": "",
    "consent_to_contact": False,
}


@transaction.atomic
def anonymise_person(person, *, by, request=None):
    """Erase `person`'s identifying data, in the current record and in every historical
    version of it and of their programme roles, and delete the pending import files of
    their team (any of them may name the person). Idempotent. Logs the person's id only."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.anonymised_at is not None:
        return person
    for field, value in ERASED_PERSON_FIELDS.items():
        setattr(person, field, value)
    person.anonymised_at = timezone.now()
    person._change_reason = change_reasons.ANONYMISED
    person._history_user = by
    person.save()
    # The history must not keep what the record no longer does.
    Person.history.filter(id=person.pk).update(**ERASED_PERSON_FIELDS)
    SessionRole.objects.filter(person=person).update(position="")
    SessionRole.history.filter(person_id=person.pk).update(position="")
    remove_team_uploads(person.team_id)
    security_event("person_anonymised", request=request, user=by, person_id=person.pk)
    return person


def _event_row(event):
    return {"id": event.pk, "title": event.title, "start": event.start_date, "end": event.end_date}


def export_person_data(person, *, by, request=None):
    """Everything the app holds about `person`, as a JSON-ready dict, for a subject-access
    request. Logs who exported it (ids only)."""
    person = Person.objects.select_related("organisation", "team").get(pk=person.pk)
    registrations = person.registrations.select_related("event").order_by("event__start_date")
    attendances = [
        {
            "event": attendance.day.event.title,
            "date": attendance.day.date,
            "recorded_at": attendance.recorded_at,
        }
        for registration in registrations.prefetch_related("attendances__day__event")
        for attendance in registration.attendances.all()
    ]
    roles = SessionRole.objects.filter(person=person).select_related("session__day__event")
    history = Person.history.filter(id=person.pk).order_by("history_date", "history_id")
    data = {
        "exported_at": timezone.now(),
        "person": {
            "id": person.pk,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "gender": person.get_gender_display(),
            "position": person.position,
            "organisation": str(person.organisation) if person.organisation else None,
            "email": person.email,
            "phone": person.phone,
            "age_band": person.get_age_band_display() if person.age_band else "",
            "is_youth": person.is_youth,
            "is_focal_point": person.is_focal_point,
            "team": person.team.name,
            "consent_to_contact": person.consent_to_contact,
            "created_at": person.created_at,
            "updated_at": person.updated_at,
            "anonymised_at": person.anonymised_at,
        },
        "registrations": [
            {
                "event": _event_row(registration.event),
                "role": registration.get_role_display(),
                "registered_at": registration.registered_at,
            }
            for registration in registrations
        ],
        "attendance": attendances,
        "programme_roles": [
            {
                "event": role.session.day.event.title,
                "date": role.session.day.date,
                "session": role.session.title,
                "role": role.get_role_display(),
                "position": role.position,
            }
            for role in roles
        ],
        "mission_focal_point_of": [
            str(mission) for mission in Mission.objects.filter(organisation=person.organisation_id)
        ]
        if person.is_focal_point
        else [],
        "history": [
            {
                "date": record.history_date,
                "change": record.get_history_type_display(),
                "by_user_id": record.history_user_id,
                "given_name": record.given_name,
                "family_name": record.family_name,
                "position": record.position,
                "email": record.email,
                "phone": record.phone,
                "gender": record.gender,
                "organisation_id": record.organisation_id,
            }
            for record in history
        ],
    }
    security_event("subject_access_export", request=request, user=by, person_id=person.pk)
    return data


def months_before(day, months):
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    # The last day of a shorter month stands in for the 29th-31st.
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def people_due_for_anonymisation(*, months, today=None):
    """People not yet anonymised whose every event ended more than `months` months ago
    (someone also registered for a later event keeps their data until that one is old)."""
    cutoff = months_before(today or timezone.localdate(), months)
    people = (
        Person.objects.not_anonymised()
        .filter(
            Q(registrations__event__end_date__lt=cutoff)
            | Q(session_roles__session__day__event__end_date__lt=cutoff)
        )
        .exclude(registrations__event__end_date__gte=cutoff)
        .exclude(session_roles__session__day__event__end_date__gte=cutoff)
        .distinct()
        .order_by("pk")
    )
    return people, cutoff
