"""The engine-neutral parse tree (:mod:`search.syntax`) compiled into a SphinxQL ``MATCH()`` expression.

The sibling of the Whoosh compiler, over the same tree and the same analyzers, node by node:

* a word: for each of its stems, ``(stem | EXACT^w)`` — the stem in ``title``/``body`` or the
  exact form in ``title_exact``/``body_exact``, whose IDF is multiplied by the ranking's
  ``exact_weight`` (Sphinx's ``^`` boost), so that the expression ranker's ``bm25f()`` adds the
  exact twin at 0.3 as Fahras's BM25F does; ``title:``/``body:`` limit both to that field;
* a phrase: the exact forms in order (``"E1 E2"``) in the exact fields;
* ``root:``: the roots in ``roots``; ``source:``/``section:``/``author:``/``tag:``: the value's
  keyword in ``meta`` (as typed or lower-cased, as Whoosh's compiler does);
* ``word*`` and ``word~``: the vocabulary's most frequent stems and exact forms starting so, or
  within the edit distance (the searcher's :class:`search.backend.Vocabulary`, from
  :mod:`.vocabulary`), as an OR, through the request's :class:`search.wildcards.Expansions` as
  on the Whoosh backend: every expanding word shares one budget
  (``Ranking.max_query_expansions``) and expanding stops at the deadline (two slots a word:
  Sphinx's dictionary is per kind of term, stems and exact forms, not per field);
* ``-x``, ``NOT``, ``OR``/``أو``, groups: Sphinx's ``-``, ``|`` and parentheses; a group of
  exclusions only is matched against a keyword every document has (Sphinx refuses a lone NOT);
* a date span: at the top level an attribute filter (:attr:`Compiled.date_spans`), nested in a
  boolean expression the union of its years, months and days as keywords — the spans of one OR
  merged first (:func:`search.syntax.union_of_spans`), at most :data:`MAX_DATE_TERMS` keywords a
  query (more is a 400: 60 overlapping day spans OR-ed were 1,900 keywords, and searchd's agents
  timed out on them).

What highlighting needs (the stems, exact forms and roots of positive leaves, expansions included)
is collected on the way (:meth:`Compiled.highlight_terms`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from indexer.schema import (
    AUTHOR,
    BODY,
    BODY_EXACT,
    EXACT_FIELDS,
    KEYWORD_FIELDS,
    SECTION,
    SOURCE,
    TEXT_FIELDS,
    TITLE,
    TITLE_EXACT,
)
from search.analysis import paired_terms, terms, too_short_for_edits
from search.edits import shared_prefix
from search.errors import bilingual
from search.ranking import Ranking
from search.scopes import Scopes
from search.sphinx_backend import tokens
from search.sphinx_backend.tokens import escape
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
    union_of_spans,
    words,
)
from search.wildcards import Expansions, slots

MAX_DATE_TERMS = 400  # date keywords one query may spell (docs/query-language.md, "Limits")
# Facet fields held as string attributes (config.ATTRIBUTES): their values are listed by grouping
# on them (tags are hashed meta keywords, which cannot be listed: a tag is matched as typed), and
# filtered on as attributes, a request's filter or a value AND-ed at the top of a query. A typed
# author names every stored author it is in (كاتب:محمد: 567 values), and 567 meta keywords in a
# ranked MATCH took searchd 0.8-1.9 s (a 503 under load); `author IN (...)` costs milliseconds
# and matches the same documents (the meta keywords weigh 0).
VALUE_FIELDS = (SECTION, SOURCE, AUTHOR)
MAX_QUORUM_SUBSETS = 64  # an at-least-k group is spelt as its k-subsets up to this many
MAX_QUORUM_SPLIT = 8  # items of a larger at-least-k group that are not one keyword, counted exactly
# Characters an at-least-k group's exact spelling may take. Each subset (or branch of the split)
# spells its items again, and searchd evaluates every copy: 8 prefixes of ~60 expansions each
# beside two words made an 85 KB statement that outran every agent's time-out (a 503) at 31k.
# Past this, the bounded spelling: more documents than Whoosh's exact count, in time.
MAX_QUORUM_CHARS = 16_000
NOTHING = "\ue003none"  # a keyword no document has


@dataclass(eq=False)  # compared by identity: a Selection holding it is hashed
class Compiled:
    """``match``: the MATCH() text, or None for every document; ``matching``: the same documents
    spelt for a statement that ranks nothing (counts, facets, stories), when that spelling is
    shorter (:func:`at_least`); ``date_spans``: (start, end) bounds to apply as attribute filters
    (AND-ed with the match); ``value_filters``: (facet field, its values) for attribute filters
    of string values, one of which each document must have (AND-ed too)."""

    match: str | None
    matching: str | None = None
    date_spans: list[tuple[datetime | None, datetime | None]] = field(default_factory=list)
    value_filters: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    highlight: dict[str, set[str]] = field(default_factory=lambda: {"text": set(), "exact": set(), "roots": set(),
                                                                     "phrases": set()})
    # What Fahras's BM25F scores, word by word: (field prefix or None, stem, exact form or None,
    # the alternative stems with their weights) of each positive plain word; ``scored_phrases``:
    # (field prefix or None, exact forms, weight) of each such word's spelling in two
    # (search/expansion.py: فيسبوك as «فيس بوك»); ``exact_scoring`` is False when some other leaf
    # (a typed phrase, a wildcard, a root...) scores too, and the engine's own ranking is then kept.
    scored_words: list[tuple[str | None, str, str | None, tuple[tuple[str, float], ...]]] = field(default_factory=list)
    scored_phrases: list[tuple[str | None, tuple[str, ...], float]] = field(default_factory=list)
    exact_scoring: bool = True

    def highlight_terms(self) -> dict[str, set[str]]:
        """:class:`search.backend.CompiledQuery`: the terms positive leaves match."""
        return self.highlight


def _fmt_boost(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


@dataclass
class _Part:
    text: str
    negated: bool = False


class SphinxCompiler:
    """Compiles one tree; ``conjunction`` is how words typed side by side combine (``or`` is the
    AND→OR fallback). ``expansions`` gives wildcard and fuzzy words their terms (the request's,
    shared by its compilations; None: a wildcard matches nothing, a fuzzy word only itself)."""

    def __init__(self, ranking: Ranking, conjunction: str = "and", expansions: Expansions | None = None,
                 idf_ratio: Callable[[str, str], float] | None = None, ranked: bool = True) -> None:
        self.ranking = ranking
        # False: the text will rank nothing, so an at-least-k group is spelt factored (at_least)
        self.ranked = ranked
        self.conjunction = conjunction
        self.expansions = expansions
        self._slots = 1  # (field, kind of term) pairs of the expanding words: they share the budget
        self._date_terms = 0  # date keywords spelt so far
        self._spelt: dict[tuple, _Part | None] = {}  # expanding words spelt so far (:meth:`_expanding`)
        # Fahras's IDF of a term over the engine's (both from the same document frequency):
        # multiplying the keyword's IDF by it makes bm25f() weigh words as Fahras's BM25F does.
        self.idf_ratio = idf_ratio or (lambda kind, term: 1.0)
        self.out = Compiled(None)
        self._scopes = Scopes()  # inside an exclusion or a requirement (search/scopes.py)

    def compile(self, tree: Group, budget: int | None = None) -> Compiled:
        # the Whoosh backend's count (or the whole query's, ``budget``): both choose the same terms
        self._slots = slots(tree) if budget is None else budget
        items = list(tree.items)
        if tree.op == "and" and not (tree.implicit and self.conjunction == "or"):
            # Date spans AND-ed at the top are attribute filters: cheaper than keywords (in the
            # OR fallback they are one alternative among the words, so keywords).
            spans = [i for i in items if isinstance(i, DateSpan)]
            self.out.date_spans = [(s.start, s.end) for s in spans]
            values = {id(i): found for i in items if (found := _value_filter(i)) is not None}
            self.out.value_filters = list(values.values())
            if values:
                self._other_scoring()  # as the meta keywords they replace: no plain word's BM25F
            items = [i for i in items if not isinstance(i, DateSpan) and id(i) not in values]
            tree = Group(tree.op, items, tree.implicit)
        part = self.node(tree) if items else None
        if part is None:
            typed = words(tree)
            if typed:
                # Only stop words (في, ولي): not in the stemmed fields, so look for them as typed.
                phrase = self.phrase(Phrase(" ".join(w.text for w in typed)))
                self.out.match = phrase.text if phrase is not None else NOTHING
            return self.out
        self.out.match = self._positive(part)
        return self.out

    @staticmethod
    def _positive(part: _Part) -> str:
        return f"{tokens.EVERY} -{part.text}" if part.negated else part.text

    # -- tree walk ---------------------------------------------------------------------------
    def node(self, node: Node) -> _Part | None:
        if isinstance(node, Word):
            return self.word(node)
        if isinstance(node, Phrase):
            return self.phrase(node)
        if isinstance(node, DateSpan):
            return self.date_span(node)
        if isinstance(node, Not):
            # stop words only (-في, -لدينا) are not in the stemmed fields: excluded as typed
            inner = self.unscored(node.node)
            if inner is None:
                inner = self.unscored(as_typed(node.node))
            if inner is None:
                return None
            return _Part(inner.text, not inner.negated)
        return self.group(node)

    def group(self, group: Group) -> _Part | None:
        if group.op == "or" and group.minimum > 1:
            # At least k of the items (search/coordination.py's partial tiers): the OR of every
            # k-subset's AND, while there are few enough of them; past that, Sphinx's quorum
            # operator over the items that are one keyword each (_quorum).
            if math.comb(len(group.items), group.minimum) > MAX_QUORUM_SUBSETS:
                return self._quorum(group.items, group.minimum)
            if not self.ranked or self._scopes.unscored:  # the same documents, each item fewer times
                found = at_least(group.items, group.minimum)
                if found is None:  # more than the items can give: no document
                    return _Part(NOTHING)
                return self.group(found) if isinstance(found, Group) else self.node(found)
            # Ranked: the k-subsets, whose spelling Sphinx's rank of a partial tier's candidates
            # follows (the factored one changed which 100 of t06's 229 were re-scored).
            subsets = itertools.combinations(group.items, group.minimum)
            # an item given twice (a compound counts as its two words) is AND-ed once
            spelt = self.group(Group("or", [Group("and", list({id(i): i for i in c}.values())) for c in subsets]))
            if spelt is not None and len(spelt.text) > MAX_QUORUM_CHARS:
                return self._quorum(group.items, group.minimum)
            return spelt
        op = group.op
        if group.implicit and op == "and":
            op = self.conjunction
        items = group.items
        if op == "or" and sum(isinstance(i, DateSpan) for i in items) > 1:
            spans = union_of_spans([i for i in items if isinstance(i, DateSpan)])
            items = [*(i for i in items if not isinstance(i, DateSpan)), *spans]
        positives, negatives = [], []
        with self._scopes.group_items(group.require is not None):
            parts = [self.node(item) for item in items]
        for part in parts:
            if part is None:
                continue
            # As in the Whoosh compiler: exclusions among plain words stay exclusions when the
            # words fall back to OR; only an explicit ``a OR -b`` means "a, or anything without b".
            if part.negated and (op == "and" or group.implicit):
                negatives.append(part.text)
            elif part.negated:
                positives.append(f"({tokens.EVERY} -{part.text})")
            else:
                positives.append(part.text)
        if not positives and not negatives:
            return None
        if not positives:
            inner = negatives[0] if len(negatives) == 1 else "(" + " | ".join(negatives) + ")"
            return _Part(inner, negated=True)
        main = positives[0] if len(positives) == 1 else "(" + (" | " if op == "or" else " ").join(positives) + ")"
        if negatives:
            main = "(" + main + " " + " ".join(f"-{n}" for n in negatives) + ")"
        required = self.unscored(group.require, shown=True) if group.require is not None else None
        if required is not None and not required.negated:
            main = "(" + main + " " + required.text + ")"
        return _Part(main)

    def _quorum(self, items: list[Node], k: int) -> _Part:
        """At least ``k`` of many ``items``, bounded for any number of them: the k-subsets of 9
        words are 84, of 30 words millions. A plain word that is one stem, with no alternative
        nor phrase, is one keyword for matching (its exact twin always comes with its stem), and
        Sphinx's ``"a b c"/k`` counts such keywords; the other items (alternatives, compounds,
        expansions, a stem typed twice) are counted apart, up to :data:`MAX_QUORUM_SPLIT` of
        them (:func:`_split`) while their spelling fits :data:`MAX_QUORUM_CHARS`; past that,
        any item and the keywords' share of ``k``
        (more documents than Whoosh's, never fewer). Ranked, the exact twins
        add to the weight (``MAYBE``) as in a word's own spelling."""
        ranked = self.ranked and not self._scopes.unscored
        counts: dict[int, list] = {}
        for item in items:
            counts.setdefault(id(item), [item, 0])[1] += 1
        keywords: dict[str, list] = {}  # a one-keyword word's keyword → [its spelling, times given]
        others: list[tuple[str, int]] = []  # the other items' spellings, each with times given
        twins: list[str] = []
        for item, n in counts.values():
            part = self.node(item)  # spelt whatever its form: highlights and scored words
            if part is None:
                continue
            single = _one_keyword(item) if n == 1 and not part.negated else None
            if single is None:
                others.append((f"({tokens.EVERY} -{part.text})" if part.negated else part.text, n))
                continue
            stem, exact = single
            key = escape(tokens.stem_term(stem))
            keywords.setdefault(key, [key + (self._boost("text", stem, 1.0) if ranked else ""), 0])[1] += 1
            if ranked and exact and self.ranking.exact_weight > 0:
                twins.append(escape(tokens.exact_term(exact)) + self._boost("exact", exact, self.ranking.exact_weight))
        singles = [spelt for spelt, n in keywords.values() if n == 1]
        others += [(spelt, n) for spelt, n in keywords.values() if n > 1]
        spelt = _split(singles, others, k)
        if spelt is None:
            return _Part(NOTHING)
        if spelt is True:
            return _Part(tokens.EVERY)
        return _Part(f"({spelt} MAYBE ({' | '.join(twins)}))" if twins else spelt)

    def unscored(self, node: Node, shown: bool = False) -> _Part | None:
        """``node`` matched but never scored nor counted by the lead factor; highlighted only if
        ``shown`` (a requirement's words are the words typed, an exclusion's are not)."""
        with self._scopes.unscored_part(shown):
            return self.node(node)

    # -- leaves ------------------------------------------------------------------------------
    def _keep(self, kind: str, terms: list[str]) -> None:
        if not self._scopes.hidden:
            self.out.highlight[kind].update(terms)

    def _other_scoring(self) -> None:
        """A positive leaf that Fahras's ranking scores otherwise than a plain word's BM25F."""
        if not self._scopes.unscored:
            self.out.exact_scoring = False

    @staticmethod
    def _limit(fields: tuple[str, ...], text: str) -> str:
        return f"(@({','.join(fields)}) {text})"

    def _fields(self, field: str | None, exact: bool) -> tuple[str, ...]:
        names = [f for f in TEXT_FIELDS if field in (None, f)]
        return tuple(EXACT_FIELDS[n] if exact else n for n in names)

    def word(self, w: Word) -> _Part | None:
        if w.field in KEYWORD_FIELDS:
            self._other_scoring()
            keys = [tokens.meta_term(w.field, v) for v in _value_spellings(w)]
            return _Part(keys[0] if len(keys) == 1 else "(" + " | ".join(keys) + ")")
        if w.field == ROOT:
            roots = terms("roots", w.text)
            if not roots:
                return None
            self._other_scoring()
            self._keep("roots", roots)
            parts = [escape(tokens.root_term(r)) for r in roots]
            return _Part(parts[0] if len(parts) == 1 else "(" + " ".join(parts) + ")")
        if w.prefix or w.fuzzy:
            return self._expanding(w)
        pairs = paired_terms(w.text)
        if not pairs:
            return None  # a stop word: it cannot narrow the results
        weight = self.ranking.exact_weight
        # A word's other stems (search/expansion.py: spelling variants, the other number), as the
        # Whoosh compiler takes them: for a word that analyses to one stem.
        others = w.alternatives if len(pairs) == 1 else ()
        parts = []
        for stem, exact in pairs:
            exact = exact if weight > 0 else None
            self._keep("text", [stem, *(other for other, _w in others)])
            self._keep("exact", [exact] if exact else [])
            if not self._scopes.unscored:
                self.out.scored_words.append((w.field, stem, exact, tuple(others)))
            alts = [escape(tokens.stem_term(stem)) + self._boost("text", stem, 1.0)]
            alts += [escape(tokens.stem_term(other)) + self._boost("text", other, share) for other, share in others]
            if exact:
                alts.append(escape(tokens.exact_term(exact)) + self._boost("exact", exact, weight))
            text = alts[0] if len(alts) == 1 else "(" + " | ".join(alts) + ")"
            if w.field is not None:
                text = self._limit(self._fields(w.field, False) + self._fields(w.field, True), text)
            parts.append(text)
        return self._with_phrases(w, _Part(parts[0] if len(parts) == 1 else "(" + " ".join(parts) + ")"))

    def _with_phrases(self, w: Word, part: _Part) -> _Part:
        """``part``, or the word written in two (search/expansion.py: فيسبوك as «فيس بوك»), each
        phrase in the exact fields, scored again at its weight as the Whoosh backend scores it
        (:attr:`Compiled.scored_phrases`, :mod:`.rescore`)."""
        phrases = []
        for text, weight in w.phrases:
            part_of = self.phrase(Phrase(text, w.field), scored=False)
            if part_of is None:
                continue
            phrases.append(part_of.text)
            if not self._scopes.unscored:
                self.out.scored_phrases.append((w.field, tuple(terms("exact", text)), weight))
        return _Part("(" + " | ".join([part.text, *phrases]) + ")") if phrases else part

    def _boost(self, kind: str, term: str, weight: float) -> str:
        """``^w``: the keyword's IDF times ``weight`` times the correction to Fahras's IDF
        formula (:attr:`idf_ratio`); nothing when that is 1."""
        value = weight * self.idf_ratio(kind, term)
        return "" if abs(value - 1.0) < 1e-4 else "^" + _fmt_boost(value)

    def phrase(self, p: Phrase, scored: bool = True) -> _Part | None:
        """A quoted phrase in the exact fields; ``scored``: Sphinx's ranking scores it (a typed
        phrase), else the caller has it scored again. A phrase of one word (a rare stop word the
        expander narrowed, a quoted word) is scored again as the Whoosh backend scores it, a
        term of each exact field at their weights (:func:`.rescore.phrase_score` of one form)."""
        if p.field in KEYWORD_FIELDS:
            return self.word(Word(p.text, p.field))
        exacts = terms("exact", p.text)
        if not exacts:
            return None
        fields = self._fields(p.field, True)
        if not fields:
            return _Part(NOTHING)  # root:"…": no exact twin to match a phrase in (Whoosh: nothing)
        if scored and len(exacts) == 1:
            if not self._scopes.unscored:
                self.out.scored_phrases.append((p.field, (exacts[0],), self.ranking.exact_weight))
        elif scored:
            self._other_scoring()
        # a phrase's words are marked only side by side (search/highlight.py)
        if len(exacts) == 1:
            self._keep("exact", exacts)
        else:
            self._keep("phrases", [" ".join(exacts)])
        keys = [escape(tokens.exact_term(e)) for e in exacts]
        text = keys[0] if len(keys) == 1 else '"' + " ".join(keys) + '"'
        return _Part(self._limit(fields, text))

    def _expanding(self, w: Word) -> _Part | None:
        """A prefix or fuzzy word, spelt once per compile and scope: the partial tiers repeat each
        free word in every subset (60 fuzzy words side by side were spelt 9,687 times, 0.7 s of
        the 3 s limit). What spelling it does besides (the highlight terms, the flag that not only
        plain words are scored) depends on the scope alone, so a repeat in the same scope has
        nothing left to do."""
        key = (w.text, w.field, w.prefix, w.fuzzy, self._scopes.hidden > 0, self._scopes.unscored > 0)
        if key not in self._spelt:
            self._spelt[key] = self.prefix(w) if w.prefix else self.fuzzy(w)
        return self._spelt[key]

    def prefix(self, w: Word) -> _Part | None:
        """``كتا*``: the most frequent stems and exact forms starting so, within the query's
        expansion budget."""
        forms = terms("exact", w.text)
        if not forms:
            return None
        self._other_scoring()
        if self.expansions is None:
            return _Part(NOTHING)
        return self._expanded(w.field, self.expansions.prefix((TITLE, BODY), forms[-1], self._slots),
                              self.expansions.prefix((TITLE_EXACT, BODY_EXACT), forms[-1], self._slots))

    def fuzzy(self, w: Word) -> _Part | None:
        """``word~`` / ``word~2``: spellings within that edit distance, from the vocabulary (the
        word itself when it has none), within the query's expansion budget; at most the distance
        the word's length allows (:func:`fuzzy_distance`: none, a plain word, up to 2 letters)."""
        forms = terms("exact", w.text)
        stems = terms("text", w.text) or forms
        if not forms:
            return None
        if too_short_for_edits(w):
            return self.word(Word(w.text, w.field))
        self._other_scoring()
        return self._expanded(w.field, self._near(BODY, stems[-1], w.fuzzy) or [stems[-1]],
                              self._near(BODY_EXACT, forms[-1], w.fuzzy) or [forms[-1]])

    def _near(self, field: str, form: str, fuzzy: int) -> list[str]:
        """The most frequent terms of ``field`` within the edits ``fuzzy`` allows ``form`` (the
        :func:`search.edits.shared_prefix` kept)."""
        if self.expansions is None:
            return []
        return self.expansions.fuzzy(field, form, fuzzy_distance(form, fuzzy), shared_prefix(form), self._slots)

    def _expanded(self, field: str | None, stems: list[str], exacts: list[str]) -> _Part:
        if not stems and not exacts:
            return _Part(NOTHING)
        self._keep("text", stems)
        self._keep("exact", exacts)
        alts = [escape(tokens.stem_term(t)) for t in stems] + [escape(tokens.exact_term(t)) for t in exacts]
        text = "(" + " | ".join(alts) + ")"
        if field is not None:
            text = self._limit(self._fields(field, False) + self._fields(field, True), text)
        return _Part(text)

    def date_span(self, span: DateSpan) -> _Part | None:
        self._other_scoring()  # Whoosh adds a constant for a date range in a boolean query
        keys = date_span_terms(span.start, span.end)
        self._date_terms += len(keys)
        if self._date_terms > MAX_DATE_TERMS:
            raise bilingual(f"too many dates in one query: date ranges inside OR or parentheses may span at most "
                            f"{MAX_DATE_TERMS} days, months and years in all; use from and to for a long range",
                            f"تواريخ كثيرة في استعلام واحد: النطاقات داخل OR أو الأقواس تغطي {MAX_DATE_TERMS} يومًا وشهرًا وسنة "
                            f"على الأكثر؛ استخدم from وto للنطاقات الطويلة")
        return _Part("(" + " | ".join(keys) + ")") if keys else _Part(NOTHING)


def date_span_terms(start: datetime | None, end: datetime | None) -> list[str]:
    """The fewest year, month and day keywords covering [start, end) (end exclusive, whole days).
    Open ends are closed at 1900 and 2100; a span needing more than ``MAX_DATE_TERMS`` keywords
    stops one past it, which the compiler refuses (only nested spans use this; top-level spans
    are attribute filters)."""
    day = (start or datetime(1900, 1, 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    stop = end or datetime(2100, 1, 1)
    keys: list[str] = []
    while day < stop and len(keys) <= MAX_DATE_TERMS:
        year_end = datetime(day.year + 1, 1, 1)
        month_end = datetime(day.year + (day.month == 12), day.month % 12 + 1, 1)
        if day.month == 1 and day.day == 1 and year_end <= stop:
            keys.append(tokens.meta_term("date", f"{day.year:04d}"))
            day = year_end
        elif day.day == 1 and month_end <= stop:
            keys.append(tokens.meta_term("date", f"{day.year:04d}-{day.month:02d}"))
            day = month_end
        else:
            keys.append(tokens.meta_term("date", f"{day.year:04d}-{day.month:02d}-{day.day:02d}"))
            day += timedelta(days=1)
    return keys


def compile_tree(tree: Group, ranking: Ranking, conjunction: str = "and", expansions: Expansions | None = None,
                 idf_ratio: Callable[[str, str], float] | None = None, budget: int | None = None) -> Compiled:
    compiled = SphinxCompiler(ranking, conjunction, expansions, idf_ratio).compile(tree, budget)
    if _has_quorum(tree):
        compiled.matching = SphinxCompiler(ranking, conjunction, expansions, idf_ratio,
                                           ranked=False).compile(tree, budget).match
    return compiled


def _value_filter(node: Node) -> tuple[str, tuple[str, ...]] | None:
    """(field, values) when ``node`` is a value of a :data:`VALUE_FIELDS` field, or an OR of
    values of one such field (a typed value resolved to the stored ones it names); else None.
    Each value as :func:`_value_spellings` gives it, as :meth:`SphinxCompiler.word` spells its keywords."""
    leaves = _or_leaves(node)
    if not leaves or not all(isinstance(w, Word) and w.field in VALUE_FIELDS for w in leaves):
        return None
    if len({w.field for w in leaves}) != 1:
        return None
    return leaves[0].field, tuple(sorted({v for w in leaves for v in _value_spellings(w)}))


def _value_spellings(word: Word) -> tuple[str, ...]:
    """A facet value as typed and lower-cased (``source:Okaz`` is okaz too), once each."""
    return tuple(sorted({word.text, word.text.lower()}))


def _or_leaves(node: Node) -> list[Node]:
    """The leaves of ``node`` through nested plain ORs (كاتب:محمد OR كاتب:أحمد: two resolved ORs)."""
    if isinstance(node, Group) and node.op == "or" and not node.minimum and node.require is None:
        return [leaf for item in node.items for leaf in _or_leaves(item)]
    return [node]


def _one_keyword(node: Node) -> tuple[str, str | None] | None:
    """(stem, exact form) of a plain word of the text fields that matches by one stem alone;
    None for any other item."""
    if not isinstance(node, Word) or node.field is not None or node.prefix or node.fuzzy:
        return None
    if node.alternatives or node.phrases:
        return None
    pairs = paired_terms(node.text)
    return pairs[0] if len(pairs) == 1 else None


def _split(singles: list[str], others: list[tuple[str, int]], k: int) -> str | bool | None:
    """At least ``k`` of one-keyword ``singles`` (one each) and ``others`` (each counting the
    times given): for some j, at least j of the others and ``k - j`` of the keywords (one
    quorum a j, the others' part spelt as :func:`at_least` spells it). True: every document;
    None: none."""
    if k <= 0:
        return True
    given = sum(n for _text, n in others)
    if len(singles) + given < k:
        return None
    if len(others) <= MAX_QUORUM_SPLIT:
        parts = []
        for j in range(max(0, k - len(singles)), min(k, given) + 1):
            part = _and(_others_at_least(others, j), _keywords_quorum(singles, k - j))
            if part is True:
                return True
            if part is not None:
                parts.append(part)
        exact = None if not parts else parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"
        if exact is None or len(exact) <= MAX_QUORUM_CHARS:
            return exact
    # bounded: any item, and what the keywords must give
    anyof = "(" + " | ".join([*singles, *(text for text, _n in others)]) + ")"
    rest = _keywords_quorum(singles, k - given)
    return anyof if rest is True else f"({anyof} {rest})"


def _others_at_least(others: list[tuple[str, int]], k: int) -> str | bool | None:
    """At least ``k`` of spelt items each counting the times given: with the first and ``k - n``
    of the rest, or ``k`` of the rest (:func:`at_least` over spellings)."""
    if k <= 0:
        return True
    if sum(n for _text, n in others) < k:
        return None
    (first, n), rest = others[0], others[1:]
    take = _and(first, _others_at_least(rest, k - n))
    without = _others_at_least(rest, k)
    if take is True or without is True:
        return True
    parts = [p for p in (take, without) if p is not None]
    return None if not parts else parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"


def _and(a: str | bool | None, b: str | bool | None) -> str | bool | None:
    """Both of two spellings (True: every document; None: none)."""
    if a is None or b is None:
        return None
    if a is True:
        return b
    return a if b is True else f"({a} {b})"


def _keywords_quorum(keywords: list[str], k: int) -> str | bool | None:
    """At least ``k`` of ``keywords``: Sphinx's quorum operator, or the AND or OR it comes to
    (a threshold of all the keywords is a warning in SHOW META, which names every agent)."""
    if k <= 0:
        return True
    if k > len(keywords):
        return None
    if len(keywords) == 1:
        return keywords[0]
    if k == len(keywords):
        return "(" + " ".join(keywords) + ")"
    if k == 1:
        return "(" + " | ".join(keywords) + ")"
    return '"' + " ".join(keywords) + f'"/{k}'


def _has_quorum(node: Node) -> bool:
    """Whether ``node`` has an at-least-k group outside exclusions (those are factored anyway)."""
    return isinstance(node, Group) and ((node.op == "or" and node.minimum > 1) or any(map(_has_quorum, node.items)))


def at_least(items: list[Node], k: int) -> Node | None:
    """At least ``k`` of ``items`` as a tree of AND and OR spelling each item far fewer times
    than the OR of every k-subset's AND: "the first and at least k - n of the rest, or at least
    k of the rest", where the first counts n times when given n times (a compound: its two
    words): a name's side-by-side phrases are evaluated a few times, not once per subset
    holding them (docs/relevance.md measures it). None: no document can have k."""
    counts: dict[int, list] = {}
    for item in items:
        counts.setdefault(id(item), [item, 0])[1] += 1
    return _at_least(list(counts.values()), k)


def _at_least(items: list[list], k: int) -> Node | bool | None:
    if k <= 0:
        return True
    if sum(n for _item, n in items) < k:
        return None
    (first, n), rest = items[0], items[1:]
    with_first, without = _at_least(rest, k - n), _at_least(rest, k)
    take = first if with_first is True else Group("and", [first, with_first]) if with_first is not None else None
    parts = [p for p in (take, without) if p is not None]
    return parts[0] if len(parts) == 1 else Group("or", parts)
