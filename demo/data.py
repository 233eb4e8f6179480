"""The data of the demo event: the 2018 Cambodia in-country pre-session.

Source: the activity report in the project brief (14-16 November 2018, Phnom Penh, organised
by CCHR, OHCHR in Cambodia and UPR Info). The programme, the public officials with their
positions at the time, the 13 themes, the narrative sections and the three anonymous
testimonies come from that report. Session times are not in the report: they are plausible
placeholders.

EVERY OTHER PERSON AND ORGANISATION HERE IS FICTITIOUS: the CSO speakers, participants,
diplomats other than the named officials, UN staff and youth delegates, and the national
CSOs and youth groups they belong to (their e-mail addresses use the reserved example.org
domain). Which two themes had no factsheet is not in the report either.

The crowd is shaped so that the computed figures (reports.stats) equal the report's:
60 / 70 / 45 people on the three days; on day 2 (the Pre-session) 24 speakers, 13 women
and 11 men (54% / 46%), and 70 participants, 36 women and 34 men (51% / 49%); 12 missions
present on day 2 (11 embassies and the EU delegation); 11 approved factsheets handed to
those 12 missions.
"""

import datetime

from factsheets.models import FactsheetLanguage, FactsheetStatus
from participants.models import (
    AgeBand,
    Gender,
    MissionType,
    OrganisationKind,
    RegistrationRole,
    Scope,
)

W, M = Gender.WOMAN, Gender.MAN

EVENT = {
    "slug": "cambodia-2018",
    "title": "UPR In-country Pre-session: Cambodia",
    "description": (
        "Three days in Phnom Penh at which Cambodian civil society organisations prepare and "
        "present their recommendations to the embassies of recommending States, ahead of "
        "Cambodia's third Universal Periodic Review."
    ),
    # The title and the public description in the app's other languages (the report's
    # narrative below is translated into French only: in Khmer it falls back to English).
    "translations": {
        "fr": {
            "title": "Pré-session nationale de l'EPU : Cambodge",
            "description": (
                "Trois journées à Phnom Penh au cours desquelles les organisations de la "
                "société civile cambodgienne préparent et présentent leurs recommandations aux "
                "ambassades des États recommandants, avant le troisième Examen périodique "
                "universel du Cambodge."
            ),
        },
        "km": {
            "title": "កិច្ចប្រជុំមុនសម័យ UPR នៅក្នុងប្រទេស៖ កម្ពុជា",
            "description": (
                "រយៈពេលបីថ្ងៃនៅរាជធានីភ្នំពេញ ដែលអង្គការសង្គមស៊ីវិលកម្ពុជារៀបចំ "
                "និងបង្ហាញអនុសាសន៍របស់ខ្លួនទៅកាន់ស្ថានទូតនៃរដ្ឋផ្តល់អនុសាសន៍ "
                "មុនការត្រួតពិនិត្យតាមកាលកំណត់ជាសកលលើកទីបីរបស់កម្ពុជា។"
            ),
        },
    },
    "country_under_review": "KH",
    "upr_cycle": 3,
    "review_date": datetime.date(2019, 1, 30),
    "city": "Phnom Penh",
    "start_date": datetime.date(2018, 11, 14),
    "end_date": datetime.date(2018, 11, 16),
}
CO_ORGANISERS = ("cchr", "ohchr", "upr-info")

# key: (name, acronym, kind, country, scope)
NATIONAL, INTERNATIONAL = Scope.NATIONAL, Scope.INTERNATIONAL
K = OrganisationKind
ORGANISATIONS = {
    "cchr": ("Cambodian Center for Human Rights", "CCHR", K.NATIONAL_CSO, "KH", NATIONAL),
    "ohchr": (
        "Office of the United Nations High Commissioner for Human Rights in Cambodia",
        "OHCHR",
        K.UN_AGENCY,
        "",
        INTERNATIONAL,
    ),
    "upr-info": ("UPR Info", "", K.INTERNATIONAL_NGO, "CH", INTERNATIONAL),
    "rfsu": (
        "The Swedish Association for Sexuality Education",
        "RFSU",
        K.INTERNATIONAL_NGO,
        "SE",
        INTERNATIONAL,
    ),
    "eu": (
        "Delegation of the European Union to Cambodia",
        "EU Delegation",
        K.INTERGOVERNMENTAL,
        "EU",
        INTERNATIONAL,
    ),
    "unicef": ("United Nations Children's Fund", "UNICEF", K.UN_AGENCY, "", INTERNATIONAL),
    "undp": ("United Nations Development Programme", "UNDP", K.UN_AGENCY, "", INTERNATIONAL),
    "un-women": (
        "United Nations Entity for Gender Equality and the Empowerment of Women",
        "UN Women",
        K.UN_AGENCY,
        "",
        INTERNATIONAL,
    ),
    "rco": (
        "United Nations Resident Coordinator's Office in Cambodia",
        "RCO",
        K.UN_AGENCY,
        "",
        INTERNATIONAL,
    ),
    # Fictitious national CSOs, one per thematic working group.
    "swn": ("Sunflower Women's Network", "SWN", K.NATIONAL_CSO, "KH", NATIONAL),
    "lcrc": ("Lotus Children's Rights Coalition", "LCRC", K.NATIONAL_CSO, "KH", NATIONAL),
    "osdc": ("Open Sky Diversity Collective", "OSDC", K.NATIONAL_CSO, "KH", NATIONAL),
    "chaf": ("Community Health Action Forum", "CHAF", K.NATIONAL_CSO, "KH", NATIONAL),
    "eada": ("Equal Access Disability Alliance", "EADA", K.NATIONAL_CSO, "KH", NATIONAL),
    "tlfw": ("Tonle Land and Forest Watch", "TLFW", K.NATIONAL_CSO, "KH", NATIONAL),
    "hrpc": ("Harm Reduction Partners Cambodia", "HRPC", K.NATIONAL_CSO, "KH", NATIONAL),
    "fvoc": ("Fair Vote Observers' Collective", "FVOC", K.NATIONAL_CSO, "KH", NATIONAL),
    "mdhc": ("Mekong Delta Heritage Circle", "MDHC", K.NATIONAL_CSO, "KH", NATIONAL),
    "gwsc": ("Garment Workers' Solidarity Circle", "GWSC", K.NATIONAL_CSO, "KH", NATIONAL),
    "jalac": ("Justice for All Legal Aid Collective", "JALAC", K.NATIONAL_CSO, "KH", NATIONAL),
    "cswc": ("Civic Space Watch Cambodia", "CSWC", K.NATIONAL_CSO, "KH", NATIONAL),
    "rlsc": ("Rule of Law Study Circle", "RLSC", K.NATIONAL_CSO, "KH", NATIONAL),
    # "New Village Human Rights Association", fictitious, registered under its Khmer name.
    "phum-thmey": ("សមាគមសិទ្ធិមនុស្សភូមិថ្មី", "", K.NATIONAL_CSO, "KH", NATIONAL),
    # Fictitious youth groups ("Youth for the Future Group" in Khmer).
    "yvr": ("Young Voices for Rights", "YVR", K.YOUTH_GROUP, "KH", NATIONAL),
    "ypc": ("Youth Peace Circle Battambang", "YPC", K.YOUTH_GROUP, "KH", NATIONAL),
    "yff": ("ក្រុមយុវជនដើម្បីអនាគត", "", K.YOUTH_GROUP, "KH", NATIONAL),
}

# The recommending states present on day 2: key -> (name, state, type, city).
# Some diplomats flew in from postings in Bangkok (report, 2.2).
EMBASSIES = {
    "emb-be": ("Embassy of Belgium", "BE", MissionType.NON_RESIDENT, "Bangkok"),
    "emb-us": ("Embassy of the United States of America", "US", MissionType.EMBASSY, "Phnom Penh"),
    "emb-ch": ("Embassy of Switzerland", "CH", MissionType.NON_RESIDENT, "Bangkok"),
    "emb-at": ("Embassy of Austria", "AT", MissionType.NON_RESIDENT, "Bangkok"),
    "emb-au": ("Embassy of Australia", "AU", MissionType.EMBASSY, "Phnom Penh"),
    "emb-se": ("Embassy of Sweden", "SE", MissionType.EMBASSY, "Phnom Penh"),
    "emb-fr": ("Embassy of France", "FR", MissionType.EMBASSY, "Phnom Penh"),
    "emb-kr": ("Embassy of the Republic of Korea", "KR", MissionType.EMBASSY, "Phnom Penh"),
    "emb-jp": ("Embassy of Japan", "JP", MissionType.EMBASSY, "Phnom Penh"),
    "emb-de": ("Embassy of Germany", "DE", MissionType.EMBASSY, "Phnom Penh"),
    "emb-cz": ("Embassy of the Czech Republic", "CZ", MissionType.NON_RESIDENT, "Bangkok"),
}
EU_MISSION = ("eu", "EU", MissionType.DELEGATION, "Phnom Penh")

R = RegistrationRole
# The public officials named in the report, with their positions at the time.
# key: (given name, family name, gender, organisation, position, registration role, days)
OFFICIALS = {
    "knoedler": (
        "Benjamin",
        "Knödler",
        M,
        "emb-de",
        "Deputy Head of Mission, German Embassy in Phnom Penh",
        R.DIPLOMAT,
        (1, 2),
    ),
    "de-los-reyes": (
        "Wilson",
        "de los Reyes",
        M,
        "rfsu",
        "The Swedish Association for Sexuality Education (RFSU)",
        R.SPEAKER,
        (1,),
    ),
    "pieri": (
        "Simone",
        "Pieri",
        M,
        "eu",
        "Deputy Head of the Delegation of the European Union to Cambodia",
        R.DIPLOMAT,
        (2,),
    ),
    "walker": (
        "Simon",
        "Walker",
        M,
        "ohchr",
        "Representative a.i., United Nations Office of the High Commissioner for Human Rights "
        "in Cambodia (OHCHR)",
        R.ORGANISER,
        (2,),
    ),
    # Written family name first, as in the report.
    "chor": (
        "Chor Chanthyda",
        "",
        W,
        "cchr",
        "Program Director, Cambodian Center for Human Rights",
        R.ORGANISER,
        (2,),
    ),
    "fridlund": (
        "Hans",
        "Fridlund",
        M,
        "upr-info",
        "Programme Manager, UPR Info",
        R.ORGANISER,
        (2, 3),
    ),
    "edgar": (
        "George",
        "Edgar",
        M,
        "eu",
        "H.E. Ambassador of the European Union to Cambodia",
        R.DIPLOMAT,
        (2,),
    ),
    "soun": ("Yuthyia", "Soun", M, "cchr", "Advocacy Director, CCHR", R.ORGANISER, (3,)),
    "sorn": (
        "Ramana",
        "Sorn",
        W,
        "cchr",
        "Protecting Fundamental Freedoms Project Coordinator, CCHR",
        R.ORGANISER,
        (3,),
    ),
    "haupert": (
        "Cybèle",
        "Haupert",
        W,
        "ohchr",
        "Head of Civil Society and Fundamental Freedoms Unit, OHCHR",
        R.ORGANISER,
        (3,),
    ),
}

# Fictitious CSO speakers of the Pre-session (19: 12 women, 7 men), by theme.
# key: (given name, family name, gender, organisation, position, theme slug, days)
CSO_SPEAKERS = {
    "sp-01": ("Sophea", "Chea", W, "swn", "Executive Director", "gender-womens-rights", (1, 2, 3)),
    "sp-02": ("Bopha", "Keo", W, "swn", "Programme Coordinator", "gender-womens-rights", (1, 2)),
    "sp-03": ("Dary", "Lim", W, "lcrc", "Coalition Coordinator", "rights-of-the-child", (1, 2, 3)),
    "sp-04": (
        "Vuthy",
        "Meas",
        M,
        "lcrc",
        "Child Protection Officer",
        "rights-of-the-child",
        (1, 2),
    ),
    "sp-05": ("Kanha", "Nhem", W, "osdc", "Founder", "srhr-sogiesc", (1, 2, 3)),
    "sp-06": ("Rithy", "Ouk", M, "osdc", "Advocacy Officer", "srhr-sogiesc", (1, 2)),
    "sp-07": ("Leakena", "Pen", W, "chaf", "Health Programme Manager", "public-health", (1, 2, 3)),
    "sp-08": ("Malis", "Prak", W, "eada", "Director", "persons-with-disabilities", (1, 2)),
    "sp-09": (
        "Piseth",
        "Sam",
        M,
        "tlfw",
        "Land Rights Researcher",
        "land-natural-resources",
        (1, 2),
    ),
    "sp-10": (
        "ចាន់ សុភា",
        "",
        W,
        "phum-thmey",
        "Community Organiser",
        "land-natural-resources",
        (1, 2, 3),
    ),
    "sp-11": ("Navy", "Seng", W, "hrpc", "Outreach Coordinator", "anti-drug-campaign", (1, 2)),
    "sp-12": ("Kosal", "Tep", M, "fvoc", "Election Monitoring Lead", "elections", (1, 2)),
    "sp-13": ("Phalla", "Uy", W, "mdhc", "Secretary General", "khmer-krom-rights", (1, 2)),
    "sp-14": ("Rachana", "Yim", W, "gwsc", "Labour Organiser", "labour-rights", (1, 2, 3)),
    "sp-15": ("Visal", "Heng", M, "gwsc", "Legal Officer", "labour-rights", (1, 2)),
    "sp-16": ("Mengly", "Kim", M, "jalac", "Lawyer", "access-to-justice", (1, 2)),
    "sp-17": (
        "Thida",
        "Ly",
        W,
        "cswc",
        "Monitoring Officer",
        "fundamental-freedoms-civic-space",
        (1, 2),
    ),
    "sp-18": ("Vannak", "Mao", M, "cswc", "Director", "fundamental-freedoms-civic-space", (1, 2)),
    "sp-19": ("Channary", "Noun", W, "rlsc", "Research Fellow", "rule-of-law", (1, 2)),
}
# The themes of the first interactive dialogue; the others go to the second.
FIRST_DIALOGUE_THEMES = (
    "gender-womens-rights",
    "rights-of-the-child",
    "srhr-sogiesc",
    "public-health",
    "persons-with-disabilities",
    "land-natural-resources",
    "anti-drug-campaign",
)

# Fictitious diplomats, UN and EU staff present on day 2 (21: 12 women, 9 men).
# (given name, family name, gender, organisation, position)
DIPLOMATS_AND_AGENCIES = (
    ("Lotte", "Verhaegen", W, "emb-be", "First Secretary"),
    ("Megan", "Holloway", W, "emb-us", "Political Officer"),
    ("Daniel", "Price", M, "emb-us", "Human Rights Officer"),
    ("Anna", "Keller", W, "emb-ch", "Programme Officer"),
    ("Lukas", "Steiner", M, "emb-at", "Counsellor"),
    ("Olivia", "Grant", W, "emb-au", "Second Secretary"),
    ("James", "Whitfield", M, "emb-au", "Political Officer"),
    ("Karin", "Lindqvist", W, "emb-se", "First Secretary"),
    ("Erik", "Sandberg", M, "emb-se", "Programme Officer"),
    ("Claire", "Fontaine", W, "emb-fr", "Political Attaché"),
    ("Min-ji", "Park", W, "emb-kr", "Second Secretary"),
    ("Haruto", "Sato", M, "emb-jp", "First Secretary"),
    ("Yui", "Tanaka", W, "emb-jp", "Researcher"),
    ("Jonas", "Becker", M, "emb-de", "Political Officer"),
    ("Tomáš", "Novák", M, "emb-cz", "Third Secretary"),
    ("Elena", "Marinescu", W, "eu", "Political Officer"),
    ("Sreypov", "Heng", W, "ohchr", "Human Rights Officer"),
    ("Narith", "Chhay", M, "unicef", "Child Protection Specialist"),
    ("Mealea", "Tan", W, "undp", "Governance Analyst"),
    ("Sreyleak", "Ros", W, "un-women", "Programme Specialist"),
    ("Marco", "Bellini", M, "rco", "Human Rights Adviser"),
)

# Fictitious CSO members: (given name, family name, gender, organisation, days).
# 24 attend days 1 and 2 (11 women, 13 men), 10 of them day 3 too; 15 attend day 1 only.
_CSO_ORGS = (
    "swn",
    "lcrc",
    "osdc",
    "chaf",
    "eada",
    "tlfw",
    "hrpc",
    "fvoc",
    "mdhc",
    "gwsc",
    "jalac",
    "cswc",
    "rlsc",
    "phum-thmey",
)
_WOMEN = (
    "Chanthou",
    "Kolab",
    "Chenda",
    "Pisey",
    "Raksmey",
    "Sopheap",
    "Sothea",
    "Sreymom",
    "Vanna",
    "Mony",
    "Sokha",
    "Davy",
    "Nary",
    "Somaly",
    "Theary",
    "Bunna",
    "Rattana",
    "Sreyneang",
    "Kunthea",
    "Linda",
)
_MEN = (
    "Dara",
    "Chanthol",
    "Sambath",
    "Bunthoeun",
    "Kimheng",
    "Rotha",
    "Makara",
    "Samnang",
    "Sovann",
    "Chamroeun",
    "Veasna",
    "Sophal",
    "Sokhom",
    "Vibol",
    "Ratha",
    "Pheakdey",
    "Sarath",
    "Bora",
    "Thy",
    "Kakada",
)
_FAMILY = (
    "Chan",
    "Hem",
    "Long",
    "Phan",
    "Vong",
    "Sok",
    "Nget",
    "Khun",
    "Touch",
    "Hun",
    "Srey",
    "Yin",
    "Chum",
    "Om",
    "Pich",
    "Moeun",
    "Kang",
    "Sim",
    "Chhim",
    "Men",
)


def _crowd(genders, days_of, start, organisations):
    """Fictitious people: deterministic names from the pools above, never repeated."""
    people = []
    women, men = iter(_WOMEN[start:] + _WOMEN[:start]), iter(_MEN[start:] + _MEN[:start])
    for index, gender in enumerate(genders):
        given = next(women) if gender == W else next(men)
        family = _FAMILY[(index + start) % len(_FAMILY)]
        if gender not in (W, M):
            given = next(women)
        people.append(
            (given, family, gender, organisations[index % len(organisations)], days_of(index))
        )
    return tuple(people)


CSO_MEMBERS = _crowd(
    genders=(W, M) * 11 + (M, M),
    days_of=lambda index: (1, 2, 3) if index < 10 else (1, 2),
    start=0,
    organisations=_CSO_ORGS,
) + _crowd(
    genders=(W, M) * 7 + (Gender.NOT_RECORDED,),
    days_of=lambda index: (1,),
    start=11,
    organisations=_CSO_ORGS,
)

# Fictitious youth delegates on day 3 (25); the first four present their work.
_YOUTH_GROUPS = ("yvr", "ypc", "yff")
YOUTH = (
    ("កែវ ស្រីមុំ", "", W, "yff", AgeBand.AGE_18_24),
    ("សុខ វិចិត្រ", "", M, "yff", AgeBand.AGE_18_24),
) + tuple(
    (given, family, gender, organisation, AgeBand.AGE_18_24 if index % 3 else AgeBand.AGE_25_34)
    for index, (given, family, gender, organisation, _) in enumerate(
        _crowd(
            genders=(W, M) * 11 + (Gender.UNDISCLOSED,),
            days_of=lambda index: (3,),
            start=5,
            organisations=_YOUTH_GROUPS,
        )
    )
)
YOUTH_PRESENTERS = 4

SECOND_DIALOGUE_THEMES = (
    "elections",
    "khmer-krom-rights",
    "labour-rights",
    "access-to-justice",
    "fundamental-freedoms-civic-space",
    "rule-of-law",
)

# The programme: per day (date, focus, venue, host) and its sessions.
# A session: (start, end, title, kind, description, themes, roles); roles are
# (person key, role). Three group keys expand to several people: "cso-speakers" (the CSO
# speakers of the session's themes), "day3-cso-speakers" (those attending day 3) and
# "youth-presenters" (the first YOUTH_PRESENTERS youth delegates).
ALL_THEMES = "*"
DAYS = (
    {
        "date": datetime.date(2018, 11, 14),
        "title": "Preparatory day",
        "venue": "",
        "host": None,
        "sessions": (
            (
                "09:00",
                "10:30",
                "Orientation on the dialogues with Recommending States",
                "training",
                "UPR Info oriented participants on the upcoming dialogues with Recommending "
                "States in Phnom Penh (November) and Geneva (December), and on keeping "
                "interventions brief, concise, solution-oriented and impartial.",
                (),
                (),
            ),
            (
                "10:45",
                "11:45",
                "How an embassy engages with the UPR",
                "presentation",
                "Collecting information, phrasing recommendations, following up on "
                "implementation and working with national UPR stakeholders.",
                (),
                (("knoedler", "speaker"),),
            ),
            ("11:45", "12:30", "Questions and answers", "qa", "", (), ()),
            ("12:30", "13:30", "Lunch", "break", "", (), ()),
            (
                "13:30",
                "15:00",
                "Fine-tuning statements in thematic groups",
                "breakout_group",
                "Speakers finalise their interventions with their thematic group.",
                ALL_THEMES,
                (),
            ),
            (
                "15:00",
                "16:15",
                "Mock session",
                "simulation",
                "Each speaker presents to the plenary; UPR Info gives detailed feedback.",
                ALL_THEMES,
                (("cso-speakers", "presenter"),),
            ),
            (
                "16:30",
                "17:30",
                "International advocacy in Geneva",
                "presentation",
                "Mapping and approaching states and other UPR stakeholders in Geneva.",
                (),
                (("de-los-reyes", "speaker"),),
            ),
        ),
    },
    {
        "date": datetime.date(2018, 11, 15),
        "title": "Pre-session",
        "venue": "Delegation of the European Union to Cambodia",
        "host": "eu",
        "sessions": (
            (
                "09:00",
                "09:45",
                "Opening remarks",
                "opening_remarks",
                "",
                (),
                (
                    ("pieri", "opening_remarks"),
                    ("walker", "opening_remarks"),
                    ("chor", "opening_remarks"),
                    ("fridlund", "opening_remarks"),
                ),
            ),
            (
                "09:45",
                "11:00",
                "Interactive dialogue I",
                "interactive_dialogue",
                "Moderated by UPR Info. Civil society presents its concerns and suggested "
                "UPR recommendations; diplomats ask questions.",
                FIRST_DIALOGUE_THEMES,
                (("cso-speakers", "speaker"),),
            ),
            ("11:00", "11:15", "Coffee break", "break", "", (), ()),
            (
                "11:15",
                "12:30",
                "Interactive dialogue II",
                "interactive_dialogue",
                "Moderated by UPR Info.",
                SECOND_DIALOGUE_THEMES,
                (("cso-speakers", "speaker"),),
            ),
            ("12:30", "13:30", "Lunch", "break", "", (), ()),
            (
                "13:30",
                "15:30",
                "Thematic break-out groups",
                "breakout_group",
                "Civil society presents its UPR Advocacy Factsheets; diplomats ask for "
                "clarifications on their focus areas.",
                ALL_THEMES,
                (),
            ),
            (
                "15:30",
                "16:00",
                "Closing remarks",
                "closing",
                "",
                (),
                (("walker", "speaker"), ("edgar", "speaker")),
            ),
        ),
    },
    {
        "date": datetime.date(2018, 11, 16),
        "title": "Youth engagement in the UPR",
        "venue": "",
        "host": None,
        "sessions": (
            (
                "09:00",
                "09:45",
                "The UPR mechanism and how youth can use it",
                "presentation",
                "UPR Info presents the origins and functioning of the mechanism.",
                (),
                (),
            ),
            ("09:45", "10:30", "Questions and answers", "qa", "", (), ()),
            (
                "10:45",
                "12:00",
                "Roles of different actors in Cambodia's UPR process",
                "panel",
                "The link between the SDGs and UPR recommendations in the implementation phase.",
                (),
                (
                    ("soun", "moderator"),
                    ("sorn", "panellist"),
                    ("haupert", "panellist"),
                    ("fridlund", "panellist"),
                ),
            ),
            ("12:00", "13:30", "Lunch", "break", "", (), ()),
            (
                "13:30",
                "15:00",
                "Testimonies from the Pre-session speakers",
                "presentation",
                "National CSOs share their human rights concerns, suggested recommendations "
                "and their experience of the Pre-session.",
                ALL_THEMES,
                (("day3-cso-speakers", "presenter"),),
            ),
            (
                "15:15",
                "16:30",
                "Youth leaders present their work",
                "presentation",
                "Engagement in social work, development and human rights, and ideas for the "
                "implementation phase.",
                (),
                (("youth-presenters", "presenter"),),
            ),
        ),
    },
)

# Factsheets: 11 approved, one per theme except the two listed here.
THEMES_WITHOUT_FACTSHEET = ("khmer-krom-rights", "rule-of-law")
FACTSHEET_LANGUAGE = FactsheetLanguage.ENGLISH
FACTSHEET_STATUS = FactsheetStatus.APPROVED
# Fictitious suggested recommendations, two per factsheet, by theme.
RECOMMENDATIONS = {
    "gender-womens-rights": (
        "Adopt a national action plan to prevent violence against women, with a budget.",
        "Guarantee women's equal participation in public and political life.",
    ),
    "rights-of-the-child": (
        "Ratify the Optional Protocol to the Convention on the Rights of the Child on a "
        "communications procedure.",
        "Strengthen the child protection system at commune level.",
    ),
    "srhr-sogiesc": (
        "Ensure access to sexual and reproductive health services for all, including adolescents.",
        "Adopt legislation prohibiting discrimination on the basis of sexual orientation, "
        "gender identity and expression and sex characteristics.",
    ),
    "public-health": (
        "Increase the public health budget and extend health equity funds.",
        "Improve the quality of health services in rural areas.",
    ),
    "persons-with-disabilities": (
        "Ratify the Optional Protocol to the Convention on the Rights of Persons with "
        "Disabilities.",
        "Make public buildings and transport accessible.",
    ),
    "land-natural-resources": (
        "Halt forced evictions and ensure fair compensation.",
        "Publish all economic land concessions.",
    ),
    "anti-drug-campaign": (
        "End compulsory detention of people who use drugs.",
        "Expand voluntary, community-based treatment services.",
    ),
    "elections": (
        "Guarantee free and fair elections with a plurality of political parties.",
        "Ensure the independence of the National Election Committee.",
    ),
    "labour-rights": (
        "Amend the Law on Trade Unions in line with ILO conventions.",
        "Raise and enforce the minimum wage across sectors.",
    ),
    "access-to-justice": (
        "Expand free legal aid to all provinces.",
        "Guarantee the independence of the judiciary.",
    ),
    "fundamental-freedoms-civic-space": (
        "Amend the Law on Associations and Non-Governmental Organisations.",
        "Release human rights defenders detained for their peaceful work.",
    ),
}

# The draft activity report: the report's own words (Markdown).
REPORT = {
    "introduction": (
        "On 14-16 November 2018, the Cambodian Center for Human Rights (CCHR), OHCHR in "
        "Cambodia and UPR Info organised an in-country Pre-session in Phnom Penh. On the first "
        "day, some 60 CSO representatives gathered for a preparatory day at which UPR Info "
        "oriented participants on the upcoming dialogues with Recommending states in Phnom Penh "
        "(November) and Geneva (December). Mr. Benjamin Knödler, Deputy Head of Mission of "
        "German Embassy in Phnom Penh, held a session in which he shared how the embassy "
        "engages with the UPR in terms of collecting information; phrasing recommendations; "
        "following up on implementation; and working with national UPR stakeholders. In the "
        "afternoon, the speakers selected for the Pre-session the following day fine-tuned "
        "their interventions and presented them to participants in a mock-session for "
        "feedback. In the final segment of the day, Mr. Wilson de los Reyes from The Swedish "
        "Association for Sexuality Education [RFSU] shared insights into the diplomatic "
        "landscape in Geneva and practical suggestions on how to advocate for civil "
        "society-suggested recommendations with diplomats. On the second day, the Delegation "
        "of the European Union to Cambodia generously hosted the Pre-session in Phnom Penh "
        "which brought together national CSOs with Recommending states from 12 embassies. Two "
        "panel sessions were moderated by UPR Info before the dialogue between diplomats and "
        "civil society continued in an informal fashion in thematic break-out groups. The "
        "focus of the third day was on the UPR engagement of youth groups. UPR Info introduced "
        "the peer-review mechanism followed by an energetic Q&A session on how youth can begin "
        "to interact with the UPR. This was followed by national CSOs sharing their human "
        "rights concerns and suggested UPR recommendations, before delegates from youth groups "
        "presented their human rights work and ideas on how to contribute in the UPR "
        "implementation phase.\n\n"
        "The event was co-organised by the Cambodian Center for Human Rights, OHCHR in "
        "Cambodia and UPR Info. It built on previous activities undertaken by these actors in "
        "Cambodia."
    ),
    "overview": (
        "On 14 November, some 60 representatives from national civil society organisations "
        "participated in a preparatory day ahead of the in-country Pre-session. UPR Info "
        "provided guidance for the speakers and stressed the need to keep interventions brief, "
        "concise, solution-oriented and impartial to maximise impact. The wider advocacy "
        "opportunities presented by Pre-sessions in Phnom Penh and Geneva were also addressed, "
        "with a particular focus on how to encourage Recommending states to utilise civil "
        "society-suggested UPR recommendations at Cambodia’s 3rd review on 30th of January. To "
        "this end, the working groups which contributed to the joint CSO submission earlier in "
        "2018 had developed thematic UPR Advocacy Factsheets to further strengthen their "
        "advocacy. Before lunch Mr. Benjamin Knödler, Deputy Head of Mission at the German "
        "Embassy in Phnom Penh share the role of the embassy in phrasing Germany’s UPR "
        "recommendations to Cambodia; an exercise that is jointly conducted by German diplomats "
        "in Berlin, Phnom Penh, and at the German mission in Geneva. He also made the link "
        "between Germany’s foreign policy objectives and how they influence which topics they "
        "address in recommendations. Mr Knödler commended the Pre-sessions as a platform to "
        "gather first-hand information on a broad range of human rights topics ahead of the "
        "review. In the Q&A session, civil society noted the need for coordinated engagement "
        "by Recommending states in the follow-up phase and to closely work with CSOs in the "
        "implementation process. In the afternoon, time was allotted to fine-tune statements "
        "and presentations ahead of the Pre-session the following day. Speakers worked with "
        "their colleagues from their respective thematic group to finalise interventions, "
        "after which each of the speakers presented to the plenary in the form of a simulation "
        "exercise. UPR Info moderated and provided detailed feedback to each speaker. Bearing "
        "in mind that Cambodian CSOs are scheduled to participate in a Pre-session in Geneva in "
        "December, the session lead by Mr. Wilson de los Reyes from The Swedish Association for "
        "Sexuality Education [RFSU] on international advocacy proved most useful. He offered "
        "practical advice on how to map and approach states and other UPR stakeholders in "
        "Geneva, and underscored that in order to influence recommendations it is pivotal to "
        "deliver a clear message to diplomats underpinned by credible evidence.\n\n"
        "The second day was the highlighted of the week as the Delegation of the European "
        "Union to Cambodia graciously hosted the Pre-session which brought together some 70 "
        "representatives from national CSOs, UN agencies, EU, and Recommending states from the "
        "embassies of Belgium, USA, Switzerland, Austria, Australia, Sweden, France, Republic "
        "of Korea, Japan, Germany and the Czech Republic. Opening remarks were given by Mr "
        "Simone Pieri, Deputy Head of the Delegation of the European Union to Cambodia; Mr "
        "Simon Walker, Representative a.i., United Nations Office of the High Commissioner for "
        "Human Rights in Cambodia (OHCHR); Ms. Chor Chanthyda, Program Director, Cambodian "
        "Center for Human Rights; and Mr. Hans Fridlund, Programme Manager, UPR Info. In the "
        "next segment, UPR Info moderated two interactive dialogues between civil society "
        "representatives and diplomats in which civil society representatives presented their "
        "human rights concerns and suggested UPR recommendations related to 13 themes:\n\n"
        "- Gender/Women’s Rights\n"
        "- Rights of the child\n"
        "- Sexual and reproductive health and rights & sexual orientation, gender identity and "
        "expression and sex characteristics (SOGIESC) rights.\n"
        "- Public health\n"
        "- Persons living with disabilities\n"
        "- Land and Natural resources\n"
        "- Anti-Drug campaign and rights of people who use drugs\n"
        "- Elections\n"
        "- Khmer Krom rights\n"
        "- Labour Rights\n"
        "- Access to Justice\n"
        "- Fundamental Freedoms and Civic Space\n"
        "- Rule of law\n\n"
        "Questions from the diplomatic and development community addressed CSOs expectations "
        "on the government in the implementation of 3rd cycle UPR recommendations; "
        "developments in the implementation of 2nd cycle recommendations on land grabbing, "
        "freedom of expression and opinion, freedom of the press, child labour and "
        "trafficking; and what space there is for national human rights defenders to operate "
        "Cambodia. In the afternoon the discussion continued in a more informal setting based "
        "on thematic break-out groups. During the conversations, civil society presented their "
        "UPR Advocacy Factsheets and diplomats asked for further clarifications on their focus "
        "areas. As a result, several ideas on how to enhance cooperation between UPR actors in "
        "Cambodia in the implementation process emerged from the dialogue. For some of the CSO "
        "representatives it was the first time that they engaged with the international "
        "community in the capital which prompted an exchange of contact details which will be "
        "useful in the next steps of the process. In closing, Mr. Simon Walker highlighted the "
        "value of the Pre-session in terms of displaying the interconnectedness amongst a "
        "broad spectrum of rights and applauded the coordination of the Pre-session and civil "
        "society for providing a balanced update on the human rights situation in Cambodia. He "
        "moreover said that the information shared during the event is useful beyond the UPR "
        "to inform national processes and upcoming reviews in treaty bodies. H.E. Mr. George "
        "Edgar, Ambassador of the European Union to Cambodia, noted that UPR recommendations "
        "form part of the delegation’s bilateral dialogue with Cambodia, that EU in Geneva "
        "participate in UPR Info’s Pre-sessions to collect information from civil society, and "
        "makes statements under Human Rights Council Agenda Item 6 General Debate which is "
        "devoted to the UPR. In elaborating on the cooperation between national CSOs and the "
        "Delegation, he spotlighted that their insights on the realities of Cambodia is "
        "central for the work of the EU and shared that the delegation’s funding for civil "
        "society will increase in 2019.\n\n"
        "On the third day, attention was turned towards the engagement of youth in the UPR. In "
        "total, 45 persons from youth groups and civil society participated in the programme. "
        "In the opening session, UPR Info presented on the origins and functioning of the "
        "mechanism with a particular emphasis on how youth groups can invoke the UPR as a "
        "vehicle to achieve their advocacy goals. It was followed by a panel discussion, "
        "moderated by Mr Yuthyia Soun, Advocacy Director at CCHR, in which Ms. Ramana Sorn, "
        "Protecting Fundamental Freedoms Project Coordinator, CCHR; Ms. Cybèle Haupert, Head of "
        "Civil Society and Fundamental Freedoms Unit, OHCHR; and Mr. Hans Fridlund, Programme "
        "Manager, UPR Info shared information on the roles of different actors and how they "
        "have contributed to Cambodia’s UPR process. The mutually reinforcing link between the "
        "SDGs and UPR recommendations was stressed in relation to the implementation phase "
        "which will commence in early 2019 following the country’s 3rd review. In the ensuing "
        "discussion, youth groups discussed how civil society can work with the UPR in "
        "restrictive environments and examined the flow of recommendations from neighboring "
        "countries to Cambodia in the first and second cycle. Questions of a more practical "
        "nature included how youth groups can add to the UPR reporting. In the afternoon, "
        "speakers from the Pre-session shared their testimonies with the plenary which "
        "triggered a vibrant discussion on the state of human rights in the country and the "
        "role of youth in fostering participatory democracy. The final session proved to be "
        "another highlight as youth leaders presented on their engagement in social work, "
        "development and human rights. The day succeeded in bringing youth groups closer to "
        "established CSOs which will add much value in the process supporting implementation "
        "of UPR recommendations."
    ),
    "achievements_intro": (
        "The In-country Pre-session succeeded in bringing together Recommending states with a "
        "cross-section of national civil society group for an exchange on the human rights "
        "situation in Cambodia and a deliberation on what recommendations should be made at "
        "its third UPR. The Pre-session was well attended, with some diplomats flying in from "
        "postings in Bangkok to participate in the event. The Pre-session further benefitted "
        "from the presence of delegates from UNICEF, UNDP, UN Women, OHCHR and the Resident "
        "Coordinator’s Office. Civil society received much praise for their factsheets which "
        "diplomats fund useful in providing an at-a-glance overview of a specific human rights "
        "topic and corresponding recommendations on how to advance the situation. Considering "
        "that youth in Cambodia make up around 65% of the population, the involvement of youth "
        "groups addressed the need to involve this segment of society in the UPR process and "
        "to inform on how they can contribute to implementation of recommendations.\n\n"
        "The workshop succeeded in;"
    ),
    "lessons_learnt": (
        "The cooperation between CCHR, OHCHR in Cambodia, and UPR Info continues to be a true "
        "success story in ensuring an inclusive UPR process at the domestic level. It will be "
        "key to harness and build on this unique partnership in the follow-up phase. A lot of "
        "efforts went into producing the UPR Advocacy Factsheets, and it was thus rewarding to "
        "witness how well received they were by the diplomatic community. Resident diplomats "
        "in Phnom Penh will share them with colleagues in their capitals and Geneva and it is "
        "hoped that they will be used to develop action-oriented and relevant recommendations "
        "in the upcoming review. The EU Delegation was a tremendous host and contributed to "
        "raising the profile of the event as well as ensuring good participation form the "
        "diplomatic and development community."
    ),
    "way_forward": (
        "In December, UPR Info hosts a Pre-session at the Palais des Nations in Geneva. It "
        "presents another opportunity for national human rights defenders to share their "
        "insights on the human rights performance of the Government, the implementation levels "
        "of previous UPR recommendations and suggest recommendations ahead of Cambodia’s 3rd "
        "UPR on the 30th of January 2019. Besides participating in the actual Pre-session, "
        "Cambodian CSOs will enjoy the possibility of bilateral meetings to further strengthen "
        "their relations with Recommending states. A civil society strategy workshop is "
        "foreseen to take place in the timeframe between the review and the adoption of "
        "Cambodia’s 3rd UPR Working Group Report to outline how CSOs can optimise their "
        "contributions to the implementation of recommendations."
    ),
    "contact": (
        "UPR Info  \n"
        "Rue de Varembé 3  \n"
        "1202 Geneva  \n"
        "Switzerland\n\n"
        "Website: http://www.upr.info  \n"
        "Phone: + 41 (0) 22 321 77 70  \n"
        "General enquiries: info@upr-info.org\n\n"
        "http://twitter.com/UPRinfo  \n"
        "http://www.facebook.com/UPRInfo"
    ),
    "translations": {
        "fr": {
            "introduction": (
                "Du 14 au 16 novembre 2018, le Cambodian Center for Human Rights (CCHR), le HCDH "
                "au Cambodge et UPR Info ont organisé une pré-session nationale à Phnom Penh. Le "
                "premier jour, quelque 60 représentants d'OSC se sont réunis pour une journée "
                "préparatoire au cours de laquelle UPR Info a présenté aux participants les "
                "dialogues à venir avec les États recommandants à Phnom Penh (novembre) et à "
                "Genève (décembre). M. Benjamin Knödler, chef de mission adjoint de l'ambassade "
                "d'Allemagne à Phnom Penh, a animé une séance où il a expliqué comment "
                "l'ambassade s'engage dans l'EPU : collecte d'informations, formulation des "
                "recommandations, suivi de la mise en œuvre et travail avec les acteurs "
                "nationaux de l'EPU. L'après-midi, les intervenants retenus pour la pré-session "
                "du lendemain ont affiné leurs interventions et les ont présentées aux "
                "participants lors d'une séance simulée, pour recueillir leurs remarques. En fin "
                "de journée, M. Wilson de los Reyes, de l'Association suédoise pour l'éducation "
                "sexuelle [RFSU], a partagé son regard sur le paysage diplomatique genevois et "
                "des conseils pratiques pour défendre auprès des diplomates les recommandations "
                "proposées par la société civile. Le deuxième jour, la Délégation de l'Union "
                "européenne au Cambodge a généreusement accueilli la pré-session de Phnom Penh, "
                "qui a réuni des OSC nationales et les États recommandants de 12 ambassades. "
                "Deux tables rondes ont été animées par UPR Info, avant que le dialogue entre "
                "diplomates et société civile ne se poursuive de manière informelle en groupes "
                "thématiques. Le troisième jour était consacré à l'engagement des groupes de "
                "jeunes dans l'EPU. UPR Info a présenté le mécanisme d'examen par les pairs, "
                "suivi d'une séance animée de questions-réponses sur la manière dont les jeunes "
                "peuvent commencer à prendre part à l'EPU. Des OSC nationales ont ensuite "
                "exposé leurs préoccupations en matière de droits humains et leurs "
                "recommandations proposées, avant que des délégués de groupes de jeunes ne "
                "présentent leur travail en faveur des droits humains et leurs idées pour "
                "contribuer à la phase de mise en œuvre de l'EPU.\n\n"
                "L'événement a été coorganisé par le Cambodian Center for Human Rights, le HCDH "
                "au Cambodge et UPR Info. Il s'inscrit dans la continuité des activités menées "
                "auparavant par ces acteurs au Cambodge."
            ),
        },
    },
}

ACHIEVEMENTS = (
    "Strengthening collaboration between national CSOs, Recommending states and international "
    "organisations in Cambodia ahead of monitoring and implementing Cambodia’s 3rd UPR cycle;",
    "Providing the diplomatic and development community with an update on the human rights "
    "situation in Cambodia and implementation levels of 2nd cycle UPR recommendations based on "
    "first-hand credible evidence from the ground;",
    "Disseminating 11 thematic UPR Advocacy Factsheets to representatives from 12 diplomatic "
    "missions;",
    "Updating UN agencies on national UPR activities;",
    "Establishing a civil society roadmap for engagement in the implementation process;",
    "Exploring ways for youth groups to engage with the UPR at the national level; and",
    "Ensuring gender balance amongst Pre-session speakers (54% women, 46% men), and "
    "Pre-sessions participants (51% women, 49% men).",
)

# Contributors have been guaranteed anonymity: no name is stored anywhere.
TESTIMONIES = (
    "The organisers have done an amazing job! They provided us with a great opportunity to "
    "deliver our statement to the diplomats and representatives from international "
    "organisations at the EU Delegation. It was a great pleasure for our organisation to "
    "participate and to make our voice heard. We hope we will contribute to UPR "
    "recommendations which reflect the concerns of civil society.",
    "As the leading organisation in the coalition on child rights, we will share this "
    "experience with our members at our next meeting. We will also participate in the "
    "upcoming UPR Info Pre-session in Geneva in December 2018. After the review, we will work "
    "closely with our members to analyse the child rights recommendations which were made and "
    "disseminate the results to members and other key stakeholders.",
    "I was delighted to participate in this important event which allowed us to lobby state "
    "parties and present recommendations ahead of the review in Geneva. Even though it is my "
    "first time participating in the UPR process, I feel positive that this mechanism will "
    "help to improve the human rights situation in Cambodia across all themes. I look forward "
    "to participate in upcoming UPR activities.",
)

# The two demo teams. Cambodia's owns the 2018 event above; Geneva's a short Geneva-series
# event of its own. Neither sees the other's events, people or organisations.
CAMBODIA_TEAM = {
    "slug": "cchr-upr-info-cambodia",
    "name": "CCHR / UPR Info Cambodia",
    "contact_email": "cambodia-team@example.org",
}
GENEVA_TEAM = {
    "slug": "upr-info-geneva",
    "name": "UPR Info Geneva",
    "contact_email": "geneva-team@example.org",
}

# The keys the data above uses for the 13 themes, in the order of the default catalogue
# (events.themes.DEFAULT_THEMES).
THEME_KEYS = (
    "gender-womens-rights",
    "rights-of-the-child",
    "srhr-sogiesc",
    "public-health",
    "persons-with-disabilities",
    "land-natural-resources",
    "anti-drug-campaign",
    "elections",
    "khmer-krom-rights",
    "labour-rights",
    "access-to-justice",
    "fundamental-freedoms-civic-space",
    "rule-of-law",
)

# The Geneva-series demo event: FICTITIOUS, a version of UPR Info's pre-sessions in Geneva
# (one session per State under Review, with civil society speakers, before the permanent
# missions of recommending states): three days, twelve States. The States and their
# missions are real; every organisation and person is invented.
GENEVA_EVENT = {
    "slug": "geneva-pre-sessions-demo",
    "title": "UPR Pre-sessions, Geneva (demo)",
    "city": "Geneva",
    "start_date": datetime.date(2019, 4, 3),
    "end_date": datetime.date(2019, 4, 5),
}
GENEVA_DAYS = (
    {"date": datetime.date(2019, 4, 3), "title": "Pre-sessions", "venue": "Palais"},
    {"date": datetime.date(2019, 4, 4), "title": "Pre-sessions", "venue": "Palais"},
    {"date": datetime.date(2019, 4, 5), "title": "Pre-sessions", "venue": "Palais"},
)
# key: (name, acronym, kind, country, scope) — the Geneva team's directory, fictitious.
GENEVA_ORGANISATIONS = {
    "upr-info-geneva": ("UPR Info", "", K.INTERNATIONAL_NGO, "CH", INTERNATIONAL),
    "coastal-rights": ("Coastal Rights Forum", "CRF", K.NATIONAL_CSO, "MZ", NATIONAL),
    "andean-defenders": ("Andean Defenders Network", "ADN", K.NATIONAL_CSO, "PE", NATIONAL),
    "steppe-voices": ("Steppe Voices", "", K.NATIONAL_CSO, "MN", NATIONAL),
    "open-steppe": ("Open Steppe Bureau", "OSB", K.NATIONAL_CSO, "KZ", NATIONAL),
    "kz-ombudsman": (
        "Office of the Commissioner for Human Rights (demo)",
        "",
        K.NHRI,
        "KZ",
        NATIONAL,
    ),
    "reef-women": ("Reef Women's Collective", "RWC", K.NATIONAL_CSO, "FJ", NATIONAL),
    "pacific-youth": ("Pacific Youth Assembly", "PYA", K.YOUTH_GROUP, "FJ", NATIONAL),
    "baobab-justice": ("Baobab Justice Centre", "BJC", K.NATIONAL_CSO, "MG", NATIONAL),
    "altiplano-women": ("Altiplano Women's Front", "", K.NATIONAL_CSO, "BO", NATIONAL),
    "river-gambia": ("River Gambia Human Rights Watchers", "RGW", K.NATIONAL_CSO, "GM", NATIONAL),
    "gm-nhrc": ("Human Rights Commission of the Gambia (demo)", "", K.NHRI, "GM", NATIONAL),
    "kwanza-voices": ("Kwanza Civic Voices", "KCV", K.NATIONAL_CSO, "AO", NATIONAL),
    "alpine-equality": ("Alpine Equality Institute", "AEI", K.NATIONAL_CSO, "SI", NATIONAL),
    "himal-rights": ("Himal Rights Collective", "HRC", K.NATIONAL_CSO, "NP", NATIONAL),
    "himal-youth": ("Young Himalaya Network", "", K.YOUTH_GROUP, "NP", NATIONAL),
    "global-land": (
        "Global Land Rights Alliance",
        "GLRA",
        K.INTERNATIONAL_NGO,
        "GB",
        INTERNATIONAL,
    ),
    "child-first": ("Child First International", "CFI", K.INTERNATIONAL_NGO, "NL", INTERNATIONAL),
    "free-press": ("Free Press Watch", "FPW", K.INTERNATIONAL_NGO, "FR", INTERNATIONAL),
}
# The shared permanent missions present in Geneva: key: (name, state, type, city).
GENEVA_MISSIONS = {
    f"pm-{state.lower()}": (
        f"Permanent Mission of {name}",
        state,
        MissionType.PERMANENT_MISSION,
        "Geneva",
    )
    for state, name in (
        ("DE", "Germany"),
        ("MX", "Mexico"),
        ("JP", "Japan"),
        ("SN", "Senegal"),
        ("FR", "France"),
        ("GB", "the United Kingdom"),
        ("BR", "Brazil"),
        ("CA", "Canada"),
        ("AU", "Australia"),
        ("NL", "the Netherlands"),
        ("SE", "Sweden"),
        ("NO", "Norway"),
        ("KR", "the Republic of Korea"),
        ("AR", "Argentina"),
        ("CL", "Chile"),
        ("ZA", "South Africa"),
        ("IE", "Ireland"),
        ("BE", "Belgium"),
        ("PT", "Portugal"),
        ("UY", "Uruguay"),
    )
}
# (day index, start, end, State under Review, speakers, missions present (keys of
# GENEVA_MISSIONS without "pm-"), SuR delegation present, SuR took the floor); speakers:
# (given, family, gender, organisation, position). Fictitious people.
GENEVA_SESSIONS = (
    (
        0, "10:00", "11:00", "MZ",
        (
            ("Amina", "Mabote", W, "coastal-rights", "Director"),
            ("Joaquim", "Sitoe", M, "coastal-rights", "Legal officer"),
        ),
        "de jp sn fr gb pt br za", "present", "yes",
    ),
    (
        0, "11:15", "12:15", "PE",
        (
            ("Rosa", "Quispe", W, "andean-defenders", "Coordinator"),
            ("Luis", "Mamani", M, "andean-defenders", "Researcher"),
            ("Helen", "Carter", W, "global-land", "Advocacy lead"),
        ),
        "de mx ar cl uy ca fr se br", "present", "yes",
    ),
    (
        0, "14:00", "15:00", "MN",
        (
            ("Oyuna", "Bat", W, "steppe-voices", "Chair"),
            ("Tsetseg", "Dorj", W, "steppe-voices", "Advocacy officer"),
        ),
        "jp mx sn kr au de", "present", "no",
    ),
    (
        0, "15:15", "16:15", "KZ",
        (
            ("Aigerim", "Nurlanova", W, "open-steppe", "Director"),
            ("Daniyar", "Seitkali", M, "kz-ombudsman", "Head of the complaints unit"),
            ("Marc", "Dubois", M, "free-press", "Researcher"),
        ),
        "de fr gb nl se no ca ie be", "present", "yes",
    ),
    (
        1, "10:00", "11:00", "FJ",
        (
            ("Litia", "Naivalu", W, "reef-women", "Coordinator"),
            ("Sefa", "Tuilagi", M, "pacific-youth", "Youth delegate"),
        ),
        "au jp kr gb fr", "present", "not_recorded",
    ),
    (
        1, "11:15", "12:15", "MG",
        (
            ("Voahangy", "Rakoto", W, "baobab-justice", "Lawyer"),
            ("Hery", "Andriamanana", M, "baobab-justice", "Programme officer"),
            ("Sophie", "van Dijk", W, "child-first", "Regional adviser"),
        ),
        "fr sn za be pt de ca", "absent", "no",
    ),
    (
        1, "14:00", "15:00", "BO",
        (
            ("Carmen", "Choque", W, "altiplano-women", "President"),
            ("Helen", "Carter", W, "global-land", "Advocacy lead"),
        ),
        "ar cl mx uy br de se no ie", "present", "yes",
    ),
    (
        1, "15:15", "16:15", "GM",
        (
            ("Fatou", "Jallow", W, "river-gambia", "Executive director"),
            ("Lamin", "Ceesay", M, "gm-nhrc", "Commissioner"),
        ),
        "sn gb za nl be", "present", "yes",
    ),
    (
        2, "10:00", "11:00", "AO",
        (
            ("Esperança", "Neto", W, "kwanza-voices", "Coordinator"),
            ("Paulo", "Kiala", M, "kwanza-voices", "Journalist"),
        ),
        "pt br za fr de", "present", "no",
    ),
    (
        2, "11:15", "12:15", "SI",
        (
            ("Maja", "Kovač", W, "alpine-equality", "Researcher"),
            ("Marc", "Dubois", M, "free-press", "Researcher"),
        ),
        "de fr nl se no ie be pt", "not_recorded", "not_recorded",
    ),
    (
        2, "14:00", "15:00", "NP",
        (
            ("Sita", "Gurung", W, "himal-rights", "Director"),
            ("Bikash", "Thapa", M, "himal-youth", "Coordinator"),
            ("Sophie", "van Dijk", W, "child-first", "Regional adviser"),
        ),
        "jp kr au gb ca nl se de no", "present", "yes",
    ),
    (
        2, "15:15", "16:15", "LK",
        (("Nimali", "Perera", W, "child-first", "South Asia coordinator"),),
        "gb ca au jp kr de", "present", "no",
    ),
)  # fmt: skip
GENEVA_MODERATOR = ("Claire", "Martin", W, "upr-info-geneva", "Programme Manager")

# Demo logins (created only with DEBUG on): username -> (password, team key or None, role or
# None, extras). One per role per team, and the superuser. Each CSO staff login belongs to an
# organisation of its team's directory that is linked to the team's event.
LOGINS = {
    "organiser": ("organiser-demo-2018", "cambodia", "organiser", {"first_name": "Demo organiser"}),
    "reports": (
        "reports-demo-2018",
        "cambodia",
        "report_administrator",
        {"first_name": "Demo report administrator"},
    ),
    "cso": (
        "cso-demo-2018",
        "cambodia",
        None,
        {"first_name": "Demo CSO staff", "organisation": "lcrc"},
    ),
    "geneva-organiser": (
        "geneva-organiser-demo",
        "geneva",
        "organiser",
        {"first_name": "Demo Geneva organiser"},
    ),
    "geneva-reports": (
        "geneva-reports-demo",
        "geneva",
        "report_administrator",
        {"first_name": "Demo Geneva report administrator"},
    ),
    "geneva-cso": (
        "geneva-cso-demo",
        "geneva",
        None,
        {"first_name": "Demo Geneva CSO staff", "organisation": "coastal-rights"},
    ),
    "admin": ("admin-demo-2018", None, None, {"is_staff": True, "is_superuser": True}),
}
