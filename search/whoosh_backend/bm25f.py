"""True BM25F for one word over several fields, as a Whoosh query.

Whoosh's ``scoring.BM25F`` scores each field with its own BM25 and adds the results, so a word
saturates separately in the title and in the body: one title mention is worth as much as several
body mentions, and a title boost multiplies an already saturated score. BM25F proper (Robertson,
Zaragoza & Taylor 2004) first adds the fields' length-normalised frequencies, each times its
weight, and saturates once::

    tf~ = Σ_f  w_f · tf_f / (1 - b + b · len_f / avglen_f)
    score = idf · tf~ · (k1 + 1) / (k1 + tf~)

so a title weight of 2 means "a title mention counts as two body mentions", which is what a title
boost should mean. :class:`BM25FTerm` does this for one word (its stemmed term in ``title`` and
``body``, or its exact form in ``title_exact`` and ``body_exact``, plus any extra spellings).
"""

from __future__ import annotations

import math

from whoosh import query as wq
from whoosh.matching import WrappingMatcher
from whoosh.scoring import WeightingModel, WeightLengthScorer


class _NormTFScorer(WeightLengthScorer):
    """A field's length-normalised term frequency ``tf / (1 - b + b · len / avglen)``."""

    def __init__(self, searcher, fieldname: str, text, b: float) -> None:
        self.avgfl = searcher.get_parent().avg_field_length(fieldname) or 1.0
        self.b = b
        self.setup(searcher, fieldname, text)

    def _score(self, weight: float, length: int) -> float:
        return weight / (1.0 - self.b + self.b * length / self.avgfl)

    def supports_block_quality(self) -> bool:
        return False


class NormalizedTF(WeightingModel):
    """Weighting whose "score" is the normalised frequency, for :class:`BM25FTerm` to combine."""

    def __init__(self, b: float) -> None:
        self.b = b

    def supports_block_quality(self) -> bool:
        return False

    def scorer(self, searcher, fieldname, text, qf=1):
        return _NormTFScorer(searcher, fieldname, text, self.b)


class _Saturate(WrappingMatcher):
    """Turns the summed normalised frequencies of the union below into the BM25 score."""

    def __init__(self, child, idf: float, k1: float, boost: float = 1.0) -> None:
        super().__init__(child, boost)
        self.idf = idf
        self.k1 = k1

    def _replacement(self, newchild):
        return self.__class__(newchild, self.idf, self.k1, self.boost)

    def copy(self):
        return self.__class__(self.child.copy(), self.idf, self.k1, self.boost)

    def supports_block_quality(self) -> bool:
        return False

    def max_quality(self) -> float:
        # An upper bound of score(): tf·(k1+1)/(k1+tf) stays below k1+1. Whoosh's collector
        # prunes union branches whose max_quality is under the score it needs; the child's
        # quality is a normalised frequency, not a score, and passed up (the default) it made
        # Whoosh drop documents that belonged in the top N.
        return self.boost * self.idf * (self.k1 + 1.0)

    def replace(self, minquality=0):
        # The same scale problem downwards: the child's qualities are frequencies, so a minimum
        # score must not reach them; only exhausted children are dropped.
        return super().replace(0)

    def score(self) -> float:
        tf = self.child.score()
        return self.boost * self.idf * tf * (self.k1 + 1.0) / (self.k1 + tf)


class BM25FTerm(wq.Or):
    """One word over several fields, scored by BM25F.

    ``terms``: ``Term(field, text, boost=field weight)`` for each field (and spelling) the word is
    looked for in. Matching is the union of the terms; leaves are ordinary terms, so highlighting
    and term listings see them as usual.
    """

    def __init__(self, terms, k1: float = 1.2, b: float = 0.75, boost: float = 1.0) -> None:
        super().__init__(list(terms), boost=boost)
        self.k1 = k1
        self.b = b

    def __repr__(self) -> str:
        return f"BM25FTerm({self.subqueries!r}, k1={self.k1}, b={self.b}, boost={self.boost})"

    def normalize(self):
        return self

    def simplify(self, ixreader):
        return self

    def idf(self, searcher) -> float:
        """IDF of the word over the whole index: from the field where it is most common
        (≈ documents having it).

        Whoosh builds matchers per segment, with the segment's searcher: the counts are taken
        from its parent, so a document's score does not depend on how the index happens to be
        split into segments (it did, before: each segment had its own idf).
        """
        top = searcher.get_parent()
        n = top.doc_count_all()
        df = 0
        for q in self.subqueries:
            try:
                df = max(df, top.doc_frequency(q.fieldname, q.text))
            except (KeyError, ValueError):
                continue
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def matcher(self, searcher, context=None):
        context = context if context is not None else searcher.context()
        inner = wq.Or(self.subqueries).matcher(searcher, context.set(weighting=NormalizedTF(self.b)))
        if not inner.is_active():
            return inner
        return _Saturate(inner, self.idf(searcher), self.k1, self.boost)
