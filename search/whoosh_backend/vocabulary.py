"""The index's terms per field, as :class:`search.backend.Vocabulary` asks for them."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from whoosh.reading import TermNotFound

from search import edits


def _text(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


class WhooshVocabulary:
    """Terms, document frequencies and postings of a Whoosh reader (or searcher).

    Whoosh answers a field that is not in the schema with ``KeyError`` or ``TermNotFound``; here
    such a field simply has no terms.
    """

    def __init__(self, reader) -> None:
        self._reader = reader

    def doc_frequency(self, field: str, term: str) -> int:
        try:
            return self._reader.doc_frequency(field, term)
        except (KeyError, TermNotFound):
            return 0

    def occurrences(self, fields: tuple[str, ...], term: str) -> int:
        total = 0
        for field in fields:
            try:
                total += int(self._reader.frequency(field, term))
            except (KeyError, TermNotFound):
                pass
        return total

    def expand_prefix(self, field: str, prefix: str) -> Iterator[str]:
        try:
            for term in self._reader.expand_prefix(field, prefix):
                yield _text(term)
        except (KeyError, TermNotFound):
            return

    def prefix_frequencies(self, field: str, prefix: str, limit: int) -> list[tuple[str, int]]:
        """Each segment's first ``limit`` terms with the prefix and their term infos' counts,
        summed: the first ``limit`` of all the segments' are among them."""
        counts: dict[str, int] = {}
        try:
            for reader, _offset in self._reader.leaf_readers():
                for term, info in itertools.islice(reader.iter_prefix(field, prefix), limit):
                    text = _text(term)
                    counts[text] = counts.get(text, 0) + info.doc_frequency()
        except (KeyError, TermNotFound):
            return []
        return sorted(counts.items())[:limit]

    def terms_within(self, field: str, term: str, maxdist: int, prefix: int) -> Iterator[str]:
        """The terms within ``maxdist`` edits of ``term`` sharing its first ``prefix`` letters, as
        :mod:`search.edits` counts them: the automaton's (Levenshtein), then the swaps of the word
        that the field has (a swap is one slip; the automaton counts it two)."""
        seen: set[str] = set()
        found = self._within(field, term, maxdist, prefix)
        tried = (t for t in sorted(edits.swapped(term, maxdist, prefix)) if self.doc_frequency(field, t))
        for text in itertools.chain(found, tried):
            if text not in seen:
                seen.add(text)
                yield text

    def _within(self, field: str, term: str, maxdist: int, prefix: int) -> Iterator[str]:
        """Each segment's own terms within the (Levenshtein) distance, first seen first. Segment by
        segment because Whoosh's multi-segment reader computes the distance to every term sharing
        the prefix (``ال~2``: seconds, with nothing yielded in between); a segment skips through
        its term list with an automaton."""
        try:
            for reader, _offset in self._reader.leaf_readers():
                for found in reader.terms_within(field, term, maxdist, prefix=prefix):
                    yield _text(found)
        except (KeyError, TermNotFound):
            return

    def documents_with(self, field: str, term: str, limit: int) -> list[int]:
        try:
            return list(itertools.islice(self._reader.postings(field, term).all_ids(), limit))
        except (KeyError, TermNotFound):
            return []

