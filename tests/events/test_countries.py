import pytest
from django.utils import translation
from django_countries import countries
from django_countries.fields import Country

from events.countries import country_code
from participants.resources.widgets import CountryWidget, parse_country

# The recommending States of UPR Info's export for Working Group sessions 6-9 as it writes
# them, with the UN short name each must come out as.
UPR_INFO_NAMES = {
    "Bosnia & Herzegovina": "Bosnia and Herzegovina",
    "Cote d'Ivoire": "Côte d'Ivoire",
    "Czech Republic": "Czechia",
    "DPR Korea": "Democratic People's Republic of Korea",
    "Democratic Republic of Congo": "Democratic Republic of the Congo",
    "Guinea Bissau": "Guinea-Bissau",
    "Laos": "Lao People's Democratic Republic",
    "Macedonia FYR": "North Macedonia",
    "Palestine": "State of Palestine",
    "Republic of Congo": "Congo",
    "Trinidad & Tobago": "Trinidad and Tobago",
    "Turkey": "Türkiye",
    "Iran": "Iran (Islamic Republic of)",
    "Syria": "Syrian Arab Republic",
}

COMMON_VARIANTS = {
    "Vietnam": "VN",
    "viet nam": "VN",
    "South Korea": "KR",
    "Republic of Korea": "KR",
    "North Korea": "KP",
    "UK": "GB",
    "United States": "US",
    "USA": "US",
    "Bahamas (The)": "BS",
    "the Netherlands": "NL",
    "Türkiye": "TR",
    "Turkiye": "TR",
    "KHM": "KH",
    "kh": "KH",
    "European Union": "EU",
}


@pytest.mark.parametrize(("written", "un_name"), UPR_INFO_NAMES.items(), ids=list(UPR_INFO_NAMES))
def test_country_code_reads_upr_info_names_as_un_names(written, un_name):
    code = country_code(written)

    assert str(Country(code).name) == un_name


@pytest.mark.parametrize(("written", "code"), COMMON_VARIANTS.items(), ids=list(COMMON_VARIANTS))
def test_country_code_accepts_common_variants(written, code):
    assert country_code(written) == code


@pytest.mark.parametrize("written", ["", "Atlantis", "XYZ", "Korea, Narnia"])
def test_country_code_unknown_is_empty(written):
    assert country_code(written) == ""


def test_country_names_are_the_un_short_names():
    names = {code: str(countries.name(code)) for code in ("VN", "KR", "TR", "CZ", "LA", "GB")}

    assert names == {
        "VN": "Viet Nam",
        "KR": "Republic of Korea",
        "TR": "Türkiye",
        "CZ": "Czechia",
        "LA": "Lao People's Democratic Republic",
        "GB": "United Kingdom of Great Britain and Northern Ireland",
    }


def test_every_un_name_reads_back_to_its_code():
    mismatched = [(code, str(name)) for code, name in countries if country_code(str(name)) != code]

    assert mismatched == []


def test_import_widget_refuses_an_unknown_country_with_its_value():
    with pytest.raises(ValueError, match="Atlantis"):
        parse_country("Atlantis")


@pytest.mark.parametrize("language", ["en", "fr", "km"])
def test_every_name_of_a_language_reads_back_to_its_code(language):
    with translation.override(language):
        names = [(code, str(name)) for code, name in countries]

    mismatched = [(code, name) for code, name in names if country_code(name) != code]

    assert mismatched == []


@pytest.mark.parametrize(
    ("language", "name"), [("fr", "Cambodge"), ("km", "កម្ពុជា")], ids=["fr", "km"]
)
def test_a_country_exported_in_french_or_khmer_imports_back(language, name):
    with translation.override(language):
        exported = CountryWidget().render(Country("KH"))

    assert (exported, CountryWidget().clean(exported)) == (name, "KH")
