"""Ranking switches that only the relevance report measures: what each rejected choice is worth.

The runtime ranks with :class:`search.Ranking` (BM25F proper, title 3, exact twins 0.3, K1 4,
B 0.4). ``make eval`` also reports what the alternatives it was chosen over score on the same
topics (docs/relevance.md, "What each ranking decision is worth"): Whoosh's own BM25F (a *sum* of
per-field BM25 scores, with a per-field B for the title), a proximity boost for the typed words
together, and root matches adding to the score. They are measured here, as a compiler subclass
plugged into the Whoosh backend, so that the runtime carries none of them.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass

from whoosh import query as wq
from whoosh import scoring

from indexer.schema import BODY, BODY_EXACT, ROOTS, TITLE, TITLE_EXACT
from search import Ranking, SearchEngine
from search.analysis import terms
from search.syntax import Group, Word
from search.whoosh_backend import WhooshBackend
from search.whoosh_backend.compiler import WhooshCompiler


@dataclass(frozen=True)
class AblationRanking(Ranking):
    bm25f: bool = True  # False: Whoosh's sum of per-field BM25 scores
    title_b: float | None = None  # B for the title fields in the sum mode (None: ``b``)
    phrase_weight: float = 0.0  # the typed words together (in order, within phrase_slop)
    phrase_slop: int = 2
    roots_weight: float = 0.0  # root matches adding to the score


class AblationCompiler(WhooshCompiler):
    """:class:`WhooshCompiler` with the switches of :class:`AblationRanking`."""

    ranking: AblationRanking

    @staticmethod
    def weighting(ranking: AblationRanking) -> scoring.WeightingModel:
        per_field = {} if ranking.title_b is None else {"title_B": ranking.title_b, "title_exact_B": ranking.title_b}
        return scoring.BM25F(B=ranking.b, K1=ranking.k1, **per_field)

    def scored_word(self, field: str | None, stem: str, exact: str | None, alternatives=()):
        if self.ranking.bm25f:
            return super().scored_word(field, stem, exact, alternatives)
        alts = [wq.Term(f, stem, boost=b) for f, b in self.fields(field) if f in (TITLE, BODY)]
        if exact and self.scoring and self.ranking.exact_weight > 0:
            alts += [wq.Term(f, exact, boost=b) for f, b in self.fields(field) if f in (TITLE_EXACT, BODY_EXACT)]
        return wq.Or(alts)

    def extras(self, tree: Group):
        """Scoring-only extras for plain multi-word queries: the words together, and roots."""
        r = self.ranking
        plain = [i for i in tree.items if isinstance(i, Word) and i.field is None and not i.prefix and not i.fuzzy]
        extras = []
        if r.phrase_weight > 0 and len(plain) >= 2 and len(plain) == len(tree.items):
            forms = [f for w in plain for f in terms("exact", w.text)]
            if len(forms) >= 2:
                extras += [
                    wq.Phrase(TITLE_EXACT, forms, slop=r.phrase_slop, boost=r.phrase_weight * r.title_boost),
                    wq.Phrase(BODY_EXACT, forms, slop=r.phrase_slop, boost=r.phrase_weight),
                ]
        if r.roots_weight > 0:
            for w in plain:
                extras += [wq.Term(ROOTS, t, boost=r.roots_weight) for t in terms("roots", w.text)]
        if not extras:
            return None
        return extras[0] if len(extras) == 1 else wq.Or(extras)


def ablation_engine(index_dir: str | pathlib.Path, **change) -> SearchEngine:
    """An engine on ``index_dir`` ranking with the tuned ranking and ``change`` applied."""
    ranking = AblationRanking(**change)
    return SearchEngine(WhooshBackend(index_dir, ranking, compiler=AblationCompiler), query_time_limit=None)
