"""Facet values typed in the query language — ``مصدر:الأفق``, ``source:عكاظ`` — read as the stored
values they name.

Facet fields hold whole values (``صحيفة الأفق``, or a slug such as ``okaz``), but people type a
name as they say it: without the paper's ``صحيفة``, with or without hamza and ``ال``, in Arabic
for a slug. A typed value names a stored value when its words, folded as the exact fields fold them
(or stemmed as the text fields are), come in a row in the value's or its label's words
(:mod:`search.labels`): ``الافق`` names ``صحيفة الأفق``, ``عكاظ`` names ``okaz`` (label ``عكاظ``).
A typed value that names nothing is kept as typed, so an exact stored value always matches.
Backend-neutral: it rewrites the query tree before any backend compiles it.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from cachetools import LRUCache

from indexer.schema import KEYWORD_FIELDS
from search.analysis import terms
from search.syntax import Group, Node, Not, Phrase, Word


@dataclass(frozen=True)
class KeywordValue:
    """A stored facet value with the names it can be typed as (its own, its label's), each as
    its folded words (the exact fields' analysis, stop words kept): ``names[i]`` is
    ``texts[i]``'s, and a name that folds to nothing (punctuation) is left out with its text."""

    value: str
    texts: tuple[str, ...]
    names: tuple[tuple[str, ...], ...]


def keyword_value(value: str, label: str | None = None) -> KeywordValue:
    """``keyword_value("okaz", "عكاظ")`` → the value with the folded words of both names."""
    pairs = [(t, w) for t in (value, label) if t and (w := tuple(terms("exact", t)))]
    return KeywordValue(value, tuple(t for t, _w in pairs), tuple(w for _t, w in pairs))


NAMED_KEPT = 1024  # typed values whose named values a field keeps (a query's, then the next's)


@lru_cache(maxsize=4096)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(terms("text", text))


class FieldValues:
    """A facet field's stored values (iterable as :class:`KeywordValue`) and, kept with them for
    the index version they were read from, each value's stems once computed and what each typed
    value named. A short typed value (``كاتب:ال``) is in nearly every author's folded words, so it
    stems nearly every value: 0.23 s for 8,000 authors through a shared cache of 4,096 texts, again
    for each repeat of it in the query (64 repeats held a worker 15 s past its time limit)."""

    def __init__(self, values: Iterable[KeywordValue]) -> None:
        self.values = list(values)
        self._stems: dict[str, tuple[str, ...]] = {}  # at most every value's texts
        self._named: LRUCache[str, list[str]] = LRUCache(maxsize=NAMED_KEPT)
        self._lock = threading.Lock()

    def __iter__(self) -> Iterator[KeywordValue]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)

    def stems(self, text: str) -> tuple[str, ...]:
        found = self._stems.get(text)
        if found is None:
            found = self._stems[text] = tuple(terms("text", text))
        return found

    def named(self, typed: str) -> list[str]:
        with self._lock:
            found = self._named.get(typed)
        if found is None:
            found = named(typed, self.values, self.stems)
            with self._lock:
                self._named[typed] = found
        return list(found)


def _in_a_row(part: Sequence[str], whole: Sequence[str]) -> bool:
    n = len(part)
    return 0 < n <= len(whole) and any(tuple(whole[i:i + n]) == tuple(part) for i in range(len(whole) - n + 1))


def _names_by_stem(stems: tuple[str, ...], v: KeywordValue, stems_of: Callable[[str], tuple[str, ...]]) -> bool:
    # Stemming every value of a facet is slow (8,000 authors: 2 s); a stem is what is left of a
    # folded word once affixes are off, so only a value whose folded words hold the typed stems
    # can be named by them, and only such a value is stemmed.
    if not stems or not all(any(stem in word for name in v.names for word in name) for stem in set(stems)):
        return False
    return any(_in_a_row(stems, stems_of(text)) for text in v.texts)


def named(typed: str, values: Iterable[KeywordValue],
          stems_of: Callable[[str], tuple[str, ...]] = _stems) -> list[str]:
    """The stored values ``typed`` names, in the order given: those it names whole (the same
    folded words) when there are any, else those with its folded or stemmed words in a row in a
    name. ``named("الأفق", [صحيفة الأفق, الوطن اليوم])`` → ``["صحيفة الأفق"]``. ``stems_of``: a
    value's stems (:meth:`FieldValues.stems` keeps them with the values)."""
    exact = tuple(terms("exact", typed))
    values = list(values)
    if len(exact) > max((len(name) for v in values for name in v.names), default=0):
        # more words than any name has: it names none, and each value would be searched for
        # each of its words (600 typed words × 8,000 authors: seconds past the time limit)
        return []
    stems = _stems(typed)
    whole = [v.value for v in values if v.value == typed or exact in v.names]
    if whole:  # اليوم names the paper اليوم, not every paper with اليوم in its name
        return whole
    return [v.value for v in values
            if any(_in_a_row(exact, name) for name in v.names) or _names_by_stem(stems, v, stems_of)]


def resolve(node: Node, values_of: Callable[[str], FieldValues]) -> Node:
    """The tree with each facet-field word or phrase replaced by the stored values it names (one
    value: that value; several: any of them); ``values_of(field)`` gives a field's values, which
    keep what each typed value named."""
    if isinstance(node, Group):
        return dataclasses.replace(node, items=[resolve(item, values_of) for item in node.items])
    if isinstance(node, Not):
        return Not(resolve(node.node, values_of))
    if isinstance(node, (Word, Phrase)) and node.field in KEYWORD_FIELDS:
        found = values_of(node.field).named(node.text)
        if not found or found == [node.text]:
            return node
        alts: list[Node] = [Word(v, node.field) for v in found]
        return alts[0] if len(alts) == 1 else Group("or", alts)
    return node
