"""The Poisson tails the co-occurrence tests read (analyzers/chance.py)."""

from __future__ import annotations

import math

import pytest

from analyzers.chance import at_least, at_most, expected_together


def test_tails_of_a_small_mean():
    assert at_most(0, 1.0) == pytest.approx(math.exp(-1))
    assert at_most(1, 2.0) == pytest.approx(3 * math.exp(-2))
    assert at_least(4, 0.8) == pytest.approx(1 - math.exp(-0.8) * (1 + 0.8 + 0.32 + 0.8**3 / 6))
    assert at_least(0, 5.0) == 1.0 and at_most(-1, 5.0) == 0.0


def test_a_large_mean_does_not_underflow():
    # exp(-3758) is 0 in floating point: the sum is taken in log space
    assert at_most(3758, 3758.0) == pytest.approx(0.5, abs=0.01)
    assert 0 < at_most(3600, 3758.0) < 0.01
    assert at_least(2431, 1879.0) < 1e-12


def test_no_mean_and_the_expected_count():
    assert at_most(0, 0.0) == 1.0
    assert expected_together(100, 300, 30_000) == 1.0 and expected_together(5, 5, 0) == 25.0
