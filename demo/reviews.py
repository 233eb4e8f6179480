"""The demo's reviews: Cambodia's first cycle from real data, its third cycle fictitious.

- First cycle (2009): the real recommendations, imported from UPR Info's export
  (files/README.md) with the same import as an upload, so they carry UPR Info's responses,
  action categories and issues, and the team's themes that follow from them: the advocacy
  targeting pages then show which States made recommendations on each demo theme.
- Third cycle (30 January 2019): the review the demo event prepared, linked to it. Its real
  recommendations are not in the project's files; the demo gives it a few fictitious ones,
  each labelled "Fictitious, for the demo", so that the uptake and implementation pages
  have something to show: uptake links from the demo factsheets' suggestions and the
  mid-term assessments of demo organisations, fictitious too.

Idempotent like the rest of the demo: the import updates, never duplicates, and the rest
goes through the loader's upserts.
"""

import datetime
from pathlib import Path

from django.db import transaction

from events.models import Event
from factsheets.models import SuggestedRecommendation
from participants.models import Organisation
from recommendations.models import (
    Closeness,
    ImplementationAssessment,
    ImplementationLevel,
    Recommendation,
    RecommendingState,
    Response,
    Review,
    SourceFormat,
    UptakeLink,
)
from recommendations.parsing import parse_file
from recommendations.services import import_recommendations, link_review_to_event

from . import data
from .loader import _themes_by_key

FILES = Path(__file__).resolve().parent / "files"
FIRST_CYCLE_FILE = FILES / "upr-info-export-cambodia-session-6.csv"
FICTITIOUS = "Fictitious, for the demo"

# Cambodia's reviews as the UN documents them.
FIRST_CYCLE = {
    "wg_session": 6,
    "review_date": datetime.date(2009, 12, 1),
    "wg_report_symbol": "A/HRC/13/4",
}
THIRD_CYCLE = {
    "wg_session": 32,
    "review_date": datetime.date(2019, 1, 30),
    "wg_report_symbol": "A/HRC/41/16",
}

# Unofficial Khmer translations beside some of them, as a coalition would add for its members.
KHMER_TRANSLATIONS = {
    "110.1": ("អនុម័តផែនការសកម្មភាពជាតិដើម្បីទប់ស្កាត់អំពើហិង្សាលើស្ត្រី និងផ្តល់ថវិកាឱ្យបានគ្រប់គ្រាន់សម្រាប់ផែនការនេះ"),
    "110.2": "ផ្តល់សច្ចាប័នលើពិធីសារបន្ថែមនៃអនុសញ្ញាស្តីពីសិទ្ធិជនមានពិការភាព",
    "110.5": ("បន្តកិច្ចខិតខំប្រឹងប្រែងដើម្បីលើកកម្ពស់គុណភាពសេវាសុខាភិបាល ជាពិសេសនៅតំបន់ជនបទ"),
}
# Fictitious third-cycle recommendations: (paragraph, text, recommending States, response,
# action category, theme key, the demo suggestion it reflects as (theme key, order,
# closeness) or None). Most come from States whose missions were at the demo event.
A, N = Response.SUPPORTED, Response.NOTED
THIRD_CYCLE_RECOMMENDATIONS = (
    (
        "110.1",
        "Adopt a national action plan to prevent violence against women and allocate "
        "an adequate budget to it",
        ("SE",),
        A,
        5,
        "gender-womens-rights",
        ("gender-womens-rights", 1, Closeness.FULL),
    ),
    (
        "110.2",
        "Ratify the Optional Protocol to the Convention on the Rights of Persons with Disabilities",
        ("AT", "CZ"),
        A,
        5,
        "persons-with-disabilities",
        ("persons-with-disabilities", 1, Closeness.FULL),
    ),
    (
        "110.3",
        "Amend the Law on Trade Unions to bring it into line with the ILO conventions "
        "Cambodia has ratified",
        ("DE",),
        N,
        5,
        "labour-rights",
        ("labour-rights", 1, Closeness.FULL),
    ),
    (
        "110.4",
        "Review the Law on Associations and Non-Governmental Organizations to guarantee "
        "freedom of association",
        ("US", "FR"),
        N,
        3,
        "fundamental-freedoms-civic-space",
        ("fundamental-freedoms-civic-space", 1, Closeness.PARTIAL),
    ),
    (
        "110.5",
        "Continue efforts to improve the quality of health services, in particular in rural areas",
        ("JP",),
        A,
        2,
        "public-health",
        ("public-health", 2, Closeness.PARTIAL),
    ),
    (
        "110.6",
        "Strengthen the independence of the judiciary and access to legal aid",
        ("NO",),
        A,
        4,
        "access-to-justice",
        None,
    ),
)
# Fictitious mid-term assessments: (paragraph, organisation key, level, evidence).
ASSESSED_ON = datetime.date(2021, 6, 30)
ASSESSMENTS = (
    ("110.1", "swn", ImplementationLevel.PARTIALLY_IMPLEMENTED, "A draft plan was published."),
    ("110.3", "gwsc", ImplementationLevel.NOT_IMPLEMENTED, "The law is unchanged."),
    ("110.5", "chaf", ImplementationLevel.PARTIALLY_IMPLEMENTED, "Two provinces only."),
)
CONFIRMED_AT = datetime.datetime(2019, 2, 15, 9, 0, tzinfo=datetime.UTC)


@transaction.atomic
def load_demo_reviews(loader):
    """Cambodia's first-cycle review (real, imported) and third-cycle review (fictitious
    recommendations, uptake links and assessments) for the demo team; returns both.

    Side effects: the two reviews, their recommendations, recommending States and themes,
    the link of the third-cycle review to the demo event, uptake links and assessments.
    """
    event = Event.objects.select_related("team").get(slug=data.EVENT["slug"])
    team = event.team
    first = _first_cycle(loader, team)
    third = loader.upsert(
        Review, {"team": team, "state_under_review": "KH", "cycle": 3}, THIRD_CYCLE
    )
    if not third.event_links.filter(event=event).exists():
        link_review_to_event(third, event, by=None)
        loader.created["recommendations.ReviewEvent"] += 1
    theme_of = _themes_by_key(team)
    organisations = {
        key: Organisation.objects.get(team=team, name=values[0])
        for key, values in data.ORGANISATIONS.items()
        if key in {organisation for _p, organisation, _l, _e in ASSESSMENTS}
    }
    made = {}
    for paragraph, text, states, response, category, theme, _ in THIRD_CYCLE_RECOMMENDATIONS:
        made[paragraph] = recommendation = loader.upsert(
            Recommendation,
            {"review": third, "source_key": f"demo {paragraph}"},
            {
                "text": f"{text} ({FICTITIOUS})",
                "paragraph": paragraph,
                "response": response,
                "action_category": category,
                "source_format": SourceFormat.MANUAL,
                "source_file": FICTITIOUS,
                "unofficial_translation": KHMER_TRANSLATIONS.get(paragraph, ""),
                "translation_language": "km" if paragraph in KHMER_TRANSLATIONS else "",
            },
        )
        for order, code in enumerate(states):
            loader.upsert(
                RecommendingState,
                {"recommendation": recommendation, "order": order},
                {"country": code},
            )
        loader.set_m2m(recommendation, "themes", [theme_of[theme]])
    for paragraph, *_rest, reflects in THIRD_CYCLE_RECOMMENDATIONS:
        if reflects is None:
            continue
        theme, order, closeness = reflects
        suggested = SuggestedRecommendation.objects.get(
            factsheet__event=event, factsheet__theme=theme_of[theme], order=order
        )
        loader.upsert(
            UptakeLink,
            {"suggested": suggested, "recommendation": made[paragraph]},
            {"closeness": closeness, "note": FICTITIOUS, "confirmed_at": CONFIRMED_AT},
        )
    for paragraph, organisation, level, evidence in ASSESSMENTS:
        loader.upsert(
            ImplementationAssessment,
            {
                "recommendation": made[paragraph],
                "organisation": organisations[organisation],
                "assessed_on": ASSESSED_ON,
            },
            {"level": level, "evidence": f"{evidence} ({FICTITIOUS})", "source": FICTITIOUS},
        )
    return first, third


def _first_cycle(loader, team):
    """The real first-cycle recommendations, imported as an upload would import them."""
    parsed = parse_file(FIRST_CYCLE_FILE.read_bytes())
    summary = import_recommendations(
        None,
        parsed,
        team=team,
        by=None,
        state_under_review="KH",
        cycle=1,
        source_file=FIRST_CYCLE_FILE.name,
    )
    label = Recommendation._meta.label
    loader.created[label] += summary.created
    loader.updated[label] += summary.updated
    return loader.upsert(
        Review, {"team": team, "state_under_review": "KH", "cycle": 1}, FIRST_CYCLE
    )
