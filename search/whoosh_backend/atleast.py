"""At least k of several queries, as a Whoosh query (a minimum-should-match ``Or``).

Whoosh's ``Or`` takes a ``minmatch`` argument but does not implement it ("not yet implemented"
in whoosh3), and the partial-match tiers (:mod:`search.coordination`) need exactly that: the
documents having at least ``minimum`` of the query's words, each scored as the sum of the words it
has. The array evaluator (:mod:`search.whoosh_backend.scorer`) evaluates it with one pass over the
children's document arrays; :meth:`AtLeast.matcher` gives Whoosh's matcher protocol the same
answer, for code that searches with Whoosh directly (tests compare the two).

    AtLeast([Term("body", "نفط"), Term("body", "سعر"), Term("body", "يوم")], 2)
    → the documents with two or three of the terms, scores added
"""

from __future__ import annotations

from collections import defaultdict

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher


class AtLeast(wq.Or):
    """Documents matching at least ``minimum`` of ``subqueries``; their scores added. A subquery
    given twice counts twice but scores once (a compound is two typed words:
    :func:`search.coordination.counted`)."""

    def __init__(self, subqueries, minimum: int, boost: float = 1.0) -> None:
        super().__init__(list(subqueries), boost=boost)
        self.minimum = minimum

    def __repr__(self) -> str:
        return f"AtLeast({self.subqueries!r}, {self.minimum})"

    def __eq__(self, other) -> bool:
        return super().__eq__(other) and self.minimum == other.minimum

    def __hash__(self) -> int:
        return hash((super().__hash__(), self.minimum))

    def normalize(self):
        return self

    def simplify(self, ixreader):
        return self

    def estimate_size(self, ixreader) -> int:
        return min(q.estimate_size(ixreader) for q in self.subqueries)

    def matcher(self, searcher, context=None):
        context = context if context is not None else searcher.context()
        scored = context.weighting is not None
        seen: dict[int, int] = defaultdict(int)
        scores: dict[int, float] = defaultdict(float)
        for q, times in repeats(self.subqueries):
            m = q.matcher(searcher, context)
            while m.is_active():
                seen[m.id()] += times
                scores[m.id()] += m.score() if scored else 1.0
                m.next()
        ids = sorted(d for d, n in seen.items() if n >= self.minimum)
        if not ids:
            return NullMatcher()
        return ListMatcher(ids, [scores[d] * self.boost for d in ids])


def repeats(queries: list) -> list[tuple[object, int]]:
    """Each distinct query of ``queries`` once, with how many times it is given."""
    out: list[list] = []
    for q in queries:
        for seen in out:
            if seen[0] == q:
                seen[1] += 1
                break
        else:
            out.append([q, 1])
    return [(q, n) for q, n in out]
