"""The Whoosh backend: one index directory, one searcher reused, the engine's caches beside it.

The searcher is opened once (about 0.2 s on the 31k-article corpus); :meth:`WhooshBackend.refresh`
swaps in a new one when the index has changed (cheap otherwise). Whoosh's segment readers share
file objects (seek, then read), so two threads searching one searcher at once read each other's
blocks (``CorruptIndexError: Damaged postings block``, reproduced by
``tests/test_engine.py::test_threads_search_while_the_index_changes``): every use of the searcher
and its swap happen under one lock. Searching is CPU-bound and mostly holds the GIL, so the lock
costs little throughput; gunicorn's worker processes each have their own backend.

What the backend owns, kept across searches and refreshes: the postings cache (decoded lists of
common words) and the per-segment tables (field lengths, dates, facet ordinals, live masks).
"""

from __future__ import annotations

import contextlib
import pathlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.filedb.filetables import FileFormatError
from whoosh.index import EmptyIndexError
from whoosh.reading import CorruptIndexError

from indexer import context_spellings
from indexer.errors import IndexMissingError
from indexer.schema import DATE, ID
from indexer.stats import index_size
from indexer.store import check_versions, damage_reported, damaged_error, open_index, read_meta
from indexer.store import exists as index_exists
from search import stories
from search.backend import Selection
from search.deadline import Deadline
from search.ranking import DEFAULT_RANKING, Ranking
from search.settings import EngineSettings
from search.syntax import Group
from search.whoosh_backend import columns, parts
from search.whoosh_backend.compiler import WhooshCompiler, WhooshQuery, compile_query
from search.whoosh_backend.facets import count_facet
from search.whoosh_backend.postings_cache import PostingsCache
from search.whoosh_backend.scorer import ArrayEvaluator
from search.whoosh_backend.sets import intersect, top
from search.whoosh_backend.similar import similar_docnums
from search.whoosh_backend.stories import count_stories, stories_of
from search.whoosh_backend.tables import SegmentTables
from search.whoosh_backend.vocabulary import WhooshVocabulary
from search.wildcards import Expansions


class WhooshBackend:
    """A Fahras index on disk searched with Whoosh (:class:`search.backend.Backend`).

    Raises ``IndexMissingError``/``IndexVersionError``/``IndexDamagedError`` when opening.
    ``compiler``: the class that compiles query trees (a subclass may score differently:
    ``bench/ablation.py``).
    """

    name = "whoosh"

    def __init__(self, index_dir: str | pathlib.Path, ranking: Ranking = DEFAULT_RANKING, *,
                 postings_cache_mb: float = EngineSettings.postings_cache_mb,
                 compiler: type[WhooshCompiler] = WhooshCompiler) -> None:
        self.index_dir = pathlib.Path(index_dir)
        self.ranking = ranking
        self.compiler = compiler
        self.postings_cache = PostingsCache(postings_cache_mb)
        self.tables = SegmentTables()
        self._lock = threading.RLock()  # guards the searcher: see the module docstring
        self._ix = open_index(self.index_dir)
        self._searcher = self._open_searcher()
        self._table = context_spellings.stamp(self.index_dir)

    def _open_searcher(self):
        """A searcher on the newest commit, every segment's files open (:func:`columns.pin`). A
        writer may commit while it opens, removing segments it merged away: then the files are
        gone because the index moved on, not damaged, and the newer commit is opened instead."""
        attempts = 3
        while True:
            generation = self._ix.latest_generation()
            with damage_reported(self.index_dir):
                searcher = None
                try:
                    searcher = self._ix.searcher(weighting=self.compiler.weighting(self.ranking))
                    columns.pin(searcher)
                    return searcher
                except FileNotFoundError:
                    if searcher is not None:
                        searcher.close()
                    attempts -= 1
                    if not attempts or self._ix.latest_generation() == generation:
                        raise  # the same commit lacks a file (damage), or writers kept outrunning us
            self._ix = open_index(self.index_dir)

    @contextlib.contextmanager
    def searcher(self, deadline: Deadline) -> Iterator[WhooshSearcher]:
        with self._lock:
            try:
                yield WhooshSearcher(self, self._searcher, deadline)
            except (CorruptIndexError, FileFormatError) as err:  # damage inside a segment shows
                # only when a search reads it
                raise damaged_error(self.index_dir, err) from None

    def refresh(self) -> bool:
        with self._lock:
            table, self._table = self._table, context_spellings.stamp(self.index_dir)
            try:
                if self._searcher.up_to_date():
                    return table != self._table  # the spelling table mined again: caches go
            except (OSError, EmptyIndexError) as err:
                raise IndexMissingError(
                    f"the index at {self.index_dir} cannot be read any more ({err}): "
                    f"rebuild it with `fahras index SOURCE... --index {self.index_dir}`"
                ) from None
            if not index_exists(self.index_dir):
                raise IndexMissingError(
                    f"the index at {self.index_dir} has gone: "
                    f"rebuild it with `fahras index SOURCE... --index {self.index_dir}`"
                )
            check_versions(self.index_dir)
            old = self._searcher
            self._ix = open_index(self.index_dir)
            self._searcher = self._open_searcher()
            self.tables.keep_only(self._searcher.reader())
            old.close()  # nobody else holds it: every use is under the lock
            return True

    def stats(self) -> dict[str, Any]:
        with self._lock:
            meta = read_meta(self.index_dir)
            size = index_size(self.index_dir)
            return {
                "documents": self._searcher.doc_count(),
                "analyzer_version": meta.get("analyzer_version"),
                "schema_version": meta.get("schema_version"),
                "size_bytes": size,
            }

    def shards_down(self) -> list[str]:
        return []  # one index in this process: it answers, or stats() has said it cannot

    def context_spellings(self) -> dict[str, tuple[str, ...]]:
        return context_spellings.read(self.index_dir)

    def completions(self) -> dict[str, list[tuple[str, int]]]:
        return context_spellings.read_completions(self.index_dir)

    def apart_spellings(self) -> frozenset[tuple[str, str]]:
        return context_spellings.read_apart(self.index_dir)

    def close(self) -> None:
        with self._lock:
            self._searcher.close()


def open_backend(settings: EngineSettings, ranking: Ranking = DEFAULT_RANKING) -> WhooshBackend:
    """The registry's entry point (search/engine.py: ``BACKENDS``)."""
    return WhooshBackend(settings.index, ranking, postings_cache_mb=settings.postings_cache_mb)


class WhooshSearcher(WhooshVocabulary):
    """One request's view (:class:`search.backend.Searcher`): the backend's searcher, an array
    evaluator with the request's deadline, and the document sets it has matched, so that the
    query, each filter and the date window are matched once however many selections use them."""

    shards_failed: frozenset[str] = frozenset()  # one index in this process: nothing to fail apart

    def __init__(self, backend: WhooshBackend, searcher, deadline: Deadline) -> None:
        super().__init__(searcher.reader())
        self._backend = backend
        self._searcher = searcher
        self._tables = backend.tables
        self._evaluator = ArrayEvaluator(searcher, deadline, backend.postings_cache, backend.tables)
        self._memo: dict[tuple, np.ndarray] = {}
        self._stored: dict[int, dict[str, Any]] = {}
        # One expansion budget and deadline for the request (its AND and OR compilations too).
        self._expansions = Expansions(self, deadline, backend.ranking)

    def compile(self, tree: Group, conjunction: str, budget: int | None = None) -> WhooshQuery:
        return compile_query(self._searcher.reader(), self._backend.ranking, tree, conjunction,
                             self._backend.compiler, self._expansions, budget)

    # -- document sets -------------------------------------------------------------------------
    def _kept(self, key: tuple, make) -> np.ndarray:
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def _matching(self, query: WhooshQuery, start, end) -> np.ndarray:
        """The query's documents within the date window."""

        def make() -> np.ndarray:
            dated = None
            if start or end:
                dated = self._kept(("dates", start, end),
                                   lambda: columns.docs_in_range(self._tables, self._searcher, DATE, start, end))
            docs = self._evaluator.evaluate(query.matching, scored=False).docs
            return docs if dated is None else intersect(docs, dated)

        return self._kept(("query", query, start, end), make)

    def _having(self, field: str, values: tuple[str, ...]) -> np.ndarray:
        """The documents with any of ``values`` in ``field``."""
        query = wq.Or([wq.Term(field, v) for v in values])
        return self._kept(("filter", field, values),
                          lambda: self._evaluator.evaluate(query, scored=False).docs)

    def docs(self, selection: Selection) -> np.ndarray:
        """The sorted document numbers of a selection."""

        def make() -> np.ndarray:
            having = [self._having(field, values) for field, values in selection.filters]
            docs = self._matching(selection.query, selection.start, selection.end)
            for other in having:
                docs = intersect(docs, other)
            return docs

        return self._kept(("selection", selection), make)

    # -- what the engine asks --------------------------------------------------------------------
    def count(self, selection: Selection) -> int:
        return len(self.docs(selection))

    def top(self, selection: Selection, offset: int, limit: int) -> list[tuple[int, float]]:
        # Scored once per request: one page of stories may ask for several stretches of ranks.
        ranked = self._kept(("scored", selection), lambda: self._evaluator.evaluate(
            selection.query.scoring, scored=True, within=self.docs(selection)))
        best = top(ranked, offset + limit)[offset:]
        return list(zip(ranked.docs[best].tolist(), ranked.scores[best].tolist(), strict=True))

    def by_date(self, selection: Selection, newest: bool, offset: int, limit: int) -> list[int]:
        docs = columns.sorted_by_column(self._tables, self._searcher, self.docs(selection), DATE,
                                        newest, offset + limit)
        return docs[offset:].tolist()

    def facet_counts(self, selection: Selection, field: str, seconds: float) -> tuple[Counter, bool]:
        return count_facet(self._tables, self._searcher.reader(), field, self.docs(selection),
                           time.monotonic() + seconds)

    def stories_of(self, keys: list[int]) -> list[str]:
        return stories_of(self._tables, self._searcher.reader(), keys)

    def story_copies(self, hits: list[tuple[int, str]], limit: int) -> list[list[int]]:
        return [stories.copies(self, key, story, limit) for key, story in hits]

    def count_stories(self, selection: Selection) -> int:
        return count_stories(self._tables, self._searcher.reader(), self.docs(selection))

    def stored(self, key: int) -> dict[str, Any]:
        """A document's stored fields, read once per request."""
        if key not in self._stored:
            self._stored[key] = self._searcher.stored_fields(key)
        return self._stored[key]

    def body_part(self, key: int, number: int) -> str:
        return parts.body_part(self._searcher.reader(), key, self.stored(key), number)

    def find(self, doc_id: str) -> int | None:
        return self._searcher.document_number(**{ID: doc_id})

    def similar(self, key: int, limit: int) -> list[tuple[int, float]]:
        return similar_docnums(self._searcher, key, limit, self.stored(key))
