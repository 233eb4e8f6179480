"""Reads behind the report and the printouts. Figures come from `reports.stats`; this
module only shapes them for the documents and adds what the documents need besides."""

import hashlib
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from django.apps import apps
from django.contrib.staticfiles import finders
from django.db.models import Count, F, Max, Q, Sum
from django.template.loader import get_template
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, npgettext, pgettext

from accounts import charts
from accounts.languages import day_and_month
from accounts.multilingual import language_name, supported_language, text_in
from events.models import SessionRoleKind
from events.models import date_range as events_date_range
from events.selectors import programme_days
from factsheets.models import Factsheet
from participants.models import (
    CIVIL_SOCIETY_KINDS,
    Gender,
    Mission,
    Organisation,
    OrganisationKind,
    Registration,
)
from recommendations import stats as recommendation_stats
from recommendations.models import Review

from . import stats
from .models import ActivityReport
from .rendering import render_markdown

# Organisations other than missions whose presence the report names ("UNICEF, UNDP,
# UN Women, OHCHR and the Resident Coordinator's Office").
INSTITUTION_KINDS = (
    OrganisationKind.UN_AGENCY,
    OrganisationKind.INTERGOVERNMENTAL,
    OrganisationKind.NHRI,
    OrganisationKind.GOVERNMENT,
)

NARRATIVE_FIELDS = (
    "introduction",
    "overview",
    "achievements_intro",
    "lessons_learnt",
    "way_forward",
)

# Plural headings for the people of a session in the programme, in print order.
ROLE_HEADINGS = (
    (SessionRoleKind.OPENING_REMARKS, gettext_lazy("Opening remarks")),
    (SessionRoleKind.MODERATOR, gettext_lazy("Moderation")),
    (SessionRoleKind.PANELLIST, gettext_lazy("Panellists")),
    (SessionRoleKind.SPEAKER, gettext_lazy("Speakers")),
    (SessionRoleKind.PRESENTER, gettext_lazy("Presenters")),
)


def institutions_present(event):
    """Organisations of `INSTITUTION_KINDS` with someone checked in at the event, by name,
    leaving out those that are a recommending state's mission (1 query)."""
    return list(
        Organisation.objects.filter(
            kind__in=INSTITUTION_KINDS,
            mission__isnull=True,
            people__registrations__attendances__day__event=event,
        )
        .distinct()
        .order_by("name")
    )


def civil_society_present(event):
    """Civil-society organisations (`CIVIL_SOCIETY_KINDS`) with someone checked in at the
    event, grouped by kind in that order, by name within (1 query)."""
    organisations = (
        Organisation.objects.filter(
            kind__in=CIVIL_SOCIETY_KINDS,
            people__registrations__attendances__day__event=event,
        )
        .distinct()
        .order_by("name")
    )
    by_kind = {kind: [] for kind in CIVIL_SOCIETY_KINDS}
    for organisation in organisations:
        by_kind[organisation.kind].append(organisation)
    return [
        OrganisationGroup(name=OrganisationKind(kind).label, members=members)
        for kind, members in by_kind.items()
        if members
    ]


# A share of people in each gender category, one whole phrase each (a label in lower case
# inside a sentence would not be right in every language).
GENDER_SHARE_PHRASES = {
    Gender.WOMAN: gettext_lazy("%(percent)s%% women"),
    Gender.MAN: gettext_lazy("%(percent)s%% men"),
    Gender.ANOTHER: gettext_lazy("%(percent)s%% another identity"),
    Gender.UNDISCLOSED: gettext_lazy("%(percent)s%% prefer not to say"),
    Gender.NOT_RECORDED: gettext_lazy("%(percent)s%% not recorded"),
}


def gender_share_phrase(share):
    """ "54% women" for the women's share of a GenderSplit; "12%: <label>" for a category
    without a phrase of its own."""
    phrase = GENDER_SHARE_PHRASES.get(share.key)
    if phrase is None:
        return pgettext("share of people in a category", "%(category)s: %(percent)s%%") % {
            "category": share.label,
            "percent": share.percent,
        }
    return str(phrase) % {"percent": share.percent}


def gender_sentence(split):
    """ "54% women, 46% men" (plus any other category with people in it)."""
    if not split.total:
        return ""
    shares = [split.women, split.men] + [
        share for share in split.nonzero if share.key not in (Gender.WOMAN, Gender.MAN)
    ]
    return list_separator().join(gender_share_phrase(share) for share in shares)


def list_separator():
    """What separates the items of a list in a sentence (", " in English)."""
    return pgettext("separator between the items of a list", ", ")


def factsheets_sentence(factsheets, missions):
    """ "11 thematic factsheets disseminated to 12 diplomatic missions"."""
    factsheet_part = ngettext(
        "%(count)s thematic factsheet disseminated",
        "%(count)s thematic factsheets disseminated",
        factsheets,
    ) % {"count": factsheets}
    mission_part = ngettext(
        "to %(count)s diplomatic mission",
        "to %(count)s diplomatic missions",
        missions,
    ) % {"count": missions}
    return pgettext("factsheets disseminated to missions", "%(factsheets)s %(missions)s") % {
        "factsheets": factsheet_part,
        "missions": mission_part,
    }


@dataclass(frozen=True)
class OrganisationGroup:
    """A heading and the items under it (organisations of a kind, people of an organisation)."""

    name: str
    members: list


@dataclass(frozen=True)
class GenderLine:
    """One line of the gender balance: who (speakers, participants, of which day)."""

    label: str
    speakers: object
    participants: object
    speakers_sentence: str
    participants_sentence: str


def _day_label(day_figures):
    number = day_figures.day.number
    if day_figures.day.title:
        return _("Day %(number)s: %(title)s") % {"number": number, "title": day_figures.day.title}
    return _("Day %(number)s") % {"number": number}


def _gender_lines(figures):
    lines = [
        GenderLine(
            label=_day_label(day),
            speakers=day.speakers_gender,
            participants=day.participants_gender,
            speakers_sentence=gender_sentence(day.speakers_gender),
            participants_sentence=gender_sentence(day.participants_gender),
        )
        for day in figures.days
        if day.speakers_gender.total or day.participants_gender.total
    ]
    lines.append(
        GenderLine(
            label=_("Whole event"),
            speakers=figures.speakers_gender,
            participants=figures.participants_gender,
            speakers_sentence=gender_sentence(figures.speakers_gender),
            participants_sentence=gender_sentence(figures.participants_gender),
        )
    )
    return lines


def _gender_chart(figures, gender_lines):
    keys = [Gender.WOMAN, Gender.MAN]
    for split in (figures.speakers_gender, figures.participants_gender):
        keys += [share.key for share in split.nonzero if share.key not in keys]
    legend = [(key, stats.GENDER_LABELS[key]) for key in keys]
    rows = []
    for line in gender_lines:
        for who, split in ((_("speakers"), line.speakers), (_("participants"), line.participants)):
            if split.total:
                rows.append(
                    (
                        f"{line.label.split(':')[0]}, {who}",
                        [(key, split.percent(key), split.count(key)) for key in keys],
                    )
                )
    return charts.gender_chart(rows, legend)


def report_figures(event):
    """The computed part of the report: figures, sentences and charts (fixed query count)."""
    figures = stats.event_figures(event)
    gender_lines = _gender_lines(figures)
    kinds = sorted(figures.organisation_kinds.nonzero, key=lambda share: -share.count)
    attendance_rows = [
        (
            _("Day %(number)s") % {"number": day.day.number},
            # Django's localised month names, not strftime's (always English).
            day_and_month(day.day.date),
            day.attendance,
        )
        for day in figures.days
    ]
    return {
        "figures": figures,
        "gender_lines": gender_lines,
        "organisation_kinds": kinds,
        "institutions": institutions_present(event),
        "civil_society": civil_society_present(event),
        "factsheets_sentence": factsheets_sentence(
            figures.factsheets_disseminated, figures.missions_reached
        ),
        "charts": {
            "attendance": charts.attendance_chart(attendance_rows),
            "gender": _gender_chart(figures, gender_lines),
            "organisation_kinds": charts.horizontal_bar_chart(
                [(str(share.label), share.count) for share in kinds],
                title=_("Participants by kind of organisation"),
            ),
        },
    }


def activity_report(event):
    """The event's report with its achievements and published testimonies, or None."""
    return (
        ActivityReport.objects.filter(event=event)
        .select_related("updated_by")
        .prefetch_related("achievements", "testimonies")
        .first()
    )


# The event's dates as the report prints them: the same text as on every page.
date_range = events_date_range


def event_place(event):
    parts = [event.city, event.country_under_review.name if event.country_under_review else ""]
    return ", ".join(part for part in parts if part)


def report_for_editing(event):
    """The event's report, or an unsaved one for the first edit (nothing is written)."""
    try:
        return ActivityReport.objects.get(event=event)
    except ActivityReport.DoesNotExist:
        return ActivityReport(event=event)


@dataclass(frozen=True)
class CoverTile:
    """A key figure on the report's cover; `title` explains a rounded number."""

    number: object
    label: str
    title: str = ""


# The most key figures in one row of the cover (the A4 text block is 170 mm wide).
COVER_TILES_PER_ROW = 5


def cover_tiles(figures):
    """The key figures on the report's cover: per day and for the event in-country, the
    series figures in Geneva."""
    geneva = figures.geneva
    if geneva is not None:
        average = geneva.average_missions_per_session
        return [
            CoverTile(
                geneva.sessions,
                npgettext(
                    "report figure", "State under Review", "States under Review", geneva.sessions
                ),
            ),
            CoverTile(
                geneva.csos_took_floor,
                ngettext(
                    "civil society organisation took the floor",
                    "civil society organisations took the floor",
                    geneva.csos_took_floor,
                ),
            ),
            CoverTile(
                len(figures.missions),
                ngettext(
                    "diplomatic mission present",
                    "diplomatic missions present",
                    len(figures.missions),
                ),
            ),
            CoverTile(
                average.rounded,
                _("missions per session on average"),
                # The words of templates/reports/_average.html.
                title=ngettext(
                    "%(exact)s: %(total)s mission attendances in %(sessions)s session",
                    "%(exact)s: %(total)s mission attendances in %(sessions)s sessions",
                    average.count,
                )
                % {
                    "exact": number_format(average.exact),
                    "total": number_format(average.total),
                    "sessions": number_format(average.count),
                },
            ),
            CoverTile(
                f"{geneva.took_floor.part}/{geneva.took_floor.whole}",
                _("States under Review took the floor"),
            ),
        ]
    tiles = [
        CoverTile(
            day.attendance,
            ngettext("person on day %(number)s", "people on day %(number)s", day.attendance)
            % {"number": day.day.number},
        )
        for day in figures.days
    ]
    missions = len(figures.missions)
    tiles += [
        CoverTile(
            missions,
            ngettext("diplomatic mission present", "diplomatic missions present", missions),
        ),
        CoverTile(
            figures.factsheets_disseminated,
            ngettext(
                "factsheet disseminated",
                "factsheets disseminated",
                figures.factsheets_disseminated,
            ),
        ),
        CoverTile(
            len(figures.themes),
            npgettext("report figure", "theme", "themes", len(figures.themes)),
        ),
    ]
    return tiles


def cover_columns(tiles):
    """Columns of the cover's grid of key figures: one row up to `COVER_TILES_PER_ROW`,
    otherwise rows as even as possible (7 tiles: 4 + 3, 10: 5 + 5)."""
    if not tiles:
        return 1
    rows = math.ceil(len(tiles) / COVER_TILES_PER_ROW)
    return math.ceil(len(tiles) / rows)


def _section_numbers(sections):
    """{key: "1." or "2.1"} for the sections shown, numbered in order.

    `sections` is a sequence of (key, shown, subsections), subsections as (key, shown).
    """
    numbers = {}
    number = 0
    for key, shown, subsections in sections:
        if not shown:
            continue
        number += 1
        numbers[key] = f"{number}."
        sub_number = 0
        for sub_key, sub_shown in subsections:
            if sub_shown:
                sub_number += 1
                numbers[sub_key] = f"{number}.{sub_number}"
    return numbers


def report_sections(event, narrative, achievements, testimonies, *, preview, at_review=()):
    """Which sections of the report are shown, and their numbers.

    A narrative section with no text is left out of the PDF; the preview keeps it, with a
    hint to write it. The sections of figures are always there. A Geneva series has its
    own layout: its sessions and its series figures instead of the in-country sections.
    "At the review" comes once a linked review's recommendations are in (`at_review`).
    """
    shown = {
        key: preview or bool(narrative[key])
        for key in ("introduction", "lessons_learnt", "way_forward", "contact")
    }
    shown["testimonies"] = preview or bool(testimonies)
    shown["achievements"] = preview or bool(narrative["achievements_intro"] or achievements)
    shown["at_the_review"] = bool(at_review)
    if event.is_geneva:
        sections = [
            ("introduction", shown["introduction"], ()),
            ("sessions", True, ()),
            ("series", True, ()),
            ("achievements", shown["achievements"], ()),
            ("lessons_learnt", shown["lessons_learnt"], ()),
            ("at_the_review", shown["at_the_review"], ()),
            ("way_forward", shown["way_forward"], ()),
            ("testimonies", shown["testimonies"], ()),
        ]
    else:
        shown["achievements"] = True  # the results in figures are under it
        sections = [
            ("introduction", shown["introduction"], ()),
            (
                "activity",
                True,
                (
                    ("overview", True),
                    ("achievements", True),
                    ("lessons_learnt", shown["lessons_learnt"]),
                ),
            ),
            ("at_the_review", shown["at_the_review"], ()),
            ("way_forward", shown["way_forward"], ()),
            ("testimonies", shown["testimonies"], ()),
        ]
    return shown, _section_numbers(sections)


@dataclass(frozen=True)
class ReviewOutcome:
    """A review linked to the event, with its uptake figures (recommendations.stats)."""

    review: Review
    figures: recommendation_stats.UptakeFigures


def at_the_review(event):
    """The reviews the event was held before whose recommendations are in, each with its
    uptake figures: 1 query, then `recommendation_stats.uptake_figures`'s per review (one
    review for an in-country event, one per session at most for a Geneva series)."""
    reviews = (
        Review.objects.filter(event_links__event=event, recommendations__isnull=False)
        .distinct()
        .order_by("review_date", "state_under_review", "pk")
    )
    return [
        ReviewOutcome(review, recommendation_stats.uptake_figures(review)) for review in reviews
    ]


def geneva_organisation_groups(geneva):
    """The organisations that took the floor in a Geneva series, grouped by kind (civil
    society first, in `CIVIL_SOCIETY_KINDS` order, then the others), by name within."""
    by_kind = {}
    for row in geneva.sessions_table:
        for organisation in row.organisations:
            by_kind.setdefault(organisation.kind, {})[organisation.pk] = organisation
    order = [
        *CIVIL_SOCIETY_KINDS,
        *(kind for kind in OrganisationKind.values if kind not in CIVIL_SOCIETY_KINDS),
    ]
    return [
        OrganisationGroup(
            name=OrganisationKind(kind).label,
            members=sorted((org.name for org in by_kind[kind].values()), key=str.casefold),
        )
        for kind in order
        if kind in by_kind
    ]


def localized_markdown(obj, field, *, original_language=None, line_breaks=False):
    """`obj`'s Markdown `field` as sanitised HTML in the active language. A text without a
    translation into it is printed in its original language, marked with that language (so
    it is shaped and hyphenated as such) and preceded by a note saying so."""
    text = text_in(obj, field, original_language=original_language)
    html = render_markdown(text.text, line_breaks=line_breaks)
    if not text.fallback:
        return html
    note = _("Not available in %(language)s: printed in its original language, %(original)s.") % {
        "language": language_name(supported_language()),
        "original": language_name(text.language),
    }
    return format_html(
        '<div class="untranslated" lang="{}">'
        '<p class="untranslated__note" lang="{}">{}</p>{}</div>',
        text.language,
        supported_language(),
        note,
        html,
    )


def suggested_recommendations(event):
    """The event's approved factsheets, in the themes' order, each with the recommendations
    its authors suggested (in their order): 2 queries whatever their number."""
    return list(
        Factsheet.objects.for_event(event)
        .approved()
        .filter(recommendations__isnull=False)
        .distinct()
        .select_related("theme")
        .prefetch_related("recommendations")
        .in_theme_order()
    )


def report_document_context(event, *, preview=False):
    """Everything the report template needs: narrative already converted and sanitised,
    figures computed, the sections to show and their numbers. The same context feeds the
    HTML preview and the PDF; `preview` keeps empty narrative sections, with a hint."""
    report = activity_report(event)
    narrative, achievements, testimonies = dict.fromkeys(NARRATIVE_FIELDS, ""), [], []
    narrative["contact"] = ""
    if report:
        for field in NARRATIVE_FIELDS:
            narrative[field] = localized_markdown(report, field)
        narrative["contact"] = localized_markdown(report, "contact", line_breaks=True)
        achievements = [
            localized_markdown(item, "text", original_language=report.language)
            for item in report.achievements.all()
        ]
        testimonies = [
            localized_markdown(item, "text", original_language=report.language)
            for item in report.testimonies.all()
            if item.is_published
        ]
    figures = report_figures(event)
    at_review = at_the_review(event)
    shown, numbers = report_sections(
        event, narrative, achievements, testimonies, preview=preview, at_review=at_review
    )
    tiles = cover_tiles(figures["figures"])
    geneva = figures["figures"].geneva
    return {
        "event": event,
        "report": report,
        "shown": shown,
        "numbers": numbers,
        "cover_tiles": tiles,
        "cover_columns": cover_columns(tiles),
        "geneva_organisations": geneva_organisation_groups(geneva) if geneva else [],
        "dates": date_range(event.start_date, event.end_date),
        "place": event_place(event),
        "empty_text": format_html('<p class="empty">{}</p>', _("No text yet.")),
        "co_organisers": list(event.co_organisers.all()),
        "narrative": narrative,
        "achievements": achievements,
        "testimonies": testimonies,
        "at_review": at_review,
        "suggestions": suggested_recommendations(event),
        "uptake_method": recommendation_stats.METHOD,
        **figures,
    }


# --- Printouts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionPeople:
    heading: str
    roles: list


def _people_by_role(session):
    roles = list(session.roles.all())
    groups = []
    for kind, heading in ROLE_HEADINGS:
        holders = [role for role in roles if role.role == kind]
        if holders:
            groups.append(SessionPeople(heading=heading, roles=holders))
    return groups


def programme(event):
    """The event's days (`events.selectors.programme_days`), each with its sessions in time
    order and the people of each session grouped by role (a fixed number of queries)."""
    days = programme_days(event)
    for day in days:
        day.programme_sessions = [
            (session, _people_by_role(session)) for session in day.sessions.all()
        ]
    return days


# The order of people on every printout (sign-in sheets, badges, the printouts page):
# by organisation name, those without one last, then by name.
PRINTOUT_ORDER = (
    F("person__organisation__name").asc(nulls_last=True),
    "person__family_name",
    "person__given_name",
    "pk",
)


def sign_in_groups(event):
    """The event's registrations grouped by organisation name, people by name within; those
    without an organisation come last (1 query)."""
    registrations = (
        Registration.objects.for_event(event)
        .select_related("person__organisation")
        .order_by(*PRINTOUT_ORDER)
    )
    groups = []
    for organisation, members in groupby(registrations, key=lambda r: r.person.organisation):
        name = str(organisation) if organisation else _("Without an organisation")
        groups.append(OrganisationGroup(name=name, members=list(members)))
    return groups


def mission_sign_in_missions():
    """The missions a session's sign-in sheet lists: the roster's, by name (1 query)."""
    return list(Mission.objects.with_organisation().order_by("organisation__name", "pk"))


def badge_registrations(event, registrations=None):
    """Registrations to print badges for: the given ones, or all of the event, in the order
    of the sign-in sheets (1 query)."""
    queryset = Registration.objects.for_event(event).select_related("person__organisation")
    if registrations:
        queryset = queryset.filter(pk__in=[registration.pk for registration in registrations])
    return list(queryset.order_by(*PRINTOUT_ORDER))


def chunked(items, size):
    return [items[index : index + size] for index in range(0, len(items), size)]


# --- The report's fingerprint (the key of its cached PDF) -----------------------------

LAYOUT_TEMPLATES = (
    "reports/activityreport_document.html",
    "reports/_report_in_country.html",
    "reports/_report_geneva.html",
    "reports/_report_closing.html",
    "reports/_average.html",
    "reports/_report_figures.html",
    "reports/_report_results.html",
    "reports/_report_at_review.html",
    "reports/_report_suggestions.html",
)


def report_inputs():
    """The declarations of what the report reads (`report_inputs` on each app's
    AppConfig), in the order of INSTALLED_APPS: a new app adds itself there."""
    return [
        declaration
        for config in apps.get_app_configs()
        for declaration in getattr(config, "report_inputs", ())
    ]


def _scoped_rows(declaration, event):
    """The rows of a declared model that belong to `event`, or to its team."""
    model = apps.get_model(declaration["model"])
    if "event" in declaration:
        return model._default_manager.filter(**{declaration["event"]: event.pk})
    team = Q(**{declaration["team"]: event.team_id})
    if declaration.get("shared"):
        team |= Q(**{f"{declaration['team']}__isnull": True})
    return model._default_manager.filter(team)


def _rows(queryset):
    """Every stored value of every row, in primary-key order."""
    model = queryset.model
    fields = [field.attname for field in model._meta.concrete_fields]
    return list(queryset.order_by("pk").values_list(*fields))


def _summary(queryset):
    """Counts and sums of keys (any row added or removed, any link changed) and the last
    change (`auto_now` fields): constant in size whatever the number of rows."""
    aggregates = {"count": Count("pk"), "ids": Sum("pk")}
    for field in queryset.model._meta.concrete_fields:
        if field.is_relation:
            aggregates[f"sum_{field.attname}"] = Sum(field.attname)
        elif getattr(field, "auto_now", False):
            aggregates[f"last_{field.attname}"] = Max(field.attname)
    return sorted(queryset.order_by().aggregate(**aggregates).items())


@lru_cache(maxsize=1)
def _layout_signature():
    """A digest of the report's templates and stylesheet, read once per process, so a
    shared cache never serves a PDF laid out by a previous release."""
    digest = hashlib.sha256()
    for name in LAYOUT_TEMPLATES:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    stylesheet = finders.find("css/report.css")
    if stylesheet:
        digest.update(Path(stylesheet).read_bytes())
    return digest.hexdigest()


def report_fingerprint(event):
    """A digest of everything the report shows, cheap enough to compute on every download.

    What it reads is declared by each app (`report_inputs`, see events/apps.py), always
    limited to the event and its team's data (and the shared reference data: missions and
    their organisations), so another team's edits never touch it. The small tables are
    read whole, so any edit changes the digest, whether it went through `save()` or not.
    The large ones (registrations, attendance, people, organisations) are summarised:
    counts and sums of keys catch every row added or removed, `updated_at` every edit.
    One plain query per declaration: constant in the number of participants.
    """
    parts = []
    for declaration in report_inputs():
        rows = _scoped_rows(declaration, event)
        parts.append(
            (declaration["model"], _summary(rows) if declaration.get("summary") else _rows(rows))
        )
    parts += [translation.get_language(), _layout_signature()]
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()
