"""The five UN regional groups, by ISO 3166 alpha-2 code.

Source: the United Nations Department for General Assembly and Conference Management
(DGACM), "United Nations Regional Groups of Member States"
(un.org/dgacm/en/content/regional-groups).
The United States attends the Western European and Others Group as an observer and is counted
in it for elections; Türkiye takes part in both the Western European and Others Group and the
Asia-Pacific Group and is counted in the first for elections; so each appears once, where
elections count it. Observer States (the Holy See, the State of Palestine) belong to no
group. Checked against the regional group UPR Info's export gives every State (a test).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionalGroup(models.TextChoices):
    AFRICAN = "african", _("African Group")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific Group")
    EASTERN_EUROPEAN = "eastern_european", _("Eastern European Group")
    LATIN_AMERICAN_CARIBBEAN = "grulac", _("Latin American and Caribbean Group")
    WESTERN_EUROPEAN_OTHERS = "weog", _("Western European and Others Group")


def _codes(listing):
    return frozenset(listing.split())


REGIONAL_GROUPS = {
    RegionalGroup.AFRICAN: _codes(
        "DZ AO BJ BW BF BI CV CM CF TD KM CG CI CD DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR "
        "LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TG TN UG TZ ZM ZW"
    ),
    RegionalGroup.ASIA_PACIFIC: _codes(
        "AF BH BD BT BN KH CN CY KP FJ IN ID IR IQ JP JO KZ KI KW KG LA LB MY MV MH FM MN MM "
        "NR NP OM PK PW PG PH QA KR WS SA SG SB LK SY TJ TH TL TO TM TV AE UZ VU VN YE"
    ),
    RegionalGroup.EASTERN_EUROPEAN: _codes(
        "AL AM AZ BY BA BG HR CZ EE GE HU LV LT ME MK PL MD RO RU RS SK SI UA"
    ),
    RegionalGroup.LATIN_AMERICAN_CARIBBEAN: _codes(
        "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC "
        "VC SR TT UY VE"
    ),
    RegionalGroup.WESTERN_EUROPEAN_OTHERS: _codes(
        "AD AU AT BE CA DK FI FR DE GR IS IE IL IT LI LU MT MC NL NZ NO PT SM ES SE CH TR GB US"
    ),
}

_GROUP_OF = {code: group for group, codes in REGIONAL_GROUPS.items() for code in codes}


def regional_group(code):
    """The regional group of the State with ISO code `code`, or None (observers, the EU)."""
    return _GROUP_OF.get(str(code or "").upper())


def states_of(group):
    return REGIONAL_GROUPS[group]
