"""The query side of the analysis chain: what a typed word is looked up as.

Index and query run the same analyzers (``analyzers.pipeline``), so a backend's compiler asks
here for a word's stems, folded forms and roots rather than calling the analyzers itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from analyzers.normalize import TOKEN_PATTERN
from analyzers.pipeline import FIELD_KINDS, analyze, analyzer_for
from indexer.schema import BODY, KEYWORD_FIELDS, TITLE
from search.syntax import DateSpan, Group, Node, Not, Phrase, Word, fuzzy_distance

__all__ = ["FIELD_KINDS", "analyze", "paired_terms", "plain_words", "searchable", "side_by_side", "terms", "typed_side_by_side"]


def terms(kind: str, text: str) -> list[str]:
    """The terms of ``text`` for a field kind: ``text`` (stems), ``exact`` (folded forms) or
    ``roots``; ``terms("text", "الوزارات")`` → ``["وزار"]``."""
    return [t.text for t in analyzer_for(kind)(text, mode="query")]


def paired_terms(text: str) -> list[tuple[str, str | None]]:
    """(stem, exact form) of each word a typed token holds: what a compiler scores it by, the
    stem in the stemmed fields and the exact form in their twins; ``paired_terms("والكتاب")`` →
    ``[("كتاب", "والكتاب")]``. The exact forms are None when stop words inside the token keep
    them from pairing with the stems; ``[]`` for a stop word (it cannot narrow the results)."""
    stems = terms("text", text)
    exacts = terms("exact", text)
    if len(stems) != len(exacts):
        return [(stem, None) for stem in stems]
    return list(zip(stems, exacts, strict=True))


def plain_words(tree: Node) -> list[tuple[str, list[str]]]:
    """(typed word, its folded forms) of each positive plain word a spelling correction may
    replace: words of the text fields, free or inside a phrase, not prefixes, fuzzy words or stop
    words (a slip inside quotes finds nothing at all: «"وزير الخارجبة"»)."""
    out = []
    for typed in _correctable(tree):
        if terms("text", typed):
            out.append((typed, terms("exact", typed)))
    return out


def _correctable(node: Node) -> Iterator[str]:
    """The typed words of the positive plain words and phrases of the text fields, in order."""
    if isinstance(node, Word):
        if node.field in (None, TITLE, BODY) and not node.prefix and not node.fuzzy:
            yield node.text
    elif isinstance(node, Phrase):
        yield from _phrase_words(node)
    elif isinstance(node, Group):
        for item in node.items:
            yield from _correctable(item)


def _phrase_words(phrase: Phrase) -> list[str]:
    """The typed words of a phrase of the text fields (none for another field's, or for a stop
    word the expander narrowed to its exact form)."""
    if phrase.field in (None, TITLE, BODY) and not phrase.stop_word:
        return TOKEN_PATTERN.findall(phrase.text)
    return []


def side_by_side(tree: Node) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """((typed word, folded form), (typed word, folded form)) of each two content words typed next
    to each other: consecutive free words of a group that requires them all, or of a phrase.
    ``side_by_side(parse("مجلس الشورة"))`` → ``[(("مجلس", "مجلس"), ("الشورة", "الشوره"))]``; a stop
    word between them breaks the pair (it stands beside anything, so it vouches for nothing)."""
    pairs = []
    for run in _runs(tree):
        content = [(typed, forms[0]) if len(forms := terms("exact", typed)) == 1 and len(terms("text", typed)) == 1
                   else None for typed in run]
        pairs += [(a, b) for a, b in pairwise(content) if a and b]
    return pairs


def typed_side_by_side(tree: Node) -> list[tuple[str, str]]:
    """Each two words typed next to each other, as typed, stop words and fragments too (a space
    typed inside a word leaves two pieces no word has: «وزا رة»)."""
    return [pair for run in _runs(tree) for pair in pairwise(run)]


def _runs(node: Node) -> Iterator[list[str]]:
    """The typed words written side by side, run by run (a phrase; free words between operators)."""
    if isinstance(node, Phrase):
        yield _phrase_words(node)
    elif isinstance(node, Group):
        run: list[str] = []
        for item in node.items:
            if node.op == "and" and isinstance(item, Word) and item.field is None and not item.prefix and not item.fuzzy:
                run.append(item.text)
                continue
            yield run
            run = []
            yield from _runs(item)
        yield run


def too_short_for_edits(word: Word) -> bool:
    """A fuzzy word whose folded form its length allows no edit (:func:`search.syntax.fuzzy_distance`:
    ``ال~2``, ``ء~``, or longer than any word): both compilers search it as the plain word typed, and the partial tiers
    count it as that word (:mod:`search.coordination`)."""
    forms = terms("exact", word.text)
    return bool(forms) and not fuzzy_distance(forms[-1], word.fuzzy)


def searchable(node: Node) -> bool:
    """Whether the tree has anything to look for: a word or phrase with a term once analysed (a
    stop word counts: the exact fields keep it), a facet value, a date span. ``searchable(parse("؟"))``
    → False, ``searchable(parse("في"))`` → True; a query with nothing to look for must not
    list the whole archive."""
    if isinstance(node, DateSpan):
        return True
    if isinstance(node, Not):
        return searchable(node.node)
    if isinstance(node, Group):
        return any(searchable(item) for item in node.items)
    if isinstance(node, (Word, Phrase)) and node.field in KEYWORD_FIELDS:
        return bool(node.text.strip())
    return bool(terms("exact", node.text))
