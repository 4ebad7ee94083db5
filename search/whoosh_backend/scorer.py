"""Query evaluation over whole posting lists with numpy: Whoosh's matches and scores without a
Python call per document.

Why: Whoosh scores a query one document at a time — every matching posting goes through a tree of
union/intersection matchers and a scorer, each a Python method call, and at 100k articles that
walk was most of a search. Here each term's posting list is read whole
(:mod:`search.whoosh_backend.postings`), scored as arrays (BM25 is arithmetic on the weight and
field-length columns) and combined with sorted-array set operations
(:mod:`search.whoosh_backend.sets`); an AND reads its rarest part first and the others only in the
blocks where its documents are. What no array form exists for (a phrase's positions, a range) still goes
through Whoosh's own matcher for that leaf only, so its semantics stay Whoosh's.

The semantics copied, node by node (whoosh3's ``query``, ``matching`` and ``scoring``):

* ``Term``: BM25 per field (``scoring.bm25``; idf and average length from the whole index; a
  non-scorable field scores its posting weight), times the term's boost;
* ``Or``: union, scores added; ``And``: intersection, scores added; ``AndNot``: the left side's
  documents not in the right side, the left side's scores; ``AndMaybe``: the left side, plus the
  right side's score where it matches too; ``Require``: the left side's documents that the right
  side matches too, the left side's scores; ``Not``: every live document not matching, score 1;
  ``Every``: every live document, score = its boost; compound boosts multiply;
* ``Phrase``: the documents Whoosh's matcher finds it in (kept in the postings cache by
  segment), the sum of its words' ``Term`` scores, times its boost;
* :class:`~search.whoosh_backend.bm25f.BM25FTerm`: the terms' normalised frequencies (times their
  boosts) added, then saturated once;
* :class:`~search.whoosh_backend.atleast.AtLeast`: the documents in at least ``minimum`` of its
  parts, scores added;
* :class:`~search.whoosh_backend.lead.LeadBoost`: its child's matches, scores times the lead
  factor of the words each document's lead has.

Document numbers are the searcher's (segment offset added), sorted, with deleted documents left
out. ``tests/test_whoosh_scorer.py`` checks matches and scores against Whoosh's on real indexes.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq
from whoosh import scoring
from whoosh.reading import TermNotFound

from search.deadline import Deadline
from search.ranking import lead_factor
from search.whoosh_backend import columns, postings
from search.whoosh_backend.atleast import AtLeast, repeats
from search.whoosh_backend.bm25f import BM25FTerm
from search.whoosh_backend.lead import LeadBoost
from search.whoosh_backend.postings_cache import PostingsCache, select
from search.whoosh_backend.sets import (
    Matches,
    add_where_present,
    at_least,
    difference,
    intersection,
    restrict,
    scaled,
    union,
)
from search.whoosh_backend.tables import SegmentTables


class DeadlinePassed(Exception):
    """Raised between two term reads once the search's deadline has passed."""


class ArrayEvaluator:
    """Evaluates compiled Whoosh queries on one searcher, segment by segment.

    ``deadline`` is looked at before each term is read; once it has passed, :class:`DeadlinePassed`
    is raised inside and :meth:`evaluate` answers with the segments done so far. ``cache``: the
    backend's postings cache (None: none); ``tables``: its per-segment arrays.
    """

    def __init__(self, searcher, deadline: Deadline | None = None, cache: PostingsCache | None = None,
                 tables: SegmentTables | None = None) -> None:
        self.searcher = searcher.get_parent()
        self.deadline = deadline
        self.cache = cache
        self.tables = tables if tables is not None else SegmentTables()
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
        is finished unless it overruns the deadline's grace, so that a search short of time
        still ranks something).
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
        """Stop at the deadline; within the first segment, only once it is overrun (its grace)."""
        if self.deadline is not None and (self.deadline.expired() if self._armed else self.deadline.overrun()):
            raise DeadlinePassed

    def _node(self, q, sub, scored: bool, hint: np.ndarray | None = None) -> Matches:
        """``q`` on one segment. ``hint``: only these segment documents are wanted (exact on
        them; anything outside may be returned and is removed by the caller)."""
        if isinstance(q, BM25FTerm):
            return self._bm25f(q, sub, scored, hint)
        if isinstance(q, LeadBoost):
            return self._lead(q, sub, scored, hint)
        if isinstance(q, AtLeast):
            distinct = repeats(q.subqueries)
            children = [self._node(s, sub, scored, hint) for s, _n in distinct]
            return scaled(at_least(children, q.minimum, scored, sub.reader().doc_count_all(),
                                   [n for _s, n in distinct]), q.boost)
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
        if type(q) is wq.Phrase and (self._bm25 is not None or not scored):
            return scaled(self._phrase(q, sub, scored, hint), q.boost)
        if type(q) is wq.Require:
            a = self._node(q.a, sub, scored, hint)
            return restrict(a, self._node(q.b, sub, False, a.docs).docs) if len(a) else a
        if type(q) is wq.AndMaybe:
            a = self._node(q.a, sub, scored, hint)
            if not scored or not len(a):
                return a
            return add_where_present(a, self._node(q.b, sub, True, a.docs))
        if type(q) is wq.Not:
            every = self._every(sub, scored, 1.0)
            return difference(every, self._node(q.query, sub, False, hint))
        if type(q) is wq.DateRange and q.constantscore and not q.startexcl and q.endexcl:
            return self._date_range(q, sub, scored)
        return self._whoosh_leaf(q, sub, scored)

    def _date_range(self, q: wq.DateRange, sub, scored: bool) -> Matches:
        """A typed date span (``date:2015-07..2015-08``) as one comparison over the segment's date
        column: Whoosh's own matcher walks the range's trie terms and then every document, ~0.1 s
        a span at 31k, so a query of 64 spans outlasted its time limit."""
        reader = sub.reader()
        docs = columns.segment_range(self.tables, reader, reader.schema[q.fieldname], q.fieldname,
                                     q.startdate, q.enddate)
        if docs is None:
            return self._whoosh_leaf(q, sub, scored)
        self._check()
        return Matches(docs, np.full(len(docs), float(q.boost)) if scored else None)

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
        # The deadline is looked at before every term, read or kept: the scoring pass repeats the
        # matching pass's terms, and scoring them (field lengths, idf, unions) over every segment
        # with no look at the clock ran 0.2-0.4 s past the limit + grace (docs/reliability.md).
        self._check()
        key = (id(reader), fieldname, btext)
        kept = self._postings_read.get(key)
        if kept is not None and _covers(kept[1], hint):
            return kept[0]
        try:
            found = self._read(reader, fieldname, btext, hint)
        except TermNotFound:
            found = None
        self._postings_read[key] = (found, hint)
        return found

    def _read(self, reader, fieldname: str, btext: bytes,
              hint: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """The postings (of the ``hint`` documents at least), deleted documents left out. A
        common word's list goes through the postings cache: read whole the first time (even when
        ``hint`` would have skipped blocks), then taken from memory."""
        cache = self.cache
        segment = reader.segment() if cache is not None else None
        if segment is None:  # no cache, or not a segment of a file index
            return self._live(reader, *postings.read_raw_postings(reader, fieldname, btext, hint))
        key = (segment.segment_id(), fieldname, btext)
        raw = cache.get(key, hint)
        if raw is None:
            if not cache.wants(reader.doc_frequency(fieldname, btext)):
                return self._live(reader, *postings.read_raw_postings(reader, fieldname, btext, hint))
            whole = postings.read_raw_postings(reader, fieldname, btext)
            cache.put(key, *whole)
            raw = select(*whole, hint)
        return self._live(reader, *raw)

    def _phrase(self, q: wq.Phrase, sub, scored: bool, hint: np.ndarray | None) -> Matches:
        """A phrase: the documents where Whoosh's matcher finds its words in order
        (:meth:`_phrase_docs`), scored as Whoosh scores it, the sum of its words' BM25."""
        docs = self._phrase_docs(q, sub)
        if hint is not None:
            docs = restrict(Matches(docs), hint).docs
        if not scored or not len(docs):
            return Matches(docs, np.zeros(len(docs)) if scored else None)
        words = [self._term(wq.Term(q.fieldname, w), sub, True, docs) for w in q.words]
        return restrict(intersection(words, True), docs)

    def _phrase_docs(self, q: wq.Phrase, sub) -> np.ndarray:
        """The live documents of one segment having the phrase. Walking the positions of common
        words is most of a search that has one (a name's side-by-side spellings: «عبد الله»,
        «لعبد الله»...), and a segment's answer never changes, so it is kept in the postings cache
        (by segment, field and words) and only the deletions are applied at each use."""
        self._check()
        reader = sub.reader()
        segment = reader.segment() if self.cache is not None else None
        key = (segment.segment_id(), "phrase", q.fieldname, tuple(q.words), q.slop) if segment is not None else None
        known = self.cache.get(key) if key is not None else None
        if known is not None:
            return self._live(reader, *known)[0]
        docs, _scores = self._walk(q.matcher(sub, self.searcher.boolean_context()), False)
        if key is not None:
            self.cache.put(key, docs, np.zeros(len(docs)))
        return self._live(reader, docs, np.zeros(len(docs)))[0]

    def _live(self, reader, ids: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        live = columns.live_mask(self.tables, reader)
        if live is not None and len(ids):
            keep = live[ids]
            ids, weights = ids[keep], weights[keep]
        return ids, weights

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
        b = postings.field_b(self._bm25, q.fieldname)
        k1 = self._bm25.K1
        fl = columns.field_lengths(self.tables, reader, q.fieldname)[ids]
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
            fl = columns.field_lengths(self.tables, reader, t.fieldname)[ids]
            norm = weights / (1.0 - q.b + q.b * fl / self.avgfl(t.fieldname))
            parts.append(Matches(ids, norm * t.boost if t.boost != 1.0 else norm))
        tf = union(parts, scored, reader.doc_count_all())
        if not scored or not len(tf):
            return tf
        idf = self._bm25f_idf(q)
        return Matches(tf.docs, q.boost * idf * tf.scores * (q.k1 + 1.0) / (q.k1 + tf.scores))

    def _lead(self, q: LeadBoost, sub, scored: bool, hint: np.ndarray | None) -> Matches:
        """The child's matches, scores times the lead factor of the words each has in its lead
        (the words' lead postings read only where the child's documents are)."""
        m = self._node(q.child, sub, scored, hint)
        if not scored or not len(m) or not q.words:
            return m
        present = np.zeros(len(m), dtype=np.int64)
        for word in q.words:
            present += np.isin(m.docs, self._node(word, sub, False, m.docs).docs, assume_unique=True)
        n = len(q.words)
        factors = np.array([lead_factor(k, n, q.weight) for k in range(n + 1)])
        return Matches(m.docs, m.scores * factors[present])

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
        live = columns.live_mask(self.tables, reader)
        if live is not None:
            docs = docs[live]
        return Matches(docs, np.full(len(docs), float(boost)) if scored else None)

    def _whoosh_leaf(self, q, sub, scored: bool) -> Matches:
        """Any other query: Whoosh's own matcher on this segment, collected into arrays."""
        self._check()
        context = self.searcher.context() if scored else self.searcher.boolean_context()
        return Matches(*self._walk(q.matcher(sub, context), scored))

    def _walk(self, m, scored: bool) -> tuple[np.ndarray, np.ndarray | None]:
        """The documents (and scores if ``scored``) of a Whoosh matcher, walked one by one, the
        deadline looked at every 4,096 documents."""
        ids, scores = [], []
        while m.is_active():
            if len(ids) % 4096 == 4095:
                self._check()
            ids.append(m.id())
            if scored:
                scores.append(m.score())
            m.next()
        return np.array(ids, dtype=np.int64), np.array(scores, dtype=np.float64) if scored else None


def _covers(read_for: np.ndarray | None, wanted: np.ndarray | None) -> bool:
    """Whether postings read for the documents ``read_for`` (None: all) serve ``wanted``."""
    if read_for is None:
        return True
    if wanted is None or len(wanted) > len(read_for):
        return False
    return bool(np.isin(wanted, read_for, assume_unique=True).all())


def _estimate(q, reader) -> int:
    """How many documents ``q`` may match in a segment (Whoosh's own estimate; term look-ups). A
    date span is put last, as if it held every document: Whoosh would estimate it by looking up
    each of its trie terms, dearer than the span's own comparison over the date column."""
    if type(q) is wq.DateRange:
        return reader.doc_count_all()
    try:
        return q.estimate_size(reader)
    except Exception:  # an estimate only orders the work: never fail a search for it
        return 1 << 62
