"""A typed word's spelling in two words, and a typed pair's in one, looked up in the index.

:mod:`analyzers.compounds` says which cuts and joins may be a foreign compound (فيسبوك / فيس بوك,
واتساب / واتس اب); this module asks the index which of them are written, for
:mod:`search.expansion`:

    split_phrases(s, "فيسبوك", 2, 8)   → ["الفيس بوك", "فيس بوك"]: adjacent pairs in ≥ 2 documents
    joined_stem(s, "فيس", "بوك", ...)  → "فيسبوك": the joined word's stem, in ≥ 2 documents

The first part of a pair is looked for with the clitics it is written with (الفيس بوك, بالفيس بوك):
the exact fields, where phrases are matched, keep them.
"""

from __future__ import annotations

from collections.abc import Callable

from analyzers import compounds
from analyzers.stemming import ARTICLE_PREFIXES, BARE_STACKS
from indexer.schema import BODY, BODY_EXACT, TITLE, TITLE_EXACT
from search.analysis import terms
from search.backend import Searcher, Selection
from search.syntax import Group, Phrase

# What the first part of a split may carry in front: nothing, the article and its stacks, a bare
# conjunction or preposition.
CLITIC_STACKS = ("", *ARTICLE_PREFIXES, *BARE_STACKS)


def _docs(s: Searcher, fields: tuple[str, str], term: str) -> int:
    return max(s.doc_frequency(f, term) for f in fields)


def split_phrases(s: Searcher, stem: str, min_docs: int, limit: int) -> list[str]:
    """The phrases (exact forms, space-separated) spelling ``stem`` in two words that the index
    has in at least ``min_docs`` documents between them, the most used first part first, at most
    ``limit``; none when :func:`analyzers.compounds.splits` allows no cut."""
    exact = (BODY_EXACT, TITLE_EXACT)
    found: list[str] = []

    def occurs(first: str, second: str) -> bool:
        if _docs(s, exact, second) < min_docs:
            return False
        forms = sorted((n, p + first) for p in CLITIC_STACKS if (n := _docs(s, exact, p + first)) > 0)
        phrases = [f"{form} {second}" for _n, form in reversed(forms)][:limit]
        if not phrases:
            return False
        query = s.compile(Group("or", [Phrase(p) for p in phrases]), "or")
        if s.count(Selection(query=query)) < min_docs:
            return False
        found.extend(phrases)
        return True

    compounds.splits(stem, occurs)
    return found[:limit]


def joined_stem(s: Searcher, first: str, second: str, occurs: Callable[[int], bool]) -> str | None:
    """The stem of ``first`` and ``second`` (typed words) written as one, when the pair may be a
    compound and ``occurs`` accepts the joined stem's document count (the larger of title and
    body); else None."""
    stems, exacts, seconds = terms("text", first), terms("exact", first), terms("exact", second)
    if len(stems) != 1 or len(exacts) != 1 or len(seconds) != 1 or not terms("text", second):
        return None
    joined = terms("text", exacts[0] + seconds[0])
    if len(joined) != 1:
        return None

    def written(_word: str) -> bool:
        return occurs(_docs(s, (BODY, TITLE), joined[0]))

    return joined[0] if compounds.joined(stems[0], seconds[0], written) else None
