"""Fahras's BM25F, exactly, for the top documents Sphinx found: per-field length normalisation.

Sphinx's ``bm25f()`` is not the BM25F of Fahras's ranking (``search/bm25f.py``): it normalises a
word's weighted frequency by the *weighted length of the whole document* (title and body lengths
added with their weights), where Fahras normalises each field by its own length before adding
them, so a title mention counts as ``title_boost`` body mentions whatever the body's length.
Measured on the dev topics (docs/scaling.md), Sphinx's own order alone lands 0.009 nDCG@10
under the Whoosh backend, at the edge of the 0.01 allowed.

So for a query of plain words (what nearly every search is), the top ``N`` documents by Sphinx's
score are scored again here, the Whoosh backend's way: one batch of SphinxQL statements gives,
for each query keyword, its frequency in each field of those documents (a single-keyword query
ranked by ``sum(hit_count*user_weight)`` with field weights 100000 and 1 packs the title and
body counts into one number); each document's field lengths (``index_field_lengths``
attributes, read with the candidates). Average lengths come from one full-scan ``SUM()`` per
import, document frequencies from the cluster's vocabulary.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from dataclasses import dataclass

from search.ranking import Ranking
from search.sphinx_backend import config, tokens

PACK = 100_000  # a field's count is at most this (5 MB of one word): title*PACK + body
LENGTH_FIELDS = ("title", "body", "title_exact", "body_exact")
STATS_TTL = 60.0  # seconds field averages are kept without an import in between


@dataclass
class FieldStats:
    documents: int
    average: dict[str, float]


class StatsCache:
    """Average field lengths of the whole cluster, read again after an import (or a minute)."""

    def __init__(self) -> None:
        self._stats: FieldStats | None = None
        self._key: object = None
        self._at = 0.0
        self._lock = threading.Lock()

    def get(self, batch, key: object) -> FieldStats:
        with self._lock:
            fresh = self._stats is not None and key == self._key and time.monotonic() - self._at < STATS_TTL
            if fresh:
                return self._stats
        sums = ", ".join(f"SUM({f}_len)" for f in LENGTH_FIELDS)
        row = batch([(f"SELECT {sums}, COUNT(*) FROM {config.DISTRIBUTED}", None)])[0][0]
        n = int(row[-1]) or 1
        stats = FieldStats(n, {f: (float(row[i]) / n) or 1.0 for i, f in enumerate(LENGTH_FIELDS)})
        with self._lock:
            self._stats, self._key, self._at = stats, key, time.monotonic()
        return stats


def _count_query(keyword: str, fields: tuple[str, str], nums: list[int]) -> tuple[str, list]:
    ids = ",".join(str(n) for n in nums)
    weights = f"{fields[0]}={PACK}, {fields[1]}=1"
    return (f"SELECT id, WEIGHT() FROM {config.DISTRIBUTED} WHERE MATCH(%s) AND id IN ({ids}) "
            f"LIMIT {len(nums)} OPTION ranker=expr('sum(hit_count*user_weight)'), "
            f"field_weights=({weights}), max_matches={max(len(nums), 1)}"), [keyword]


def rescore(batch, lengths: dict[int, list[float]],
            words: list[tuple[str | None, str, str | None, tuple[tuple[str, float], ...]]],
            ranking: Ranking, stats: FieldStats, doc_frequency) -> dict[int, float]:
    """Fahras's score of each document of ``lengths`` (number → its :data:`LENGTH_FIELDS`
    lengths) for the plain ``words`` of a query.

    ``batch`` runs SphinxQL statements in one round trip; ``doc_frequency(kind, term)`` is the
    vocabulary's. A word scores its stem's BM25F over title and body plus ``exact_weight`` times
    its exact form's over the exact twins (within its field prefix, if any), plus each of its
    alternative stems' BM25F at that alternative's weight, as the Whoosh backend's
    ``scored_word`` builds it.
    """
    nums = list(lengths)
    if not nums or not words:
        return {}
    stems = sorted({stem for _f, stem, _e, _a in words} | {o for *_rest, alts in words for o, _w in alts})
    exacts = sorted({e for _f, _s, e, _a in words if e})
    statements = [_count_query(tokens.escape(tokens.stem_term(s)), ("title", "body"), nums) for s in stems]
    statements += [_count_query(tokens.escape(tokens.exact_term(e)), ("title_exact", "body_exact"), nums)
                   for e in exacts]
    sets = batch(statements)
    counts: dict[tuple[str, str], dict[int, tuple[int, int]]] = {}
    for i, key in enumerate([("text", s) for s in stems] + [("exact", e) for e in exacts]):
        counts[key] = {row[0]: divmod(int(row[1]), PACK) for row in sets[i]}
    n = stats.documents
    avg = [stats.average[f] for f in LENGTH_FIELDS]

    def idf(kind: str, term: str) -> float:
        df = doc_frequency(kind, term)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    idfs = {key: idf(*key) for key in counts}
    weights = Counter(words)  # a word typed twice counts twice, as in Whoosh's And
    b, k1, title = ranking.b, ranking.k1, ranking.title_boost
    scores: dict[int, float] = {}
    for num in nums:
        length = lengths.get(num)
        if length is None:
            continue
        norm = [1.0 - b + b * length[i] / avg[i] for i in range(4)]
        total = 0.0
        for (field, stem, exact, alts), times in weights.items():
            keys = [(("text", stem), 0, 1.0), (("exact", exact), 2, ranking.exact_weight)]
            keys += [(("text", other), 0, share) for other, share in alts]
            for key, offset, boost in keys:
                if key[1] is None:
                    continue
                in_title, in_body = counts[key].get(num, (0, 0))
                tf = 0.0
                if field in (None, "title"):
                    tf += title * in_title / norm[offset]
                if field in (None, "body"):
                    tf += in_body / norm[offset + 1]
                if tf:
                    total += times * boost * idfs[key] * tf * (k1 + 1.0) / (k1 + tf)
        scores[num] = total
    return scores
