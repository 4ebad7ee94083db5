"""Query evaluation over whole posting lists with numpy: the same matches and scores as Whoosh's
matchers, without a Python call per document.

Why: Whoosh scores a query one document at a time — every matching posting goes through a tree of
union/intersection matchers and a scorer, each a Python method call. At 100k articles a query of
common words matches tens of thousands of documents and that walk was the whole p95 (334 ms of the
351 ms of a faceted, highlighted search; docs/benchmarks.md). Here each term's posting list is
read whole (Whoosh stores it in blocks of 128 pickled ids and weights: one unpickling a block,
then one numpy conversion for the list), scored as arrays (BM25 is arithmetic on the weight and
field-length columns) and combined with sorted-array set operations; an AND reads its rarest part
first and the others only in the blocks where its documents are. What no array form exists for
(phrases, fuzzy terms, date ranges) still goes through Whoosh's own matcher for that leaf only,
so its semantics stay Whoosh's.

The semantics copied, node by node (whoosh3's ``query``, ``matching`` and ``scoring``):

* ``Term``: BM25F per field (``scoring.bm25``; idf and average length from the whole index; a
  non-scorable field scores its posting weight), times the term's boost;
* ``Or``: union, scores added; ``And``: intersection, scores added; ``AndNot``: the left side's
  documents not in the right side, the left side's scores; ``AndMaybe``: the left side, plus the
  right side's score where it matches too; ``Not``: every live document not matching, score 1;
  ``Every``: every live document, score = its boost; compound boosts multiply;
* :class:`search.bm25f.BM25FTerm`: the terms' normalised frequencies (times their boosts) added,
  then saturated once.

Document numbers are the searcher's (segment offset added), sorted, with deleted documents left
out. ``tests/test_arrays.py`` checks matches and scores against Whoosh's on real indexes.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh import scoring
from whoosh.codec.whoosh3 import _lenfield
from whoosh.columns import NumericColumn
from whoosh.fields import DATETIME
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from search.bm25f import BM25FTerm
from search.postings_cache import PostingsCache, select

_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_SCORES = np.zeros(0, dtype=np.float64)
# Whoosh stores a field's length in one byte (a log scale above 64): the table undoes it.
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


class DeadlinePassed(Exception):
    """Raised between two term reads once the search's deadline has passed."""


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


# -- per-segment data, read once per searcher -------------------------------------------------
def _segment_cache(reader) -> dict:
    """A dict kept on the segment reader: it lives as long as the searcher (a refresh opens new
    readers), as the facet ordinals do."""
    cache = getattr(reader, "_fahras_arrays", None)
    if cache is None:
        cache = {}
        reader._fahras_arrays = cache
    return cache


def field_lengths(reader, fieldname: str) -> np.ndarray:
    """Each document's length in ``fieldname`` as Whoosh decodes it (1 where none is stored, as
    the scorer's ``doc_field_length(docnum, field, 1)`` does)."""
    cache = _segment_cache(reader)
    key = ("len", fieldname)
    if key not in cache:
        count = reader.doc_count_all()
        raw = _numeric_column_bytes(reader, _lenfield(fieldname), count)
        if raw is None:
            lengths = np.ones(count, dtype=np.float64)
        else:
            lengths = _LENGTH_OF_BYTE[raw]
            lengths[raw == 0] = 1.0
        cache[key] = lengths
    return cache[key]


def _numeric_column_bytes(reader, column_name: str, count: int) -> np.ndarray | None:
    """The segment's length column as bytes (one a document, 0 past the last one written)."""
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is None or not hasattr(perdoc, "_cached_reader"):
        return None
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN

    col = perdoc._cached_reader(column_name, LENGTHS_COLUMN)
    return None if col is None else _numeric_column_array(col, count)


def _numeric_column_array(col, count: int) -> np.ndarray:
    """A fixed-width numeric column (``NumericColumn.Reader``) read in one go instead of a call a
    document: its big-endian values, the column's default past the last one written."""
    dtype = np.dtype(">" + col._typecode)
    values = np.full(count, col._default, dtype=dtype.newbyteorder("="))
    stored = min(col._count, count)
    if stored:
        values[:stored] = np.frombuffer(col._dbfile.get(col._basepos, stored * col._fixedlen), dtype=dtype)
    return values


def live_mask(reader) -> np.ndarray | None:
    """True for each live document of the segment, or None when none is deleted."""
    cache = _segment_cache(reader)
    if "live" not in cache:
        mask = None
        if reader.has_deletions():
            mask = np.ones(reader.doc_count_all(), dtype=bool)
            deleted = np.fromiter(reader.deleted_docs_set, dtype=np.int64)
            mask[deleted[deleted < len(mask)]] = False
        cache["live"] = mask
    return cache["live"]


def column_values(reader, fieldname: str) -> np.ndarray:
    """A sortable column's sort key for each document of the segment, as Whoosh's sorting
    collector takes it (``column_reader(translate=False).sort_key``; the column's default for a
    document or a segment without a value)."""
    return _column(reader, fieldname)[0]


def _column(reader, fieldname: str) -> tuple[np.ndarray, object | None]:
    """(:func:`column_values`, the value a document without one holds) of a segment's column,
    read once per searcher; the default is None for a column that is not fixed-width numeric."""
    cache = _segment_cache(reader)
    key = ("col", fieldname)
    if key not in cache:
        count = reader.doc_count_all()
        col = reader.column_reader(fieldname, translate=False)
        if isinstance(col, NumericColumn.Reader) and col._typecode in "bBhHiIlLqQ":
            cache[key] = (_numeric_column_array(col, count), col._default)
        else:
            cache[key] = (np.array([col.sort_key(i) for i in range(count)]), None)
    return cache[key]


def docs_in_range(searcher, fieldname: str, low, high) -> np.ndarray:
    """Sorted live document numbers whose single ``fieldname`` value (a sortable numeric or date
    column) is in ``[low, high)``; ``None`` leaves that end open. Documents without a value are
    never in range, as with Whoosh's ``NumericRange``/``DateRange`` (``endexcl=True``).

    Why not Whoosh's query: it walks the postings of the range's trie terms one document at a
    time, about 60 ms for a year at 100k articles; this is one comparison over the column.
    """
    field = searcher.schema[fieldname]
    lo = None if low is None else field.to_column_value(low)
    hi = None if high is None else field.to_column_value(high)
    pieces = []
    for reader, offset in _leaves(searcher):
        if not reader.doc_count_all():
            continue
        values, missing = _column(reader, fieldname)
        if missing is None:
            return _whoosh_range(searcher, fieldname, low, high)  # another codec or column type
        inside = values != missing
        if lo is not None:
            inside &= values >= lo
        if hi is not None:
            inside &= values < hi
        live = live_mask(reader)
        if live is not None:
            inside &= live
        pieces.append(np.flatnonzero(inside) + offset)
    return np.concatenate(pieces) if pieces else _EMPTY_IDS


def _whoosh_range(searcher, fieldname: str, low, high) -> np.ndarray:
    kind = wq.DateRange if isinstance(searcher.schema[fieldname], DATETIME) else wq.NumericRange
    query = kind(fieldname, low, high, endexcl=True)
    return np.array(sorted(searcher.docs_for_query(query)), dtype=np.int64)


# -- postings ---------------------------------------------------------------------------------
def read_postings(reader, fieldname: str, btext: bytes,
                  within: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(segment document numbers, weights) of one term, deleted documents left out (see
    :func:`read_raw_postings` for ``within``)."""
    return _live(reader, *read_raw_postings(reader, fieldname, btext, within))


def read_raw_postings(reader, fieldname: str, btext: bytes,
                      within: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(segment document numbers, weights) of one term as written, deleted documents included.

    Reads Whoosh's posting blocks directly: each block is an unpickled tuple of delta-encoded
    ids and one of weights, and all of a list's blocks become two numpy arrays in one pass,
    instead of a Python call a posting.
    ``within`` (sorted segment document numbers): only these documents are wanted, so a block
    whose id range holds none of them is not decoded (its header says its last id), and reading
    stops after the last one. Blocks that are read come whole: documents outside ``within`` may
    be returned, which the caller's intersection removes.
    """
    m = reader.postings(fieldname, btext)
    if isinstance(m, FilterMatcher):
        m = m.child  # deletions: masked below, in one step
    if not (hasattr(m, "_read_data") and hasattr(m, "_byteids")):  # another codec
        ids_list, weights_list = [], []
        while m.is_active():
            ids_list.append(m.id())
            weights_list.append(m.weight())
            m.next()
        return np.array(ids_list, dtype=np.int64), np.array(weights_list, dtype=np.float64)
    id_blocks, weight_blocks, lengths = [], [], []
    last = -1  # the previous block's last id
    while m.is_active():
        if within is not None:
            nxt = np.searchsorted(within, last, side="right")
            if nxt == len(within):
                break  # no wanted document past here
            if within[nxt] > m._maxid:
                last = m._maxid
                m._next_block()
                continue
        if m._data is None:
            m._read_data()
        raw_ids, weights = m._data[0], m._data[1]
        n = m._blocklength
        id_blocks.append(raw_ids)
        lengths.append(n)
        if weights is None:
            weights = itertools.repeat(1.0, n)
        elif isinstance(weights, float):
            weights = itertools.repeat(weights, n)
        weight_blocks.append(weights)
        last = m._maxid
        m._next_block()
    if not id_blocks:
        return _EMPTY_IDS, _EMPTY_SCORES
    # The blocks are unpickled tuples: one C-level pass over all of them beats a numpy
    # conversion a block (measured at 1M: the conversions were a sixth of the reading).
    total = sum(lengths)
    ids = np.fromiter(itertools.chain.from_iterable(id_blocks), dtype=np.int64, count=total)
    if not m._byteids:  # delta-encoded, each block from 0
        sizes = np.array(lengths, dtype=np.int64)
        running = np.cumsum(ids)
        ends = np.cumsum(sizes)
        before = np.concatenate(([0], running[ends[:-1] - 1]))
        ids = running - np.repeat(before, sizes)
    weights = np.fromiter(itertools.chain.from_iterable(weight_blocks), dtype=np.float64, count=total)
    return ids, weights


def _live(reader, ids: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    live = live_mask(reader)
    if live is not None and len(ids):
        keep = live[ids]
        ids, weights = ids[keep], weights[keep]
    return ids, weights


# -- set operations on sorted unique ids ------------------------------------------------------
def union(parts: list[Matches], scored: bool, size: int | None = None) -> Matches:
    """Documents in any part; scores added. ``size``: the segment's document count, for
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


def intersection(parts: list[Matches], scored: bool) -> Matches:
    """Documents in every part; scores added."""
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
    """``a``'s documents not in ``b``, with ``a``'s scores."""
    if not len(a) or not len(b):
        return a
    keep = ~np.isin(a.docs, b.docs, assume_unique=True)
    return Matches(a.docs[keep], a.scores[keep] if a.scores is not None else None)


def add_where_present(a: Matches, b: Matches) -> Matches:
    """``a``, plus ``b``'s score on the documents both have (Whoosh's ``AndMaybe``)."""
    if a.scores is None or not len(a) or not len(b):
        return a
    _docs, left, right = np.intersect1d(a.docs, b.docs, assume_unique=True, return_indices=True)
    scores = a.scores.copy()
    scores[left] += b.scores[right]
    return Matches(a.docs, scores)


def scaled(m: Matches, boost: float) -> Matches:
    if boost == 1.0 or m.scores is None:
        return m
    return Matches(m.docs, m.scores * boost)


# -- evaluation -------------------------------------------------------------------------------
class ArrayEvaluator:
    """Evaluates Fahras's compiled queries on one searcher, segment by segment.

    ``deadline`` (a :class:`search.deadline.Deadline` or None) is looked at before each term is
    read; once it has passed, :class:`DeadlinePassed` is raised and the caller answers with what
    it has.
    """

    def __init__(self, searcher, deadline=None, cache: PostingsCache | None = None) -> None:
        self.searcher = searcher.get_parent()
        self.deadline = deadline
        self.cache = cache
        weighting = self.searcher.weighting
        # Anything but BM25F (the only model Fahras ranks with) is scored by Whoosh's matchers.
        self._bm25 = weighting if type(weighting) is scoring.BM25F else None
        self._idf: dict = {}
        self._avgfl: dict = {}
        self._armed = False  # deadline checks start after the first segment
        # A search evaluates its matching query, then its scoring query, which repeats the
        # matching one's terms: each posting list is read once per search.
        self._postings_read: dict = {}

    # global statistics, as Whoosh's scorers take them from the top searcher
    def idf(self, fieldname: str, text: bytes) -> float:
        key = (fieldname, text)
        if key not in self._idf:
            self._idf[key] = self.searcher.idf(fieldname, text)
        return self._idf[key]

    def avgfl(self, fieldname: str) -> float:
        if fieldname not in self._avgfl:
            self._avgfl[fieldname] = self.searcher.avg_field_length(fieldname) or 1
        return self._avgfl[fieldname]

    def evaluate(self, query, scored: bool = True, within: np.ndarray | None = None) -> Matches:
        """The documents matching ``query`` over the whole index (and their scores if ``scored``);
        with ``within`` (sorted document numbers), only those of them.

        Once the deadline has passed, the segments evaluated so far are the answer (the first one
        always is, so that a search short of time still ranks something).
        """
        parts_docs, parts_scores = [], []
        self._armed = False
        for subsearcher, offset in self.searcher.leaf_searchers():
            hint = None
            if within is not None:
                lo, hi = np.searchsorted(within, [offset, offset + subsearcher.reader().doc_count_all()])
                if hi == lo:
                    continue
                hint = within[lo:hi] - offset
            try:
                m = self._node(query, subsearcher, scored, hint)
            except DeadlinePassed:
                break
            self._armed = True
            if hint is not None:
                m = restrict(m, hint)
            if len(m):
                parts_docs.append(m.docs + offset)
                if scored:
                    parts_scores.append(m.scores)
        if not parts_docs:
            return Matches.empty(scored)
        docs = np.concatenate(parts_docs)
        return Matches(docs, np.concatenate(parts_scores) if scored else None)

    def _check(self) -> None:
        if self._armed and self.deadline is not None and self.deadline.expired():
            raise DeadlinePassed

    def _node(self, q, sub, scored: bool, hint: np.ndarray | None = None) -> Matches:
        """``q`` on one segment. ``hint``: only these segment documents are wanted (exact on
        them; anything outside may be returned and is removed by the caller)."""
        if isinstance(q, BM25FTerm):
            return self._bm25f(q, sub, scored, hint)
        if isinstance(q, wq.Term) and type(q) is wq.Term and (self._bm25 is not None or not scored):
            return scaled(self._term(q, sub, scored, hint), q.boost)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return Matches.empty(scored)
        if type(q) is wq.Every and q.fieldname in (None, "", "*"):
            return self._every(sub, scored, q.boost)
        if type(q) in (wq.Or, wq.And) and not getattr(q, "scale", None) and not getattr(q, "minmatch", 0):
            subs = q.subqueries
            if len(subs) == 1:  # Whoosh uses the lone child's matcher, boost and all
                return self._node(subs[0], sub, scored, hint)
            if type(q) is wq.Or:
                children = [self._node(s, sub, scored, hint) for s in subs]
                return scaled(union(children, scored, sub.reader().doc_count_all()), q.boost)
            return scaled(self._and(subs, sub, scored, hint), q.boost)
        if type(q) is wq.AndNot:
            a = self._node(q.a, sub, scored, hint)
            return difference(a, self._node(q.b, sub, False, a.docs)) if len(a) else a
        if type(q) is wq.AndMaybe:
            a = self._node(q.a, sub, scored, hint)
            if not scored or not len(a):
                return a
            return add_where_present(a, self._node(q.b, sub, True, a.docs))
        if type(q) is wq.Not:
            every = self._every(sub, scored, 1.0)
            return difference(every, self._node(q.query, sub, False, hint))
        return self._whoosh_leaf(q, sub, scored)

    def _and(self, subs, sub, scored: bool, hint: np.ndarray | None) -> Matches:
        """Intersection, rarest part first: each next part is read only where the documents so
        far are (a common word's posting blocks between them are skipped)."""
        reader = sub.reader()
        result = None
        for child in sorted(subs, key=lambda c: _estimate(c, reader)):
            part = self._node(child, sub, scored, hint if result is None else result.docs)
            result = part if result is None else intersection([result, part], scored)
            if not len(result):
                break
        return result

    def _postings(self, reader, fieldname: str, text,
                  hint: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray] | None:
        """(ids, weights) of a term in one segment, or None when the segment lacks it."""
        if fieldname not in reader.schema:
            return None
        try:
            btext = reader.schema[fieldname].to_bytes(text)
        except ValueError:
            return None
        key = (id(reader), fieldname, btext)
        kept = self._postings_read.get(key)
        if kept is not None and _covers(kept[1], hint):
            return kept[0]
        self._check()
        try:
            found = self._read(reader, fieldname, btext, hint)
        except TermNotFound:
            found = None
        self._postings_read[key] = (found, hint)
        return found

    def _read(self, reader, fieldname: str, btext: bytes,
              hint: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """The postings (of the ``hint`` documents at least). A common word's list goes through
        the postings cache: read whole the first time (even when ``hint`` would have skipped
        blocks), then taken from memory (:mod:`search.postings_cache`)."""
        cache = self.cache
        segment = reader.segment() if cache is not None else None
        if segment is None:  # no cache, or not a segment of a file index
            return read_postings(reader, fieldname, btext, hint)
        key = (segment.segment_id(), fieldname, btext)
        raw = cache.get(key, hint)
        if raw is None:
            if not cache.wants(reader.doc_frequency(fieldname, btext)):
                return read_postings(reader, fieldname, btext, hint)
            whole = read_raw_postings(reader, fieldname, btext)
            cache.put(key, *whole)
            raw = select(*whole, hint)
        return _live(reader, *raw)

    def _term(self, q: wq.Term, sub, scored: bool, hint: np.ndarray | None = None) -> Matches:
        reader = sub.reader()
        found = self._postings(reader, q.fieldname, q.text, hint)
        if found is None:
            return Matches.empty(scored)
        ids, weights = found
        if not scored:
            return Matches(ids)
        field = reader.schema[q.fieldname]
        if not field.scorable:
            return Matches(ids, weights)
        bm25 = self._bm25
        b = bm25._field_B.get(q.fieldname, bm25.B)
        k1 = bm25.K1
        fl = field_lengths(reader, q.fieldname)[ids]
        idf = self.idf(q.fieldname, field.to_bytes(q.text))
        scores = idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * fl / self.avgfl(q.fieldname))))
        return Matches(ids, scores)

    def _bm25f(self, q: BM25FTerm, sub, scored: bool, hint: np.ndarray | None = None) -> Matches:
        reader = sub.reader()
        parts = []
        for t in q.subqueries:
            found = self._postings(reader, t.fieldname, t.text, hint)
            if found is None:
                continue
            ids, weights = found
            if not scored:
                parts.append(Matches(ids))
                continue
            fl = field_lengths(reader, t.fieldname)[ids]
            norm = weights / (1.0 - q.b + q.b * fl / self.avgfl(t.fieldname))
            parts.append(Matches(ids, norm * t.boost if t.boost != 1.0 else norm))
        tf = union(parts, scored, reader.doc_count_all())
        if not scored or not len(tf):
            return tf
        idf = self._bm25f_idf(q)
        return Matches(tf.docs, q.boost * idf * tf.scores * (q.k1 + 1.0) / (q.k1 + tf.scores))

    def _bm25f_idf(self, q: BM25FTerm) -> float:
        """The word's idf, once per query rather than once per segment (each is a term look-up
        in every segment: at 16 segments that was 40% of a search)."""
        key = tuple((t.fieldname, t.text) for t in q.subqueries)
        if key not in self._idf:
            self._idf[key] = q.idf(self.searcher)
        return self._idf[key]

    def _every(self, sub, scored: bool, boost: float) -> Matches:
        reader = sub.reader()
        docs = np.arange(reader.doc_count_all(), dtype=np.int64)
        live = live_mask(reader)
        if live is not None:
            docs = docs[live]
        return Matches(docs, np.full(len(docs), float(boost)) if scored else None)

    def _whoosh_leaf(self, q, sub, scored: bool) -> Matches:
        """Any other query: Whoosh's own matcher on this segment, collected into arrays."""
        self._check()
        context = self.searcher.context() if scored else self.searcher.boolean_context()
        m = q.matcher(sub, context)
        ids, scores = [], []
        while m.is_active():
            if len(ids) % 4096 == 4095:
                self._check()
            ids.append(m.id())
            if scored:
                scores.append(m.score())
            m.next()
        docs = np.array(ids, dtype=np.int64)
        if scored:
            return Matches(docs, np.array(scores, dtype=np.float64))
        return Matches(docs)


def _covers(read_for: np.ndarray | None, wanted: np.ndarray | None) -> bool:
    """Whether postings read for the documents ``read_for`` (None: all) serve ``wanted``."""
    if read_for is None:
        return True
    if wanted is None or len(wanted) > len(read_for):
        return False
    return bool(np.isin(wanted, read_for, assume_unique=True).all())


def _estimate(q, reader) -> int:
    """How many documents ``q`` may match in a segment (Whoosh's own estimate; term look-ups)."""
    try:
        return q.estimate_size(reader)
    except Exception:  # an estimate only orders the work: never fail a search for it
        return 1 << 62


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


def sorted_by_column(searcher, docs: np.ndarray, fieldname: str, reverse: bool, limit: int) -> np.ndarray:
    """The first ``limit`` of ``docs`` ordered by a column, as Whoosh's sorting collector does:
    by (value, document number), the whole key reversed for ``reverse``."""
    if not len(docs) or limit <= 0:
        return _EMPTY_IDS
    pieces = []
    for reader, offset in _leaves(searcher):
        lo, hi = np.searchsorted(docs, [offset, offset + reader.doc_count_all()])
        if hi > lo:
            pieces.append(column_values(reader, fieldname)[docs[lo:hi] - offset])
    keys = np.concatenate(pieces)
    order = np.lexsort((docs, keys))  # by key, then document number
    if reverse:
        order = order[::-1]
    return docs[order[:limit]]


def _leaves(searcher) -> list:
    reader = searcher.reader()
    return [(reader, 0)] if reader.is_atomic() else list(reader.leaf_readers())
