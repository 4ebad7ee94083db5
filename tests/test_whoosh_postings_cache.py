"""search/whoosh_backend/postings_cache.py: what it keeps, in what form, and what it drops when full."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from search.whoosh_backend.postings_cache import PostingsCache, select


def _list(n: int, start: int = 0, weight: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    return np.arange(start, start + n, dtype=np.int64), np.full(n, weight, dtype=np.float64)


def test_lists_come_back_as_they_went_in_in_the_searchs_dtypes():
    cache = PostingsCache(budget_mb=1, min_postings=1)
    ids = np.array([3, 7, 2**20], dtype=np.int64)
    weights = np.array([1.0, 4.0, 2.0])
    cache.put(("seg", "body", b"w"), ids, weights)
    got_ids, got_weights = cache.get(("seg", "body", b"w"))
    assert got_ids.dtype == np.int64 and got_weights.dtype == np.float64
    assert got_ids.tolist() == ids.tolist() and got_weights.tolist() == weights.tolist()
    assert cache.size_bytes == 3 * 4 + 3 * 4  # kept as 32-bit: small integers lose nothing


def test_weights_that_32_bits_would_round_are_kept_whole():
    cache = PostingsCache(budget_mb=1, min_postings=1)
    weights = np.array([0.1, 1 / 3])
    cache.put("k", np.array([1, 2]), weights)
    assert cache.get("k")[1].tolist() == weights.tolist()


def test_a_changed_result_does_not_change_the_cache():
    cache = PostingsCache(budget_mb=1, min_postings=1)
    cache.put("k", *_list(4))
    ids, weights = cache.get("k")
    ids[0], weights[0] = 99, 9.0
    assert cache.get("k")[0][0] == 0 and cache.get("k")[1][0] == 1.0


def test_the_least_recently_used_list_goes_first_when_the_budget_is_full():
    cache = PostingsCache(budget_mb=8 * 1000 * 3 / 1024 / 1024, min_postings=1)  # three lists of 1,000
    for name in "abc":
        cache.put(name, *_list(1000))
    cache.get("a")  # now "b" is the least recently used
    cache.put("d", *_list(1000))
    assert cache.get("b") is None
    assert all(cache.get(name) is not None for name in "acd")
    assert cache.size_bytes <= cache.budget_bytes


def test_a_list_bigger_than_the_budget_is_not_kept():
    cache = PostingsCache(budget_mb=8 * 100 / 1024 / 1024, min_postings=1)
    cache.put("big", *_list(101))
    assert cache.get("big") is None and len(cache) == 0


def test_only_long_lists_are_wanted_and_a_zero_budget_wants_none():
    cache = PostingsCache(budget_mb=1, min_postings=2048)
    assert not cache.wants(2047) and cache.wants(2048)
    assert not PostingsCache(budget_mb=0).wants(10**6)


def test_hits_and_misses_are_counted():
    cache = PostingsCache(budget_mb=1, min_postings=1)
    assert cache.get("k") is None
    cache.put("k", *_list(3))
    cache.get("k")
    cache.get("k")
    assert (cache.stats.hits, cache.stats.misses) == (2, 1)


@given(st.sets(st.integers(0, 300)), st.sets(st.integers(0, 300)))
def test_select_keeps_exactly_the_postings_of_the_wanted_documents(have, want):
    ids = np.array(sorted(have), dtype=np.int32)
    weights = ids.astype(np.float32) / 2
    got_ids, got_weights = select(ids, weights, np.array(sorted(want), dtype=np.int64))
    assert got_ids.tolist() == sorted(have & want)
    assert got_weights.tolist() == [i / 2 for i in sorted(have & want)]


def test_get_within_gives_only_those_documents():
    cache = PostingsCache(budget_mb=1, min_postings=1)
    cache.put("k", np.array([2, 5, 9, 12]), np.array([1.0, 2.0, 3.0, 4.0]))
    ids, weights = cache.get("k", np.array([0, 5, 12, 40]))
    assert ids.tolist() == [5, 12] and weights.tolist() == [2.0, 4.0]
    assert ids.dtype == np.int64
