"""Sets of documents as sorted numpy arrays, with scores: the algebra a query tree is evaluated in.

Document numbers are unique and sorted in every :class:`Matches`; scores, when present, are
aligned with them. Each operation mirrors a Whoosh matcher (noted on each function) so that the
array evaluation (:mod:`search.whoosh_backend.scorer`) gives Whoosh's matches and scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_SCORES = np.zeros(0, dtype=np.float64)


@dataclass
class Matches:
    """Sorted unique document numbers and, when scored, each one's score."""

    docs: np.ndarray
    scores: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.docs)

    @classmethod
    def empty(cls, scored: bool) -> Matches:
        return cls(_EMPTY_IDS, _EMPTY_SCORES if scored else None)


def union(parts: list[Matches], scored: bool, size: int | None = None) -> Matches:
    """Documents in any part; scores added (``Or``). ``size``: the segment's document count, for
    counting common words' unions densely (a pass over the segment instead of a sort)."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return Matches.empty(scored)
    if len(parts) == 1:
        return parts[0]
    ids = np.concatenate([p.docs for p in parts])
    weights = np.concatenate([p.scores for p in parts]) if scored else None
    if size is not None and len(ids) * 8 > size:
        present = np.bincount(ids, minlength=size)
        docs = np.flatnonzero(present)
        if not scored:
            return Matches(docs)
        return Matches(docs, np.bincount(ids, weights=weights, minlength=size)[docs])
    docs, inverse = np.unique(ids, return_inverse=True)
    if not scored:
        return Matches(docs)
    return Matches(docs, np.bincount(inverse, weights=weights, minlength=len(docs)))


def at_least(parts: list[Matches], minimum: int, scored: bool, size: int | None = None,
             times: list[int] | None = None) -> Matches:
    """Documents in at least ``minimum`` of the parts, part ``i`` counting ``times[i]`` (default
    1); scores added once a part (:class:`~search.whoosh_backend.atleast.AtLeast`). ``size``: as
    for :func:`union`."""
    times = times or [1] * len(parts)
    kept = [(p, n) for p, n in zip(parts, times, strict=True) if len(p)]
    if sum(n for _p, n in kept) < minimum:
        return Matches.empty(scored)
    parts = [p for p, _n in kept]
    ids = np.concatenate([p.docs for p in parts])
    # a compound's two words: its documents count twice (None: every part counts once)
    each = None
    if any(n > 1 for _p, n in kept):
        each = np.concatenate([np.full(len(p), n, dtype=np.int64) for p, n in kept])
    if size is not None and len(ids) * 8 > size:
        counts = np.bincount(ids, weights=each, minlength=size)
        docs = np.flatnonzero(counts >= minimum)
        if not scored:
            return Matches(docs)
        weights = np.concatenate([p.scores for p in parts])
        return Matches(docs, np.bincount(ids, weights=weights, minlength=size)[docs])
    docs, inverse, counts = np.unique(ids, return_inverse=True, return_counts=True)
    if each is not None:
        counts = np.bincount(inverse, weights=each, minlength=len(docs))
    keep = counts >= minimum
    if not scored:
        return Matches(docs[keep])
    weights = np.concatenate([p.scores for p in parts])
    return Matches(docs[keep], np.bincount(inverse, weights=weights, minlength=len(docs))[keep])


def intersection(parts: list[Matches], scored: bool) -> Matches:
    """Documents in every part; scores added (``And``)."""
    if not parts:
        return Matches.empty(scored)
    result = parts[0]
    for p in parts[1:]:
        docs, left, right = np.intersect1d(result.docs, p.docs, assume_unique=True, return_indices=True)
        scores = result.scores[left] + p.scores[right] if scored else None
        result = Matches(docs, scores)
        if not len(result):
            break
    return result


def intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sorted unique document numbers in both ``a`` and ``b``."""
    return np.intersect1d(a, b, assume_unique=True)


def restrict(m: Matches, docs: np.ndarray) -> Matches:
    """``m`` on the documents of ``docs`` only (the filters' and dates' survivors)."""
    keep = np.isin(m.docs, docs, assume_unique=True)
    return Matches(m.docs[keep], m.scores[keep] if m.scores is not None else None)


def difference(a: Matches, b: Matches) -> Matches:
    """``a``'s documents not in ``b``, with ``a``'s scores (``AndNot``)."""
    if not len(a) or not len(b):
        return a
    keep = ~np.isin(a.docs, b.docs, assume_unique=True)
    return Matches(a.docs[keep], a.scores[keep] if a.scores is not None else None)


def add_where_present(a: Matches, b: Matches) -> Matches:
    """``a``, plus ``b``'s score on the documents both have (``AndMaybe``)."""
    if a.scores is None or not len(a) or not len(b):
        return a
    _docs, left, right = np.intersect1d(a.docs, b.docs, assume_unique=True, return_indices=True)
    scores = a.scores.copy()
    scores[left] += b.scores[right]
    return Matches(a.docs, scores)


def scaled(m: Matches, boost: float) -> Matches:
    """Scores times ``boost`` (a compound query's boost)."""
    if boost == 1.0 or m.scores is None:
        return m
    return Matches(m.docs, m.scores * boost)


def top(m: Matches, limit: int) -> np.ndarray:
    """Positions in ``m`` of the ``limit`` best scores, best first, ties by lower document number
    (as Whoosh's top collector orders them)."""
    n = len(m)
    if n == 0 or limit <= 0:
        return np.zeros(0, dtype=np.int64)
    scores = m.scores
    if limit < n:
        # everything scoring at least the limit-th best, then a stable sort (docs are ascending)
        kth = np.partition(scores, n - limit)[n - limit]
        candidates = np.flatnonzero(scores >= kth)
    else:
        candidates = np.arange(n)
    order = np.argsort(-scores[candidates], kind="stable")
    return candidates[order][:limit]
