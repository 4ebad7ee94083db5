"""One story once: a page of hits where near-duplicates of a hit are folded into it.

An agency story run by five papers would fill half a page with one piece of news. Each article
carries near-duplicate keys (``near``: MinHash bands, :mod:`indexer.nearduplicates`); walking the
ranking, a hit takes with it the articles sharing one of its keys, which then no longer appear as
hits of their own further down, and are listed with it (``Hit.duplicates``: "و N مصادر أخرى").
Backend-neutral: it needs only the ranking, the stored keys and a term lookup
(:meth:`search.backend.Vocabulary.documents_with`).

What is counted: ``total`` and the facet counts count articles, as filters do (a filter on a
source must count that source's copy); the hits are stories. docs/design.md "One story once".
"""

from __future__ import annotations

from collections.abc import Callable

from indexer.schema import NEAR
from search.backend import DocKey, Searcher
from search.deadline import Deadline

MAX_COPIES = 20  # copies listed with one hit
CHUNK = 50  # ranks fetched at a time while walking


def copies(s: Searcher, key: DocKey) -> list[DocKey]:
    """The other articles sharing a near-duplicate key with ``key`` (at most ``MAX_COPIES``)."""
    out: list[DocKey] = []
    for term in (s.stored(key).get(NEAR) or "").split():
        for other in s.documents_with(NEAR, term, MAX_COPIES + 1):
            if other != key and other not in out:
                out.append(other)
    return out[:MAX_COPIES]


def page(s: Searcher, ranked: Callable[[int, int], list[tuple[DocKey, float | None]]], offset: int,
         limit: int, most: int, deadline: Deadline) -> list[tuple[DocKey, float | None, list[DocKey]]]:
    """Stories ``offset`` to ``offset + limit``: (hit, score, its copies), walking at most ``most``
    ranks of ``ranked(start, count)`` — a story's place is that of its best-ranked article. Past
    the deadline, or once a shard has failed, copies are no longer looked up (each lookup is a
    query: a hung shard would make every one wait), so the rest of the page is articles as ranked."""
    kept: list[tuple[DocKey, float | None, list[DocKey]]] = []
    folded: set[DocKey] = set()
    start = 0
    while len(kept) < offset + limit and start < most:
        chunk = ranked(start, min(CHUNK, most - start))
        if not chunk:
            break
        start += len(chunk)
        for key, score in chunk:
            if key in folded:
                continue
            found = [] if deadline.expired() or s.shards_failed else copies(s, key)
            folded.update(found)
            kept.append((key, score, found))
            if len(kept) >= offset + limit:
                break
    return kept[offset:]
