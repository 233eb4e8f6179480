"""The report's sentences are whole translatable patterns: no English word order or lower-
cased label built in code. Each test gives a catalogue of its own (tests/catalogues.py)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from accounts import charts
from participants.models import Gender
from reports import selectors
from reports.stats import GenderSplit
from reports.templatetags.report_text import and_join
from tests.catalogues import translated

SEPARATOR = ("separator between the items of a list", ", ")


def test_gender_sentence_has_a_phrase_for_every_category():
    split = GenderSplit.from_gender_counts(
        {
            Gender.WOMAN: 4,
            Gender.MAN: 3,
            Gender.ANOTHER: 1,
            Gender.UNDISCLOSED: 1,
            Gender.NOT_RECORDED: 1,
        }
    )

    assert selectors.gender_sentence(split) == (
        "40% women, 30% men, 10% another identity, 10% prefer not to say, 10% not recorded"
    )


def test_gender_sentence_takes_each_phrase_and_the_separator_from_the_translation(
    settings, tmp_path
):
    translated(
        settings,
        tmp_path,
        "fr",
        {
            "%(percent)s%% women": "%(percent)s\xa0%% de femmes",
            "%(percent)s%% men": "%(percent)s\xa0%% d’hommes",
            "%(percent)s%% not recorded": "%(percent)s\xa0%% non renseignés",
            # The label alone, as a heading writes it: the sentence must not lower-case it.
            "Not recorded": "Non renseigné",
            SEPARATOR: " ; ",
        },
    )
    split = GenderSplit.from_gender_counts({Gender.WOMAN: 5, Gender.MAN: 4, Gender.NOT_RECORDED: 1})

    with translation.override("fr"):
        sentence = selectors.gender_sentence(split)

    assert sentence == "50\xa0% de femmes ; 40\xa0% d’hommes ; 10\xa0% non renseignés"


def test_gender_shares_line_uses_the_same_phrases():
    split = GenderSplit.from_gender_counts({Gender.WOMAN: 1, Gender.UNDISCLOSED: 1})

    html = Template('{% include "reports/_gender_shares.html" %}').render(Context({"split": split}))

    assert "50% women" in html and "50% prefer not to say" in html
    assert "woman" not in html.replace("women", "")


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["Togo"], "Togo"),
        (["Mozambique", "Togo"], "Mozambique and Togo"),
        (["Mozambique", "Peru", "Togo"], "Mozambique, Peru and Togo"),
    ],
    ids=["none", "one", "two", "three"],
)
def test_and_join_in_english(items, expected):
    assert and_join(items) == expected


def test_and_join_takes_the_pattern_and_the_separator_from_the_translation(settings, tmp_path):
    translated(
        settings,
        tmp_path,
        "km",
        {"%(items)s and %(last)s": "%(items)s និង %(last)s", SEPARATOR: " "},
    )

    with translation.override("km"):
        joined = and_join(["កម្ពុជា", "ថៃ", "វៀតណាម"])

    assert joined == "កម្ពុជា ថៃ និង វៀតណាម"


def test_percent_filter_is_a_translatable_pattern(settings, tmp_path):
    translated(settings, tmp_path, "fr", {("a percentage", "%(value)s%%"): "%(value)s\xa0%%"})
    template = Template("{% load percentages %}{{ share|percent }}")

    english = template.render(Context({"share": 54}))
    with translation.override("fr"):
        french = template.render(Context({"share": 54}))
        chart = charts.gender_chart([("Jour 1", [("woman", 54, 13), ("man", 46, 11)])], [])

    assert (english, french) == ("54%", "54\xa0%")
    assert ">54\xa0%</text>" in chart
