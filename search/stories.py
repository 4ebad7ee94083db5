"""One story once: a page of hits with one hit per story, its other articles listed with it.

An agency story run by five papers would fill half a page with one piece of news. Each article
stores the id of its story (``story``, decided at import: :mod:`indexer.stories`). Walking the
ranking, the first article of each story is its hit (a story's place, and its tier of full or
partial matches, is that of its best article) and the story's other articles are listed with it
(``Hit.duplicates``: "و N مصادر أخرى"). The walk always starts at the first rank, so page N+1
goes on exactly where page N stopped, and goes on until the page is full or the ranking ends: no
short pages. Backend-neutral: it needs the ranking, each document's story
(:meth:`search.backend.Searcher.stories_of`) and the shown stories' other articles
(:meth:`search.backend.Searcher.story_copies`).

What is counted: ``total`` counts articles and ``total_stories`` stories; the facet counts count
articles, as filters do (a filter on a source must count that source's copy).
docs/design.md "One story once".
"""

from __future__ import annotations

from collections.abc import Callable

from indexer.schema import STORY
from search.backend import DocKey, Searcher

MAX_COPIES = 20  # other articles listed with one hit
CHUNK = 50  # ranks fetched first; each further stretch is twice as long (a story-heavy ranking)
MAX_CHUNK = 5000


def copies(s: Searcher, key: DocKey, story: str, limit: int = MAX_COPIES) -> list[DocKey]:
    """The story's other articles (at most ``limit``), by one term look-up: how a backend whose
    look-ups are cheap (Whoosh: the story's postings) answers :meth:`Searcher.story_copies`."""
    return [other for other in s.documents_with(STORY, story, limit + 1) if other != key][:limit]


def page(s: Searcher, ranked: Callable[[int, int], list[tuple[DocKey, float | None]]], offset: int,
         limit: int) -> list[tuple[DocKey, float | None, list[DocKey]]]:
    """Stories ``offset`` to ``offset + limit`` of ``ranked(start, count)``: (hit, score, the
    story's other articles). The page's copies are asked for once, for all its hits
    (:meth:`Searcher.story_copies`). Once a shard has failed they are no longer looked up (a hung
    shard would make the look-up wait). Past the deadline they still are: a hit folded without
    its list would hide its copies."""
    kept: list[tuple[DocKey, float | None, str]] = []
    seen: set[str] = set()
    start, count = 0, CHUNK
    while len(kept) < offset + limit:
        chunk = ranked(start, count)
        if not chunk:
            break
        start += len(chunk)
        count = min(count * 2, MAX_CHUNK)
        for (key, score), story in zip(chunk, s.stories_of([key for key, _ in chunk]), strict=True):
            if story not in seen:
                seen.add(story)
                kept.append((key, score, story))
                if len(kept) >= offset + limit:
                    break
    shown = kept[offset:]
    if s.shards_failed:
        return [(key, score, []) for key, score, _story in shown]
    lists = s.story_copies([(key, story) for key, _score, story in shown], MAX_COPIES)
    return [(key, score, others) for (key, score, _story), others in zip(shown, lists, strict=True)]
