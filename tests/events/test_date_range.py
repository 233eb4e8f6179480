"""Event dates in each language: Django's month names, the app's format modules
(upr_presession/formats) and a translatable pattern for each shape of range."""

import datetime

import pytest
from django.utils import formats, translation

from events.models import date_range
from tests.catalogues import translated

d = datetime.date


@pytest.mark.parametrize(
    ("language", "start", "end", "expected"),
    [
        ("en", d(2018, 11, 14), d(2018, 11, 16), "14–16 November 2018"),
        ("fr", d(2018, 11, 14), d(2018, 11, 16), "14–16 novembre 2018"),
        ("km", d(2018, 11, 14), d(2018, 11, 16), "14–16 វិច្ឆិកា 2018"),
        ("en", d(2018, 11, 30), d(2018, 12, 2), "30 November – 2 December 2018"),
        ("fr", d(2018, 11, 30), d(2018, 12, 2), "30 novembre – 2 décembre 2018"),
        ("km", d(2018, 11, 30), d(2018, 12, 2), "30 វិច្ឆិកា – 2 ធ្នូ 2018"),
        ("fr", d(2018, 12, 31), d(2019, 1, 1), "31 décembre 2018 – 1 janvier 2019"),
        ("km", d(2018, 12, 31), d(2019, 1, 1), "31 ធ្នូ 2018 – 1 មករា 2019"),
        ("fr", d(2018, 11, 14), d(2018, 11, 14), "14 novembre 2018"),
        ("km", d(2018, 11, 14), d(2018, 11, 14), "14 វិច្ឆិកា 2018"),
    ],
    ids=lambda value: str(value),
)
def test_date_range_in_each_language(language, start, end, expected):
    with translation.override(language):
        assert date_range(start, end) == expected


def test_date_range_takes_the_order_of_its_parts_from_the_translation(settings, tmp_path):
    # A language that writes ranges another way only translates the pattern.
    translated(
        settings,
        tmp_path,
        "fr",
        {
            ("date range within one month", "%(start_day)s–%(end_date)s"): (
                "du %(start_day)s au %(end_date)s"
            ),
            ("date range within one year", "%(start_day_month)s – %(end_date)s"): (
                "du %(start_day_month)s au %(end_date)s"
            ),
            ("date range over two years", "%(start_date)s – %(end_date)s"): (
                "du %(start_date)s au %(end_date)s"
            ),
        },
    )

    with translation.override("fr"):
        ranges = [
            date_range(d(2018, 11, 14), d(2018, 11, 16)),
            date_range(d(2018, 11, 30), d(2018, 12, 2)),
            date_range(d(2018, 12, 31), d(2019, 1, 1)),
        ]

    assert ranges == [
        "du 14 au 16 novembre 2018",
        "du 30 novembre au 2 décembre 2018",
        "du 31 décembre 2018 au 1 janvier 2019",
    ]


def test_dates_and_numbers_in_the_format_modules():
    day = d(2018, 11, 14)

    with translation.override("fr"):
        french = (
            formats.date_format(day, "SHORT_DATE_FORMAT"),
            formats.date_format(d(2018, 6, 14), "SHORT_DATE_FORMAT"),
            formats.number_format(12345, force_grouping=True),
        )
    with translation.override("km"):
        khmer = (
            formats.date_format(day, "SHORT_DATE_FORMAT"),
            formats.number_format(12345.5, 1, force_grouping=True),
        )

    assert french == ("14 nov. 2018", "14 juin 2018", "12\xa0345")
    assert khmer == ("14 វិច្ឆិកា 2018", "12.345,5")
