"""The Sphinx backend (:class:`search.backend.Backend`): a cluster's coordinator, its side stores
and vocabulary, opened once per serving process.

What it keeps across requests: one SphinxQL connection per thread (a request's statements go one
after another on it), the shards' side stores (the originals, read for the hits of a page), the
cluster's vocabulary (document frequencies for the IDF correction, expansions and suggestions) and
the average field lengths the re-scoring needs. ``refresh()`` is cheap: an import rewrites the
vocabulary file last, so a changed file means the indexes changed.

A coordinator that does not answer is :class:`~search.sphinx_backend.client.EngineUnavailable`, an
``IndexProblem`` (exit 1 on the CLI, 503 ``index_unavailable`` on the web); a hung one fails the same
way after the time limit and a margin, never holding a worker longer.
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from indexer import context_spellings
from indexer.errors import IndexMissingError
from indexer.stats import index_size
from search.backend import SIMILAR_CHARS
from search.deadline import Deadline
from search.ranking import DEFAULT_RANKING, Ranking
from search.settings import EngineSettings
from search.sphinx_backend import client, rescore
from search.sphinx_backend.cluster import Cluster, locate
from search.sphinx_backend.compiler import Compiled
from search.sphinx_backend.importer import expected_versions, field_terms
from search.sphinx_backend.searcher import SphinxSearcher, idf_ratio
from search.sphinx_backend.store import Store
from search.sphinx_backend.vocabulary import Vocabulary

READ_MARGIN = 1.0  # seconds a coordinator may take past the time limit before it counts as hung
NO_LIMIT_READ = 60.0  # read time-out of searches without a time limit (evaluation, documents)
KEY_TERMS = 15  # terms of a document a similar-articles query looks for (Whoosh's more_like)


class SphinxBackend:
    """Search a cluster (a directory made by ``fahras cluster start``). ``max_matches``: ranks a
    search may page to (the request limits' ``max_depth``)."""

    name = "sphinx"

    def __init__(self, cluster: Cluster, ranking: Ranking = DEFAULT_RANKING, *,
                 query_time_limit: float | None = EngineSettings.query_time_limit,
                 max_matches: int = 1000) -> None:
        if cluster.directory is None:
            raise IndexMissingError(
                f"{cluster.address}: the articles' originals live in the cluster's directory; "
                "search with --cluster DIR (FAHRAS_CLUSTER) on a machine that holds it")
        self.cluster = cluster
        self.ranking = ranking
        self.max_matches = max_matches
        # Score the top of plain-word queries again with Fahras's BM25F (rescore.py); off, the
        # order is Sphinx's own bm25f() (bench/sphinx_parity.py --native measures it).
        self.rescoring = True
        # One round trip fewer (searcher.py): a selection's count from the statement that ranks
        # its top. Off, the count is a statement of its own, as before (bench/sphinx_profile.py
        # --compare measures both in one run).
        self.batching = True
        # A coordinator that hangs must not hang the search: it has the time limit and a margin
        # for the agents' own time-outs, then the search fails as index_unavailable.
        self._read_timeout = (query_time_limit if query_time_limit is not None else NO_LIMIT_READ) + READ_MARGIN
        self._local = threading.local()
        self._agent_names = {f"{cluster.host}:{n.api_port}": n.name for n in cluster.shards}
        self.vocabulary = Vocabulary(cluster.directory)
        self._field_stats = rescore.StatsCache()
        self._store_lock = threading.Lock()
        self._stores = self._open_stores()
        self._seen = self._vocabulary_stamp()
        self._table = context_spellings.stamp(self.cluster.directory)
        self._values: dict[str, tuple[float | None, int]] = {}  # facet field → (stamp, its values)

    def values_of(self, field: str, count: Callable[[str], int]) -> int:
        """The number of values of a facet field over the cluster, from ``count`` once per index
        version (the vocabulary's stamp: every import rewrites it): what a facet's grouping
        must keep on each shard to count exactly (searcher.py)."""
        stamp = self._vocabulary_stamp()
        known = self._values.get(field)
        if known is None or known[0] != stamp:
            known = (stamp, count(field))
            self._values[field] = known
        return known[1]

    def _open_stores(self) -> list[Store]:
        stores = [Store(self.cluster.store_path(n)) for n in self.cluster.shards]
        try:
            for store in stores:  # refuses a cluster analysed by another version
                store.check_versions(expected_versions(), str(self.cluster.directory))
        except Exception:
            for store in stores:
                store.close()
            raise
        return stores

    # -- the Backend protocol ----------------------------------------------------------------------
    @contextlib.contextmanager
    def searcher(self, deadline: Deadline) -> Iterator[SphinxSearcher]:
        yield SphinxSearcher(self, deadline)

    def _vocabulary_stamp(self) -> float | None:
        try:
            return self.vocabulary.path.stat().st_mtime
        except OSError:
            return None

    def refresh(self) -> bool:
        if not (self.cluster.directory / "cluster.json").exists():
            raise IndexMissingError(f"the cluster at {self.cluster.directory} has gone: start one with "
                                    f"`fahras cluster start --dir {self.cluster.directory}` and import again")
        stamp = self._vocabulary_stamp()
        table, self._table = self._table, context_spellings.stamp(self.cluster.directory)
        if stamp == self._seen:
            return table != self._table  # the spelling table, written after the vocabulary
        self._seen = stamp
        return True

    def stats(self) -> dict[str, Any]:
        """The cluster's numbers without asking a shard: the engine reads ``documents`` in a
        search's first expansion, outside its deadline, and a hung shard held that search 3-6 s
        (the coordinator waits for its agents, a stopped shard for the read time-out). The
        documents are the side stores' (each shard's originals: what it serves once an import
        is rotated in); only the coordinator is asked, a question its agents play no part in."""
        if not client.answers(self.cluster.host, self.cluster.coordinator_port):
            raise client.EngineUnavailable(f"searchd at {self.cluster.address} does not answer")
        versions = self._stores[0].versions() if self._stores else {}
        shards = self._store_counts()
        return {
            "documents": sum(shards.values()),
            "analyzer_version": _number(versions.get("analyzer_version")),
            "schema_version": _number(versions.get("schema_version")),
            "size_bytes": index_size(self.cluster.directory),
            "backend": self.name,
            "cluster": self.cluster.address,
            "shards": shards,
        }

    def _store_counts(self) -> dict[str, int]:
        """Each shard's documents, from its side store."""
        with self._store_lock:
            return {node.name: store.count() for node, store in zip(self.cluster.shards, self._stores, strict=True)}

    def shards_down(self) -> list[str]:
        """Each shard asked directly, all at once: a hung one costs its connection time-out once,
        not once per shard, and a search meanwhile still answers with the others' hits."""
        shards = self.cluster.shards
        with ThreadPoolExecutor(max_workers=max(1, len(shards))) as pool:
            up = list(pool.map(lambda n: client.answers(self.cluster.host, n.port), shards))
        return sorted(n.name for n, answers in zip(shards, up, strict=True) if not answers)

    def context_spellings(self) -> dict[str, tuple[str, ...]]:
        return context_spellings.read(self.cluster.directory)

    def completions(self) -> dict[str, list[tuple[str, int]]]:
        return context_spellings.read_completions(self.cluster.directory)

    def apart_spellings(self) -> frozenset[tuple[str, str]]:
        return context_spellings.read_apart(self.cluster.directory)

    def close(self) -> None:
        self._drop_conn()
        self.vocabulary.close()
        with self._store_lock:
            for s in self._stores:
                s.close()
            self._stores = []

    # -- SphinxQL ----------------------------------------------------------------------------------
    def _conn(self) -> client.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = client.Connection(self.cluster.host, self.cluster.coordinator_port, timeout=self._read_timeout)
            self._local.conn = conn
        return conn

    def batch(self, statements: list[tuple[str, list | None]]) -> list[list[tuple]]:
        """Statements in one round trip; one new connection, once, if the coordinator restarted."""
        try:
            return self._conn().batch(statements)
        except client.EngineUnavailable as err:
            self._drop_conn()
            if err.hung:  # waiting again would double the time the user waits for a 503
                raise
            try:
                return self._conn().batch(statements)
            except client.EngineUnavailable:
                self._drop_conn()
                raise

    def _drop_conn(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
        self._local.conn = None

    def shard_name(self, agent: str) -> str:
        """``shard1`` for the agent address ``127.0.0.1:9415`` (the address when unknown)."""
        return self._agent_names.get(agent, agent)

    # -- the side stores ---------------------------------------------------------------------------
    def documents(self, nums: list[int]) -> dict[int, dict]:
        """The originals of documents by number (absent ones left out)."""
        out: dict[int, dict] = {}
        for store, part in self._by_store(nums):
            out.update(store.documents(part))
        return out

    def tokens_of(self, nums: list[int]) -> dict[int, dict]:
        """The analysed fields of documents by number, as ``indexer`` was fed them (absent ones
        left out): what re-scoring counts a query's keywords in."""
        out: dict[int, dict] = {}
        for store, part in self._by_store(nums):
            out.update(store.tokens_of(part))
        return out

    def present(self, nums: list[int]) -> set[int]:
        """Which documents the side stores hold, their originals unread."""
        out: set[int] = set()
        for store, part in self._by_store(nums):
            out |= store.present(part)
        return out

    def _by_store(self, nums: list[int]) -> Iterator[tuple[Store, list[int]]]:
        """Each store with its documents among ``nums``, under the stores' lock."""
        with self._store_lock:
            by_shard: dict[int, list[int]] = {}
            for num in nums:
                by_shard.setdefault(num % len(self._stores), []).append(num)
            for k, part in by_shard.items():
                yield self._stores[k], part

    def body_part(self, num: int, part: int) -> str | None:
        """Part ``part`` (2 or more) of a long body, from its shard's store."""
        with self._store_lock:
            return self._stores[num % len(self._stores)].body_part(num, part)

    def key_terms(self, title: str, body: str, count: int = KEY_TERMS) -> list[tuple[str, float]]:
        """A document's most telling stems, weighted, as Whoosh's ``more_like`` picks them: the
        Bo1 model over the title (twice) and the first ``SIMILAR_CHARS`` of the body (its stored
        first part: a long body is never read whole), collection frequencies from the
        vocabulary; weights divided by the best one."""
        words = field_terms(title[:SIMILAR_CHARS])[1] * 2 + field_terms(body[:SIMILAR_CHARS])[1]
        n = max(1, self.vocabulary.documents())
        scored = []
        for word, weight in Counter(words).items():
            cf = self.vocabulary.frequency("text", word)
            if cf:
                f = cf / n
                scored.append((weight * math.log2((1.0 + f) / f) + math.log2(1.0 + f), word))
        scored.sort(key=lambda x: (-x[0], x[1]))
        top = scored[:count]
        best = top[0][0] if top else 1.0
        return [(word, score / best) for score, word in top]

    # -- ranking -----------------------------------------------------------------------------------
    def idf_ratio(self, kind: str, term: str) -> float:
        """Fahras's IDF of a term over the one Sphinx computes (:func:`.searcher.idf_ratio`)."""
        return idf_ratio(self.vocabulary.documents(), self.vocabulary.doc_frequency(kind, term))

    def rescored(self, rows: list[tuple], compiled: Compiled) -> list[tuple[int, float]]:
        """Candidates (id, weight, seq, story, field lengths, [lead]) ordered by Fahras's BM25F
        times the lead factor (:mod:`.rescore`), ties by import order."""
        stats = self._field_stats.get(self.batch, self._seen)
        end = 4 + len(rescore.LENGTH_FIELDS)
        lengths = {row[0]: [float(v) for v in row[4:end]] for row in rows}
        leads = {row[0]: row[end] or "" for row in rows} if rows and len(rows[0]) > end else None
        frequency = self.vocabulary.doc_frequency
        phrases = compiled.scored_phrases
        counted = rescore.counts(list(lengths), rescore.query_keywords(compiled.scored_words, phrases), frequency,
                                 self.batch, self.tokens_of, {forms for _f, forms, _w in phrases})
        scores = rescore.rescore(counted, lengths, compiled.scored_words, self.ranking, stats, frequency, leads,
                                 phrases)
        seq = {row[0]: int(row[2]) for row in rows}
        ordered = sorted(lengths, key=lambda num: (-scores.get(num, 0.0), seq[num]))
        return [(num, scores.get(num, 0.0)) for num in ordered]


def _number(value: str | None) -> int | str | None:
    return int(value) if value is not None and value.isdigit() else value


def open_backend(settings: EngineSettings, ranking: Ranking = DEFAULT_RANKING) -> SphinxBackend:
    """The registry's entry point (search/engine.py: ``BACKENDS``): the cluster ``settings.cluster``
    names (a directory made by ``fahras cluster start``)."""
    if not settings.cluster:
        raise IndexMissingError("the sphinx backend needs a cluster: --cluster DIR or FAHRAS_CLUSTER "
                                "(`fahras cluster start --shards N --dir DIR` makes one)")
    return SphinxBackend(locate(settings.cluster), ranking, query_time_limit=settings.query_time_limit,
                         max_matches=settings.limits.max_depth)

