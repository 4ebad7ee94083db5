"""The Fahras query language: a small tokenizer and parser producing a syntax tree.

Why our own parser rather than ``whoosh.qparser``: the language has Arabic operator words
(``أو``, ``ليس``) and field aliases (``عنوان:``), every word must go through the Fahras analyzers
(stemmed *and* exact forms, several fields at once), and *any* input must parse — unbalanced quotes
or parentheses, lone operators, control characters — degrading to the words it can use. A
hand-written recursive-descent parser over a tiny grammar is easier to make total than a
configurable general one::

    query   := or_expr
    or_expr := and_expr (("OR" | "أو" | "|") and_expr)*
    and_expr:= unary+                       (implicit AND; "AND" / "و" between them is ignored)
    unary   := ("-" | "NOT" | "ليس") unary | primary
    primary := "(" query ")" | [field ":"] ('"' words '"' | word ["*" | "~" [digit]])

The tree (:class:`Word`, :class:`Phrase`, :class:`Not`, :class:`Group`, :class:`DateSpan`) is
turned into a Whoosh query by :class:`QueryCompiler`, which runs every word through the index's
own analyzers (``analyzers.pipeline.analyzer_for``) and weights the fields by :class:`Ranking`.
``parse("")`` gives an empty group (match all).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from whoosh import query as wq

from analyzers.pipeline import analyzer_for
from search.bm25f import BM25FTerm
from search.results import QueryError

# Field prefixes a user may type, English and Arabic, → the canonical field name.
FIELD_ALIASES = {
    "title": "title", "عنوان": "title", "العنوان": "title",
    "body": "body", "نص": "body", "النص": "body",
    "source": "source", "مصدر": "source", "المصدر": "source",
    "section": "section", "قسم": "section", "القسم": "section",
    "author": "author", "كاتب": "author", "الكاتب": "author",
    "root": "root", "جذر": "root", "الجذر": "root",
    "date": "date", "تاريخ": "date", "التاريخ": "date",
    "tag": "tags", "tags": "tags", "وسم": "tags",
}  # fmt: skip
OR_WORDS = frozenset({"OR", "أو", "او", "|", "||"})
NOT_WORDS = frozenset({"NOT", "ليس"})
AND_WORDS = frozenset({"AND", "&", "&&"})

MAX_DEPTH = 8  # nested parentheses deeper than this are read as plain grouping of words
MAX_CLAUSES = 64  # words and phrases in one query
MAX_FUZZY = 2


@dataclass
class Word:
    """One word, maybe with a field, a trailing ``*`` (prefix) or ``~`` (fuzzy, with distance)."""

    text: str
    field: str | None = None
    prefix: bool = False
    fuzzy: int = 0


@dataclass
class Phrase:
    text: str
    field: str | None = None


@dataclass
class DateSpan:
    start: datetime | None
    end: datetime | None  # exclusive
    text: str = ""


@dataclass
class Not:
    node: Node


@dataclass
class Group:
    """``op`` is ``and`` or ``or``; ``implicit`` marks words simply typed side by side."""

    op: str
    items: list[Node] = field(default_factory=list)
    implicit: bool = False


Node = Word | Phrase | DateSpan | Not | Group

# Control characters, format characters other than the joiners (ZWNJ/ZWJ stay: rule 1),
# private-use and unassigned code points, lone surrogates: all become spaces.
_JOINERS = {"\u200c", "\u200d"}


def clean(text: str) -> str:
    """Replace characters nobody means to search for by spaces; fold fancy quotes to ``"``."""
    out = []
    for ch in text:
        if ch in "\u201c\u201d\u00ab\u00bb\u201e\u2033":
            out.append('"')
            continue
        cat = unicodedata.category(ch)
        if cat[0] == "C" and ch not in _JOINERS:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


# Tokens: quoted text (to the closing quote or the end), parentheses, or a run of other characters.
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<paren>[()])|(?P<word>[^\s"()]+)')
_FIELD = re.compile(r"^(?P<field>[^\W\d_][\w]*):(?P<rest>.*)$", re.S)
_FUZZY = re.compile(r"^(?P<word>.+?)~(?P<dist>\d?)$", re.S)


@dataclass
class _Tok:
    kind: str  # word, phrase, lparen, rparen, or, not, and
    text: str
    field: str | None = None
    negated: bool = False


def tokenize(text: str) -> list[_Tok]:
    """Split a query into tokens; nothing here can fail."""
    toks: list[_Tok] = []
    pending_field: str | None = None
    pending_neg = False
    for m in _TOKEN.finditer(clean(text)):
        if m.group("paren"):
            kind = "lparen" if m.group("paren") == "(" else "rparen"
            toks.append(_Tok(kind, m.group("paren"), negated=pending_neg and kind == "lparen"))
            pending_field, pending_neg = None, False
            continue
        if m.group("phrase") is not None:
            toks.append(_Tok("phrase", m.group("phrase"), pending_field, pending_neg))
            pending_field, pending_neg = None, False
            continue
        word = m.group("word")
        neg = pending_neg
        pending_neg = False
        if word.startswith("-") and len(word) > 1:
            neg, word = True, word.lstrip("-")
        elif word in ("-", "--"):
            pending_neg = True
            continue
        if word in OR_WORDS:
            toks.append(_Tok("or", word))
            continue
        if word in NOT_WORDS:
            toks.append(_Tok("not", word))
            continue
        if word in AND_WORDS:
            continue
        fm = _FIELD.match(word)
        if fm and fm.group("field").lower() in FIELD_ALIASES:
            fname = FIELD_ALIASES[fm.group("field").lower()]
            rest = fm.group("rest")
            if not rest:  # `title: "a b"` or `title: word`
                pending_field, pending_neg = fname, neg
                continue
            toks.append(_Tok("word", rest, fname, neg))
            continue
        toks.append(_Tok("word", word, pending_field, neg))
        pending_field = None
    return toks


class _Parser:
    def __init__(self, toks: list[_Tok]) -> None:
        self.toks = toks
        self.i = 0
        self.clauses = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def parse(self) -> Group:
        items: list[Node] = []
        while self.peek() is not None:
            node = self.or_expr(0)
            if node is not None:
                items.append(node)
            elif self.peek() is not None:
                self.i += 1  # a stray ")" or operator: skip it
        return _flatten(Group("and", items, implicit=True))

    def or_expr(self, depth: int) -> Node | None:
        parts: list[Node] = []
        first = self.and_expr(depth)
        if first is not None:
            parts.append(first)
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.i += 1
            nxt = self.and_expr(depth)
            if nxt is not None:
                parts.append(nxt)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Group("or", parts)

    def and_expr(self, depth: int) -> Node | None:
        items: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind not in ("or", "rparen"):
            node = self.unary(depth)
            if node is not None:
                items.append(node)
        if not items:
            return None
        return items[0] if len(items) == 1 else Group("and", items, implicit=True)

    def unary(self, depth: int) -> Node | None:
        tok = self.peek()
        if tok is not None and tok.kind == "not":
            self.i += 1
            nxt = self.peek()
            if nxt is None or nxt.kind in ("or", "rparen", "not"):
                return None  # a lone NOT is ignored
            node = self.unary(depth)
            return Not(node) if node is not None else None
        return self.primary(depth)

    def primary(self, depth: int) -> Node | None:
        tok = self.toks[self.i]
        self.i += 1
        if tok.kind == "lparen":
            inner: Node | None
            if depth >= MAX_DEPTH:
                inner = None
            else:
                inner = self.or_expr(depth + 1)
            if (close := self.peek()) is not None and close.kind == "rparen":
                self.i += 1
            if inner is None:
                return None
            return Not(inner) if tok.negated else inner
        if tok.kind not in ("word", "phrase"):
            return None
        node = self.leaf(tok)
        if node is None:
            return None
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise QueryError(
                f"too many words in the query (at most {MAX_CLAUSES}) — "
                f"عدد الكلمات في الاستعلام أكبر من {MAX_CLAUSES}"
            )
        return Not(node) if tok.negated else node

    def leaf(self, tok: _Tok) -> Node | None:
        text = tok.text.strip()
        if tok.field == "date":
            return parse_date_span(text)
        if tok.kind == "phrase":
            return Phrase(text, tok.field) if _has_word(text) else None
        fuzzy = 0
        prefix = False
        if (m := _FUZZY.match(text)) is not None:
            text = m.group("word")
            fuzzy = min(int(m.group("dist") or 1), MAX_FUZZY) or 1
        elif text.endswith("*"):
            text = text.rstrip("*")
            prefix = True
        text = text.strip("*~")
        if not _has_word(text):
            return None
        return Word(text, tok.field, prefix=prefix, fuzzy=fuzzy)


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _flatten(group: Group) -> Group:
    """A top-level group of one implicit group becomes that group (``(a b)`` ≡ ``a b``)."""
    if len(group.items) == 1 and isinstance(group.items[0], Group) and group.items[0].op == "and":
        return group.items[0]
    return group


def parse(text: str) -> Group:
    """Parse a query string into a tree; raises :class:`QueryError` only for too many words."""
    return _Parser(tokenize(text or "")).parse()


_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def parse_date_bound(text: str, end: bool = False) -> datetime | None:
    """``2015``, ``2015-07`` or ``2015-07-21`` → the first instant of that span, or with ``end``
    the first instant *after* it (an exclusive bound). Raises :class:`QueryError` when unreadable.
    """
    text = text.strip()
    if not text:
        return None
    m = _DATE.match(text)
    try:
        if m is None:
            raise ValueError(text)
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
        if d is not None:
            start = datetime(y, int(mo), int(d))
            return start + timedelta(days=1) if end else start
        if mo is not None:
            start = datetime(y, int(mo), 1)
            if not end:
                return start
            return datetime(y + 1, 1, 1) if start.month == 12 else datetime(y, start.month + 1, 1)
        return datetime(y + 1, 1, 1) if end else datetime(y, 1, 1)
    except ValueError:
        raise QueryError(
            f"unreadable date {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD — "
            f"تاريخ غير مفهوم: استخدم الصيغة YYYY-MM-DD"
        ) from None


def parse_date_span(text: str) -> DateSpan | None:
    """``2015-07..2015-08`` (both months included), ``2015-07..``, ``..2015-08``, ``2015-07``."""
    if ".." in text:
        left, _, right = text.partition("..")
    else:
        left = right = text
    start, end = parse_date_bound(left), parse_date_bound(right, end=True)
    if start is None and end is None:
        return None
    return DateSpan(start, end, text)


def as_date_bound(value: date | datetime | None, end: bool = False) -> datetime | None:
    """A request's ``date_from``/``date_to`` (inclusive days) as datetime bounds (end exclusive)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return value + timedelta(days=1) if end else value


def words(node: Node) -> list[Word]:
    """Every positive plain word of the tree (for suggestions)."""
    if isinstance(node, Word):
        return [node]
    if isinstance(node, Group):
        return [w for item in node.items for w in words(item)]
    return []


# --------------------------------------------------------------------------------------------
# From the tree to Whoosh queries
# --------------------------------------------------------------------------------------------


@dataclass
class Ranking:
    """The weights of a query over the fields, tuned on the development topics (docs/relevance.md).

    Each word is scored by BM25F proper (:mod:`search.bm25f`): its length-normalised frequencies in
    the title (weight ``title_boost``) and the body are added, then saturated once, so a title
    mention counts as ``title_boost`` body mentions. K1 4 keeps repeated mentions counting almost
    linearly before saturating, B 0.4 normalises length gently (news bodies run from a line to
    pages). The exact-form twins (``title_exact``/``body_exact``) are scored the same way and
    added at ``exact_weight``, so that the typed form ranks first (الوزارات before وزارة).
    Anything in K1 3-5, title 2.5-3, exact 0.3-0.45 (B 0.4) is within 0.01 nDCG@10 and Recall@100
    of the best: the defaults sit in the middle of that plateau, not on its sharpest point.

    ``bm25f=False`` falls back to whoosh's own BM25F, a *sum* of per-field BM25 scores, where a
    title weight below 1 (0.5, K1 2.0, exact 0.5) did best: 0.006 more nDCG@10, but 0.008 less
    Recall@100, right at the 0.93 goal. ``phrase_weight`` (the typed words together) and
    ``roots_weight`` (root matches adding to the score) did not help and are off.
    """

    k1: float = 4.0
    b: float = 0.4
    title_b: float | None = None  # B for the title fields in whoosh-sum mode (None: ``b``)
    title_boost: float = 3.0
    exact_weight: float = 0.3
    phrase_weight: float = 0.0
    phrase_slop: int = 2
    roots_weight: float = 0.0
    max_expansions: int = 64
    default_op: str = "and"  # how words typed side by side combine before any fallback
    bm25f: bool = True  # False: whoosh's sum of per-field BM25 scores




def _analyze(kind: str, text: str) -> list[str]:
    return [t.text for t in analyzer_for(kind)(text, mode="query")]


class QueryCompiler:
    """Turns a parsed tree into a Whoosh query, collecting what highlighting and suggestions need.

    ``conjunction`` is ``and`` or ``or``: how words typed side by side combine (``or`` is the
    fallback when ``and`` finds nothing).
    """

    def __init__(self, reader, ranking: Ranking, conjunction: str = "and") -> None:
        self.reader = reader
        self.ranking = ranking
        self.conjunction = conjunction
        self.positive: list = []  # leaf queries whose terms should be highlighted
        self.plain_words: list[tuple[str, list[str]]] = []  # (typed word, exact forms)
        self._negated = 0

    # -- tree walk ---------------------------------------------------------------------------
    def compile(self, tree: Group):
        q = self.node(tree)
        if q is None:
            typed = words(tree)
            if not typed:
                return wq.Every()  # nothing typed (or only filters): every document
            # Only stop words (في, ولي): they are not in the stemmed fields, so look for them as
            # typed in the exact fields rather than returning everything.
            return self.phrase(Phrase(" ".join(w.text for w in typed))) or wq.NullQuery
        boost = self.proximity(tree)
        if boost is not None:
            q = wq.AndMaybe(q, boost)
        return q

    def node(self, node: Node):
        if isinstance(node, Word):
            return self.word(node)
        if isinstance(node, Phrase):
            return self.phrase(node)
        if isinstance(node, DateSpan):
            return wq.DateRange("date", node.start, node.end, endexcl=True, constantscore=True)
        if isinstance(node, Not):
            self._negated += 1
            try:
                inner = self.node(node.node)
            finally:
                self._negated -= 1
            return wq.Not(inner) if inner is not None else None
        return self.group(node)

    def group(self, group: Group):
        op = group.op
        if group.implicit and op == "and":
            op = self.conjunction
        positives, negatives = [], []
        for item in group.items:
            q = self.node(item)
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
        elif len(positives) == 1:
            main = positives[0]
        else:
            main = wq.Or(positives) if op == "or" else wq.And(positives)
        if negatives:
            return wq.AndNot(main, negatives[0] if len(negatives) == 1 else wq.Or(negatives))
        return main

    # -- leaves ------------------------------------------------------------------------------
    def _keep(self, q):
        if q is not None and not self._negated:
            self.positive.append(q)
        return q

    def _fields(self, field: str | None) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
        """(stemmed fields, exact fields) with their boosts for a field prefix (None: all text)."""
        r = self.ranking
        stemmed = [("title", r.title_boost), ("body", 1.0)]
        exact = [("title_exact", r.title_boost * r.exact_weight), ("body_exact", r.exact_weight)]
        if field == "title":
            return stemmed[:1], exact[:1]
        if field == "body":
            return stemmed[1:], exact[1:]
        return stemmed, exact

    def word(self, w: Word):
        if w.field in ("source", "section", "author", "tags"):
            values = {w.text, w.text.lower()}
            terms = [wq.Term(w.field, v) for v in sorted(values)]
            return terms[0] if len(terms) == 1 else wq.Or(terms)
        if w.field == "root":
            roots = _analyze("roots", w.text)
            if not roots:
                return None
            parts = [self._keep(wq.Term("roots", r)) for r in roots]
            return parts[0] if len(parts) == 1 else wq.And(parts)
        if w.prefix:
            return self.prefix(w)
        if w.fuzzy:
            return self.fuzzy(w)
        stems = _analyze("text", w.text)
        exacts = _analyze("exact", w.text)
        if not stems:
            return None  # a stop word: it cannot narrow the results
        if not self._negated and w.field in (None, "body", "title"):
            self.plain_words.append((w.text, exacts))
        stemmed, exact = self._fields(w.field)
        if len(stems) != len(exacts):  # stop words inside one typed token: exact forms don't pair
            exacts = []
        parts = []
        for i, stem in enumerate(stems):
            if self.ranking.bm25f:
                parts.append(self._keep(self._bm25f_word(w.field, stem, exacts[i] if exacts else None)))
                continue
            alts = [wq.Term(f, stem, boost=b) for f, b in stemmed]
            if exacts and self.ranking.exact_weight > 0:
                alts += [wq.Term(f, exacts[i], boost=b) for f, b in exact]
            parts.append(self._keep(wq.Or(alts)))
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def _bm25f_word(self, field: str | None, stem: str, exact: str | None):
        """One word as BM25F over the stemmed fields, plus BM25F over the exact fields at
        ``exact_weight``."""
        r = self.ranking
        weights = {"title": r.title_boost, "body": 1.0}
        names = [f for f in ("title", "body") if field in (None, f)]
        stemmed = [wq.Term(f, stem, boost=weights[f]) for f in names]
        alts = [BM25FTerm(stemmed, k1=r.k1, b=r.b)]
        if exact and r.exact_weight > 0:
            exact_terms = [wq.Term(f"{f}_exact", exact, boost=weights[f]) for f in names]
            alts.append(BM25FTerm(exact_terms, k1=r.k1, b=r.b, boost=r.exact_weight))
        return alts[0] if len(alts) == 1 else wq.Or(alts)

    def phrase(self, p: Phrase):
        if p.field in ("source", "section", "author", "tags"):
            return self.word(Word(p.text, p.field))
        exacts = _analyze("exact", p.text)
        if not exacts:
            return None
        _stemmed, exact = self._fields(p.field)
        alts = []
        for f, b in exact:
            if len(exacts) == 1:
                alts.append(wq.Term(f, exacts[0], boost=b))
            else:
                alts.append(wq.Phrase(f, exacts, boost=b))
        return self._keep(alts[0] if len(alts) == 1 else wq.Or(alts))

    def _expand(self, fieldname: str, prefix: str) -> list[str]:
        try:
            found = []
            for i, term in enumerate(self.reader.expand_prefix(fieldname, prefix)):
                if i >= 20 * self.ranking.max_expansions:
                    break
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                found.append((self.reader.doc_frequency(fieldname, text), text))
        except KeyError:
            return []
        found.sort(key=lambda x: (-x[0], x[1]))
        return [t for _, t in found[: self.ranking.max_expansions]]

    def prefix(self, w: Word):
        """``كتا*``: the most frequent words starting so, at most ``max_expansions`` per field."""
        forms = _analyze("exact", w.text)
        if not forms:
            return None
        folded = forms[-1]
        stemmed, exact = self._fields(w.field)
        alts = []
        for f, b in stemmed + exact:
            alts += [wq.Term(f, t, boost=b) for t in self._expand(f, folded)]
        if not alts:
            return wq.NullQuery
        return self._keep(wq.Or(alts))

    def fuzzy(self, w: Word):
        """``word~`` (distance 1) or ``word~2``: spellings within that edit distance."""
        forms = _analyze("exact", w.text)
        stems = _analyze("text", w.text) or forms
        if not forms:
            return None
        stemmed, exact = self._fields(w.field)
        from search.suggest import shared_prefix

        alts = [wq.FuzzyTerm(f, stems[-1], boost=b, maxdist=w.fuzzy, prefixlength=shared_prefix(stems[-1]))
                for f, b in stemmed]
        alts += [wq.FuzzyTerm(f, forms[-1], boost=b, maxdist=w.fuzzy, prefixlength=shared_prefix(forms[-1]))
                 for f, b in exact]
        return self._keep(wq.Or(alts))

    def proximity(self, tree: Group):
        """Scoring-only extras for plain multi-word queries: the words together, and roots."""
        r = self.ranking
        plain = [i for i in tree.items if isinstance(i, Word) and i.field is None and not i.prefix and not i.fuzzy]
        extras = []
        if r.phrase_weight > 0 and len(plain) >= 2 and len(plain) == len(tree.items):
            forms = [f for w in plain for f in _analyze("exact", w.text)]
            if len(forms) >= 2:
                extras += [
                    wq.Phrase("title_exact", forms, slop=r.phrase_slop, boost=r.phrase_weight * r.title_boost),
                    wq.Phrase("body_exact", forms, slop=r.phrase_slop, boost=r.phrase_weight),
                ]
        if r.roots_weight > 0:
            for w in plain:
                extras += [wq.Term("roots", t, boost=r.roots_weight) for t in _analyze("roots", w.text)]
        if not extras:
            return None
        return extras[0] if len(extras) == 1 else wq.Or(extras)

    # -- what the engine needs besides the query ----------------------------------------------
    def highlight_terms(self) -> dict[str, set[str]]:
        """{"text": stems, "exact": folded forms, "roots": roots} that positive parts match."""
        kinds = {"title": "text", "body": "text", "title_exact": "exact", "body_exact": "exact", "roots": "roots"}
        out: dict[str, set[str]] = {"text": set(), "exact": set(), "roots": set()}
        if not self.positive:
            return out
        # Leaf by leaf: whoosh's Query.existing_terms() reuses its ``fieldname`` argument as a loop
        # variable and so skips every leaf after the first in another field.
        for query in self.positive:
            for leaf in query.leaves():
                for fieldname, term in leaf.existing_terms(self.reader, phrases=True, expand=True):
                    kind = kinds.get(fieldname)
                    if kind:
                        out[kind].add(term.decode("utf-8") if isinstance(term, bytes) else term)
        return out
