"""Country names as the UN writes them, and the other spellings files arrive with.

Pages, PDFs and exports name a State by its UN short name ("Viet Nam", "Republic of Korea",
"Türkiye"): `UN_SHORT_NAMES` overrides django-countries' English names wherever they differ
(settings.COUNTRIES_OVERRIDE), so every `CountryField` prints the UN's name.

Imports accept more than that: ISO codes, the UN name, django-countries' own English name, the
names in every language of settings.LANGUAGES (an export in French or Khmer names its States
so, and must read back), and the common variants in `VARIANTS` (UPR Info's database writes
"DPR Korea", "Laos", "Macedonia FYR", "Bosnia & Herzegovina"; people write "Vietnam", "South
Korea"). Matching ignores case, accents, "&" against "and", hyphens and a leading "the".

This module is imported by the settings: it may use nothing but lazy translations at import.
"""

import re
import unicodedata
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

# The UN's short names (UNTERM) where django-countries says something else.
UN_SHORT_NAMES = {
    "BN": _("Brunei Darussalam"),
    "BO": _("Bolivia (Plurinational State of)"),
    "BS": _("Bahamas"),
    "FM": _("Micronesia (Federated States of)"),
    "GB": _("United Kingdom of Great Britain and Northern Ireland"),
    "IR": _("Iran (Islamic Republic of)"),
    "KP": _("Democratic People's Republic of Korea"),
    "KR": _("Republic of Korea"),
    "LA": _("Lao People's Democratic Republic"),
    "MD": _("Republic of Moldova"),
    "NL": _("Netherlands (Kingdom of the)"),
    "PS": _("State of Palestine"),
    "RU": _("Russian Federation"),
    "SY": _("Syrian Arab Republic"),
    "TZ": _("United Republic of Tanzania"),
    "VA": _("Holy See"),
    "VE": _("Venezuela (Bolivarian Republic of)"),
    "VN": _("Viet Nam"),
    # Not a State, but its delegations attend pre-sessions and receive factsheets.
    "EU": _("European Union"),
}

# Spellings other than the UN's and django-countries' names, by match key (see `match_key`).
VARIANTS = {
    "bolivia": "BO",
    "bolivarian republic of venezuela": "VE",
    "bosnia": "BA",
    "brunei": "BN",
    "burma": "MM",
    "cape verde": "CV",
    "congo brazzaville": "CG",
    "congo kinshasa": "CD",
    "czech republic": "CZ",
    "democratic republic of congo": "CD",
    "dpr korea": "KP",
    "dprk": "KP",
    "drc": "CD",
    "dr congo": "CD",
    "east timor": "TL",
    "eu": "EU",
    "great britain": "GB",
    "holland": "NL",
    "iran": "IR",
    "islamic republic of iran": "IR",
    "ivory coast": "CI",
    "korea": "KR",
    "korea dpr": "KP",
    "lao pdr": "LA",
    "laos": "LA",
    "macedonia": "MK",
    "macedonia fyr": "MK",
    "fyr macedonia": "MK",
    "the former yugoslav republic of macedonia": "MK",
    "federated states of micronesia": "FM",
    "micronesia": "FM",
    "moldova": "MD",
    "north korea": "KP",
    "palestine": "PS",
    "plurinational state of bolivia": "BO",
    "republic of congo": "CG",
    "russia": "RU",
    "south korea": "KR",
    "swaziland": "SZ",
    "syria": "SY",
    "tanzania": "TZ",
    "turkey": "TR",
    "turkiye": "TR",
    "uk": "GB",
    "united kingdom": "GB",
    "united states": "US",
    "us": "US",
    "usa": "US",
    "vatican": "VA",
    "vatican city": "VA",
    "venezuela": "VE",
    "vietnam": "VN",
}


def match_key(text):
    """`text` folded for comparison: no accents, case, punctuation or leading "the".
    Only the accents of Latin letters go: the signs of a Khmer name are part of it."""
    text = unicodedata.normalize("NFKD", str(text))
    text = unicodedata.normalize("NFC", LATIN_ACCENTS.sub("", text)).replace("\u200b", "")
    text = text.casefold().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[-‐–_,.]+|\(the\)", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.removeprefix("the ")


# The combining accents of the Latin script, once decomposed (é -> e + U+0301).
LATIN_ACCENTS = re.compile("[\u0300-\u036f]")


@lru_cache(maxsize=1)
def _names_index():
    """Every accepted spelling folded by `match_key`, to its code. Built once per process:
    the English names win over a name another language gives another country."""
    from django.conf import settings
    from django.utils import translation
    from django_countries import countries
    from django_countries.data import COUNTRIES

    index = {}
    with translation.override("en"):
        for code, name in COUNTRIES.items():
            index[match_key(name)] = code
        for code, name in countries.COMMON_NAMES.items():
            index[match_key(name)] = code
        for code, names in countries.OLD_NAMES.items():
            for name in names:
                index[match_key(name)] = code
        for code, name in countries:
            index[match_key(name)] = code
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, name in countries:
                index.setdefault(match_key(name), code)
    index.pop("", None)
    index.update(VARIANTS)
    return index


def country_code(text):
    """The ISO 3166 alpha-2 code for `text` (a name in any of the accepted spellings, or an
    ISO alpha-2/alpha-3 code), or "" when nothing matches."""
    from django_countries import countries

    text = str(text or "").strip()
    if not text:
        return ""
    key = match_key(text)
    code = _names_index().get(key)
    if code:
        return code
    if re.fullmatch(r"[A-Za-z]{2,3}", text):
        return countries.alpha2(text.upper()) or ""
    return ""
