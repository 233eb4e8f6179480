import pytest

from accounts.figures import Proportion, percent


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(7, 13, 54), (1, 8, 13), (3, 8, 38), (26, 52, 50), (0, 5, 0), (5, 5, 100), (3, 0, 0)],
)
def test_percent_is_a_whole_number_rounded_half_up(part, whole, expected):
    assert percent(part, whole) == expected


def test_a_proportion_keeps_its_counts_beside_its_percentage():
    share = Proportion(7, 13)
    assert (share.part, share.whole, share.percent) == (7, 13, 54)
