"""The public programme as an iCalendar file (RFC 5545, written by `icalendar`, which
escapes and folds the text). One event per session; the people in it only as consent
allows (`participants.public.public_programme`), nothing else personal."""

import datetime

from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODUCT_ID = "-//UPR Pre-sessions//Public programme//EN"


def _description(public_session):
    session = public_session.session
    lines = [session.get_kind_display()]
    if session.state_under_review:
        lines.append(
            _("State under Review: %(state)s") % {"state": session.state_under_review.name}
        )
    for group in public_session.groups:
        lines.append(f"{group.label}: {'; '.join(group.entries)}")
    if session.description:
        lines += ["", session.description]
    return "\n".join(lines)


def programme_calendar(event, days):
    """The bytes of the `.ics` file of `event`'s public programme `days`. Times are floating
    (local to the venue), as the programme prints them; UIDs are stable per session."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event.title)
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
            entry.add("description", _description(public_session))
            if location:
                entry.add("location", location)
            calendar.add_component(entry)
    return calendar.to_ical()
