"""The query tree (:mod:`search.syntax`) compiled into Whoosh queries.

Every word goes through the index's own analyzers (:func:`search.analysis.terms`) and is looked
for over several fields at once: its stem in ``title`` (weighted) and ``body`` as one BM25F term
(:mod:`search.whoosh_backend.bm25f`), plus its exact form in the exact twins at
``Ranking.exact_weight``. A tree is compiled twice (:func:`compile_query`): once to score, and
once to match only, without the parts that only add to scores (the exact-form twins: an exact
form always comes with its stem), so that collecting every matching document for totals and
facets reads half the postings. The scoring query is wrapped in a
:class:`~search.whoosh_backend.lead.LeadBoost` over the plain words of the body
(``Ranking.lead_weight``).
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh import scoring

from indexer.schema import (
    BODY,
    BODY_EXACT,
    DATE,
    EXACT_FIELDS,
    KEYWORD_FIELDS,
    LEAD,
    ROOTS,
    TITLE,
    TITLE_EXACT,
)
from search.analysis import paired_terms, terms, too_short_for_edits
from search.edits import shared_prefix
from search.lead import lead_words
from search.ranking import Ranking
from search.scopes import Scopes
from search.syntax import (
    ROOT,
    DateSpan,
    Group,
    Node,
    Not,
    Phrase,
    Word,
    as_typed,
    fuzzy_distance,
    words,
)
from search.whoosh_backend.atleast import AtLeast
from search.whoosh_backend.bm25f import BM25FTerm
from search.whoosh_backend.lead import LeadBoost
from search.whoosh_backend.vocabulary import WhooshVocabulary
from search.wildcards import Expansions, slots

# The fields whose terms a prefix word's terms are chosen over together, for each field it is
# looked for in: the stems of title and body, the exact forms of both (as Sphinx's dictionary
# holds them: search/wildcards.py).
_PREFIX_FIELDS = {TITLE: (TITLE, BODY), BODY: (TITLE, BODY),
                  TITLE_EXACT: (TITLE_EXACT, BODY_EXACT), BODY_EXACT: (TITLE_EXACT, BODY_EXACT)}
# Highlighting's term kinds (search/highlight.py) by the field a term was matched in.
_KIND_OF_FIELD = {TITLE: "text", BODY: "text", TITLE_EXACT: "exact", BODY_EXACT: "exact", ROOTS: "roots"}


class WhooshCompiler:
    """Turns a parsed tree into a Whoosh query, keeping the leaves highlighting needs.

    ``conjunction`` (``and`` or ``or``): how words typed side by side combine (``or`` is the
    fallback when ``and`` finds nothing). ``scoring=False`` leaves out what only adds to scores.
    A subclass may add scoring parts (``bench/ablation.py`` does, to measure them).
    ``expansions``: the request's prefix and fuzzy expansions (one budget and deadline for the
    query: :mod:`search.wildcards`); a new one, without a deadline, if not given.
    """

    def __init__(self, reader, ranking: Ranking, conjunction: str = "and", scoring: bool = True,
                 expansions: Expansions | None = None) -> None:
        self.reader = reader
        self.ranking = ranking
        self.conjunction = conjunction
        self.scoring = scoring
        self.expansions = expansions or Expansions(WhooshVocabulary(reader), None, ranking)
        self.positive: list = []  # leaf queries whose terms should be highlighted
        self._scopes = Scopes()  # inside an exclusion or a requirement (search/scopes.py)
        self._slots = 1  # (field, kind of term) pairs of the expanding words: they share the budget
        # The positive plain words as (field, stem, alternative stems): what the lead factor counts
        self._plain: list[tuple[str | None, str, list[str]]] = []

    @staticmethod
    def weighting(ranking: Ranking) -> scoring.WeightingModel:
        """The searcher's weighting: it scores what is not a BM25F word (prefix and fuzzy
        expansions, phrases)."""
        return scoring.BM25F(B=ranking.b, K1=ranking.k1)

    # -- tree walk ---------------------------------------------------------------------------
    def compile(self, tree: Group, budget: int | None = None):
        """``tree`` as a Whoosh query, its expanding words sharing the budget by ``budget`` slots
        (:func:`search.wildcards.slots` of ``tree`` when None)."""
        self._slots = slots(tree) if budget is None else budget
        q = self.node(tree)
        if q is None:
            return self.without_words(tree)
        extras = self.extras(tree) if self.scoring else None
        if extras is not None:
            q = wq.AndMaybe(q, extras)
        if self.scoring and self.ranking.lead_weight > 0 and (lead := lead_words(self._plain)):
            words = [wq.Or([wq.Term(LEAD, t) for t in sorted(stems)]) for _stem, stems in sorted(lead.items())]
            q = LeadBoost(q, words, self.ranking.lead_weight)
        return q

    def extras(self, tree: Group):
        """Scoring-only parts added to a matching document's score (None: none). The runtime
        has none; ``bench/ablation.py`` measures rejected ones through this hook."""
        return None

    def without_words(self, tree: Group):
        """A tree with no word to search for: every document when nothing was typed (or only
        filters); the typed text in the exact fields when it was only stop words (في, ولي: not in
        the stemmed fields), rather than returning everything."""
        typed = words(tree)
        if not typed:
            return wq.Every()
        return self.phrase(Phrase(" ".join(w.text for w in typed))) or wq.NullQuery

    def node(self, node: Node):
        if isinstance(node, Word):
            return self.word(node)
        if isinstance(node, Phrase):
            return self.phrase(node)
        if isinstance(node, DateSpan):
            return wq.DateRange(DATE, node.start, node.end, endexcl=True, constantscore=True)
        if isinstance(node, Not):
            # stop words only (-في, -لدينا) are not in the stemmed fields: excluded as typed
            inner = self.unscored(node.node)
            if inner is None:
                inner = self.unscored(as_typed(node.node))
            return wq.Not(inner) if inner is not None else None
        return self.group(node)

    def group(self, group: Group):
        op = group.op
        if group.implicit and op == "and":
            op = self.conjunction
        positives, negatives = [], []
        with self._scopes.group_items(group.require is not None):
            compiled = [self.node(item) for item in group.items]
        for q in compiled:
            if q is None:
                continue
            # Exclusions typed among plain words stay exclusions when the words fall back to OR;
            # only an explicit ``a OR -b`` means "a, or anything without b".
            if isinstance(q, wq.Not) and (op == "and" or group.implicit):
                negatives.append(q.query)
            else:
                positives.append(q)
        if not positives and not negatives:
            return None
        if not positives:
            main = wq.Every()
        elif op == "or" and group.minimum > 1:
            main = AtLeast(positives, group.minimum) if len(positives) >= group.minimum else wq.NullQuery
        elif len(positives) == 1:
            main = positives[0]
        else:
            main = wq.Or(positives) if op == "or" else wq.And(positives)
        if negatives:
            main = wq.AndNot(main, negatives[0] if len(negatives) == 1 else wq.Or(negatives))
        required = self.unscored(group.require, shown=True) if group.require is not None and positives else None
        return wq.Require(main, required) if required is not None else main

    def unscored(self, node: Node, shown: bool = False):
        """``node`` matched but never scored nor counted by the lead factor; highlighted only if
        ``shown`` (a requirement's words are the words typed, an exclusion's are not)."""
        with self._scopes.unscored_part(shown):
            return self.node(node)

    # -- leaves ------------------------------------------------------------------------------
    def _keep(self, q):
        if q is not None and not self._scopes.hidden:
            self.positive.append(q)
        return q

    def fields(self, field: str | None) -> list[tuple[str, float]]:
        """(field, boost) of the stemmed fields, then of the exact twins, a word of ``field``
        (None: every text field) is looked for in."""
        r = self.ranking
        weights = {TITLE: r.title_boost, BODY: 1.0}
        names = [f for f in (TITLE, BODY) if field in (None, f)]
        return [(f, weights[f]) for f in names] + [(EXACT_FIELDS[f], weights[f] * r.exact_weight) for f in names]

    def word(self, w: Word):
        if w.field in KEYWORD_FIELDS:
            values = {w.text, w.text.lower()}
            alts = [wq.Term(w.field, v) for v in sorted(values)]
            return alts[0] if len(alts) == 1 else wq.Or(alts)
        if w.field == ROOT:
            roots = terms("roots", w.text)
            if not roots:
                return None
            parts = [self._keep(wq.Term(ROOTS, r)) for r in roots]
            return parts[0] if len(parts) == 1 else wq.And(parts)
        if w.prefix:
            return self.prefix(w)
        if w.fuzzy:
            return self.fuzzy(w)
        pairs = paired_terms(w.text)
        if not pairs:
            return None  # a stop word: it cannot narrow the results
        alternatives = w.alternatives if len(pairs) == 1 else ()
        if not self._scopes.unscored:  # what the lead factor counts (search/lead.py)
            self._plain += [(w.field, stem, [other for other, _w in alternatives]) for stem, _exact in pairs]
        parts = [self.scored_word(w.field, stem, exact, alternatives) for stem, exact in pairs]
        q = parts[0] if len(parts) == 1 else wq.And(parts)
        phrases = [self.phrase(Phrase(text, w.field), weight, keep=False) for text, weight in w.phrases]
        if any(p is not None for p in phrases):  # the word written in two (فيسبوك: «فيس بوك»)
            q = wq.Or([q, *(p for p in phrases if p is not None)])
        return self._keep(q)

    def scored_word(self, field: str | None, stem: str, exact: str | None,
                    alternatives: tuple[tuple[str, float], ...] = ()):
        """One word as BM25F over the stemmed fields, plus (when scoring) BM25F over the exact
        fields at ``exact_weight``; each alternative stem (search/expansion.py) as BM25F over the
        stemmed fields at its weight."""
        r = self.ranking
        weights = {TITLE: r.title_boost, BODY: 1.0}
        names = [f for f in (TITLE, BODY) if field in (None, f)]
        stemmed = [wq.Term(f, stem, boost=weights[f]) for f in names]
        alts = [BM25FTerm(stemmed, k1=r.k1, b=r.b), *self.alternative_terms(field, alternatives)]
        if exact and self.scoring and r.exact_weight > 0:
            exact_terms = [wq.Term(EXACT_FIELDS[f], exact, boost=weights[f]) for f in names]
            alts.append(BM25FTerm(exact_terms, k1=r.k1, b=r.b, boost=r.exact_weight))
        return alts[0] if len(alts) == 1 else wq.Or(alts)

    def alternative_terms(self, field: str | None, alternatives: tuple[tuple[str, float], ...]) -> list:
        """Each alternative stem (search/expansion.py) as BM25F over the stemmed fields at its weight."""
        r = self.ranking
        weights = {TITLE: r.title_boost, BODY: 1.0}
        names = [f for f in (TITLE, BODY) if field in (None, f)]
        return [BM25FTerm([wq.Term(f, other, boost=weights[f]) for f in names], k1=r.k1, b=r.b, boost=weight)
                for other, weight in alternatives]

    def phrase(self, p: Phrase, weight: float | None = None, keep: bool = True):
        """A quoted phrase in the exact fields (at their weight); with ``weight``, a word's
        spelling in two words (search/expansion.py), scored as its alternative stems are: the
        title's boost times ``weight``, the body's ``weight``, shared out over the phrase's words
        (Whoosh scores a phrase as the sum of its words)."""
        if p.field in KEYWORD_FIELDS:
            return self.word(Word(p.text, p.field))
        exacts = terms("exact", p.text)
        if not exacts:
            return None
        share = (weight or 0) / len(exacts)
        own = {TITLE_EXACT: self.ranking.title_boost * share, BODY_EXACT: share}
        exact_fields = [(f, b if weight is None else own[f])
                        for f, b in self.fields(p.field) if f in (TITLE_EXACT, BODY_EXACT)]
        alts = []
        for f, b in exact_fields:
            if len(exacts) == 1:
                alts.append(wq.Term(f, exacts[0], boost=b))
            else:
                alts.append(wq.Phrase(f, exacts, boost=b))
        q = alts[0] if len(alts) == 1 else wq.Or(alts)
        return self._keep(q) if keep else q

    def prefix(self, w: Word):
        """``كتا*``: the most frequent words starting so, within the query's expansion budget."""
        forms = terms("exact", w.text)
        if not forms:
            return None
        # One list of stems and one of exact forms, each chosen over title and body together and
        # looked for in every field of its kind the word is limited to.
        alts = [wq.Term(f, t, boost=b) for f, b in self.fields(w.field)
                for t in self.expansions.prefix(_PREFIX_FIELDS[f], forms[-1], self._slots)]
        if not alts:
            return wq.NullQuery
        return self._keep(wq.Or(alts))

    def fuzzy(self, w: Word):
        """``word~`` (distance 1) or ``word~2``: the most frequent spellings within that edit
        distance (the typed one always), within the query's expansion budget. The distance is
        at most what the word's length allows (:func:`fuzzy_distance`)."""
        forms = terms("exact", w.text)
        stems = terms("text", w.text) or forms
        if not forms:
            return None
        if too_short_for_edits(w):
            return self.word(Word(w.text, w.field))
        alts = []
        for f, b in self.fields(w.field):
            text = forms[-1] if f in (TITLE_EXACT, BODY_EXACT) else stems[-1]
            found = self.expansions.fuzzy(f, text, fuzzy_distance(text, w.fuzzy), shared_prefix(text),
                                          self._slots)
            alts += [wq.Term(f, t, boost=b) for t in found]
        if not alts:
            return wq.NullQuery
        return self._keep(wq.Or(alts))

    # -- what the engine needs besides the query ----------------------------------------------
    def highlight_terms(self) -> dict[str, set[str]]:
        """{"text": stems, "exact": folded forms, "roots": roots, "phrases": exact forms joined by a
        space} that positive parts match."""
        out: dict[str, set[str]] = {"text": set(), "exact": set(), "roots": set(), "phrases": set()}
        # Leaf by leaf: whoosh's Query.existing_terms() reuses its ``fieldname`` argument as a loop
        # variable and so skips every leaf after the first in another field.
        for query in self.positive:
            for leaf in query.leaves():
                if isinstance(leaf, wq.Phrase) and leaf.fieldname in (TITLE_EXACT, BODY_EXACT):
                    # its words only side by side (search/highlight.py), not wherever each stands
                    out["phrases"].add(" ".join(leaf.words))
                    continue
                for fieldname, term in leaf.existing_terms(self.reader, phrases=True, expand=True):
                    kind = _KIND_OF_FIELD.get(fieldname)
                    if kind:
                        out[kind].add(term.decode("utf-8") if isinstance(term, bytes) else term)
        return out


class WhooshQuery:
    """A tree compiled for one searcher: the query that scores, the one that only matches, and
    the highlight terms (:class:`search.backend.CompiledQuery`). Compared by identity: the
    searcher keeps what it has matched per query object."""

    def __init__(self, scoring_query, matching_query, compiler: WhooshCompiler) -> None:
        self.scoring = scoring_query
        self.matching = matching_query
        self._compiler = compiler

    def highlight_terms(self) -> dict[str, set[str]]:
        return self._compiler.highlight_terms()

    def __repr__(self) -> str:
        return f"WhooshQuery({self.scoring!r})"


def compile_query(reader, ranking: Ranking, tree: Group, conjunction: str,
                  compiler: type[WhooshCompiler] = WhooshCompiler,
                  expansions: Expansions | None = None, budget: int | None = None) -> WhooshQuery:
    """``tree`` compiled to score and to match (see the module docstring), both with the same
    expansions (the request's: its budget and deadline; new ones without a deadline if None),
    shared by ``budget`` slots (the tree's own when None: :meth:`WhooshCompiler.compile`)."""
    expansions = expansions or Expansions(WhooshVocabulary(reader), None, ranking)
    scorer = compiler(reader, ranking, conjunction, expansions=expansions)
    scoring_query = scorer.compile(tree, budget)
    matching_query = compiler(reader, ranking, conjunction, scoring=False, expansions=expansions).compile(tree, budget)
    return WhooshQuery(scoring_query, matching_query, scorer)
