"""The demo's call for speakers: the Cambodia 2018 event's call, with four applications from
demo CSOs. Two were accepted (their speakers are the ones on the demo programme); two wait
for a decision, so the selection page has something to tick. All fictitious, like the
demo's people.

Idempotent like the rest of the demo: rows are found by natural keys (the call by its
event, an application by its call and organisation, a speaker by application and name) and
go through the loader's upserts. The demo organiser's scores need the demo logins, so they
are loaded with them (`load_demo_call_scores`, with DEBUG on).
"""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from cfp.models import Application, ApplicationStatus, Call, ProposedSpeaker, Score
from events.models import Event
from participants.models import Organisation

from . import data
from .loader import DemoLoader, _themes_by_key

PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")


def _at(day, hour=9, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PHNOM_PENH)


CALL = {
    "opens_at": _at(datetime.date(2018, 9, 3)),
    "deadline": _at(datetime.date(2018, 10, 12), 17),
    "intro": (
        "The pre-session gives civil society the floor before Cambodia's third review. "
        "Apply as an organisation or a coalition: the organisers select speakers so that "
        "every theme is covered and women and men speak in equal numbers."
    ),
    "questions": ["Which first-hand evidence will your speakers present?"],
    # The event is over: the call no longer takes applications.
    "is_open": False,
}

W, M = data.W, data.M
# Applications: organisation key -> (theme keys, coalition partners, speakers as (given
# name, family name, gender, position), recommendations, answer, minutes, language,
# submitted on, accepted on or None). The speakers are the demo programme's people.
APPLICATIONS = {
    "swn": (
        ("gender-womens-rights",),
        ("Lotus Children's Rights Coalition",),
        (("Sophea", "Chea", W, "Executive Director"), ("Bopha", "Keo", W, "Programme Coordinator")),
        (
            "Adopt a comprehensive law on violence against women, including marital rape",
            "Fund shelters for survivors of gender-based violence in every province",
        ),
        "Testimonies of 40 survivors collected by our provincial network in 2017 and 2018.",
        10,
        "km",
        datetime.date(2018, 9, 20),
        datetime.date(2018, 10, 19),
    ),
    "tlfw": (
        ("land-natural-resources",),
        ("សមាគមសិទ្ធិមនុស្សភូមិថ្មី",),
        (
            ("Piseth", "Sam", M, "Land Rights Researcher"),
            ("ចាន់ សុភា", "", W, "Community Organiser"),
        ),
        ("Halt evictions until a resettlement policy consistent with human rights is adopted",),
        "Maps of 12 land conflicts in Kampong Speu and Ratanakiri, with the families' accounts.",
        10,
        "en",
        datetime.date(2018, 10, 1),
        datetime.date(2018, 10, 19),
    ),
    "cswc": (
        ("fundamental-freedoms-civic-space", "elections"),
        (),
        (("Thida", "Ly", W, "Monitoring Officer"), ("Vannak", "Mao", M, "Director")),
        (
            "Amend the Law on Associations and Non-Governmental Organisations to remove "
            "mandatory registration",
        ),
        "Our monitoring of 210 restrictions of public gatherings since the second review.",
        8,
        "en",
        datetime.date(2018, 10, 8),
        None,
    ),
    "gwsc": (
        ("labour-rights",),
        (),
        (("Visal", "Heng", M, "Legal Officer"),),
        ("Ratify ILO Convention 189 on domestic workers",),
        "Case files of garment workers dismissed after joining an independent union.",
        5,
        "km",
        datetime.date(2018, 10, 11),
        None,
    ),
}
# The demo organiser's scores (login "organiser"): organisation key -> (score, comment).
SCORES = {
    "swn": (5, "Survivors' evidence no one else brings; two women speakers."),
    "tlfw": (4, "Strong on land; the Khmer-speaking organiser should have interpretation."),
    "cswc": (4, "Covers civic space and elections."),
    "gwsc": (3, "Labour rights are not covered otherwise."),
}


def _demo_call():
    return Call.objects.filter(event__slug=data.EVENT["slug"]).first()


@transaction.atomic
def load_demo_call(loader=None):
    """Create or update the demo event's call for speakers and its applications; return the
    call."""
    loader = loader or DemoLoader()
    event = Event.objects.select_related("team").get(slug=data.EVENT["slug"])
    team = event.team
    themes = _themes_by_key(team)
    call = loader.upsert(Call, {"event": event}, CALL)
    for key, values in APPLICATIONS.items():
        (theme_keys, partners, speakers, texts, answer, minutes, language, submitted, accepted) = (
            values
        )
        name, _acronym, _kind, _country, scope = data.ORGANISATIONS[key]
        organisation = Organisation.objects.get(team=team, name=name)
        application = loader.upsert(
            Application,
            {"call": call, "organisation_name": name},
            {
                "organisation": organisation,
                "organisation_scope": scope,
                "coalition_partners": "\n".join(partners),
                "recommendations": list(texts),
                "answers": [{"question": CALL["questions"][0], "answer": answer}],
                "speaking_minutes": minutes,
                "language": language,
                "contact_email": f"{organisation.short_name.lower()}@example.org",
                "status": ApplicationStatus.ACCEPTED if accepted else ApplicationStatus.SUBMITTED,
                "decided_at": _at(accepted, 15) if accepted else None,
            },
        )
        # `submitted_at` is set on creation: brought to the demo's date without a save.
        if application.submitted_at != _at(submitted, 11):
            Application.objects.filter(pk=application.pk).update(submitted_at=_at(submitted, 11))
            loader.updated[Application._meta.label] += 1
        loader.set_m2m(application, "themes", [themes[theme] for theme in theme_keys])
        for order, (given, family, gender, position) in enumerate(speakers):
            loader.upsert(
                ProposedSpeaker,
                {"application": application, "given_name": given, "family_name": family},
                {"gender": gender, "position": position, "order": order},
            )
    return call


@transaction.atomic
def load_demo_call_scores(loader=None):
    """The demo organiser's score of each application of the demo call (after the logins)."""
    loader = loader or DemoLoader()
    call = _demo_call()
    reviewer = get_user_model().objects.filter(username="organiser").first()
    if call is None or reviewer is None:
        return loader
    for key, (value, comment) in SCORES.items():
        application = call.applications.get(organisation_name=data.ORGANISATIONS[key][0])
        loader.upsert(
            Score,
            {"application": application, "reviewer": reviewer},
            {"score": value, "comment": comment},
        )
    return loader
