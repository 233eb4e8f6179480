"""Load the demo (demo/data.py) into the database, idempotently: two teams, the Cambodia
2018 event of the first and a short Geneva-series event of the second.

Rows are found by natural keys (an organisation's name, a person's name and organisation, an
event's slug, a day's date, a session's day and title, ...). A missing row is created; an
existing row is updated only when one of its demo values differs, so a second run writes
nothing. Nothing is ever deleted: rows added by users stay as they are.
"""

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django_countries import countries

from accounts.models import Membership, Team
from events.models import (
    Event,
    EventFormat,
    EventStatus,
    ProgrammeDay,
    Session,
    SessionKind,
    SessionRole,
    SessionRoleKind,
)
from events.themes import DEFAULT_THEMES, seed_default_themes
from factsheets.models import Distribution, Factsheet, FactsheetFile, SuggestedRecommendation
from participants.models import (
    Attendance,
    Mission,
    Organisation,
    OrganisationKind,
    Person,
    PublicConsent,
    Registration,
    RegistrationRole,
    Scope,
)
from reports.models import Achievement, ActivityReport, Testimony

from . import data


class DemoLoader:
    """Creates or updates demo rows and counts what it changed: rows ``created`` and
    ``updated``, and many-to-many ``links`` (co-organisers, themes, ...) set, per model."""

    def __init__(self):
        self.created = Counter()
        self.updated = Counter()
        self.links = Counter()

    @property
    def changed(self):
        return sum(self.created.values()) + sum(self.updated.values()) + sum(self.links.values())

    def upsert(self, model, lookup, values=None):
        """The row matching ``lookup``, created or brought to ``values``; validated first."""
        values = values or {}
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            _validate(instance)
            instance.save()
            self.created[model._meta.label] += 1
            return instance
        changed = [name for name, value in values.items() if not _same(instance, name, value)]
        if changed:
            for name in changed:
                setattr(instance, name, values[name])
            _validate(instance)
            instance.save()
            self.updated[model._meta.label] += 1
        return instance

    def set_m2m(self, instance, name, objects):
        manager = getattr(instance, name)
        wanted = {obj.pk for obj in objects}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(wanted)
            self.links[f"{instance._meta.label}.{name}"] += 1


def _validate(instance):
    """Field validation and the model's clean() (the invariants), without the per-row
    queries of full_clean: the loader passes saved related objects, the natural-key lookup
    rules out duplicates, and the database still enforces every constraint."""
    relations = [field.name for field in instance._meta.fields if field.is_relation]
    instance.clean_fields(exclude=relations)
    instance.clean()


def _same(instance, name, value):
    field = instance._meta.get_field(name)
    if field.is_relation:
        return getattr(instance, field.attname) == (value.pk if value is not None else None)
    return field.get_prep_value(getattr(instance, name)) == field.get_prep_value(value)


def _time(text):
    return datetime.time.fromisoformat(text)


def _team(loader, values):
    team = loader.upsert(
        Team,
        {"slug": values["slug"]},
        {"name": values["name"], "contact_email": values["contact_email"]},
    )
    if not team.themes.exists():
        seed_default_themes(team)
        loader.created["events.Theme"] += len(DEFAULT_THEMES)
    return team


def _themes_by_key(team):
    by_name = {theme.name: theme for theme in team.themes.all()}
    return {key: by_name[name] for key, name in zip(data.THEME_KEYS, DEFAULT_THEMES, strict=True)}


def _mission(loader, name, state, mission_type, city):
    """A shared mission (and its shared organisation): the same for every team."""
    organisation = _organisation(
        loader, None, name, "", OrganisationKind.DIPLOMATIC_MISSION, state, Scope.INTERNATIONAL
    )
    mission = loader.upsert(
        Mission,
        {"organisation": organisation},
        {"state": state, "mission_type": mission_type, "city": city},
    )
    return organisation, mission


@transaction.atomic
def load_demo(loader=None):
    """Both demo teams and their events; returns `(cambodia_event, geneva_event)`."""
    loader = loader or DemoLoader()
    return load_demo_event(loader), load_geneva_event(loader)


@transaction.atomic
def load_demo_event(loader=None):
    """Create or update the team "CCHR / UPR Info Cambodia" and its Cambodia 2018 demo
    event with everything in it; return the event.

    Side effects: the team and its themes, its organisations and people, the shared
    missions, the event, its days, sessions, roles, registrations, attendances,
    factsheets, distributions and its draft activity report.
    """
    loader = loader or DemoLoader()
    team = _team(loader, data.CAMBODIA_TEAM)
    themes = _themes_by_key(team)

    organisations = {}
    for key, (name, acronym, kind, country, scope) in data.ORGANISATIONS.items():
        # The EU delegation is a mission: shared, like the embassies.
        owner = None if key == data.EU_MISSION[0] else team
        organisations[key] = _organisation(loader, owner, name, acronym, kind, country, scope)
    missions = {}
    for key, (name, state, mission_type, city) in data.EMBASSIES.items():
        organisations[key], missions[key] = _mission(loader, name, state, mission_type, city)
    eu_key, eu_state, eu_type, eu_city = data.EU_MISSION
    missions[eu_key] = loader.upsert(
        Mission,
        {"organisation": organisations[eu_key]},
        {"state": eu_state, "mission_type": eu_type, "city": eu_city},
    )

    event = loader.upsert(
        Event,
        {"slug": data.EVENT["slug"]},
        {
            **{name: value for name, value in data.EVENT.items() if name != "slug"},
            "team": team,
            "format": EventFormat.IN_COUNTRY,
            "status": EventStatus.PUBLISHED,
        },
    )
    loader.set_m2m(event, "themes", list(themes.values()))
    loader.set_m2m(event, "co_organisers", [organisations[key] for key in data.CO_ORGANISERS])
    days = [
        loader.upsert(
            ProgrammeDay,
            {"event": event, "date": day["date"]},
            {
                "title": day["title"],
                "venue": day["venue"],
                "host": organisations[day["host"]] if day["host"] else None,
            },
        )
        for day in data.DAYS
    ]

    # People and their attendance: (person, registration role, day numbers).
    attendees = []

    def person(given, family, gender, organisation_key, position="", email="", **extra):
        return loader.upsert(
            Person,
            {
                "team": team,
                "given_name": given,
                "family_name": family,
                "organisation": organisations[organisation_key],
            },
            {"gender": gender, "position": position, "email": email, **extra},
        )

    officials = {}
    for key, (given, family, gender, org, position, role, day_numbers) in data.OFFICIALS.items():
        officials[key] = person(given, family, gender, org, position)
        attendees.append((officials[key], role, day_numbers))
    speakers = {}
    for key, (
        given,
        family,
        gender,
        org,
        position,
        theme,
        day_numbers,
    ) in data.CSO_SPEAKERS.items():
        speakers[key] = (
            person(given, family, gender, org, position, email=_email(given, family)),
            theme,
            day_numbers,
        )
        attendees.append((speakers[key][0], "speaker", day_numbers))
    for given, family, gender, org, position in data.DIPLOMATS_AND_AGENCIES:
        diplomat = person(given, family, gender, org, position, email=_email(given, family))
        is_mission = org in missions
        attendees.append((diplomat, "diplomat" if is_mission else "participant", (2,)))
    for given, family, gender, org, day_numbers in data.CSO_MEMBERS:
        member = person(given, family, gender, org, "Member", email=_email(given, family))
        attendees.append((member, "participant", day_numbers))
    youth = []
    for given, family, gender, org, age_band in data.YOUTH:
        delegate = person(
            given, family, gender, org, "Youth delegate", is_youth=True, age_band=age_band
        )
        youth.append(delegate)
        attendees.append((delegate, "participant", (3,)))

    arrivals = Counter()
    for attendee, role, day_numbers in attendees:
        registration = loader.upsert(
            Registration, {"event": event, "person": attendee}, {"role": role}
        )
        for number in day_numbers:
            day = days[number - 1]
            attendance = loader.upsert(Attendance, {"registration": registration, "day": day})
            # Checked in on the day itself, the first at 8:00 and one every half minute,
            # not when the demo was loaded.
            arrived = datetime.datetime.combine(
                day.date, DESK_OPENS, tzinfo=datetime.UTC
            ) + datetime.timedelta(seconds=30 * arrivals[number])
            arrivals[number] += 1
            _set_recorded_at(loader, attendance, arrived)

    # The programme.
    organisations_by_pk = {org.pk: org.short_name for org in organisations.values()}
    groups = {
        "day3-cso-speakers": [
            (speaker, theme) for speaker, theme, numbers in speakers.values() if 3 in numbers
        ],
        "youth-presenters": [(delegate, None) for delegate in youth[: data.YOUTH_PRESENTERS]],
    }
    for day, day_data in zip(days, data.DAYS, strict=True):
        for order, (start, end, title, kind, description, theme_slugs, roles) in enumerate(
            day_data["sessions"], start=1
        ):
            session = loader.upsert(
                Session,
                {"day": day, "title": title},
                {
                    "start_time": _time(start),
                    "end_time": _time(end),
                    "order": order,
                    "kind": kind,
                    "description": description,
                },
            )
            slugs = list(themes) if theme_slugs == data.ALL_THEMES else list(theme_slugs)
            loader.set_m2m(session, "themes", [themes[slug] for slug in slugs])
            role_order = 0
            for key, role in roles:
                if key == "cso-speakers":
                    people = [(p, theme) for p, theme, _ in speakers.values() if theme in slugs]
                elif key in groups:
                    people = groups[key]
                else:
                    people = [(officials[key], None)]
                for someone, theme in people:
                    role_order += 1
                    position = someone.position
                    if key in groups or key == "cso-speakers":
                        # Fictitious people: position, organisation and theme, as a programme
                        # prints them; the officials' positions are already complete.
                        position = f"{position}, {organisations_by_pk[someone.organisation_id]}"
                    if theme:
                        position = f"{position} ({themes[theme].name})"
                    loader.upsert(
                        SessionRole,
                        {"session": session, "person": someone, "role": role},
                        {"position": position, "order": role_order},
                    )

    # Factsheets: approved, authored by the thematic CSOs, handed to every mission on day 2.
    authors = {}
    for speaker, theme, _ in speakers.values():
        authors.setdefault(theme, []).append(speaker.organisation)
    for slug, theme in themes.items():
        if slug in data.THEMES_WITHOUT_FACTSHEET:
            continue
        factsheet = loader.upsert(
            Factsheet,
            {"event": event, "theme": theme},
            {
                "title": f"UPR Advocacy Factsheet: {theme.name}",
                "language": data.FACTSHEET_LANGUAGE,
                "status": data.FACTSHEET_STATUS,
                # Most authors chose to publish theirs on the public site; a few did not.
                "public": theme.order % 3 != 0,
            },
        )
        loader.set_m2m(factsheet, "organisations", authors[slug])
        for order, text in enumerate(data.RECOMMENDATIONS[slug], start=1):
            loader.upsert(
                SuggestedRecommendation, {"factsheet": factsheet, "order": order}, {"text": text}
            )
        for mission in missions.values():
            loader.upsert(
                Distribution,
                {"factsheet": factsheet, "mission": mission, "event": event},
                {"day": days[1]},
            )

    # The draft activity report, its achievements and the anonymous testimonies.
    report = loader.upsert(ActivityReport, {"event": event}, data.REPORT)
    for order, text in enumerate(data.ACHIEVEMENTS, start=1):
        loader.upsert(Achievement, {"report": report, "order": order}, {"text": text})
    for order, text in enumerate(data.TESTIMONIES, start=1):
        loader.upsert(
            Testimony, {"report": report, "order": order}, {"text": text, "is_published": True}
        )
    return event


# When the desk opens on a demo day (UTC, as the history pages show times).
DESK_OPENS = datetime.time(8, 0)


def _set_recorded_at(loader, attendance, moment):
    """Give a demo check-in the time of its day (recorded_at is set on creation)."""
    if attendance.recorded_at != moment:
        Attendance.objects.filter(pk=attendance.pk).update(recorded_at=moment)
        attendance.recorded_at = moment
        loader.updated[Attendance._meta.label] += 1


def load_demo_factsheet_files(loader=None):
    """Give each demo factsheet without a file a small real PDF (its title, theme, authors
    and suggested recommendations), so that downloads can be tried; returns how many.

    Side effects: one FactsheetFile per such factsheet, its PDF in the default storage.
    Kept out of load_demo_event, which the tests load without a file storage of their own.
    """
    loader = loader or DemoLoader()
    teams = [data.CAMBODIA_TEAM["slug"], data.GENEVA_TEAM["slug"]]
    factsheets = (
        Factsheet.objects.filter(event__team__slug__in=teams, files__isnull=True)
        .select_related("theme", "event")
        .prefetch_related("organisations", "recommendations")
    )
    for factsheet in factsheets:
        pdf = _factsheet_pdf(factsheet)
        version = FactsheetFile(
            factsheet=factsheet,
            version=1,
            original_name=f"{slugify(factsheet.title)}.pdf",
            content_type="application/pdf",
            size=len(pdf),
            page_count=1,
        )
        version.file.save(version.original_name, ContentFile(pdf), save=False)
        version.save()
        loader.created[FactsheetFile._meta.label] += 1
    return loader.created[FactsheetFile._meta.label]


def _factsheet_pdf(factsheet):
    from weasyprint import HTML

    authors = ", ".join(organisation.short_name for organisation in factsheet.organisations.all())
    recommendations = format_html_join(
        "", "<li>{}</li>", ((item.text,) for item in factsheet.recommendations.all())
    )
    page = format_html(
        "<html><head><meta charset='utf-8'><style>"
        "@page {{ size: A4; margin: 20mm; }} body {{ font-family: sans-serif; font-size: 11pt; }}"
        "h1 {{ font-size: 18pt; color: #0b3f61; }} .meta {{ color: #5b6b78; }}"
        "</style></head><body><h1>{}</h1><p class='meta'>{} · {} · {}</p>"
        "<p>Demo factsheet: fictitious content for trying downloads.</p>"
        "<h2>Suggested recommendations</h2><ol>{}</ol></body></html>",
        factsheet.title,
        factsheet.event.title,
        factsheet.theme.name,
        authors,
        recommendations,
    )
    return HTML(string=page).write_pdf()


def _email(given, family):
    """A reserved example.org address for a fictitious person (the officials get none)."""
    local = ".".join(part for part in (given, family) if part).lower().replace(" ", "-")
    return f"{local}@example.org" if local.isascii() else ""


def _organisation(loader, team, name, acronym, kind, country, scope):
    """An organisation of `team`'s directory, or a shared one (`team` None)."""
    return loader.upsert(
        Organisation,
        {"team": team, "name": name},
        {"acronym": acronym, "kind": kind, "country": country, "scope": scope},
    )


@transaction.atomic
def load_geneva_event(loader=None):
    """Create or update the team "UPR Info Geneva" and its Geneva-series demo event: three
    days, a session per State under Review (twelve) with civil society and NHRI speakers, a
    moderator, the permanent missions present and the State under Review's delegation.
    Returns the event. Every organisation and person in it is fictitious."""
    loader = loader or DemoLoader()
    team = _team(loader, data.GENEVA_TEAM)
    themes = _themes_by_key(team)
    organisations = {
        key: _organisation(loader, team, *values)
        for key, values in data.GENEVA_ORGANISATIONS.items()
    }
    missions = {key: _mission(loader, *values)[1] for key, values in data.GENEVA_MISSIONS.items()}
    event = loader.upsert(
        Event,
        {"slug": data.GENEVA_EVENT["slug"]},
        {
            **{name: value for name, value in data.GENEVA_EVENT.items() if name != "slug"},
            "team": team,
            "format": EventFormat.GENEVA,
            "status": EventStatus.PUBLISHED,
        },
    )
    geneva_themes = (
        "gender-womens-rights",
        "fundamental-freedoms-civic-space",
        "access-to-justice",
    )
    loader.set_m2m(event, "themes", [themes[key] for key in geneva_themes])
    loader.set_m2m(event, "co_organisers", [organisations["upr-info-geneva"]])
    days = [
        loader.upsert(
            ProgrammeDay,
            {"event": event, "date": values["date"]},
            {"title": values["title"], "venue": values["venue"]},
        )
        for values in data.GENEVA_DAYS
    ]

    def person(given, family, gender, organisation_key, position):
        someone = loader.upsert(
            Person,
            {
                "team": team,
                "given_name": given,
                "family_name": family,
                "organisation": organisations[organisation_key],
            },
            {"gender": gender, "position": position, "email": _email(given, family)},
        )
        return someone

    def register(someone, role, day):
        registration = loader.upsert(
            Registration, {"event": event, "person": someone}, {"role": role}
        )
        loader.upsert(Attendance, {"registration": registration, "day": day})

    moderator = person(*data.GENEVA_MODERATOR)
    for day in days:
        register(moderator, RegistrationRole.MODERATOR, day)
    for order, session_values in enumerate(data.GENEVA_SESSIONS, start=1):
        day_index, start, end, state, speakers, present, delegation, floor = session_values
        day = days[day_index]
        session = loader.upsert(
            Session,
            {"day": day, "state_under_review": state},
            {
                "title": f"Pre-session on {countries.name(state)}",
                "start_time": _time(start),
                "end_time": _time(end),
                "order": order,
                "kind": SessionKind.PANEL,
                "sur_delegation_present": delegation,
                "sur_took_floor": floor,
            },
        )
        loader.set_m2m(
            session, "missions_present", [missions[f"pm-{key}"] for key in present.split()]
        )
        loader.upsert(
            SessionRole,
            {"session": session, "person": moderator, "role": SessionRoleKind.MODERATOR},
            {"position": _position(moderator, organisations), "order": 0},
        )
        for role_order, values in enumerate(speakers, start=1):
            speaker = person(*values)
            register(speaker, RegistrationRole.SPEAKER, day)
            loader.upsert(
                SessionRole,
                {"session": session, "person": speaker, "role": SessionRoleKind.SPEAKER},
                {"position": _position(speaker, organisations), "order": role_order},
            )
    return event


def _position(someone, organisations):
    names = {org.pk: org.short_name for org in organisations.values()}
    return f"{someone.position}, {names[someone.organisation_id]}"


@transaction.atomic
def load_demo_logins(loader=None):
    """Create the demo logins (one per role per team, plus a superuser); return
    [(username, password, team name or "")].

    A password is only set when the stored one differs, so a second run writes nothing.
    Only ever called with DEBUG on (see the load_demo command).
    """
    loader = loader or DemoLoader()
    User = get_user_model()
    teams = {
        "cambodia": Team.objects.get(slug=data.CAMBODIA_TEAM["slug"]),
        "geneva": Team.objects.get(slug=data.GENEVA_TEAM["slug"]),
    }
    directories = {"cambodia": data.ORGANISATIONS, "geneva": data.GENEVA_ORGANISATIONS}
    logins = []
    for username, (password, team_key, role, extras) in data.LOGINS.items():
        values = dict(extras)
        team = teams.get(team_key)
        if "organisation" in values:
            values["organisation"] = Organisation.objects.get(
                team=team, name=directories[team_key][values["organisation"]][0]
            )
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, **values)
            user.set_password(password)
            user.save()
            loader.created[User._meta.label] += 1
        else:
            changed = [name for name, value in values.items() if not _same(user, name, value)]
            if not user.check_password(password):
                user.set_password(password)
                changed.append("password")
            if changed:
                for name in changed:
                    if name != "password":
                        setattr(user, name, values[name])
                user.save()
                loader.updated[User._meta.label] += 1
        if role:
            loader.upsert(
                Membership, {"team": team, "user": user}, {"role": role, "is_active": True}
            )
        logins.append((username, password, team.name if team else ""))
    return logins


# The demo's people on each programme, in name order, take these public consent levels in
# turn, so the public site shows every way of appearing (and of not appearing).
DEMO_CONSENT_CYCLE = (
    PublicConsent.NAME,
    PublicConsent.ORGANISATION,
    PublicConsent.NAME,
    PublicConsent.NOT_LISTED_REPRESENTATIVE,
    PublicConsent.NOT_LISTED,
)


@transaction.atomic
def load_demo_consent(event, loader=None):
    """Varied public consent for the people on `event`'s programme (idempotent)."""
    loader = loader or DemoLoader()
    people = (
        Person.objects.filter(session_roles__session__day__event=event)
        .distinct()
        .order_by("family_name", "given_name", "pk")
    )
    for index, person in enumerate(people):
        loader.upsert(
            Person,
            {"pk": person.pk},
            {"public_consent": DEMO_CONSENT_CYCLE[index % len(DEMO_CONSENT_CYCLE)]},
        )
    return loader
