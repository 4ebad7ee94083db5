"""The index's terms per field, as :class:`search.backend.Vocabulary` asks for them."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from whoosh.reading import TermNotFound


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

    def expand_prefix(self, field: str, prefix: str) -> Iterator[str]:
        try:
            for term in self._reader.expand_prefix(field, prefix):
                yield _text(term)
        except (KeyError, TermNotFound):
            return

    def terms_within(self, field: str, term: str, maxdist: int, prefix: int) -> Iterator[str]:
        """Each segment's own terms within the distance, first seen first. Segment by segment
        because Whoosh's multi-segment reader computes the distance to every term sharing the
        prefix (``ال~2``: seconds, with nothing yielded in between); a segment skips through
        its term list with an automaton."""
        seen: set[str] = set()
        try:
            for reader, _offset in self._reader.leaf_readers():
                for found in reader.terms_within(field, term, maxdist, prefix=prefix):
                    text = _text(found)
                    if text not in seen:
                        seen.add(text)
                        yield text
        except (KeyError, TermNotFound):
            return

    def documents_with(self, field: str, term: str, limit: int) -> list[int]:
        try:
            return list(itertools.islice(self._reader.postings(field, term).all_ids(), limit))
        except (KeyError, TermNotFound):
            return []
