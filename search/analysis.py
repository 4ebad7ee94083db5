"""The query side of the analysis chain: what a typed word is looked up as.

Index and query run the same analyzers (``analyzers.pipeline``), so a backend's compiler asks
here for a word's stems, folded forms and roots rather than calling the analyzers itself.
"""

from __future__ import annotations

from analyzers.pipeline import FIELD_KINDS, analyze, analyzer_for
from indexer.schema import BODY, KEYWORD_FIELDS, TITLE
from search.syntax import DateSpan, Group, Node, Not, Phrase, Word, words

__all__ = ["FIELD_KINDS", "analyze", "paired_terms", "plain_words", "searchable", "terms"]


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
    replace: words of the text fields, not prefixes, fuzzy words or stop words."""
    out = []
    for w in words(tree):
        if w.field not in (None, TITLE, BODY) or w.prefix or w.fuzzy:
            continue
        if terms("text", w.text):
            out.append((w.text, terms("exact", w.text)))
    return out


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
