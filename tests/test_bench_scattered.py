"""bench/scattered_spellings.py keeps working: its places, sub-sampled cosines and nearest ranks,
on made-up neighbours (the figures it prints come from the 31k index: docs/relevance.md)."""

from __future__ import annotations

import importlib
import pathlib
import random
import sys
from collections import Counter

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        yield importlib.import_module("scattered_spellings")
    finally:
        sys.path.remove(str(ROOT / "bench"))


def test_places_are_the_neighbours_of_each_occurrence(bench):
    places: dict[str, list[list[str]]] = {}
    bench.occurrences([["a", "b", "x", "c"], ["x", "d"]], {"x"}, places)
    assert places == {"x": [["a", "b", "c"], ["d"]]}
    assert bench.counts(places["x"]) == Counter(a=1, b=1, c=1, d=1)


def test_subsamples_draw_n_places(bench):
    rare = [["tv"]] * 5 + [["trip"]] * 5
    draws = bench.subsampled(rare, Counter(tv=1), set(), 1, 40, random.Random(19))
    assert len(draws) == 40 and set(draws) == {0.0, 1.0}  # one place: the tv one or the trip one


def test_nearest_rank_counts_the_stems_as_alike(bench):
    others = {"tv": Counter(screen=3), "radio": Counter(screen=1, station=3), "trip": Counter(flight=2)}
    assert bench.nearest_rank(Counter(screen=2), "tv", others, set()) == 0
    assert bench.nearest_rank(Counter(screen=2), "radio", others, set()) == 1
