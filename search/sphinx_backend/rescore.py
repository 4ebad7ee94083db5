"""Fahras's BM25F, exactly, for the top documents Sphinx found: per-field length normalisation.

Sphinx's ``bm25f()`` is not the BM25F of Fahras's ranking (``search/bm25f.py``): it normalises a
word's weighted frequency by the *weighted length of the whole document* (title and body lengths
added with their weights), where Fahras normalises each field by its own length before adding
them, so a title mention counts as ``title_boost`` body mentions whatever the body's length.
Measured on the dev topics (docs/scaling.md, "Relevance"), Sphinx's own order alone lands
0.006-0.009 nDCG@10 under the Whoosh backend, near the edge of the 0.01 allowed.

So for a query of plain words (what nearly every search is), the top ``N`` documents by Sphinx's
score are scored again here, the Whoosh backend's way: each query keyword's frequency in each
field of those documents; each document's field lengths (``index_field_lengths`` attributes,
read with the candidates). Average lengths come from one full-scan ``SUM()`` per import,
document frequencies from the cluster's vocabulary.

The counts have two roads that give the same numbers (tests/sphinx/test_rescore_counts.py), and
each search takes the cheaper (:func:`from_store`, measured in docs/scaling.md): Sphinx (one
statement a keyword, a ``MATCH()`` over ``id IN (the candidates)`` ranked by
``sum(hit_count*user_weight)``) reads each keyword's *whole doclist* to keep 100 documents, a few
ms at 31k and 30-55 ms at 1M; the side store's rows of the candidates (what ``indexer`` was fed,
words cut as Sphinx cuts them) cost ~0.19 ms a candidate whatever the archive's size.

Each score is then multiplied by the lead factor (:func:`lead_factors`, the Whoosh backend's
``LeadBoost``), from the candidates' ``lead`` attribute read with their lengths: the lead's
distinct stems, ~350 bytes an article in searchd's memory, rather than the side store's rows at
0.19 ms a candidate (docs/scaling.md, "The lead factor").
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass

from search.lead import lead_words, present
from search.ranking import Ranking, lead_factor
from search.sphinx_backend import config, tokens

LENGTH_FIELDS = ("title", "body", "title_exact", "body_exact")
LEAD = "lead"  # the attribute of a document's lead stems (config.ATTRS), read with the lengths
PACK = 100_000  # Sphinx's counts come as title*PACK + body: a field's count is below this
# What the counts' two roads cost, fitted on the 31k and 1M clusters (docs/scaling.md, 2026-12-02):
# Sphinx ~2.5 ms a keyword plus ~0.11 ms per 1,000 documents of the keywords' doclists (it reads
# them whole to keep the candidates); the side store ~0.19 ms a candidate (read, unpack, count).
STATEMENT_MS, DOCLIST_MS, STORED_MS = 2.5, 0.11, 0.19
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


def _word_class(charset: str) -> str:
    """A regular-expression class of the characters a ``charset_table`` of ranges (``U+21..U+7E``)
    and single code points makes word characters."""
    parts = []
    for part in charset.split(","):
        low, _, high = part.strip().partition("..")
        parts.append(re.escape(chr(int(low[2:], 16))) + (f"-{re.escape(chr(int(high[2:], 16)))}" if high else ""))
    return "".join(parts)


_WORD_CHARACTER = re.compile(f"[{_word_class(tokens.CHARSET_TABLE)}]")


def word_count(text: str, keyword: str) -> int:
    """How many times ``keyword`` is a whole word of a field's fed text, words cut as Sphinx's
    tokenizer cuts them (any character outside :data:`tokens.CHARSET_TABLE` ends one).

        >>> word_count("كتب كتبت \ue000كتب كتب", "كتب")
        2

    The text is split at the keyword (C speed, a piece per occurrence) rather than into its
    words (a string per word: four times slower on 1M articles' bodies, docs/scaling.md); an
    occurrence counts when the characters on both sides of it end words."""
    if keyword not in text:
        return 0
    pieces = text.split(keyword)
    last = len(pieces) - 1
    found = 0
    for i in range(last):
        before, after = pieces[i], pieces[i + 1]
        starts = not _WORD_CHARACTER.match(before[-1]) if before else i == 0
        ends = not _WORD_CHARACTER.match(after[0]) if after else i + 1 == last
        found += starts and ends
    return found


def field_counts(docs: dict[int, dict], keywords: dict[object, tuple[str, tuple[str, str]]]
                 ) -> dict[object, dict[int, tuple[int, int]]]:
    """Each keyword's (title, body) counts in each document of ``docs`` (number → the analysed
    fields the side store keeps, what ``indexer`` was fed) that has it: ``keywords`` maps a key
    to the keyword as Sphinx keeps it and the two fields it is counted in. Documents without the
    keyword are left out, as a ``MATCH()`` leaves them out."""
    counts: dict[object, dict[int, tuple[int, int]]] = {key: {} for key in keywords}
    for num, doc in docs.items():
        for key, (keyword, (title, body)) in keywords.items():
            found = word_count(doc.get(title) or "", keyword), word_count(doc.get(body) or "", keyword)
            if found != (0, 0):
                counts[key][num] = found
    return counts


def sphinx_counts(batch, nums: list[int], keywords: dict[object, tuple[str, tuple[str, str]]]
                  ) -> dict[object, dict[int, tuple[int, int]]]:
    """:func:`field_counts` asked of Sphinx: a statement a keyword, its ``MATCH()`` over ``id IN
    (nums)`` ranked by ``sum(hit_count*user_weight)`` with the title weighing ``PACK`` and the
    body 1, so that one number holds both counts; one round trip for up to 64 keywords (searchd's
    limit: a query of many words and alternatives has more)."""
    ids = ",".join(str(n) for n in nums)
    keys = list(keywords)
    statements = [(f"SELECT id, WEIGHT() FROM {config.DISTRIBUTED} WHERE MATCH(%s) AND id IN ({ids}) "
                   f"LIMIT {len(nums)} OPTION ranker=expr('sum(hit_count*user_weight)'), "
                   f"field_weights=({title}={PACK}, {body}=1), max_matches={len(nums)}", [tokens.escape(keyword)])
                  for keyword, (title, body) in (keywords[key] for key in keys)]
    step = config.MAX_BATCH_QUERIES
    sets = [rows for i in range(0, len(statements), step) for rows in batch(statements[i : i + step])]
    return {key: {row[0]: divmod(int(row[1]), PACK) for row in sets[i]} for i, key in enumerate(keys)}


def query_keywords(words: list[tuple[str | None, str, str | None, tuple[tuple[str, float], ...]]],
                   phrases: list[tuple[str | None, tuple[str, ...], float]] = ()
                   ) -> dict[tuple[str, str], tuple[str, tuple[str, str]]]:
    """The keywords the plain ``words`` of a query and their ``phrases`` (spellings in two) score
    with, keyed by the vocabulary's (kind, term): each stem and alternative stem over title and
    body, each exact form and each phrase's word over the twins."""
    stems = {stem for _f, stem, _e, _a in words} | {o for *_rest, alts in words for o, _w in alts}
    exacts = {e for _f, _s, e, _a in words if e} | {e for _f, forms, _w in phrases for e in forms}
    keywords = {("text", s): (tokens.stem_term(s), ("title", "body")) for s in stems}
    return keywords | {("exact", e): (tokens.exact_term(e), ("title_exact", "body_exact")) for e in exacts}


def phrase_text(forms: tuple[str, ...]) -> str:
    """A phrase of exact forms as the exact fields hold it: their keywords side by side."""
    return " ".join(tokens.exact_term(f) for f in forms)


def phrase_fields(docs: dict[int, dict], phrases: set[tuple[str, ...]]
                  ) -> dict[tuple[str, ...], dict[int, tuple[bool, bool]]]:
    """Whether each phrase (its exact forms) is in the title and the body of each document of
    ``docs`` (the side store's analysed fields), as Sphinx matches a phrase: its keywords at
    consecutive positions, that is side by side in the fed text. Documents without it are left out."""
    found: dict[tuple[str, ...], dict[int, tuple[bool, bool]]] = {p: {} for p in phrases}
    for forms in phrases:
        text = phrase_text(forms)
        for num, doc in docs.items():
            where = (word_count(doc.get("title_exact") or "", text) > 0,
                     word_count(doc.get("body_exact") or "", text) > 0)
            if any(where):
                found[forms][num] = where
    return found


def sphinx_phrase_fields(batch, nums: list[int], phrases: set[tuple[str, ...]]
                         ) -> dict[tuple[str, ...], dict[int, tuple[bool, bool]]]:
    """:func:`phrase_fields` asked of Sphinx: a statement a phrase over ``id IN (nums)``, ranked by
    the sum of the weights of the fields it matched in (title 2, body 1)."""
    ids = ",".join(str(n) for n in nums)
    keys = sorted(phrases)
    statements = [(f"SELECT id, WEIGHT() FROM {config.DISTRIBUTED} WHERE MATCH(%s) AND id IN ({ids}) "
                   f"LIMIT {len(nums)} OPTION ranker=expr('sum(user_weight)'), "
                   f"field_weights=(title_exact=2, body_exact=1), max_matches={len(nums)}",
                   ['@(title_exact,body_exact) "' + " ".join(tokens.escape(tokens.exact_term(f)) for f in forms) + '"'])
                  for forms in keys]
    step = config.MAX_BATCH_QUERIES
    sets = [rows for i in range(0, len(statements), step) for rows in batch(statements[i : i + step])]
    return {forms: {row[0]: (int(row[1]) >= 2, int(row[1]) % 2 == 1) for row in sets[i]} for i, forms in enumerate(keys)}


@dataclass
class Counted:
    """What re-scoring reads in the candidates: each keyword's (title, body) counts, and each
    phrase's (in title, in body)."""

    keywords: dict[tuple[str, str], dict[int, tuple[int, int]]]
    phrases: dict[tuple[str, ...], dict[int, tuple[bool, bool]]]


def counts(nums: list[int], keywords: dict[tuple[str, str], tuple[str, tuple[str, str]]], doc_frequency,
           batch, stored, phrases: set[tuple[str, ...]] = frozenset()) -> Counted:
    """Each keyword's (title, body) counts and each phrase's fields in the documents ``nums``, by
    the cheaper road: Sphinx (:func:`sphinx_counts`, reading each keyword's whole doclist) or the
    side store (``stored(nums)`` gives the documents' analysed fields, :func:`field_counts` counts
    in them). Both give the same counts (tests/sphinx/test_rescore_counts.py); :func:`from_store`
    weighs their costs."""
    if not nums or not keywords:
        return Counted({key: {} for key in keywords}, {p: {} for p in phrases})
    if from_store(len(nums), len(keywords) + len(phrases), sum(doc_frequency(*key) for key in keywords)):
        docs = stored(nums)
        return Counted(field_counts(docs, keywords), phrase_fields(docs, phrases))
    return Counted(sphinx_counts(batch, nums, keywords), sphinx_phrase_fields(batch, nums, phrases) if phrases else {})


def from_store(candidates: int, keywords: int, doclists: int) -> bool:
    """Whether counting ``keywords`` whose doclists hold ``doclists`` documents in all costs less
    in ``candidates`` documents' stored tokens than in Sphinx.

        >>> from_store(100, 3, 900_000), from_store(100, 3, 20_000)
        (True, False)
    """
    return STORED_MS * candidates < STATEMENT_MS * keywords + DOCLIST_MS * doclists / 1000


def rescore(counted: Counted, lengths: dict[int, list[float]],
            words: list[tuple[str | None, str, str | None, tuple[tuple[str, float], ...]]],
            ranking: Ranking, stats: FieldStats, doc_frequency,
            leads: dict[int, str] | None = None,
            phrases: list[tuple[str | None, tuple[str, ...], float]] = ()) -> dict[int, float]:
    """Fahras's score of each document of ``lengths`` (number → its :data:`LENGTH_FIELDS`
    lengths) for the plain ``words`` of a query and their ``phrases`` (spellings in two).

    ``counted`` holds each of :func:`query_keywords`'s (title, body) counts in those documents
    and each phrase's fields (:func:`counts`); ``doc_frequency(kind, term)`` is the
    vocabulary's. A word scores its stem's BM25F over title and body plus ``exact_weight`` times
    its exact form's over the exact twins (within its field prefix, if any), plus each of its
    alternative stems' BM25F at that alternative's weight, as the Whoosh backend's
    ``scored_word`` builds it; a phrase adds :func:`phrase_score` where it is found. With
    ``leads`` (number → the ``lead`` attribute), each score is then multiplied by its lead
    factor (:func:`lead_factors`), as the Whoosh backend's ``LeadBoost`` multiplies a match's.
    """
    nums = list(lengths)
    if not nums or not words:
        return {}
    n = stats.documents
    avg = [stats.average[f] for f in LENGTH_FIELDS]

    def idf(kind: str, term: str) -> float:
        df = doc_frequency(kind, term)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    idfs = {key: idf(*key) for key in counted.keywords}
    # Whoosh's own IDF of a phrase's words (a phrase is scored by its searcher's BM25), per exact
    # field: a title's from the title forms' counts, a body's from the exact form's (title or body).
    phrase_idfs = {(kind, e): 1.0 + math.log(n / (doc_frequency(kind, e) + 1))
                   for _f, forms, _w in phrases for e in forms for kind in ("title", "exact")}
    phrase_weights = Counter(phrases)
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
                in_title, in_body = counted.keywords[key].get(num, (0, 0))
                tf = 0.0
                if field in (None, "title"):
                    tf += title * in_title / norm[offset]
                if field in (None, "body"):
                    tf += in_body / norm[offset + 1]
                if tf:
                    total += times * boost * idfs[key] * tf * (k1 + 1.0) / (k1 + tf)
        for (field, forms, weight), times in phrase_weights.items():
            where = counted.phrases.get(forms, {}).get(num)
            if where:
                total += times * phrase_score(forms, weight, field, where, num, counted, length, avg, ranking,
                                              phrase_idfs)
        scores[num] = total
    if leads is not None:
        factors = lead_factors(leads, words, ranking.lead_weight)
        scores = {num: score * factors.get(num, 1.0) for num, score in scores.items()}
    return scores


def phrase_score(forms: tuple[str, ...], weight: float, field: str | None, where: tuple[bool, bool], num: int,
                 counted: Counted, length: list[float], avg: list[float], ranking: Ranking,
                 idfs: dict[tuple[str, str], float]) -> float:
    """A word's spelling in two (``forms``, found in the title and/or body as ``where`` says) as the
    Whoosh backend scores it: a phrase query in each exact field it is found in, which Whoosh
    scores as the sum of its words' BM25 in that field (each word's whole count there), boosted
    by the title's boost times ``weight`` in the title and ``weight`` in the body, shared out over
    the phrase's words (search/whoosh_backend/compiler.py, ``phrase``)."""
    share = weight / len(forms)
    b, k1 = ranking.b, ranking.k1
    total = 0.0
    for side, (name, boost, kind) in enumerate((("title_exact", ranking.title_boost * share, "title"),
                                                ("body_exact", share, "exact"))):
        if not where[side] or field not in (None, name[: -len("_exact")]):
            continue
        norm = 1.0 - b + b * length[2 + side] / avg[2 + side]
        for form in forms:
            tf = counted.keywords[("exact", form)].get(num, (0, 0))[side]
            total += boost * idfs[(kind, form)] * tf * (k1 + 1.0) / (tf + k1 * norm)
    return total


def lead_factors(leads: dict[int, str], words: list[tuple[str | None, str, str | None, tuple[tuple[str, float], ...]]],
                 weight: float) -> dict[int, float]:
    """Each document's :func:`~search.ranking.lead_factor` (``leads``: number → its ``lead``
    attribute, the lead's distinct stems as Sphinx spells them) for the plain ``words`` of a
    query, counted by the Whoosh backend's rule (:mod:`search.lead`); 1 where none is counted.

        >>> lead_factors({1: "مدارس جديد", 2: "جديد"}, [(None, "مدرس", None, (("مدارس", 0.15),))], 0.1)
        {1: 1.1, 2: 1.0}
    """
    counted = lead_words((field, stem, [other for other, _w in alts]) for field, stem, _e, alts in words)
    if not counted or weight <= 0:
        return dict.fromkeys(leads, 1.0)
    n = len(counted)
    return {num: lead_factor(present(set(lead.split()), counted, tokens.stem_term), n, weight)
            for num, lead in leads.items()}
