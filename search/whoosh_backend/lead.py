"""A query's score raised where the article's lead has its words, as a Whoosh query.

:func:`search.ranking.lead_factor` says why and by how much. :class:`LeadBoost` wraps a scoring
query: it matches exactly what the wrapped query matches (the lead decides no match), and each
match's score is multiplied by the factor of how many of the query's words are in that
document's ``lead`` field. A word is one query for the ``lead`` field (its stem and the stems it
is expanded to), so that a lead writing the word in another spelling or number counts.

The array evaluator (:mod:`search.whoosh_backend.scorer`) evaluates it on document arrays;
:meth:`LeadBoost.matcher` gives Whoosh's matcher protocol the same answer (tests compare them).
"""

from __future__ import annotations

from whoosh.matching import ListMatcher, NullMatcher
from whoosh.query.wrappers import WrappingQuery

from search.ranking import lead_factor


class LeadBoost(WrappingQuery):
    """``child``'s matches, each score times ``lead_factor(words present in the lead, len(words),
    weight)``. ``words``: one query per distinct query word, over the ``lead`` field."""

    def __init__(self, child, words, weight: float) -> None:
        super().__init__(child)
        self.words = list(words)
        self.weight = weight

    def __repr__(self) -> str:
        return f"LeadBoost({self.child!r}, {self.words!r}, {self.weight})"

    def __eq__(self, other) -> bool:
        return (type(other) is type(self) and self.child == other.child and self.words == other.words
                and self.weight == other.weight)

    def __hash__(self) -> int:
        return hash((self.child, tuple(self.words), self.weight))

    def _rewrap(self, child):
        return self.__class__(child, self.words, self.weight)

    def normalize(self):
        return self._rewrap(self.child.normalize())

    def matcher(self, searcher, context=None):
        context = context if context is not None else searcher.context()
        m = self.child.matcher(searcher, context)
        if context.weighting is None:  # matching only: the lead changes no match
            return m
        ids, scores = [], []
        while m.is_active():
            ids.append(m.id())
            scores.append(m.score())
            m.next()
        if not ids:
            return NullMatcher()
        present = dict.fromkeys(ids, 0)
        for word in self.words:
            found = word.matcher(searcher, searcher.boolean_context())
            while found.is_active():
                if found.id() in present:
                    present[found.id()] += 1
                found.next()
        n = len(self.words)
        return ListMatcher(ids, [s * lead_factor(present[d], n, self.weight) for d, s in zip(ids, scores, strict=True)])
