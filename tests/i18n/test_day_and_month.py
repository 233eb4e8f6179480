import datetime

import pytest
from django.utils import translation

from accounts.languages import day_and_month

NOVEMBER_14 = datetime.date(2018, 11, 14)


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "14 Nov"), ("fr", "14 nov."), ("km", "14 វិច្ឆិកា")]
)
def test_a_day_and_its_month_as_each_language_writes_them(language, expected):
    with translation.override(language):
        assert day_and_month(NOVEMBER_14) == expected
