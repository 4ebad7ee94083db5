"""The Fahras query language: a small tokenizer and a parser producing an engine-neutral tree.

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

The tree (:class:`Word`, :class:`Phrase`, :class:`Not`, :class:`Group`, :class:`DateSpan`) is the
one query every backend compiles into its own syntax (the Whoosh backend's
:mod:`search.whoosh_backend.compiler`), as django-haystack's ``SQ`` nodes are. ``parse("")`` gives
an empty group (match all). The language is described for users in docs/design.md.
"""


from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from analyzers.limits import MAX_WORD_LEN
from analyzers.normalize import INVISIBLE, TOKEN_PATTERN
from indexer.hijri import hijri_bound
from indexer.schema import AUTHOR, BODY, DATE, SECTION, SOURCE, TAGS, TITLE
from search.errors import QueryError, reversed_range

# Field prefixes a user may type, English and Arabic, → the canonical field name.
# ``root`` is the query language's name for a search of the roots field.
ROOT = "root"
# ``hijri`` is a date span written in the Umm al-Qura calendar (هجري:1436-09).
HIJRI = "hijri"
FIELD_ALIASES = {
    "title": TITLE, "عنوان": TITLE, "العنوان": TITLE,
    "body": BODY, "نص": BODY, "النص": BODY,
    "source": SOURCE, "مصدر": SOURCE, "المصدر": SOURCE,
    "section": SECTION, "قسم": SECTION, "القسم": SECTION,
    "author": AUTHOR, "كاتب": AUTHOR, "الكاتب": AUTHOR,
    "root": ROOT, "جذر": ROOT, "الجذر": ROOT,
    "date": DATE, "تاريخ": DATE, "التاريخ": DATE,
    "tag": TAGS, "tags": TAGS, "وسم": TAGS,
    "hijri": "hijri", "هجري": "hijri", "الهجري": "hijri",
}  # fmt: skip


def field_names() -> dict[str, list[str]]:
    """Each field of the query language with the names a user may type for it, English first
    (for the help texts): ``{"title": ["title", "عنوان", "العنوان"], ...}``."""
    out: dict[str, list[str]] = {}
    for name, fieldname in FIELD_ALIASES.items():
        out.setdefault(fieldname, []).append(name)
    return out


OR_WORDS = frozenset({"OR", "أو", "او", "|", "||"})
NOT_WORDS = frozenset({"NOT", "ليس"})
AND_WORDS = frozenset({"AND", "&", "&&"})



def language() -> dict:
    """The words of the query language, for help pages and their JSON twin: each field's names,
    the operator words, the limits."""
    return {
        "fields": field_names(),
        "or": sorted(OR_WORDS, key=len),
        "not": ["-", *sorted(NOT_WORDS)],
        "and": sorted(AND_WORDS, key=len),
        "max_words": MAX_CLAUSES,
        "max_phrase_words": MAX_PHRASE_WORDS,
        "max_depth": MAX_DEPTH,
        "max_fuzzy": MAX_FUZZY,
    }


MAX_DEPTH = 8  # nested parentheses deeper than this are read as plain grouping of words
MAX_CLAUSES = 64  # words in one query, a phrase's each counted
# Words in one phrase: matching a phrase runs through its words' positions together, which Whoosh
# does with no look at the clock (a phrase of 500 على: 19 s past the time limit). A quoted
# sentence of a news article is shorter.
MAX_PHRASE_WORDS = 20
MAX_FUZZY = 2


@dataclass
class Word:
    """One word, maybe with a field, a trailing ``*`` (prefix) or ``~`` (fuzzy, with distance).

    ``alternatives``: other stems (text-field terms) the word also matches, each with the weight
    its score is added at (spelling variants, the other number of a broken plural). The parser
    leaves it empty; :mod:`search.expansion` fills it from the index vocabulary.
    ``phrases``: the word written in two (فيسبوك as «فيس بوك»), exact-form phrases it also
    matches at their weights; :mod:`search.expansion` fills it too.
    """

    text: str
    field: str | None = None
    prefix: bool = False
    fuzzy: int = 0
    alternatives: tuple[tuple[str, float], ...] = ()
    phrases: tuple[tuple[str, float], ...] = ()


@dataclass
class Phrase:
    """Words side by side in the exact fields. ``stop_word``: not typed as a phrase but a rare stop
    word typed among other words, narrowed to its exact form by :mod:`search.expansion`; the
    partial tiers may leave it out as they may any free word (:mod:`search.coordination`)."""

    text: str
    field: str | None = None
    stop_word: bool = False


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
    """``op`` is ``and`` or ``or``; ``implicit`` marks words simply typed side by side.

    ``minimum`` (an ``or`` group only): at least this many items must match, scores added, as
    Lucene's minimum-should-match; the parser never sets it, :mod:`search.coordination` does.
    ``compound``: two typed words the index also writes as one (فيس بوك / فيسبوك), set by
    :mod:`search.expansion`: one word to the tiers, all there or missing together.
    ``require``: what the group's documents must also match, unscored: a name's two words side
    by side or written as one («عبد الملك», not عبد in one sentence and الملك in another).
    """

    op: str
    items: list[Node] = field(default_factory=list)
    implicit: bool = False
    minimum: int = 0
    compound: bool = False
    require: Node | None = None


Node = Word | Phrase | DateSpan | Not | Group

# Control characters, format characters other than the invisible ones a word may carry (ZWNJ,
# RLM, a soft hyphen: the analyzers drop them, rule 1), private-use and unassigned code points,
# lone surrogates: all become spaces.
_IN_WORD = frozenset(INVISIBLE)


def clean(text: str) -> str:
    """Replace characters nobody means to search for by spaces; fold fancy quotes to ``"``."""
    out = []
    for ch in text:
        if ch in "\u201c\u201d\u00ab\u00bb\u201e\u2033":
            out.append('"')
            continue
        cat = unicodedata.category(ch)
        if cat[0] == "C" and ch not in _IN_WORD:
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
    # A field before brackets is every word's inside them (عنوان:(النفط OR الذهب)) that names
    # none of its own: the field of each open bracket, innermost last.
    bracket_fields: list[str | None] = []
    for m in _TOKEN.finditer(clean(text)):
        if m.group("paren"):
            kind = "lparen" if m.group("paren") == "(" else "rparen"
            toks.append(_Tok(kind, m.group("paren"), negated=pending_neg and kind == "lparen"))
            if kind == "lparen":
                bracket_fields.append(pending_field or (bracket_fields[-1] if bracket_fields else None))
            elif bracket_fields:
                bracket_fields.pop()
            pending_field, pending_neg = None, False
            continue
        inherited = bracket_fields[-1] if bracket_fields else None
        if m.group("phrase") is not None:
            toks.append(_Tok("phrase", m.group("phrase"), pending_field or inherited, pending_neg))
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
        toks.append(_Tok("word", word, pending_field or inherited, neg))
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
        words = len(TOKEN_PATTERN.findall(node.text)) if isinstance(node, Phrase) else 1
        if words > MAX_PHRASE_WORDS:
            raise QueryError(
                f"a phrase of more than {MAX_PHRASE_WORDS} words — "
                f"عبارة أطول من {MAX_PHRASE_WORDS} كلمة"
            )
        self.clauses += max(words, 1)
        if self.clauses > MAX_CLAUSES:
            raise QueryError(
                f"too many words in the query (at most {MAX_CLAUSES}) — "
                f"عدد الكلمات في الاستعلام أكبر من {MAX_CLAUSES}"
            )
        return Not(node) if tok.negated else node

    def leaf(self, tok: _Tok) -> Node | None:
        text = tok.text.strip()
        if tok.field in (DATE, HIJRI):
            return parse_date_span(text, hijri=tok.field == HIJRI)
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
        if tok.field in (None, TITLE, BODY) and not (prefix or fuzzy) and len(TOKEN_PATTERN.findall(text)) > 1:
            # What the analysis reads as several words is those words side by side: a figure
            # (1.5, 10:30, 2015/03/05), an abbreviation (U.S), a hyphenated name (كي-مون); each
            # piece anywhere in the article would answer 1.5 with every article of 1 and 5.
            return Phrase(text, tok.field)
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


def gregorian_bound(text: str, end: bool = False) -> datetime | None:
    """``2015``, ``2015-07`` or ``2015-07-21`` → the first instant of that span, or with ``end``
    the first instant *after* it (an exclusive bound; None past the calendar's last day, which
    bounds nothing); None for empty text, ``ValueError`` when unreadable."""
    text = text.strip()
    if not text:
        return None
    m = _DATE.match(text)
    if m is None:
        raise ValueError(text)
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    start = datetime(y, int(mo or 1), int(d or 1))
    if not end:
        return start
    if d is not None:
        return _after(start, days=1)
    if mo is not None:
        return _after(start, months=1)
    return _after(start, months=12)


def parse_day(text: str, end: bool = False) -> date:
    """A request's Gregorian bound (``from``/``to``, ``--from``/``--to``) as an inclusive day, read
    as the query's ``date:`` reads it: ``2015`` → 2015-01-01, or with ``end`` 2015-12-31;
    ``2015-07`` → 2015-07-01 or 2015-07-31; ``2015-07-21`` that day. ``ValueError`` when empty or
    unreadable (a month 13, a 30 February).

    >>> parse_day("2015-2", end=True), parse_day("٢٠١٥")
    (datetime.date(2015, 2, 28), datetime.date(2015, 1, 1))
    """
    if not text.strip():
        raise ValueError(text)
    bound = gregorian_bound(text, end)
    if bound is None:  # only an end past the calendar's last day
        return date.max
    return (bound - timedelta(days=1)).date() if end else bound.date()


def parse_date_bound(text: str, end: bool = False, hijri: bool = False) -> datetime | None:
    """A bound of a date span, Gregorian or (``hijri``) Umm al-Qura (``1436-09`` → 2015-06-18):
    see :func:`gregorian_bound`, :func:`indexer.hijri.hijri_bound`. Raises :class:`QueryError`
    when unreadable."""
    try:
        return hijri_bound(text, end) if hijri else gregorian_bound(text, end)
    except ValueError:
        if hijri:
            raise QueryError(
                f"unreadable Hijri date {text.strip()!r}: use YYYY, YYYY-MM or YYYY-MM-DD, years 1343-1500 — "
                f"تاريخ هجري غير مفهوم: استخدم الصيغة YYYY-MM-DD بين 1343 و1500"
            ) from None
        raise QueryError(
            f"unreadable date {text.strip()!r}: use YYYY, YYYY-MM or YYYY-MM-DD — "
            f"تاريخ غير مفهوم: استخدم الصيغة YYYY-MM-DD"
        ) from None


def _after(start: datetime, *, days: int = 0, months: int = 0) -> datetime | None:
    """``start`` moved on by whole days or months; None when that is past 9999-12-31 (the
    ``datetime`` calendar's end: ``to=9999-12-31`` means no end, not an ``OverflowError``)."""
    try:
        if days:
            return start + timedelta(days=days)
        month = start.month - 1 + months
        return start.replace(year=start.year + month // 12, month=month % 12 + 1)
    except (OverflowError, ValueError):
        return None


def union_of_spans(spans: list[DateSpan]) -> list[DateSpan]:
    """The date spans OR-ed together as the fewest spans covering the same days, in order: spans
    that overlap or touch become one (an open end stays open). What a backend spelling a span
    in date keywords needs: 60 overlapping spans typed side by side with OR are one span."""
    low = datetime.min
    ordered = sorted(spans, key=lambda s: s.start or low)
    out: list[DateSpan] = []
    for span in ordered:
        last = out[-1] if out else None
        if last is not None and (last.end is None or (span.start or low) <= last.end):
            end = None if last.end is None or span.end is None else max(last.end, span.end)
            out[-1] = DateSpan(last.start, end, f"{last.text} | {span.text}")
        else:
            out.append(span)
    return out


def parse_date_span(text: str, hijri: bool = False) -> DateSpan | None:
    """``2015-07..2015-08`` (both months included), ``2015-07..``, ``..2015-08``, ``2015-07``;
    with ``hijri``, the same in the Umm al-Qura calendar (``1436-09..1436-10``)."""
    if ".." in text:
        left, _, right = text.partition("..")
    else:
        left = right = text
    start, end = parse_date_bound(left, hijri=hijri), parse_date_bound(right, end=True, hijri=hijri)
    if start is None and end is None:
        return None
    if start is not None and end is not None and start >= end:
        raise reversed_range(text)
    return DateSpan(start, end, text)


def as_date_bound(value: date | datetime | None, end: bool = False) -> datetime | None:
    """A request's ``date_from``/``date_to`` (inclusive days) as datetime bounds (end exclusive)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return _after(value, days=1) if end else value


def as_typed(node: Node) -> Node:
    """``node`` with each plain word of the text fields a phrase of itself, looked for as typed in
    the exact fields: what an exclusion of stop words only (``-في``, ``-لدينا``), which the stemmed
    fields lack, must exclude rather than be dropped."""
    if isinstance(node, Word) and node.field in (None, TITLE, BODY) and not (node.prefix or node.fuzzy):
        return Phrase(node.text, node.field)
    if isinstance(node, Group):
        return replace(node, items=[as_typed(item) for item in node.items])
    return node


def words(node: Node) -> list[Word]:
    """Every positive plain word of the tree (for suggestions)."""
    if isinstance(node, Word):
        return [node]
    if isinstance(node, Group):
        return [w for item in node.items for w in words(item)]
    return []


def fuzzy_distance(text: str, asked: int) -> int:
    """The edit distance a fuzzy word of this length may use, at most ``asked``: none up to 2
    letters, 1 up to 5, 2 beyond (Elasticsearch's ``fuzziness: AUTO``). Within 2 edits of ``ال``
    is every word of up to 4 letters: thousands of terms that share nothing with it. None past
    the longest word the analysis stems (``MAX_WORD_LEN``): no real word, and its spellings
    within 2 edits are looked up by the hundred thousand (a 700-letter word~2: 19 s).

    >>> fuzzy_distance("ال", 2), fuzzy_distance("وزاره", 2), fuzzy_distance("المدارس", 2)
    (0, 1, 2)
    """
    if len(text) > MAX_WORD_LEN:
        return 0
    return min(asked, 0 if len(text) <= 2 else 1 if len(text) <= 5 else 2)
