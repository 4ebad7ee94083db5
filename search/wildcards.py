"""Prefix and fuzzy expansions of one request: capped per query, not per word, and under its
deadline.

Why: the probe's ``ال~2``, 60 fuzzy common words or 60 one-letter prefixes each expanded to
thousands of terms (a cap of 64 per word and field still let 60 words take 15,360), and the time
went to finding them, before any deadline was looked at: answers came 3-20 s past the limit. Here
one budget (``Ranking.max_query_expansions`` terms) is shared by every expanding word and field
of the query, so each gets ``min(max_expansions, budget // slots)`` of its most frequent terms;
the terms looked at are bounded as well, and the clock is read before each one: expanding
may use half the search's time (``EXPANSION_SHARE``), the rest is matching's. The typed
form itself, when it is a term, always stays in a fuzzy expansion.

    >>> Expansions(vocab, deadline, Ranking(max_query_expansions=8)).fuzzy("body", "وزاره", 1, 2, slots=4)
    ['وزاره', 'وزارة']
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator

from indexer.schema import BODY, KEYWORD_FIELDS, TITLE
from search.backend import Vocabulary
from search.deadline import Deadline
from search.ranking import Ranking
from search.syntax import ROOT, Group, Node, Not, Word

# Terms looked at (lexical order) per word and field for each one kept, the most frequent of
# them kept; and at most this many in one query (each costs a document-frequency look-up).
SCAN_PER_TERM = 20
SCAN_PER_QUERY = 4096
# Of a search's time, what expanding may use: the rest is left to matching and ranking, so that
# 60 fuzzy words still find something when their expansions would take all of it.
EXPANSION_SHARE = 0.5


class Expansions:
    """The expansions of one request's words (memoised: the scoring, matching and fallback
    compilations of a query share them and its budget)."""

    def __init__(self, vocab: Vocabulary, deadline: Deadline | None, ranking: Ranking) -> None:
        self.vocab = vocab
        self.deadline = deadline
        self.ranking = ranking
        self._memo: dict[tuple, list[str]] = {}

    def cap(self, slots: int) -> int:
        """Terms one word may take in one field when ``slots`` (word, field) pairs expand."""
        share = self.ranking.max_query_expansions // max(1, slots)
        return max(1, min(self.ranking.max_expansions, share))

    def prefix(self, fields: tuple[str, ...], prefix: str, slots: int) -> list[str]:
        """The terms of ``fields`` together (title and body, or their exact twins) starting with
        ``prefix`` that occur most in them: one list a kind of term, whatever the backend (Sphinx's
        dictionary has no terms per field, nor documents per field, but counts occurrences)."""
        key = ("prefix", fields, prefix, slots)
        if key not in self._memo:
            candidates = _merged([self.vocab.expand_prefix(f, prefix) for f in fields])
            self._memo[key] = self._most_frequent(lambda t: self.vocab.occurrences(fields, t), candidates, slots)
        return self._memo[key]

    def fuzzy(self, field: str, text: str, maxdist: int, prefixlength: int, slots: int) -> list[str]:
        key = ("fuzzy", field, text, maxdist, prefixlength, slots)
        if key not in self._memo:
            near = (t for t in self.vocab.terms_within(field, text, maxdist, prefixlength) if t != text)
            found = self._most_frequent(lambda t: self.vocab.doc_frequency(field, t), near, slots,
                                        keep=text if self.vocab.doc_frequency(field, text) else None)
            self._memo[key] = found
        return self._memo[key]

    def _most_frequent(self, frequency: Callable[[str], int], candidates: Iterable[str], slots: int,
                       keep: str | None = None) -> list[str]:
        """``keep`` (if any) and the most frequent of the first candidates (by ``frequency``), up
        to the cap; stops looking once the deadline has passed."""
        kept = [keep] if keep is not None else []
        if self._expired():  # before the first candidate: finding one may scan many terms
            return kept
        cap = self.cap(slots) - (keep is not None)
        scan = max(self.cap(slots), min(SCAN_PER_TERM * self.cap(slots), SCAN_PER_QUERY // max(1, slots)))
        found = []
        for n, term in enumerate(candidates):
            if n >= scan or self._expired():
                break
            found.append((frequency(term), term))
        found.sort(key=lambda x: (-x[0], x[1]))
        return kept + [t for _, t in found[:max(0, cap)]]

    def _expired(self) -> bool:
        """Past ``EXPANSION_SHARE`` of the time: the rest is matching's (the result says it is
        partial)."""
        if self.deadline is None or not self.deadline.share_used(EXPANSION_SHARE):
            return False
        self.deadline.cut_short = True
        return True


def _merged(lists: list[Iterator[str]]) -> Iterator[str]:
    """Sorted term lists as one, each term once (in lexical order)."""
    last = None
    for term in heapq.merge(*lists):
        if term != last:
            last = term
            yield term


def slots(tree: Node) -> int:
    """The budget's slots of a tree: each expanding word's (field, kind of term) pairs as the
    Whoosh backend looks them up — title and body, stems and exact forms: 4; a word limited to
    one of them: 2. Both backends divide the budget by this sum, so they choose the same terms,
    and Whoosh's posting-list look-ups stay within the budget (a prefix's terms are looked for in
    both fields of their kind).

    A word is counted once however often the tree holds it: a partial tier of
    :mod:`search.coordination` holds each free word (the one parsed object) twice, at least k of
    them and not k + 1, and must expand it as the full tier and the total's tree do, or a tier
    lists documents the total does not count (a tier's look-ups are then at most twice the
    budget). A word typed twice is two words, two objects: each is matched, so each takes its
    share."""
    distinct = {id(w): w for w in expanding_words(tree)}.values()
    return sum(2 * sum(1 for f in (TITLE, BODY) if w.field in (None, f)) for w in distinct)


def expanding_words(node: Node) -> list[Word]:
    """The words of a tree that expand (prefix or fuzzy, excluded ones too: they expand as well),
    whose (word, field) pairs a compiler counts as the budget's slots."""
    if isinstance(node, Word):
        expands = (node.prefix or node.fuzzy) and node.field not in KEYWORD_FIELDS and node.field != ROOT
        return [node] if expands else []
    if isinstance(node, Not):
        return expanding_words(node.node)
    if isinstance(node, Group):
        return [w for item in node.items for w in expanding_words(item)]
    return []
