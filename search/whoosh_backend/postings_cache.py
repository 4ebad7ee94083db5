"""Decoded posting lists of common words, kept between searches in a memory budget.

Why: at a million articles, reading posting lists is most of a search (docs/benchmarks.md), and
nearly all of it goes to the few common words whose lists run to hundreds of thousands of
postings: Whoosh stores them as pickled blocks of 128, and unpickling them costs the same at
every search that names the word. Those words are few and come back in
query after query (a news archive's queries share "السعودية", "الملك", "وزارة"...), so keeping
their decoded arrays makes every later search that names them skip the decoding, whatever the
rest of the query is. Short lists are cheap to read and are not kept.

What is kept is a segment's list *before* deletions, keyed by the segment's id, the field and
the term: a segment's postings never change once written (deletions are a separate set, applied
by the caller at each use), so entries stay true across searcher refreshes, and an import that
adds segments leaves the cached lists of the old ones useful. Ids are kept as 32-bit integers
and weights as 32-bit floats when that loses nothing (term frequencies are small integers), half
the memory of the arrays a search works with.

Bounded by bytes with least-recently-used eviction (``cachetools.LRUCache``). One cache per
:class:`search.whoosh_backend.WhooshBackend`, i.e. per serving process, used under its lock; its
size is the ``FAHRAS_POSTINGS_CACHE_MB`` setting (search/settings.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from cachetools import LRUCache

# Lists shorter than this are read from the index every time: 16 blocks of 128 postings decode in
# well under a millisecond, and keeping them would fill the budget with the long tail.
MIN_CACHED_POSTINGS = 2048


@dataclass
class CacheStats:
    hits: int = 0  # common lists taken from memory
    misses: int = 0  # common lists read from the index and put in


def _compact(ids: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The narrowest exact dtypes for a list's ids and weights."""
    if len(ids) and int(ids[-1]) < 2**31:
        ids = ids.astype(np.int32)
    narrow = weights.astype(np.float32)
    if np.array_equal(narrow, weights):
        weights = narrow
    return ids, weights


def select(ids: np.ndarray, weights: np.ndarray, within: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """The postings of sorted ``ids`` whose document is in sorted ``within`` (None: all)."""
    if within is None:
        return ids, weights
    if not len(ids) or not len(within):
        return ids[:0], weights[:0]
    at = np.minimum(np.searchsorted(ids, within), len(ids) - 1)
    at = at[ids[at] == within]
    return ids[at], weights[at]


def _nbytes(entry: tuple[np.ndarray, np.ndarray]) -> int:
    return entry[0].nbytes + entry[1].nbytes


class PostingsCache:
    """``get``/``put`` decoded lists by (segment id, field, term bytes); see the module docstring."""

    def __init__(self, budget_mb: float, min_postings: int = MIN_CACHED_POSTINGS) -> None:
        self.min_postings = min_postings
        self.budget_bytes = int(budget_mb * 1024 * 1024)
        self._lists: LRUCache = LRUCache(maxsize=max(self.budget_bytes, 1), getsizeof=_nbytes)
        self.stats = CacheStats()

    def wants(self, postings: int) -> bool:
        """Whether a list this long is worth keeping (and reading whole to keep it)."""
        return self.budget_bytes > 0 and postings >= self.min_postings

    def get(self, key: tuple, within: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray] | None:
        """(int64 ids, float64 weights) as they were put, or None; with ``within`` (sorted ids),
        only the postings of those documents (what a search ranking a few documents needs of a
        common word: picking them costs a binary search each, not a pass over the list)."""
        entry = self._lists.get(key)
        if entry is None:
            return None
        self.stats.hits += 1
        ids, weights = select(*entry, within)
        return ids.astype(np.int64), weights.astype(np.float64)

    def put(self, key: tuple, ids: np.ndarray, weights: np.ndarray) -> None:
        self.stats.misses += 1
        entry = _compact(ids, weights)
        if _nbytes(entry) <= self.budget_bytes:  # a list bigger than the whole budget is not kept
            self._lists[key] = entry

    @property
    def size_bytes(self) -> int:
        return int(self._lists.currsize)

    def __len__(self) -> int:
        return len(self._lists)
