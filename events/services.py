"""Actions on events, their programmes and their teams' themes. Each function runs in one
transaction and takes domain values (the views turn their validated forms into them)."""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import import_string

from accounts.integrity import save_unique
from accounts.widgets import position_at_the_time

from .models import Event, ProgrammeDay, Session, SessionRole, Theme

EVENT_M2M_FIELDS = ("co_organisers", "invited_organisations", "themes")
SESSION_M2M_FIELDS = ("themes", "missions_present")


@dataclass(frozen=True)
class Change:
    """One row of a list being edited: `obj` is the stored row (None for a new one),
    `values` its new field values (many-to-many fields as lists), `delete` to remove it.
    `children` are the changes of the rows under it (a session's roles)."""

    obj: object = None
    values: dict = field(default_factory=dict)
    delete: bool = False
    children: tuple = ()


def _assign(instance, values, m2m_fields):
    """Set the plain fields of `values` on `instance`, save it, then its many-to-many
    fields. Returns the saved instance."""
    for name, value in values.items():
        if name not in m2m_fields:
            setattr(instance, name, value)
    save_unique(instance)
    for name in m2m_fields:
        if name in values:
            getattr(instance, name).set(values[name])
    return instance


def _save_days(event, days):
    for change in days:
        if change.delete:
            if change.obj is not None:
                change.obj.delete()
            continue
        _assign(change.obj or ProgrammeDay(event=event), change.values, ())


@transaction.atomic
def create_event(team, *, values, days=()):
    """Create an event of `team` from `values` (its fields, with co-organisers, invited
    organisations and themes as lists) and its `days` (`Change`s). All or nothing."""
    event = _assign(Event(team=team), values, EVENT_M2M_FIELDS)
    _save_days(event, days)
    return event


@transaction.atomic
def update_event(event, *, values, days=(), move_days_by=None):
    """Change `event`'s fields and add, change or delete its days (`Change`s). With
    `move_days_by` (a timedelta), every stored day first moves by it
    (`move_programme_days`); the changes then carry the days' new dates. A day is
    deleted with `.delete()`, so its history records it. All or nothing."""
    _assign(event, values, EVENT_M2M_FIELDS)
    if move_days_by:
        move_programme_days(event, by=move_days_by)
    _save_days(event, days)
    return event


@transaction.atomic
def move_programme_days(event, *, by):
    """Move every day of `event` (with its sessions and check-ins) by the timedelta `by`.
    The days are moved one by one, each saved so that its history records the move, the
    last first when moving later (the first first when moving earlier), so that no two
    days ever share a date. Returns the moved days."""
    days = list(ProgrammeDay.objects.for_event(event).order_by("date"))
    if by > datetime.timedelta(0):
        days.reverse()
    for day in days:
        day.date += by
        day.save(update_fields=["date"])
    return days


@transaction.atomic
def delete_programme_day(day):
    """Delete `day` with its check-ins, its sessions and their roles, each row through
    `.delete()` so the audit history records every deletion and the day can be restored
    from "Deleted records" (the check-in log of the day goes with it)."""
    for attendance in day.attendances.all():
        attendance.delete()
    sessions = list(Session.objects.filter(day=day).prefetch_related("roles"))
    for session in sessions:
        for role in session.roles.all():
            role.delete()
        session.delete()
    day.delete()


def register_programme_people(event, *, people, by):
    """Register to `event` those of `people` (`(person, role kind)` pairs from its
    programme) not registered to it yet, so that speakers and moderators appear on the
    sign-in sheets and badges. Registrations belong to an app above this one: it names
    its function in its AppConfig's `registers_programme_people` (participants does).
    Returns the new registrations."""
    registered = []
    for config in apps.get_app_configs():
        path = getattr(config, "registers_programme_people", "")
        if path:
            registered.extend(import_string(path)(event, people=people, by=by))
    return registered


@transaction.atomic
def save_programme_day(day, *, sessions, by=None):
    """Save the programme of `day` from `sessions` (`Change`s whose `children` are the
    session's role `Change`s): create, change and delete sessions (with their themes and,
    for a Geneva series, missions present) and each kept session's roles. A role left
    without a position gets the person's position and organisation as they are today.
    Everyone on the day's programme who is not registered to the event is registered
    (`register_programme_people`, recorded as by `by`). All or nothing. Returns the day's
    kept sessions and the new registrations."""
    saved = []
    people = []
    for change in sessions:
        if change.delete:
            if change.obj is not None:
                for role in change.obj.roles.all():
                    role.delete()
                change.obj.delete()
            continue
        session = _assign(change.obj or Session(day=day), change.values, SESSION_M2M_FIELDS)
        saved.append(session)
        for role_change in change.children:
            if role_change.delete:
                if role_change.obj is not None:
                    role_change.obj.delete()
                continue
            role = role_change.obj or SessionRole(session=session)
            role.session = session
            for name, value in role_change.values.items():
                setattr(role, name, value)
            if not role.position:
                role.position = position_at_the_time(role.person)
            role.save()
            people.append((role.person, role.role))
    return saved, register_programme_people(day.event, people=people, by=by)


SESSION_COPIED_FIELDS = (
    "start_time",
    "end_time",
    "order",
    "title",
    "kind",
    "description",
    "state_under_review",
)


@transaction.atomic
def copy_programme(source, *, to, with_people=False, by=None):
    """Copy the programme of the event `source` into the event `to`: each day moved by
    the distance between the two events' start dates (title, venue, host), its sessions
    with their themes and, `with_people`, their moderators, speakers and panellists (who
    are then registered to `to`, see `register_programme_people`). What happened at the
    sessions (missions present, the State under Review taking the floor) is not copied.
    A day that would fall outside `to`'s dates, or on a date `to` already has, is left
    out. All or nothing. Returns (copied days, left-out source days)."""
    shift = to.start_date - source.start_date
    taken = set(to.days.values_list("date", flat=True))
    copied, left_out, people = [], [], []
    days = source.days.order_by("date").prefetch_related(
        "sessions__themes", "sessions__roles__person"
    )
    for day in days:
        date = day.date + shift
        if date in taken or not (to.start_date <= date <= to.end_date):
            left_out.append(day)
            continue
        new_day = ProgrammeDay.objects.create(
            event=to, date=date, title=day.title, venue=day.venue, host=day.host
        )
        taken.add(date)
        copied.append(new_day)
        for session in day.sessions.all():
            new_session = Session.objects.create(
                day=new_day, **{name: getattr(session, name) for name in SESSION_COPIED_FIELDS}
            )
            new_session.themes.set(session.themes.all())
            if not with_people:
                continue
            for role in session.roles.all():
                SessionRole.objects.create(
                    session=new_session,
                    person=role.person,
                    role=role.role,
                    position=role.position,
                    order=role.order,
                )
                people.append((role.person, role.role))
    if people:
        register_programme_people(to, people=people, by=by)
    return copied, left_out


# --- A team's themes -------------------------------------------------------------------


@transaction.atomic
def add_theme(team, *, name, order=None):
    """Add a theme to `team`'s catalogue, after the last one unless `order` is given."""
    if order is None:
        last = team.themes.order_by("-order").values_list("order", flat=True).first()
        order = (last or 0) + 1
    return Theme.objects.create(team=team, name=name, order=order)


@transaction.atomic
def update_theme(theme, *, name, order, is_active):
    """Rename, move or (de)activate `theme`. A deactivated theme stays on the events,
    sessions and factsheets that use it but is no longer offered."""
    theme.name, theme.order, theme.is_active = name, order, is_active
    theme.save()
    return theme


def theme_is_used(theme):
    return theme.events.exists() or theme.sessions.exists() or theme.factsheets.exists()


@transaction.atomic
def delete_theme(theme):
    """Delete an unused theme. A theme on an event, a session or a factsheet cannot be
    deleted (it would vanish from their records): deactivate it instead."""
    if theme_is_used(theme):
        raise ThemeInUse(theme)
    theme.delete()


class ThemeInUse(Exception):
    """The theme is used by an event, a session or a factsheet."""
