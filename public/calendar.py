"""The public programme as an iCalendar file (RFC 5545, written by `icalendar`, which
escapes and folds the text). One event per session; the people in it only as consent
allows (`participants.public.public_programme`), nothing else personal.

A person's own calendar (`person_calendar`) is the same file cut down to their sessions,
named after them and saying their role in each: it is theirs, reached through a signed
address only they are sent (participants.calendar_tokens)."""

import datetime

from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODUCT_ID = "-//UPR Pre-sessions//Public programme//EN"


def _description(public_session, first_lines=()):
    session = public_session.session
    lines = [*first_lines, session.get_kind_display()]
    if session.state_under_review:
        lines.append(
            _("State under Review: %(state)s") % {"state": session.state_under_review.name}
        )
    for group in public_session.groups:
        lines.append(f"{group.label}: {'; '.join(group.entries)}")
    if session.description:
        lines += ["", session.description]
    return "\n".join(lines)


def _calendar(event, days, *, name, first_lines_of=lambda session: ()):
    """The bytes of an `.ics` file named `name` of the public `days` of `event`. Times are
    floating (local to the venue), as the programme prints them; UIDs are stable per
    session (the same in every calendar the session is in)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = event.updated_at.astimezone(datetime.UTC)
    for public_day in days:
        day = public_day.day
        location = ", ".join(part for part in (day.venue, event.city) if part)
        for public_session in public_day.sessions:
            session = public_session.session
            entry = CalendarEvent()
            entry.add("uid", f"session-{session.pk}.{event.slug}@upr-presessions")
            entry.add("dtstamp", stamp)
            entry.add("dtstart", datetime.datetime.combine(day.date, session.start_time))
            entry.add("dtend", datetime.datetime.combine(day.date, session.end_time))
            entry.add("summary", session.title)
            entry.add("description", _description(public_session, first_lines_of(session)))
            if location:
                entry.add("location", location)
            calendar.add_component(entry)
    return calendar.to_ical()


def programme_calendar(event, days):
    """The bytes of the `.ics` file of `event`'s public programme `days`."""
    return _calendar(event, days, name=str(event))


def person_calendar(event, days, *, person, roles):
    """The bytes of `person`'s own `.ics` file of `event`: `days` and `roles` as
    `participants.public.person_programme` returns them. Each session says the person's
    role(s) in it; of the others, only what the public programme shows."""

    def role_lines(session):
        return [_("Your role: %(role)s") % {"role": label} for label in roles[session.pk]]

    name = _("%(event)s: sessions of %(person)s") % {
        "event": str(event),
        "person": person.full_name,
    }
    return _calendar(event, days, name=name, first_lines_of=role_lines)
