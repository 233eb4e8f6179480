"""How a person may be shown publicly at an event: the one answer every public page, the
public programme PDF and the calendar use, and the internal pages' "not public" mark.

A person's choice (`Person.public_consent`) holds for every event unless their
registration for the event says otherwise (`Registration.public_consent`, empty when it
does not). An anonymised person is never shown. Nothing here queries the database: the
callers load the person with their organisation and the registration's choice (see
`events.selectors.programme_days`, which puts it on each role as `event_consent`).
"""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from events.models import SessionRole, SessionRoleKind
from events.selectors import programme_days

from .models import PublicConsent

REPRESENTATIVE_LEVELS = (PublicConsent.ORGANISATION, PublicConsent.NOT_LISTED_REPRESENTATIVE)

# From the level that shows the most to the one that shows nothing: "organisation only"
# is in public lists of organisations, "not listed; a representative" only in a session.
LEVELS_WIDEST_FIRST = (
    PublicConsent.NAME,
    PublicConsent.ORGANISATION,
    PublicConsent.NOT_LISTED_REPRESENTATIVE,
    PublicConsent.NOT_LISTED,
)


def narrower_level(first, second):
    """The more restrictive of two consent levels (an unknown or empty one counts as
    "not listed")."""

    def rank(level):
        if level in LEVELS_WIDEST_FIRST:
            return LEVELS_WIDEST_FIRST.index(level)
        return len(LEVELS_WIDEST_FIRST) - 1

    return LEVELS_WIDEST_FIRST[max(rank(first), rank(second))]


def shows_less(level, than):
    """Whether consent `level` shows less of a person than `than` does (never for the same
    level). A request or an application may narrow what a person agreed to, never widen it."""
    return level != than and narrower_level(level, than) == level


@dataclass(frozen=True)
class PublicAppearance:
    """What the public may see of one person at one event. `shown` False: nothing at all."""

    level: str
    name: str = ""
    organisation: str = ""

    @property
    def shown(self):
        return bool(self.name or self.organisation)

    @property
    def listed(self):
        """Whether the person may appear in a public list of people or organisations (not
        only in the session they speak at)."""
        return self.level in (PublicConsent.NAME, PublicConsent.ORGANISATION)

    @property
    def text(self):
        if self.name and self.organisation:
            return _("%(name)s, %(organisation)s") % {
                "name": self.name,
                "organisation": self.organisation,
            }
        if self.name:
            return self.name
        if self.organisation:
            return _("a representative of %(organisation)s") % {"organisation": self.organisation}
        return ""


def consent_level(person, event_consent=""):
    """The level that holds for `person` at an event: the registration's choice
    (`event_consent`) if it made one, else the person's; "not listed" once anonymised."""
    if person.anonymised_at is not None:
        return PublicConsent.NOT_LISTED
    return event_consent or person.public_consent or PublicConsent.NOT_LISTED


def public_appearance(person, *, event_consent="", organisation_name=None):
    """How `person` may be shown publicly at an event (see the module's docstring).

    `organisation_name` replaces the organisation's short name where the programme prints
    another one; a representative of no organisation is not shown at all."""
    level = consent_level(person, event_consent)
    if organisation_name is None:
        organisation_name = person.organisation.short_name if person.organisation_id else ""
    if level == PublicConsent.NAME:
        return PublicAppearance(level=level, name=person.full_name, organisation=organisation_name)
    if level in REPRESENTATIVE_LEVELS:
        return PublicAppearance(level=level, organisation=organisation_name)
    return PublicAppearance(level=level)


def is_public(person, event_consent=""):
    """Whether `person`'s name may be shown publicly at the event (the internal mark)."""
    return consent_level(person, event_consent) == PublicConsent.NAME


@dataclass(frozen=True)
class PublicPerson:
    role: str
    role_label: str
    appearance: PublicAppearance


@dataclass(frozen=True)
class PublicRoleGroup:
    label: str
    people: list  # PublicPerson, in print order

    @property
    def entries(self):
        """What the group prints, in order: each named person, and once per organisation
        its representatives ("2 representatives of GWSC"), where the first of them stood."""
        counts = Counter(p.appearance.organisation for p in self.people if not p.appearance.name)
        entries, printed = [], set()
        for person in self.people:
            appearance = person.appearance
            if appearance.name:
                entries.append(appearance.text)
            elif appearance.organisation not in printed:
                printed.add(appearance.organisation)
                count = counts[appearance.organisation]
                entries.append(
                    npgettext(
                        "public listing",
                        "a representative of %(organisation)s",
                        "%(count)s representatives of %(organisation)s",
                        count,
                    )
                    % {"count": count, "organisation": appearance.organisation}
                )
        return entries


@dataclass(frozen=True)
class PublicSession:
    session: object
    people: list  # PublicPerson, in print order, only those the public may see

    @property
    def groups(self):
        """The people grouped by role, roles in the order of `SessionRoleKind`."""
        order = [kind for kind, _label in SessionRoleKind.choices]
        groups = []
        for kind in order:
            holders = [person for person in self.people if person.role == kind]
            if holders:
                groups.append(PublicRoleGroup(label=holders[0].role_label, people=holders))
        return groups


@dataclass(frozen=True)
class PublicDay:
    day: object
    sessions: list


def public_programme(event):
    """The event's programme as the public may see it: days, sessions in time order and,
    for each session, only the people whose consent lets them be shown, each as consent
    says. The role's printed position is never shown (it may name the person). A fixed
    number of queries (those of `events.selectors.programme_days`)."""
    days = []
    for day in programme_days(event):
        sessions = []
        for session in day.sessions.all():
            people = []
            for role in session.roles.all():
                appearance = public_appearance(role.person, event_consent=role.event_consent)
                if appearance.shown:
                    people.append(
                        PublicPerson(
                            role=role.role,
                            role_label=role.get_role_display(),
                            appearance=appearance,
                        )
                    )
            sessions.append(PublicSession(session=session, people=people))
        days.append(PublicDay(day=day, sessions=sessions))
    return days


def person_programme(event, person):
    """The public programme of `event` cut down to the sessions where `person` holds a
    role, and the labels of their roles by session id: `(days, roles)`. The sessions show
    the other people only as `public_programme` does. One query when the person has no
    role at the event, one more than `public_programme` when they do."""
    roles = {}
    for role in SessionRole.objects.filter(session__day__event=event, person=person).order_by(
        "session_id", "pk"
    ):
        roles.setdefault(role.session_id, []).append(role.get_role_display())
    if not roles:
        return [], roles
    days = []
    for public_day in public_programme(event):
        sessions = [entry for entry in public_day.sessions if entry.session.pk in roles]
        if sessions:
            days.append(PublicDay(day=public_day.day, sessions=sessions))
    return days, roles
